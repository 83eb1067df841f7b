using System.Runtime.Versioning;
using System.Text;
using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;

namespace Linkctl.WineInterop;

/// <summary>
/// Runs each <see cref="IWindowsApi"/> call once on a fresh folder and prints one line per
/// call: "name: code NAME detail". Exit code 0 when every call returned (whatever it
/// answered), 1 when one threw: a throw means a declaration is wrong or an entry point is
/// not handled.
/// </summary>
[SupportedOSPlatform("windows")]
public static class Program
{
    private static readonly WindowsApi Api = new();
    private static int thrown;

    public static int Main(string[] args)
    {
        if (!OperatingSystem.IsWindows())
        {
            Console.Error.WriteLine("Run the win-x64 build on Windows or under Wine.");
            return 2;
        }

        var parent = args.Length > 0 ? args[0] : Path.GetTempPath();
        var root = Path.Combine(Path.GetFullPath(parent), "linkctl-wineinterop-" + Guid.NewGuid().ToString("N")[..8]);
        Console.WriteLine($"folder: {root}");
        Console.WriteLine($"OsBuild: {Call(() => Api.OsBuild)}");

        Report("CreateDirectory(root)", () => Api.CreateDirectory(root));
        Report("CreateDirectory(root) again", () => Api.CreateDirectory(root));

        var target = Path.Combine(root, "target.txt");
        File.WriteAllText(target, "linkctl");
        var targetDir = Path.Combine(root, "targetdir");
        Report("CreateDirectory(targetdir)", () => Api.CreateDirectory(targetDir));

        // Symbolic links: check what exists afterwards, since Wine is said to answer TRUE and make nothing.
        var fileLink = Path.Combine(root, "file-symlink");
        Report("CreateSymbolicLink(file-symlink -> target.txt, unprivileged)", () => Api.CreateSymbolicLink(fileLink, "target.txt", SymbolicLinkFlags.AllowUnprivilegedCreate));
        ReportAttributes("GetAttributes(file-symlink)", fileLink);
        var dirLink = Path.Combine(root, "dir-symlink");
        Report("CreateSymbolicLink(dir-symlink -> targetdir, directory)", () => Api.CreateSymbolicLink(dirLink, targetDir, SymbolicLinkFlags.Directory));
        ReportAttributes("GetAttributes(dir-symlink)", dirLink);
        Report("CreateSymbolicLink(missing-folder\\x -> target.txt)", () => Api.CreateSymbolicLink(Path.Combine(root, "missing-folder", "x"), "target.txt", SymbolicLinkFlags.None));

        // Hard links.
        var hard = Path.Combine(root, "hard.txt");
        Report("CreateHardLink(hard.txt -> target.txt)", () => Api.CreateHardLink(hard, target));
        Report("CreateHardLink(hard.txt -> target.txt) again", () => Api.CreateHardLink(hard, target));
        Report("CreateHardLink(x -> missing.txt)", () => Api.CreateHardLink(Path.Combine(root, "x"), Path.Combine(root, "missing.txt")));
        ReportFileInformation("GetFileInformation(target.txt, follow)", target, true);
        ReportFileInformation("GetFileInformation(hard.txt, no follow)", hard, false);
        ReportFileInformation("GetFileInformation(targetdir, no follow)", targetDir, false);
        ReportFileInformation("GetFileInformation(missing.txt)", Path.Combine(root, "missing.txt"), false);
        ReportNames("FindFileNames(target.txt)", target);
        ReportFileId("GetFileIdInfo(target.txt, no follow)", target, false);
        ReportFileId("GetFileIdInfo(hard.txt, no follow)", hard, false);
        ReportFileId("GetFileIdInfo(targetdir, follow)", targetDir, true);
        ReportFileId("GetFileIdInfo(missing.txt)", Path.Combine(root, "missing.txt"), false);
        ReportListing("ListDirectory(root)", root);
        ReportListing("ListDirectory(target.txt)", target);
        ReportListing("ListDirectory(missing)", Path.Combine(root, "missing"));
        ReportIndex(Path.GetPathRoot(root)!);

        // Junction: an empty folder given a mount-point reparse buffer.
        var junction = Path.Combine(root, "junction");
        Report("CreateDirectory(junction)", () => Api.CreateDirectory(junction));
        Report("SetReparseData(junction, mount point -> targetdir)", () => Api.SetReparseData(junction, MountPointBuffer(targetDir)));
        ReportAttributes("GetAttributes(junction)", junction);
        ReportReparseData("GetReparseData(junction)", junction);
        ReportReparseData("GetReparseData(target.txt)", target);
        ReportReparseData("GetReparseData(missing.txt)", Path.Combine(root, "missing.txt"));

        // Attributes of plain entries, a root, a wildcard and a long path.
        ReportAttributes("GetAttributes(target.txt)", target);
        ReportAttributes("GetAttributes(targetdir\\)", targetDir + "\\");
        ReportAttributes("GetAttributes(missing.txt)", Path.Combine(root, "missing.txt"));
        ReportAttributes($"GetAttributes({Path.GetPathRoot(root)})", Path.GetPathRoot(root)!);
        ReportAttributes("GetAttributes(t*.txt)", Path.Combine(root, "t*.txt"));
        var longDir = root;
        for (var i = 0; longDir.Length < 300; i++)
        {
            longDir = Path.Combine(longDir, "long-folder-name-" + i.ToString("D2") + new string('x', 20));
            var made = longDir;
            Report($"CreateDirectory(long, {made.Length} chars)", () => Api.CreateDirectory(made));
        }

        // 248..259 characters: too long for CreateDirectoryW without \\?\, short enough for the rest.
        var between = Path.Combine(root, new string('m', 252 - root.Length - 1));
        Report($"CreateDirectory({between.Length} chars)", () => Api.CreateDirectory(between));
        Report($"RemoveDirectory({between.Length} chars)", () => Api.RemoveDirectory(between));
        ReportAttributes($"GetAttributes(long, {longDir.Length} chars)", longDir);
        Console.WriteLine($"ToOsPath(long): {Call(() => Linkctl.Paths.PathSyntax.Windows.ToOsPath(longDir))}");

        // Final paths and volumes.
        ReportFinalPath("GetFinalPath(hard.txt)", hard);
        ReportFinalPath("GetFinalPath(junction)", junction);
        ReportFinalPath("GetFinalPath(missing.txt)", Path.Combine(root, "missing.txt"));
        ReportVolume("GetVolumeInformation(root)", root);
        ReportVolume("GetVolumeInformation(Z:\\tmp)", @"Z:\tmp");
        ReportVolume("GetVolumeInformation(Q:\\nothing)", @"Q:\nothing");
        ReportVolume("GetVolumeInformation(root\\not-yet)", Path.Combine(root, "not-yet", "deeper"));

        // The handle-based calls: existence from an open handle, attributes from an open handle.
        ReportTarget("OpenTarget(hard.txt)", hard);
        ReportTarget("OpenTarget(targetdir)", targetDir);
        ReportTarget("OpenTarget(missing.txt)", Path.Combine(root, "missing.txt"));
        ReportHandleAttributes("GetAttributesByHandle(target.txt)", target);
        ReportHandleAttributes("GetAttributesByHandle(targetdir)", targetDir);
        ReportHandleAttributes("GetAttributesByHandle(missing.txt)", Path.Combine(root, "missing.txt"));
        Console.WriteLine($"DeleteVolumeMountPoint(targetdir, not a mounted folder): {Call(() => Api.DeleteVolumeMountPoint(targetDir).ToString())}");

        // Pinned-folder calls (issue 9): a folder handle, names opened relative to it, delete and rename by handle.
        ReportPinned(root);

        // Rename, copy, delete.
        var moved = Path.Combine(root, "moved.txt");
        Report("MoveFile(hard.txt -> moved.txt)", () => Api.MoveFile(hard, moved, false));
        var copy = Path.Combine(root, "copy.txt");
        Report("CopyFile(target.txt -> copy.txt)", () => Api.CopyFile(target, copy));
        Report("CopyFile(target.txt -> copy.txt) again", () => Api.CopyFile(target, copy));
        Report("MoveFile(copy.txt -> moved.txt, no replace)", () => Api.MoveFile(copy, moved, false));
        Report("MoveFile(copy.txt -> moved.txt, replace)", () => Api.MoveFile(copy, moved, true));
        Report("DeleteFile(moved.txt)", () => Api.DeleteFile(moved));
        Report("DeleteFile(moved.txt) again", () => Api.DeleteFile(moved));
        Report("DeleteFile(targetdir)", () => Api.DeleteFile(targetDir));
        Report("RemoveDirectory(root, not empty)", () => Api.RemoveDirectory(root));
        Report("RemoveDirectory(junction)", () => Api.RemoveDirectory(junction));
        Report("RemoveDirectory(targetdir)", () => Api.RemoveDirectory(targetDir));

        // Clean up only what this run made.
        for (var dir = longDir; dir.Length > root.Length; dir = Path.GetDirectoryName(dir)!)
        {
            Api.RemoveDirectory(dir);
        }

        Api.DeleteFile(target);
        Api.DeleteFile(fileLink);
        Api.RemoveDirectory(dirLink);
        Report("RemoveDirectory(root) at the end", () => Api.RemoveDirectory(root));

        // Entries made outside (e.g. Unix symbolic links under Z:\), described as Wine sees them.
        foreach (var extra in args.Skip(1))
        {
            ReportAttributes($"GetAttributes({extra})", extra);
            ReportReparseData($"GetReparseData({extra})", extra);
            ReportFileInformation($"GetFileInformation({extra}, no follow)", extra, false);
            ReportFinalPath($"GetFinalPath({extra})", extra);
        }

        Console.WriteLine(thrown == 0 ? "done: no call threw" : $"done: {thrown} call(s) threw");
        return thrown == 0 ? 0 : 1;
    }

