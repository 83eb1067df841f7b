using Linkctl.Errors;
using Linkctl.Platform.Windows;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Simulation;

// The handle-relative calls (IWindowsApi.Handles.cs): a handle holds a node (an MFT record), not a
// path, so what it acts on is the object that was opened, whatever names change meanwhile. Sources:
// Learn, NtCreateFile (OBJECT_ATTRIBUTES.RootDirectory: ObjectName is relative to that folder;
// FILE_OPEN_REPARSE_POINT opens the reparse point itself), CreateFileW (dwShareMode: without
// FILE_SHARE_DELETE "no process can open the file or device if it requests delete access"),
// FILE_DISPOSITION_INFO_EX / FILE_RENAME_INFO; Wine's dlls/ntdll/tests/file.c (test_file_disposition_information,
// test_file_rename_information: run on Windows) for the answers to an existing name and to a folder.
internal sealed partial class SimulatedWindows
{
    /// <summary>The first build with FileDispositionInfoEx and FileRenameInfoEx (Windows 10 1607, RS1: mingw-w64 winbase.h guards both with _WIN32_WINNT_WIN10_RS1; Rust std says the same).</summary>
    public const int PosixSemanticsMinimumBuild = 14393;

    private readonly List<SimulatedHandle> _openHandles = [];

    /// <summary>Every SetDisposition/Rename by handle, in order: "disposition posix", "disposition", "rename posix", "rename".</summary>
    public List<string> HandleCalls { get; } = [];

    /// <summary>
    /// Asked before every handle-relative call with its name ("OpenRelative", "SetDisposition",
    /// "Rename", ...): a test does the racer's step there, at the exact moment, with the path calls.
    /// </summary>
    public Action<string>? BeforeHandleCall { get; set; }

    /// <summary>How many handles are open now (a test checks that every pin and entry handle was closed).</summary>
    public int OpenHandleCount => _openHandles.Count;

