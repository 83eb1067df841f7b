using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Linkctl.Paths;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Platform.Windows;

/// <summary>
/// <see cref="IWindowsApi"/> on the real Win32 API (Windows, and Wine). Every member hands
/// back GetLastError's code untouched; deciding what it means is WindowsLinkSystem's job.
/// Entry points that older Windows versions or Wine lack answer ERROR_CALL_NOT_IMPLEMENTED
/// (or "not available") instead of throwing, so the tool never crashes on them.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed partial class WindowsApi : IWindowsApi
{
    private const int MaxPath = 260;

    /// <summary>CreateDirectoryW's own limit: MAX_PATH less room for an 8.3 file name.</summary>
    private const int MaxDirectoryPath = 248;

    /// <summary>Opening an entry for its metadata or reparse data alone needs no access right.</summary>
    private const uint NoAccess = 0;

    private const uint ShareAll = Kernel32.FILE_SHARE_READ | Kernel32.FILE_SHARE_WRITE | Kernel32.FILE_SHARE_DELETE;

    private readonly Lazy<int> osBuild = new(ReadOsBuild);

    public int OsBuild => osBuild.Value;

    public int CreateSymbolicLink(string link, string target, SymbolicLinkFlags flags)
    {
        try
        {
            // The target is stored as given: a relative target must stay relative.
            return Kernel32.CreateSymbolicLink(ToOsPath(link), target, (uint)flags) ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (EntryPointNotFoundException)
        {
            return Win32ErrorNames.CallNotImplemented;
        }
    }

    public int CreateHardLink(string link, string existing) =>
        Kernel32.CreateHardLink(ToOsPath(link), ToOsPath(existing), 0) ? 0 : Marshal.GetLastPInvokeError();

    public int CreateDirectory(string path) =>
        Kernel32.CreateDirectory(ToOsDirectoryPath(path), 0) ? 0 : Marshal.GetLastPInvokeError();

    public int RemoveDirectory(string path) =>
        Kernel32.RemoveDirectory(ToOsPath(path)) ? 0 : Marshal.GetLastPInvokeError();

    public int DeleteFile(string path) =>
        Kernel32.DeleteFile(ToOsPath(path)) ? 0 : Marshal.GetLastPInvokeError();

    public int MoveFile(string source, string destination, bool replaceExisting)
    {
        var flags = replaceExisting ? Kernel32.MOVEFILE_REPLACE_EXISTING : 0;
        return Kernel32.MoveFileEx(ToOsPath(source), ToOsPath(destination), flags) ? 0 : Marshal.GetLastPInvokeError();
    }

    public int CopyFile(string source, string destination) =>
        Kernel32.CopyFile(ToOsPath(source), ToOsPath(destination), bFailIfExists: true) ? 0 : Marshal.GetLastPInvokeError();

    public unsafe int GetAttributes(string path, out FileAttributes attributes, out uint reparseTag)
    {
        attributes = 0;
        reparseTag = 0;

        var trimmed = TrimTrailingSeparators(path);

        // '*' and '?' cannot be in a Windows file name; FindFirstFileExW would take them as
        // wildcards and describe some other entry.
        if (HasWildcard(trimmed))
        {
            return Win32ErrorNames.InvalidName;
        }

        // A root ("C:\", "\\server\share\") has no entry in a parent folder to find, so
        // FindFirstFileExW cannot describe it; a root is never a reparse point itself.
        if (IsRoot(trimmed))
        {
            var rootAttributes = Kernel32.GetFileAttributes(ToOsPath(path));
            if (rootAttributes == Kernel32.INVALID_FILE_ATTRIBUTES)
            {
                return Marshal.GetLastPInvokeError();
            }

            attributes = (FileAttributes)rootAttributes;
            return 0;
        }

        Kernel32.WIN32_FIND_DATA data;

        // One exact name gives one entry, so FIND_FIRST_EX_LARGE_FETCH would only cost a
        // bigger read.
        using var handle = Kernel32.FindFirstFileEx(
            ToOsPath(trimmed),
            Kernel32.FindExInfoBasic,
            &data,
            Kernel32.FindExSearchNameMatch,
            0,
            0);
        if (handle.IsInvalid)
        {
            // For a name that matches nothing the documented answer is ERROR_FILE_NOT_FOUND,
            // but Wine answers ERROR_NO_MORE_FILES when the name is a dangling Unix symbolic
            // link it hides from listings (seen under Wine 8): both mean "no such entry".
            var error = Marshal.GetLastPInvokeError();
            return error == Kernel32.ERROR_NO_MORE_FILES ? Win32ErrorNames.FileNotFound : error;
        }

        attributes = (FileAttributes)data.dwFileAttributes;
        if ((data.dwFileAttributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT) != 0)
        {
            reparseTag = data.dwReserved0;
        }

        return 0;
    }

    public unsafe int ListDirectory(string path, List<WindowsDirectoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Kernel32.WIN32_FIND_DATA data;
        using var handle = Kernel32.FindFirstFileEx(
            ToOsPath(path.TrimEnd('\\') + "\\*"),
            Kernel32.FindExInfoBasic,
            &data,
            Kernel32.FindExSearchNameMatch,
            0,
            Kernel32.FIND_FIRST_EX_LARGE_FETCH);
        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == Win32ErrorNames.FileNotFound ? 0 : error;
        }

        do
        {
            var name = new string(data.cFileName);
            if (name is not "." and not "..")
            {
                var reparse = (data.dwFileAttributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT) != 0;
                entries.Add(new WindowsDirectoryEntry(name, (FileAttributes)data.dwFileAttributes, reparse ? data.dwReserved0 : 0));
            }
        }
        while (Kernel32.FindNextFile(handle, &data));

        var last = Marshal.GetLastPInvokeError();
        return last == Kernel32.ERROR_NO_MORE_FILES ? 0 : last;
    }

    public OsResult<WindowsEntryAttributes> GetAttributesByHandle(string path)
    {
        using var handle = OpenEntry(path, NoAccess, followLinks: false);
        if (handle.IsInvalid)
        {
            return OsResult<WindowsEntryAttributes>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }

        var error = AttributeTagOf(handle, out var info);
        return error == 0
            ? OsResult<WindowsEntryAttributes>.Of(new WindowsEntryAttributes((FileAttributes)info.FileAttributes, TagIfReparsePoint(info)))
            : OsResult<WindowsEntryAttributes>.Failed(OsError.Win32(error));
    }

    public OsResult<WindowsOpenedTarget> OpenTarget(string path)
    {
        using var handle = OpenEntry(path, NoAccess, followLinks: true);
        if (handle.IsInvalid)
        {
            return OsResult<WindowsOpenedTarget>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }

        WindowsFileInformation? information = null;
        FileAttributes attributes;
        uint tag = 0;
        if (Kernel32.GetFileInformationByHandle(handle, out var info))
        {
            information = InformationOf(info);
            attributes = (FileAttributes)info.dwFileAttributes;
            if (attributes.HasFlag(FileAttributes.ReparsePoint) && AttributeTagOf(handle, out var tagInfo) == 0)
            {
                tag = tagInfo.ReparseTag;
            }
        }
        else
        {
            var infoError = Marshal.GetLastPInvokeError();
            if (AttributeTagOf(handle, out var tagInfo) != 0)
            {
                return OsResult<WindowsOpenedTarget>.Failed(OsError.Win32(infoError));
            }

            attributes = (FileAttributes)tagInfo.FileAttributes;
            tag = TagIfReparsePoint(tagInfo);
        }

        // The open proved the target exists; the final path is only a bonus (docs/windows-facts.md,
        // "Paths, volumes and identity": volumes without a drive letter, RAM disks, some FUSE drivers
        // and SMB paths with an unreadable parent open fine but have none).
        string? finalPath = null;
        int finalError;
        try
        {
            finalError = FinalPathOf(handle, out var raw);
            if (finalError == 0)
            {
                finalPath = WindowsPathSyntax.FromOsPath(raw);
            }
        }
        catch (EntryPointNotFoundException)
        {
            finalError = Win32ErrorNames.CallNotImplemented;
        }

        return OsResult<WindowsOpenedTarget>.Of(new WindowsOpenedTarget
        {
            Attributes = attributes,
            ReparseTag = tag,
            Information = information,
            FinalPath = finalPath,
            FinalPathError = finalError,
        });
    }

    public OsResult DeleteVolumeMountPoint(string mountFolder)
    {
        // A drive root would lose its drive letter: never pass one (callers check; this is the last guard).
        if (IsRoot(TrimTrailingSeparators(mountFolder)))
        {
            return OsResult.Failed(OsError.Win32(Win32ErrorNames.InvalidParameter));
        }

        // "A trailing backslash is required" (Learn: DeleteVolumeMountPointW).
        var folder = ToOsPath(mountFolder.TrimEnd('\\') + "\\");
        return Kernel32.DeleteVolumeMountPoint(folder) ? OsResult.Success : OsResult.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
    }

    public unsafe int GetReparseData(string path, out byte[] buffer)
    {
        buffer = [];
        using var handle = OpenEntry(path, NoAccess, followLinks: false);
        if (handle.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        var data = new byte[Kernel32.MAXIMUM_REPARSE_DATA_BUFFER_SIZE];
        fixed (byte* p = data)
        {
            if (!Kernel32.DeviceIoControl(handle, Kernel32.FSCTL_GET_REPARSE_POINT, null, 0, p, (uint)data.Length, out var returned, 0))
            {
                return Marshal.GetLastPInvokeError();
            }

            buffer = data.AsSpan(0, (int)returned).ToArray();
        }

        return 0;
    }

    public unsafe int SetReparseData(string path, byte[] buffer)
    {
        using var handle = OpenEntry(path, Kernel32.GENERIC_WRITE, followLinks: false);
        if (handle.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        fixed (byte* p = buffer)
        {
            return Kernel32.DeviceIoControl(handle, Kernel32.FSCTL_SET_REPARSE_POINT, p, (uint)buffer.Length, null, 0, out _, 0)
                ? 0
                : Marshal.GetLastPInvokeError();
        }
    }

    public int GetFileInformation(string path, bool followLinks, out WindowsFileInformation information)
    {
        information = default;
        using var handle = OpenEntry(path, NoAccess, followLinks);
        if (handle.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        if (!Kernel32.GetFileInformationByHandle(handle, out var info))
        {
            return Marshal.GetLastPInvokeError();
        }

        information = InformationOf(info);
        return 0;
    }

    private static WindowsFileInformation InformationOf(in Kernel32.BY_HANDLE_FILE_INFORMATION info) => new(
        (FileAttributes)info.dwFileAttributes,
        info.dwVolumeSerialNumber,
        ((ulong)info.nFileIndexHigh << 32) | info.nFileIndexLow,
        info.nNumberOfLinks,
        ((ulong)info.nFileSizeHigh << 32) | info.nFileSizeLow);

    private static unsafe int AttributeTagOf(SafeFileHandle handle, out Kernel32.FILE_ATTRIBUTE_TAG_INFO info)
    {
        Kernel32.FILE_ATTRIBUTE_TAG_INFO answer;
        var ok = Kernel32.GetFileInformationByHandleEx(handle, Kernel32.FileAttributeTagInfo, &answer, (uint)sizeof(Kernel32.FILE_ATTRIBUTE_TAG_INFO));
        info = answer;
        return ok ? 0 : Marshal.GetLastPInvokeError();
    }

    private static uint TagIfReparsePoint(in Kernel32.FILE_ATTRIBUTE_TAG_INFO info) =>
        (info.FileAttributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT) != 0 ? info.ReparseTag : 0;

    public unsafe int GetFileIdInfo(string path, bool followLinks, out WindowsFileId id)
    {
        id = default;
        using var handle = OpenEntry(path, NoAccess, followLinks);
        if (handle.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            Kernel32.FILE_ID_INFO info;
            if (!Kernel32.GetFileInformationByHandleEx(handle, Kernel32.FileIdInfo, &info, (uint)sizeof(Kernel32.FILE_ID_INFO)))
            {
                return Marshal.GetLastPInvokeError();
            }

            id = new WindowsFileId(info.VolumeSerialNumber, new UInt128(info.FileIdHigh, info.FileIdLow));
            return 0;
        }
        catch (EntryPointNotFoundException)
        {
            return Win32ErrorNames.CallNotImplemented;
        }
    }

    public unsafe int GetFinalPath(string path, out string finalPath)
    {
        finalPath = string.Empty;
        using var handle = OpenEntry(path, NoAccess, followLinks: true);
        if (handle.IsInvalid)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            var error = FinalPathOf(handle, out var raw);
            finalPath = error == 0 ? WindowsPathSyntax.FromOsPath(raw) : string.Empty;
            return error;
        }
        catch (EntryPointNotFoundException)
        {
            return Win32ErrorNames.CallNotImplemented;
        }
    }

    /// <summary>GetFinalPathNameByHandleW (normalized, DOS volume name) of an open handle, as Windows gives it (\\?\ prefix included).</summary>
    internal static int FinalPathOf(SafeFileHandle handle, out string path) => FinalPathOf(handle, Kernel32.VOLUME_NAME_DOS, out path);

    private static unsafe int FinalPathOf(SafeFileHandle handle, uint volumeName, out string path)
    {
        path = string.Empty;
        var size = (uint)MaxPath;
        while (true)
        {
            var chars = new char[size];
            uint written;
            fixed (char* p = chars)
            {
                written = Kernel32.GetFinalPathNameByHandle(handle, p, size, Kernel32.FILE_NAME_NORMALIZED | volumeName);
            }

            if (written == 0)
            {
                return Marshal.GetLastPInvokeError();
            }

            // Too small: the answer is the size needed, NUL included.
            if (written >= size)
            {
                size = written;
                continue;
            }

            path = new string(chars, 0, (int)written);
            return 0;
        }
    }

    public unsafe int GetVolumeInformation(string path, out WindowsVolumeInformation information)
    {
        information = null!;

        // The volume is that of what the path opens, not of its longest mounted prefix: a folder
        // reached through a junction onto another volume or a share belongs to that volume
        // (docs/windows-facts.md, "Paths, volumes and identity"). A missing path is answered for
        // the nearest existing folder above it, where it would be created.
        var probe = TrimTrailingSeparators(path);
        SafeFileHandle handle;
        while (true)
        {
            handle = OpenEntry(probe, NoAccess, followLinks: true);
            if (!handle.IsInvalid)
            {
                break;
            }

            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            var parent = error is Win32ErrorNames.FileNotFound or Win32ErrorNames.PathNotFound && !IsRoot(probe)
                ? PathSyntax.Windows.GetDirectoryName(probe)
                : null;
            if (parent is null || parent.Length >= probe.Length)
            {
                // Not openable at all (denied, or no folder above exists): what the path's text says.
                return VolumeOfText(path, out information);
            }

            probe = parent;
        }

        using (handle)
        {
            var error = VolumeRootOf(handle, probe, out var volumePath);
            if (error != 0)
            {
                return error;
            }

            var fileSystemName = stackalloc char[Kernel32.VolumeNameBufferLength];
            uint serial;
            uint flags;
            bool ok;
            try
            {
                ok = Kernel32.GetVolumeInformationByHandle(handle, null, 0, out serial, out _, out flags, fileSystemName, Kernel32.VolumeNameBufferLength);
            }
            catch (EntryPointNotFoundException)
            {
                ok = false;
                serial = flags = 0;
            }

            if (!ok && !Kernel32.GetVolumeInformation(volumePath, null, 0, out serial, out _, out flags, fileSystemName, Kernel32.VolumeNameBufferLength))
            {
                return Marshal.GetLastPInvokeError();
            }

            var root = WindowsPathSyntax.FromOsPath(volumePath);
            information = new WindowsVolumeInformation(root, new string(fileSystemName), flags, serial, (WindowsDriveType)Kernel32.GetDriveType(root));
            return 0;
        }
    }

    /// <summary>The root of the volume a handle is on, from its final path: a drive, a mounted folder, a share, or \\?\Volume{GUID}\.</summary>
    private static int VolumeRootOf(SafeFileHandle handle, string openedPath, out string volumePath)
    {
        if (FinalPathOf(handle, Kernel32.VOLUME_NAME_DOS, out var final) == 0 || FinalPathOf(handle, Kernel32.VOLUME_NAME_GUID, out final) == 0)
        {
            return GetVolumePath(final, out volumePath);
        }

        return GetVolumePath(openedPath, out volumePath);
    }

    private static unsafe int VolumeOfText(string path, out WindowsVolumeInformation information)
    {
        information = null!;
        var error = GetVolumePath(path, out var volumePath);
        if (error != 0)
        {
            return error;
        }

        var fileSystemName = stackalloc char[Kernel32.VolumeNameBufferLength];
        if (!Kernel32.GetVolumeInformation(
                volumePath, null, 0, out var serial, out _, out var flags, fileSystemName, Kernel32.VolumeNameBufferLength))
        {
            return Marshal.GetLastPInvokeError();
        }

        var root = WindowsPathSyntax.FromOsPath(volumePath);
        information = new WindowsVolumeInformation(root, new string(fileSystemName), flags, serial, (WindowsDriveType)Kernel32.GetDriveType(root));
        return 0;
    }

    public StepResult<IReadOnlyList<string>> FindFileNames(string path)
    {
        try
        {
            return ListFileNames(path);
        }
        catch (EntryPointNotFoundException)
        {
            return StepResult<IReadOnlyList<string>>.Failed("FindFirstFileNameW is not available on this system (e.g. Wine)", OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
    }

    private static unsafe StepResult<IReadOnlyList<string>> ListFileNames(string path)
    {
        // The names come back relative to the volume the file is on, which (through a junction in
        // the path) need not be the volume its path's text names: ask the file's own handle.
        var volumeError = VolumeRootOfEntry(path, out var volumePath);
        if (volumeError != 0)
        {
            return StepResult<IReadOnlyList<string>>.Failed("GetVolumePathNameW failed", OsError.Win32(volumeError));
        }

        var volumePrefix = WindowsPathSyntax.FromOsPath(volumePath).TrimEnd('\\');
        var osPath = ToOsPath(path);
        var names = new List<string>();
        var buffer = new char[MaxPath];

        Kernel32.SafeFindHandle handle;
        while (true)
        {
            var length = (uint)buffer.Length;
            fixed (char* p = buffer)
            {
                handle = Kernel32.FindFirstFileName(osPath, 0, ref length, p);
            }

            if (!handle.IsInvalid)
            {
                names.Add(volumePrefix + new string(buffer, 0, NameLength(buffer, length)));
                break;
            }

            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            if (error == Win32ErrorNames.MoreData && length > buffer.Length)
            {
                buffer = new char[length];
                continue;
            }

            return StepResult<IReadOnlyList<string>>.Failed("FindFirstFileNameW failed", OsError.Win32(error));
        }

        using (handle)
        {
            while (true)
            {
                var length = (uint)buffer.Length;
                bool found;
                fixed (char* p = buffer)
                {
                    found = Kernel32.FindNextFileName(handle, ref length, p);
                }

                if (found)
                {
                    names.Add(volumePrefix + new string(buffer, 0, NameLength(buffer, length)));
                    continue;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == Win32ErrorNames.MoreData && length > buffer.Length)
                {
                    buffer = new char[length];
                    continue;
                }

                if (error == Kernel32.ERROR_NO_MORE_FILES)
                {
                    return StepResult<IReadOnlyList<string>>.Of(names);
                }

                return StepResult<IReadOnlyList<string>>.Failed($"FindNextFileNameW failed after {names.Count} name(s)", OsError.Win32(error));
            }
        }
    }

    /// <summary>
    /// The documentation leaves open whether StringLength counts the NUL on success, so the
    /// name ends at the first NUL within it.
    /// </summary>
    private static int NameLength(char[] buffer, uint length)
    {
        var limit = (int)Math.Min(length, (uint)buffer.Length);
        var nul = Array.IndexOf(buffer, '\0', 0, limit);
        return nul < 0 ? limit : nul;
    }

    private static int VolumeRootOfEntry(string path, out string volumePath)
    {
        using var handle = OpenEntry(path, NoAccess, followLinks: false);
        return handle.IsInvalid ? GetVolumePath(path, out volumePath) : VolumeRootOf(handle, path, out volumePath);
    }

    private static unsafe int GetVolumePath(string path, out string volumePath)
    {
        volumePath = string.Empty;
        var osPath = ToOsPath(path);

        // The mount point is never longer than the path itself (plus a trailing backslash).
        var size = Math.Max(osPath.Length + 2, MaxPath + 1);
        var chars = new char[size];
        fixed (char* p = chars)
        {
            if (!Kernel32.GetVolumePathName(osPath, p, (uint)size))
            {
                return Marshal.GetLastPInvokeError();
            }
        }

        var end = Array.IndexOf(chars, '\0');
        volumePath = new string(chars, 0, end < 0 ? size : end);
        return 0;
    }

    private static SafeFileHandle OpenEntry(string path, uint access, bool followLinks)
    {
        // Backup semantics: without it a folder cannot be opened at all.
        var flags = Kernel32.FILE_FLAG_BACKUP_SEMANTICS;
        if (!followLinks)
        {
            flags |= Kernel32.FILE_FLAG_OPEN_REPARSE_POINT;
        }

        return Kernel32.CreateFile(ToOsPath(path), access, ShareAll, 0, Kernel32.OPEN_EXISTING, flags, 0);
    }

    private static unsafe int ReadOsBuild()
    {
        try
        {
            NtDll.OSVERSIONINFOEX info = default;
            info.dwOSVersionInfoSize = (uint)sizeof(NtDll.OSVERSIONINFOEX);
            return NtDll.RtlGetVersion(&info) == 0 ? (int)info.dwBuildNumber : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    private static string ToOsPath(string fullPath) => PathSyntax.Windows.ToOsPath(fullPath);

    /// <summary>
    /// CreateDirectoryW refuses unprefixed paths from 248 characters (MAX_PATH less room
    /// for an 8.3 name), below the 260 at which <see cref="PathSyntax.ToOsPath"/> prefixes.
    /// </summary>
    private static string ToOsDirectoryPath(string fullPath)
    {
        var osPath = ToOsPath(fullPath);
        if (osPath.Length < MaxDirectoryPath || osPath.StartsWith(@"\\?\", StringComparison.Ordinal) || osPath.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return osPath;
        }

        // Past \\?\ Windows normalises nothing, so the path must be in its final form first.
        var normalized = PathSyntax.Windows.GetFullPath(osPath, PathSyntax.Windows.GetRoot(osPath));
        return PathSyntax.Windows.IsUnc(normalized) ? @"\\?\UNC\" + normalized[2..] : @"\\?\" + normalized;
    }

    private static string TrimTrailingSeparators(string path)
    {
        var end = path.Length;
        while (end > 1 && (path[end - 1] == '\\' || path[end - 1] == '/') && !IsRoot(path[..end]))
        {
            end--;
        }

        return path[..end];
    }

    private static bool HasWildcard(string path)
    {
        var start = path.StartsWith(@"\\?\", StringComparison.Ordinal) || path.StartsWith(@"\\.\", StringComparison.Ordinal) ? 4 : 0;
        return path.AsSpan(start).IndexOfAny('*', '?') >= 0;
    }

    /// <summary>"C:\", "\\server\share\" and their \\?\ forms: entries with no parent folder to list them.</summary>
    private static bool IsRoot(string path)
    {
        var root = PathSyntax.Windows.GetRoot(path);
        return root.Length > 0 && path.TrimEnd('\\', '/').Length <= root.TrimEnd('\\', '/').Length;
    }
}