    private static string Code(int code) => code == 0 ? "0 ERROR_SUCCESS" : $"{code} {Win32ErrorNames.NameOf(code)}";

    private static string Result<T>(OsResult<T> result, Func<T, string>? show = null) =>
        result.Succeeded ? "0 success" + (show is null ? string.Empty : " " + show(result.Value)) : result.Error.ToString();

    private static string Result(OsResult result) => result.Succeeded ? "0 success" : result.Error.ToString();

    private static void ReportPinned(string root)
    {
        var opened = Safe(() => Api.OpenFolder(root));
        Console.WriteLine($"OpenFolder(root): {Result(opened)}");
        if (!opened.TryGetValue(out var folder))
        {
            return;
        }

        using (folder)
        {
            File.WriteAllText(Path.Combine(root, "pin-a.txt"), "a");
            File.WriteAllText(Path.Combine(root, "pin-b.txt"), "b");
            Console.WriteLine($"OpenFolder(target.txt): {Result(Safe(() => Api.OpenFolder(Path.Combine(root, "target.txt"))))}");
            Console.WriteLine($"OpenRelative(missing): {Result(Safe(() => Api.OpenRelative(folder, "missing", new WindowsOpenRequest(WindowsAccess.ReadAttributes))))}");
            Console.WriteLine($"OpenRelative(target.txt, directory only): {Result(Safe(() => Api.OpenRelative(folder, "target.txt", new WindowsOpenRequest(WindowsAccess.ReadAttributes, DirectoryOnly: true))))}");
            var child = Safe(() => Api.OpenRelative(folder, "targetdir", new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, DirectoryOnly: true)));
            Console.WriteLine($"OpenRelative(targetdir, directory only): {Result(child)}");
            if (child.TryGetValue(out var sub))
            {
                Console.WriteLine($"GetFinalPath(targetdir handle): {Result(Safe(() => Api.GetFinalPath(sub)), p => p)}");
                sub.Dispose();
            }

            var entry = Safe(() => Api.OpenRelative(folder, "pin-a.txt", new WindowsOpenRequest(WindowsAccess.ReadAttributes | WindowsAccess.Delete, ShareDelete: false)));
            Console.WriteLine($"OpenRelative(pin-a.txt, delete, no share-delete): {Result(entry)}");
            if (entry.TryGetValue(out var a))
            {
                using (a)
                {
                    Console.WriteLine($"GetAttributeTag(pin-a.txt): {Result(Safe(() => Api.GetAttributeTag(a)), v => $"attributes={v.Attributes} tag=0x{v.ReparseTag:X8}")}");
                    Console.WriteLine($"GetFileId(pin-a.txt): {Result(Safe(() => Api.GetFileId(a)), v => $"serial=0x{v.VolumeSerialNumber:X16} id=0x{v.FileId:X32}")}");
                    Console.WriteLine($"GetInformation(pin-a.txt): {Result(Safe(() => Api.GetInformation(a)), v => $"index=0x{v.FileIndex:X16} links={v.NumberOfLinks}")}");
                    Console.WriteLine($"GetReparseData(pin-a.txt handle): {Result(Safe(() => Api.GetReparseData(a)), v => $"{v.Length} bytes")}");
                    Console.WriteLine($"MoveFile(pin-a.txt -> pin-z.txt) while held: {Call(() => Code(Api.MoveFile(Path.Combine(root, "pin-a.txt"), Path.Combine(root, "pin-z.txt"), false)))}");
                    Console.WriteLine($"Rename(pin-a.txt -> pin-b.txt, posix, no replace): {Result(Safe(() => Api.Rename(a, folder, "pin-b.txt", replaceIfExists: false, posixSemantics: true)))}");
                    Console.WriteLine($"Rename(pin-a.txt -> pin-c.txt, posix): {Result(Safe(() => Api.Rename(a, folder, "pin-c.txt", replaceIfExists: false, posixSemantics: true)))}");
                    Console.WriteLine($"Rename(pin-c.txt -> pin-d.txt, classic): {Result(Safe(() => Api.Rename(a, folder, "pin-d.txt", replaceIfExists: false, posixSemantics: false)))}");
                    Console.WriteLine($"SetDisposition(pin-d.txt, posix): {Result(Safe(() => Api.SetDisposition(a, posixSemantics: true)))}");
                }

                Console.WriteLine($"after close: pin-a.txt {File.Exists(Path.Combine(root, "pin-a.txt"))}, pin-c.txt {File.Exists(Path.Combine(root, "pin-c.txt"))}, pin-d.txt {File.Exists(Path.Combine(root, "pin-d.txt"))}");
            }

            var b = Safe(() => Api.OpenRelative(folder, "pin-b.txt", new WindowsOpenRequest(WindowsAccess.ReadAttributes | WindowsAccess.Delete)));
            if (b.TryGetValue(out var bHandle))
            {
                using (bHandle)
                {
                    Console.WriteLine($"SetDisposition(pin-b.txt, classic): {Result(Safe(() => Api.SetDisposition(bHandle, posixSemantics: false)))}");
                }

                Console.WriteLine($"after close: pin-b.txt {File.Exists(Path.Combine(root, "pin-b.txt"))}");
            }

            var made = Safe(() => Api.OpenRelative(folder, "pin-new", new WindowsOpenRequest(WindowsAccess.ReadAttributes | WindowsAccess.WriteAttributes | WindowsAccess.WriteData | WindowsAccess.Delete, Create: WindowsCreate.NewDirectory)));
            Console.WriteLine($"OpenRelative(pin-new, new folder): {Result(made)}");
            Console.WriteLine($"OpenRelative(pin-new, new folder) again: {Result(Safe(() => Api.OpenRelative(folder, "pin-new", new WindowsOpenRequest(WindowsAccess.ReadAttributes, Create: WindowsCreate.NewDirectory))))}");
            if (made.TryGetValue(out var newFolder))
            {
                using (newFolder)
                {
                    Console.WriteLine($"SetReparseData(pin-new handle, mount point): {Result(Safe(() => Api.SetReparseData(newFolder, MountPointBuffer(Path.Combine(root, "targetdir")))))}");
                    Console.WriteLine($"SetDisposition(pin-new, posix): {Result(Safe(() => Api.SetDisposition(newFolder, posixSemantics: true)))}");
                }
            }

            ReportFilesByHandle(root, folder);
            Console.WriteLine($"ListNames(root handle): {Result(Safe(() => Api.ListNames(folder)), n => string.Join(",", n.Order(StringComparer.OrdinalIgnoreCase)))}");
        }