    public OsResult<IWindowsHandle> OpenFolder(string path)
    {
        BeforeHandleCall?.Invoke(nameof(OpenFolder));
        var error = Resolve(path, followFinal: true, out var at);
        if (error == 0 && at.Node is null)
        {
            error = Win32.FileNotFound;
        }

        if (error == 0 && at.Node!.OpenError != 0)
        {
            error = at.Node.OpenError;
        }

        if (error == 0 && at.Node is not SimulatedDirectory)
        {
            error = Win32.DirectoryInvalid;
        }

        return error != 0
            ? OsResult<IWindowsHandle>.Failed(OsError.Win32(error))
            : OsResult<IWindowsHandle>.Of(Open(at.Volume, at.Node!, at.Parent, at.Name, new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes)));
    }

    public OsResult<IWindowsHandle> OpenRelative(IWindowsHandle folder, string name, WindowsOpenRequest request)
    {
        BeforeHandleCall?.Invoke(nameof(OpenRelative));
        var held = Held(folder);
        if (held.Node is not SimulatedDirectory directory || directory.ReparseData is not null)
        {
            return Fail<IWindowsHandle>(Win32.DirectoryInvalid);
        }

        if (name.Length == 0 || name.IndexOfAny(InvalidNameCharacters) >= 0 || name.Contains('\\') || name.Contains('/') || name.Any(char.IsControl))
        {
            return Fail<IWindowsHandle>(Win32.InvalidName);
        }

        if (!directory.TryGet(name, out var stored, out var node))
        {
            if (request.Create == WindowsCreate.OpenExisting)
            {
                return Fail<IWindowsHandle>(Win32.FileNotFound);
            }

            if (held.Volume.Facts.IsReadOnly)
            {
                return Fail<IWindowsHandle>(Win32.WriteProtect);
            }

            SimulatedNode made = request.Create == WindowsCreate.NewDirectory ? NewDirectory() : NewFile([]);
            directory.Add(name, made);
            return OsResult<IWindowsHandle>.Of(Open(held.Volume, made, directory, name, request));
        }

        if (request.Create != WindowsCreate.OpenExisting)
        {
            // STATUS_OBJECT_NAME_COLLISION, which RtlNtStatusToDosError makes ERROR_ALREADY_EXISTS.
            return Fail<IWindowsHandle>(Win32.AlreadyExists);
        }

        var volume = held.Volume;
        SimulatedDirectory? parent = directory;
        if (request.FollowLinks && node.ReparseData is not null)
        {
            // Followed as the I/O manager does: the link's target is resolved from the folder the
            // link is in (its current full path), like any path open.
            if (PathOfNode(held.Volume, directory) is not { } folderPath)
            {
                return Fail<IWindowsHandle>(Win32.FileNotFound);
            }

            var error = Resolve(folderPath + @"\" + stored, followFinal: true, out var at);
            if (error == 0 && at.Node is null)
            {
                error = Win32.FileNotFound;
            }

            if (error != 0)
            {
                return Fail<IWindowsHandle>(error);
            }

            (volume, node, parent, stored) = (at.Volume, at.Node!, at.Parent, at.Name);
        }

        if (node.OpenError != 0)
        {
            return Fail<IWindowsHandle>(node.OpenError);
        }

        if (_openHandles.Any(h => ReferenceEquals(h.Node, node) && h.PendingDelete))
        {
            // STATUS_DELETE_PENDING, which Win32 reports as ERROR_ACCESS_DENIED.
            return Fail<IWindowsHandle>(Win32.AccessDenied);
        }

        if (request.DirectoryOnly && node is not SimulatedDirectory)
        {
            return Fail<IWindowsHandle>(Win32.DirectoryInvalid);
        }

        if (request.FileOnly && node is SimulatedDirectory)
        {
            // FILE_NON_DIRECTORY_FILE on a folder (a folder reparse point opened itself too): STATUS_FILE_IS_A_DIRECTORY
            // (Learn, NtCreateFile, CreateOptions), which RtlNtStatusToDosError makes ERROR_ACCESS_DENIED
            // (Wine dlls/ntdll/error.c table; seen under Wine 8 with tests/WineInterop "file-only-folder").
            return Fail<IWindowsHandle>(Win32.AccessDenied);
        }

        if (SharingConflict(node, request))
        {
            return Fail<IWindowsHandle>(Win32.SharingViolation);
        }

        return OsResult<IWindowsHandle>.Of(Open(volume, node, parent, stored, request));
    }

    public OsResult<WindowsEntryAttributes> GetAttributeTag(IWindowsHandle handle)
    {
        var held = Held(handle);
        return OsResult<WindowsEntryAttributes>.Of(new WindowsEntryAttributes(held.Node.Attributes, held.Node.ReparseTag));
    }

    public OsResult<WindowsFileId> GetFileId(IWindowsHandle handle)
    {
        var held = Held(handle);
        return OsResult<WindowsFileId>.Of(new WindowsFileId(held.Volume.Facts.SerialNumber, FileIdOf(held.Volume, held.Node)));
    }

    public OsResult<WindowsFileInformation> GetInformation(IWindowsHandle handle)
    {
        var held = Held(handle);
        return OsResult<WindowsFileInformation>.Of(new WindowsFileInformation(held.Node.Attributes, held.Volume.Facts.SerialNumber, FileIndexOf(held.Volume, held.Node), held.Node.NumberOfLinks, held.Node is SimulatedFile file ? (ulong)file.Content.Length : 0));
    }

    public OsResult<byte[]> GetReparseData(IWindowsHandle handle)
    {
        var held = Held(handle);
        return held.Node.ReparseData is { } data ? OsResult<byte[]>.Of(data.ToArray()) : Fail<byte[]>(Win32.NotAReparsePoint);
    }

    public OsResult SetReparseData(IWindowsHandle handle, byte[] buffer)
    {
        BeforeHandleCall?.Invoke(nameof(SetReparseData));
        var held = Held(handle);
        if ((held.Request.Access & (WindowsAccess.WriteAttributes | WindowsAccess.WriteData)) == 0)
        {
            return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
        }

        var error = WineMode ? WineSetReparseError : SetReparseDataOn(held.Volume, held.Node, buffer);
        return error == 0 ? OsResult.Success : OsResult.Failed(OsError.Win32(error));
    }

    /// <summary>
    /// FileBasicInfo with all times 0 (kept: Learn, FILE_BASIC_INFORMATION): only the read-only
    /// attribute is simulated. Needs FILE_WRITE_ATTRIBUTES (Learn: "the caller must have
    /// FILE_WRITE_ATTRIBUTES access"); a read-only volume answers ERROR_WRITE_PROTECT as every write does here.
    /// </summary>
    public OsResult SetAttributes(IWindowsHandle handle, FileAttributes attributes)
    {
        BeforeHandleCall?.Invoke(nameof(SetAttributes));
        var held = Held(handle);
        HandleCalls.Add("attributes");
        if (!held.Request.Access.HasFlag(WindowsAccess.WriteAttributes))
        {
            return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
        }

        if (held.Volume.Facts.IsReadOnly)
        {
            return OsResult.Failed(OsError.Win32(Win32.WriteProtect));
        }

        held.Node.ReadOnlyAttribute = attributes.HasFlag(FileAttributes.ReadOnly);
        return OsResult.Success;
    }

    /// <summary>Gives the file at <paramref name="path"/> FILE_ATTRIBUTE_READONLY (attrib +r), for tests.</summary>
    public void MakeReadOnly(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0 || at.Node is null)
        {
            throw new InvalidOperationException($"{path} is not there to make read-only");
        }

        at.Node.ReadOnlyAttribute = true;
    }

    /// <summary>Whether the entry at <paramref name="path"/> (not followed) has FILE_ATTRIBUTE_READONLY.</summary>
    public bool IsReadOnly(string path) => Resolve(path, followFinal: false, out var at) == 0 && at.Node is { ReadOnlyAttribute: true };

    /// <summary>When set and answering non-zero, every SetDisposition fails with that error (a delete the OS refuses after the checks, for tests).</summary>
    public Func<int>? DispositionFault { get; set; }

    public OsResult SetDisposition(IWindowsHandle handle, bool posixSemantics)
    {
        BeforeHandleCall?.Invoke(nameof(SetDisposition));
        var held = Held(handle);
        HandleCalls.Add(posixSemantics ? "disposition posix" : "disposition");
        if (DispositionFault?.Invoke() is { } fault and not 0)
        {
            return OsResult.Failed(OsError.Win32(fault));
        }
        if (posixSemantics && PosixSemanticsError(held.Volume, Win32.InvalidParameter) is { } unsupported and not 0)
        {
            return OsResult.Failed(OsError.Win32(unsupported));
        }

        if (!held.Request.Access.HasFlag(WindowsAccess.Delete))
        {
            return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
        }

        if (held.Parent is null || LocationOf(held) is null)
        {
            // A volume root cannot be deleted; a node no longer in any folder is already gone.
            return OsResult.Failed(OsError.Win32(held.Parent is null ? Win32.AccessDenied : Win32.FileNotFound));
        }

        if (held.Volume.Facts.IsReadOnly)
        {
            return OsResult.Failed(OsError.Win32(Win32.WriteProtect));
        }

        // No FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE is passed: a read-only file refuses, as DeleteFileW does.
        if (held.Node.ReadOnlyAttribute)
        {
            return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
        }

        // A folder reparse point goes as an entry; a plain folder only when empty (STATUS_DIRECTORY_NOT_EMPTY).
        if (held.Node is SimulatedDirectory { ReparseData: null, IsEmpty: false })
        {
            return OsResult.Failed(OsError.Win32(Win32.DirNotEmpty));
        }

        held.PendingDelete = true;
        return OsResult.Success;
    }

    public OsResult Rename(IWindowsHandle handle, IWindowsHandle folder, string name, bool replaceIfExists, bool posixSemantics)
    {
        BeforeHandleCall?.Invoke(nameof(Rename));
        var held = Held(handle);
        var into = Held(folder);
        HandleCalls.Add(posixSemantics ? "rename posix" : "rename");
        if (posixSemantics && PosixSemanticsError(held.Volume, Win32.InvalidFunction) is { } unsupported and not 0)
        {
            return OsResult.Failed(OsError.Win32(unsupported));
        }

        if (!held.Request.Access.HasFlag(WindowsAccess.Delete))
        {
            return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
        }

        if (into.Node is not SimulatedDirectory destination || destination.ReparseData is not null)
        {
            return OsResult.Failed(OsError.Win32(Win32.DirectoryInvalid));
        }

        if (name.Length == 0 || name.IndexOfAny(InvalidNameCharacters) >= 0 || name.Contains('\\') || name.Contains('/'))
        {
            return OsResult.Failed(OsError.Win32(Win32.InvalidName));
        }

        if (LocationOf(held) is not { } from)
        {
            return OsResult.Failed(OsError.Win32(held.Parent is null ? Win32.AccessDenied : Win32.FileNotFound));
        }

        if (!ReferenceEquals(into.Volume, held.Volume))
        {
            return OsResult.Failed(OsError.Win32(Win32.NotSameDevice));
        }

        if (RenameFault is { } fault && PathOfNode(held.Volume, from.Parent) is { } sourceFolder && PathOfNode(into.Volume, destination) is { } destinationFolder
            && fault(sourceFolder.TrimEnd('\\') + @"\" + from.Name, destinationFolder.TrimEnd('\\') + @"\" + name) is var injected and not 0)
        {
            return OsResult.Failed(OsError.Win32(injected));
        }

        if (held.Volume.Facts.IsReadOnly)
        {
            return OsResult.Failed(OsError.Win32(Win32.WriteProtect));
        }

        if (destination.TryGet(name, out var existingName, out var existing))
        {
            var sameEntry = ReferenceEquals(existing, held.Node) && ReferenceEquals(destination, from.Parent);
            if (!sameEntry)
            {
                if (!replaceIfExists)
                {
                    return OsResult.Failed(OsError.Win32(Win32.AlreadyExists));
                }

                // A folder is never replaced (test_file_rename_information: "newpath is a directory" fails with ACCESS_DENIED).
                if (existing is SimulatedDirectory || existing.ReadOnlyAttribute || SharingConflict(existing, new WindowsOpenRequest(WindowsAccess.Delete)))
                {
                    return OsResult.Failed(OsError.Win32(Win32.AccessDenied));
                }

                destination.Remove(existingName);
                if (existing is SimulatedFile replaced)
                {
                    replaced.LinkCount--;
                }
            }
            else
            {
                destination.Remove(existingName);
            }
        }

        from.Parent.Remove(from.Name);
        destination.Add(name, held.Node);
        held.Parent = destination;
        held.Name = name;
        return OsResult.Success;
    }

    public OsResult<IReadOnlyList<string>> ListNames(IWindowsHandle folder)
    {
        BeforeHandleCall?.Invoke(nameof(ListNames));
        var held = Held(folder);
        if (held.Node is not SimulatedDirectory directory || directory.ReparseData is not null)
        {
            return Fail<IReadOnlyList<string>>(Win32.DirectoryInvalid);
        }

        if (directory.ListDenied)
        {
            return Fail<IReadOnlyList<string>>(Win32.AccessDenied);
        }

        return OsResult<IReadOnlyList<string>>.Of(directory.Entries.Select(e => e.Name).ToList());
    }

    public OsResult<string> GetFinalPath(IWindowsHandle handle)
    {
        var held = Held(handle);
        if (ComponentsOfNode(held.Volume, held.Node) is not { } components)
        {
            return Fail<string>(Win32.FileNotFound);
        }

        var error = FinalPathOf(held.Volume, components, out var raw);
        return error == 0 ? OsResult<string>.Of(Linkctl.Paths.WindowsPathSyntax.FromOsPath(raw)) : Fail<string>(error);
    }

    /// <summary>Whether someone holds <paramref name="node"/> open without FILE_SHARE_DELETE (path calls that delete or rename it then fail with ERROR_SHARING_VIOLATION).</summary>
    private bool HeldAgainstDelete(SimulatedNode node) => _openHandles.Any(h => ReferenceEquals(h.Node, node) && !h.Request.ShareDelete);

    /// <summary>
    /// Learn, CreateFileW dwShareMode ("Creating and Opening Files" table): an open fails with
    /// ERROR_SHARING_VIOLATION when it asks for an access an open handle does not share (DELETE without
    /// FILE_SHARE_DELETE, writing without FILE_SHARE_WRITE), or refuses to share an access an open handle
    /// already holds. Reading is always shared here (every open in linkctl grants FILE_SHARE_READ).
    /// </summary>
    private bool SharingConflict(SimulatedNode node, WindowsOpenRequest request) =>
        _openHandles.Any(h => ReferenceEquals(h.Node, node)
            && ((request.Access.HasFlag(WindowsAccess.Delete) && !h.Request.ShareDelete)
                || (!request.ShareDelete && h.Request.Access.HasFlag(WindowsAccess.Delete))
                || (Writes(request.Access) && !h.Request.ShareWrite)
                || (!request.ShareWrite && Writes(h.Request.Access))));

    private static bool Writes(WindowsAccess access) => (access & (WindowsAccess.WriteData | WindowsAccess.AppendData)) != 0;

    /// <summary>Opens the file at <paramref name="path"/> (not followed) for writing as another program would (share read and write): a test holds it to see a sharing refusal.</summary>
    public IWindowsHandle OpenForWritingByPath(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0 || at.Node is not SimulatedFile)
        {
            throw new InvalidOperationException($"{path} is not a file to hold open");
        }

        var request = new WindowsOpenRequest(WindowsAccess.WriteData | WindowsAccess.ReadAttributes);
        if (SharingConflict(at.Node, request))
        {
            throw new InvalidOperationException($"{path} cannot be opened for writing now (ERROR_SHARING_VIOLATION)");
        }

        return Open(at.Volume, at.Node, at.Parent, at.Name, request);
    }

    /// <summary>GetFileSizeEx: a file's length (Learn: GetFileSizeEx; the handle needs FILE_READ_ATTRIBUTES); a folder answers 0 here (UNVERIFIED: callers ask only files).</summary>
    public OsResult<ulong> GetFileSize(IWindowsHandle handle)
    {
        var held = Held(handle);
        if (!held.Request.Access.HasFlag(WindowsAccess.ReadAttributes))
        {
            return Fail<ulong>(Win32.AccessDenied);
        }

        return OsResult<ulong>.Of(held.Node is SimulatedFile file ? (ulong)file.Content.Length : 0);
    }

    /// <summary>
    /// ReadFile at the handle's position, which it moves on (Learn: ReadFile, synchronous handles);
    /// 0 bytes at the end. Needs FILE_READ_DATA (Learn: File Security and Access Rights), else
    /// ERROR_ACCESS_DENIED. A folder or a reparse point's own (empty) data: ERROR_INVALID_FUNCTION (UNVERIFIED).
    /// </summary>
    public OsResult<int> ReadFile(IWindowsHandle handle, Span<byte> buffer)
    {
        BeforeHandleCall?.Invoke(nameof(ReadFile));
        var held = Held(handle);
        if (!held.Request.Access.HasFlag(WindowsAccess.ListDirectory))
        {
            return Fail<int>(Win32.AccessDenied);
        }

        if (held.Node is not SimulatedFile file)
        {
            return Fail<int>(Win32.InvalidFunction);
        }

        var count = (int)Math.Max(0, Math.Min(buffer.Length, file.Content.Length - held.Position));
        file.Content.AsSpan((int)held.Position, count).CopyTo(buffer);
        held.Position += count;
        return OsResult<int>.Of(count);
    }

    /// <summary>When set and answering non-zero, every WriteFile fails with that error (a full disk: ERROR_DISK_FULL), for tests.</summary>
    public Func<int>? WriteFault { get; set; }

    /// <summary>WriteFile at the handle's position (Learn: WriteFile); needs FILE_WRITE_DATA; a read-only volume: ERROR_WRITE_PROTECT.</summary>
    public OsResult<int> WriteFile(IWindowsHandle handle, ReadOnlySpan<byte> data)
    {
        BeforeHandleCall?.Invoke(nameof(WriteFile));
        var held = Held(handle);
        if (!held.Request.Access.HasFlag(WindowsAccess.WriteData))
        {
            return Fail<int>(Win32.AccessDenied);
        }

        if (held.Node is not SimulatedFile file)
        {
            return Fail<int>(Win32.InvalidFunction);
        }

        if (held.Volume.Facts.IsReadOnly)
        {
            return Fail<int>(Win32.WriteProtect);
        }

        if (WriteFault?.Invoke() is { } fault and not 0)
        {
            return Fail<int>(fault);
        }

        var end = (int)held.Position + data.Length;
        if (end > file.Content.Length)
        {
            var grown = new byte[end];
            file.Content.CopyTo(grown, 0);
            file.Content = grown;
        }

        data.CopyTo(file.Content.AsSpan((int)held.Position));
        held.Position = end;
        HandleCalls.Add("write");
        return OsResult<int>.Of(data.Length);
    }

    /// <summary>FlushFileBuffers: needs GENERIC_WRITE (Learn: FlushFileBuffers), that is every right of FILE_GENERIC_WRITE; else ERROR_ACCESS_DENIED.</summary>
    public OsResult FlushFileBuffers(IWindowsHandle handle)
    {
        var held = Held(handle);
        HandleCalls.Add("flush");
        return (held.Request.Access & WindowsAccess.GenericWriteFile) == WindowsAccess.GenericWriteFile
            ? OsResult.Success
            : OsResult.Failed(OsError.Win32(Win32.AccessDenied));
    }

    /// <summary>
    /// ERROR_INVALID_PARAMETER before build 14393, ERROR_NOT_SUPPORTED on FAT (UNVERIFIED which of the
    /// two each gives; both make the caller fall back), Wine 8's own answer in Wine mode (seen with
    /// tests/WineInterop: INVALID_PARAMETER to FileDispositionInfoEx, INVALID_FUNCTION to
    /// FileRenameInformationEx), else 0.
    /// </summary>
    private int PosixSemanticsError(MountedVolume volume, int wineAnswer) =>
        WineMode ? wineAnswer
        : OsBuild < PosixSemanticsMinimumBuild ? Win32.InvalidParameter
        : HasNo128BitIds(volume) ? Win32.NotSupported
        : 0;

    private SimulatedHandle Open(MountedVolume volume, SimulatedNode node, SimulatedDirectory? parent, string name, WindowsOpenRequest request)
    {
        var handle = new SimulatedHandle(this, volume, node, parent, name, request);
        _openHandles.Add(handle);
        return handle;
    }

    private SimulatedHandle Held(IWindowsHandle handle) =>
        handle is SimulatedHandle { Closed: false } h && ReferenceEquals(h.Owner, this)
            ? h
            : throw new ObjectDisposedException(nameof(IWindowsHandle), "a handle of another simulation, or one already closed (ERROR_INVALID_HANDLE on Windows): a bug in the code under test");

    /// <summary>Where the handle's object is named now: the name it was opened or renamed by if that still holds it, else any name it has.</summary>
    private (SimulatedDirectory Parent, string Name)? LocationOf(SimulatedHandle held)
    {
        if (held.Parent is { } parent && parent.TryGet(held.Name, out var stored, out var node) && ReferenceEquals(node, held.Node) && ComponentsOfNode(held.Volume, parent) is not null)
        {
            return (parent, stored);
        }

        foreach (var (directory, name) in EntriesOf(held.Volume.Root))
        {
            if (directory.TryGet(name, out _, out var n) && ReferenceEquals(n, held.Node))
            {
                return (directory, name);
            }
        }

        return null;
    }

    /// <summary>The full path of a folder node now (walking from the root, never into links), or null when no folder names it.</summary>
    private string? PathOfNode(MountedVolume volume, SimulatedNode node) =>
        ComponentsOfNode(volume, node) is { } components ? PathOf(volume, components) : null;

    private List<string>? ComponentsOfNode(MountedVolume volume, SimulatedNode node)
    {
        if (ReferenceEquals(node, volume.Root))
        {
            return [];
        }

        var pending = new Stack<(SimulatedDirectory Directory, List<string> Components)>();
        pending.Push((volume.Root, []));
        while (pending.Count > 0)
        {
            var (directory, components) = pending.Pop();
            foreach (var (name, child) in directory.Entries)
            {
                List<string> here = [.. components, name];
                if (ReferenceEquals(child, node))
                {
                    return here;
                }

                if (child is SimulatedDirectory d && d.ReparseData is null)
                {
                    pending.Push((d, here));
                }
            }
        }

        return null;
    }

    private static IEnumerable<(SimulatedDirectory Directory, string Name)> EntriesOf(SimulatedDirectory root)
    {
        var pending = new Stack<SimulatedDirectory>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var (name, child) in directory.Entries.ToList())
            {
                yield return (directory, name);
                if (child is SimulatedDirectory d && d.ReparseData is null)
                {
                    pending.Push(d);
                }
            }
        }
    }

    /// <summary>Closing: a name marked for deletion leaves its folder now (FILE_DISPOSITION_INFO(_EX): "deleted when the handle is closed").</summary>
    private void Close(SimulatedHandle handle)
    {
        _openHandles.Remove(handle);
        if (handle.PendingDelete && LocationOf(handle) is { } at)
        {
            at.Parent.Remove(at.Name);
            if (handle.Node is SimulatedFile file)
            {
                file.LinkCount--;
            }
        }
    }

    private static OsResult<T> Fail<T>(int error) => OsResult<T>.Failed(OsError.Win32(error));

    private sealed class SimulatedHandle(SimulatedWindows owner, MountedVolume volume, SimulatedNode node, SimulatedDirectory? parent, string name, WindowsOpenRequest request) : IWindowsHandle
    {
        public SimulatedWindows Owner { get; } = owner;

        public MountedVolume Volume { get; } = volume;

        public SimulatedNode Node { get; } = node;

        public SimulatedDirectory? Parent { get; set; } = parent;

        public string Name { get; set; } = name;

        public WindowsOpenRequest Request { get; } = request;

        public bool PendingDelete { get; set; }

        /// <summary>The file position of a synchronous handle: where the next ReadFile or WriteFile starts.</summary>
        public long Position { get; set; }

        public bool Closed { get; private set; }

        public void Dispose()
        {
            if (!Closed)
            {
                Closed = true;
                Owner.Close(this);
            }
        }
    }
}