        foreach (var name in new[] { "pin-file.txt", "pin-new.txt", "pin-made.txt" })
        {
            Api.DeleteFile(Path.Combine(root, name));
        }
    }

    /// <summary>Files read and written by handle relative to a pin (issue 12: git stubs on Windows): the "file" lines.</summary>
    private static void ReportFilesByHandle(string root, IWindowsHandle folder)
    {
        var path = Path.Combine(root, "pin-file.txt");
        File.WriteAllText(path, "0123456789");
        var opened = Safe(() => Api.OpenRelative(folder, "pin-file.txt", new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, FileOnly: true)));
        Console.WriteLine($"file: OpenRelative(pin-file.txt, file only, read data): {Result(opened)}");
        if (opened.TryGetValue(out var file))
        {
            using (file)
            {
                var buffer = new byte[16];
                Console.WriteLine($"file: GetFileSize(pin-file.txt): {Result(Safe(() => Api.GetFileSize(file)), v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                Console.WriteLine($"file: ReadFile(4 bytes): {Result(Safe(() => Api.ReadFile(file, buffer.AsSpan(0, 4))), n => $"{n} '{Encoding.ASCII.GetString(buffer, 0, n)}'")}");
                Console.WriteLine($"file: ReadFile(rest): {Result(Safe(() => Api.ReadFile(file, buffer)), n => $"{n} '{Encoding.ASCII.GetString(buffer, 0, n)}'")}");
                Console.WriteLine($"file: ReadFile(at the end): {Result(Safe(() => Api.ReadFile(file, buffer)), n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                Console.WriteLine($"file: WriteFile(read-only handle): {Result(Safe(() => Api.WriteFile(file, "x"u8)), n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }

        Console.WriteLine($"file: OpenRelative(targetdir, file only): {Result(Safe(() => Api.OpenRelative(folder, "targetdir", new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, FileOnly: true))))}");
        Console.WriteLine($"file: OpenRelative(pin-file.txt, directory only): {Result(Safe(() => Api.OpenRelative(folder, "pin-file.txt", new WindowsOpenRequest(WindowsAccess.ReadAttributes, DirectoryOnly: true))))}");

        var made = Safe(() => Api.OpenRelative(folder, "pin-new.txt", new WindowsOpenRequest(WindowsAccess.GenericWriteFile | WindowsAccess.ReadAttributes | WindowsAccess.Delete, Create: WindowsCreate.NewFile, ShareDelete: false)));
        Console.WriteLine($"file: OpenRelative(pin-new.txt, new file, generic write): {Result(made)}");
        if (made.TryGetValue(out var newFile))
        {
            using (newFile)
            {
                Console.WriteLine($"file: WriteFile(pin-new.txt, 'stub'): {Result(Safe(() => Api.WriteFile(newFile, "stub"u8)), n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
                Console.WriteLine($"file: FlushFileBuffers(pin-new.txt): {Result(Safe(() => Api.FlushFileBuffers(newFile)))}");
            }

            Console.WriteLine($"file: after close pin-new.txt holds '{File.ReadAllText(Path.Combine(root, "pin-new.txt"))}'");
        }

        Console.WriteLine($"file: OpenRelative(pin-new.txt, new file) again: {Result(Safe(() => Api.OpenRelative(folder, "pin-new.txt", new WindowsOpenRequest(WindowsAccess.WriteData, Create: WindowsCreate.NewFile))))}");

        var held = Safe(() => Api.OpenRelative(folder, "pin-file.txt", new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes | WindowsAccess.Delete, FileOnly: true, ShareDelete: false, ShareWrite: false)));
        Console.WriteLine($"file: OpenRelative(pin-file.txt, delete, share read only): {Result(held)}");
        if (held.TryGetValue(out var exclusive))
        {
            using (exclusive)
            {
                Console.WriteLine($"file: open pin-file.txt for writing by path while held: {Call(() =>
                {
                    try
                    {
                        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                        return "opened (not refused)";
                    }
                    catch (IOException e)
                    {
                        return $"refused 0x{e.HResult:X8} {e.GetType().Name}";
                    }
                })}");
                Console.WriteLine($"file: open pin-file.txt for reading by path while held: {Call(() =>
                {
                    try
                    {
                        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                        return "opened";
                    }
                    catch (IOException e)
                    {
                        return $"refused 0x{e.HResult:X8} {e.GetType().Name}";
                    }
                })}");
            }
        }

        using var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        Console.WriteLine($"file: OpenRelative(pin-file.txt, share read only) while another handle writes: {Result(Safe(() => Api.OpenRelative(folder, "pin-file.txt", new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, FileOnly: true, ShareWrite: false))))}");
        writer.Dispose();

        // The pinned folder's own file calls (what repair --git-stubs uses).
        var pinned = new WindowsLinkSystem(Api).PinFolder(root);
        if (pinned.TryGetValue(out var pin))
        {
            using (pin)
            {
                var content = pin.ReadFile("pin-file.txt", 100);
                Console.WriteLine($"file: pin.ReadFile(pin-file.txt): {(content.TryGetValue(out var c) ? $"size={c.Size} '{Encoding.ASCII.GetString(c.Bytes)}'" : $"{content.Problem} {content.Error}")}");
                var folderRead = pin.ReadFile("targetdir", 100);
                Console.WriteLine($"file: pin.ReadFile(targetdir): {(folderRead.Succeeded ? "read (wrong)" : $"{folderRead.Problem} {folderRead.Error}")}");
                Console.WriteLine($"file: pin.CreateFile(pin-made.txt): {Result(Safe(() => pin.CreateFile("pin-made.txt", "made"u8)))}");
                Console.WriteLine($"file: pin.CreateFile(pin-made.txt) again: {Result(Safe(() => pin.CreateFile("pin-made.txt", "again"u8)))}; holds '{File.ReadAllText(Path.Combine(root, "pin-made.txt"))}'");
            }
        }
        else
        {
            Console.WriteLine($"file: PinFolder(root): {pinned.Problem} {pinned.Error}");
        }
    }

    private static void Report(string name, Func<int> call) => Console.WriteLine($"{name}: {Call(() => Code(call()))}");

    private static void ReportAttributes(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetAttributes(path, out var attributes, out var tag);
        return code != 0 ? Code(code) : $"{Code(code)} attributes={attributes} (0x{(uint)attributes:X}) tag=0x{tag:X8}";
    })}");

    private static void ReportFileInformation(string name, string path, bool follow) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetFileInformation(path, follow, out var info);
        return code != 0 ? Code(code) : $"{Code(code)} attributes={info.Attributes} serial=0x{info.VolumeSerialNumber:X8} index=0x{info.FileIndex:X16} links={info.NumberOfLinks}";
    })}");

    private static void ReportReparseData(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetReparseData(path, out var buffer);
        return code != 0 ? Code(code) : $"{Code(code)} {buffer.Length} bytes tag=0x{BitConverter.ToUInt32(buffer, 0):X8} hex={Convert.ToHexString(buffer)}";
    })}");

    private static void ReportFinalPath(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetFinalPath(path, out var finalPath);
        return code != 0 ? Code(code) : $"{Code(code)} {finalPath}";
    })}");

    private static void ReportVolume(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetVolumeInformation(path, out var v);
        if (code != 0)
        {
            return Code(code);
        }

        var reparse = (v.FileSystemFlags & WindowsVolumeInformation.FileSupportsReparsePoints) != 0;
        var hardLinks = (v.FileSystemFlags & WindowsVolumeInformation.FileSupportsHardLinks) != 0;
        return $"{Code(code)} volume={v.VolumePath} fs={v.FileSystemName} flags=0x{v.FileSystemFlags:X8} reparse_points={reparse} hard_links={hardLinks} serial=0x{v.SerialNumber:X8} drive={v.DriveType}";
    })}");

    private static void ReportTarget(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var opened = Api.OpenTarget(path);
        if (!opened.Succeeded)
        {
            return opened.Error.ToString();
        }

        var t = opened.Value;
        return $"0 ERROR_SUCCESS attributes={t.Attributes} tag=0x{t.ReparseTag:X8} final={t.FinalPath ?? $"(none: {Code(t.FinalPathError)})"} serial=0x{t.Information?.VolumeSerialNumber:X8}";
    })}");

    private static void ReportHandleAttributes(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var read = Api.GetAttributesByHandle(path);
        return read.Succeeded ? $"0 ERROR_SUCCESS attributes={read.Value.Attributes} tag=0x{read.Value.ReparseTag:X8}" : read.Error.ToString();
    })}");

    private static void ReportFileId(string name, string path, bool follow) => Console.WriteLine($"{name}: {Call(() =>
    {
        var code = Api.GetFileIdInfo(path, follow, out var id);
        return code != 0 ? Code(code) : $"{Code(code)} serial=0x{id.VolumeSerialNumber:X16} id=0x{id.FileId:X32}";
    })}");

    private static void ReportListing(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var entries = new List<WindowsDirectoryEntry>();
        var code = Api.ListDirectory(path, entries);
        return $"{Code(code)} {entries.Count} entries: {string.Join(" | ", entries.Select(e => $"{e.Name} 0x{(uint)e.Attributes:X} tag=0x{e.ReparseTag:X8}"))}";
    })}");

    private static void ReportIndex(string volumeRoot) => Console.WriteLine($"OpenReparseIndex({volumeRoot}): {Call(() =>
    {
        var code = Api.OpenReparseIndex(volumeRoot, out var index);
        using (index)
        {
            if (code != 0 || index is null)
            {
                return Code(code);
            }

            var batch = new List<ReparseIndexEntry>();
            var read = index.ReadEntries(batch);
            return $"{Code(code)}; ReadEntries: {Code(read)} {batch.Count} entries";
        }
    })}");

    private static void ReportNames(string name, string path) => Console.WriteLine($"{name}: {Call(() =>
    {
        var names = Api.FindFileNames(path);
        return names.TryGetValue(out var list) ? $"{list.Count} name(s): {string.Join(" | ", list)}" : $"not available: {names}";
    })}");

    private static OsResult<T> Safe<T>(Func<OsResult<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            thrown++;
            Console.WriteLine($"THREW {e.GetType().Name}: {e.Message}");
            return OsResult<T>.Failed(OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
    }

    private static OsResult Safe(Func<OsResult> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            thrown++;
            Console.WriteLine($"THREW {e.GetType().Name}: {e.Message}");
            return OsResult.Failed(OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
    }

    private static string Call<T>(Func<T> call)
    {
        try
        {
            return call()?.ToString() ?? "null";
        }
        catch (Exception e)
        {
            thrown++;
            return $"THREW {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>
    /// A mount-point REPARSE_DATA_BUFFER made by hand (docs/windows-facts.md), so this probe does
    /// not wait for the codec; the product uses ReparseBufferCodec.EncodeMountPoint.
    /// </summary>
    private static byte[] MountPointBuffer(string targetFullPath)
    {
        var substitute = Encoding.Unicode.GetBytes(@"\??\" + targetFullPath);
        var print = Encoding.Unicode.GetBytes(targetFullPath);
        var pathBuffer = substitute.Length + 2 + print.Length + 2;
        var buffer = new byte[16 + pathBuffer];
        BitConverter.TryWriteBytes(buffer.AsSpan(0), 0xA0000003u);
        BitConverter.TryWriteBytes(buffer.AsSpan(4), (ushort)(8 + pathBuffer));
        BitConverter.TryWriteBytes(buffer.AsSpan(8), (ushort)0);
        BitConverter.TryWriteBytes(buffer.AsSpan(10), (ushort)substitute.Length);
        BitConverter.TryWriteBytes(buffer.AsSpan(12), (ushort)(substitute.Length + 2));
        BitConverter.TryWriteBytes(buffer.AsSpan(14), (ushort)print.Length);
        substitute.CopyTo(buffer, 16);
        print.CopyTo(buffer, 16 + substitute.Length + 2);
        return buffer;
    }
}
