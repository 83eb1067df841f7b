using System.Runtime.InteropServices;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Linkctl.Paths;
using Linkctl.Reparse;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Platform.Windows;

// The handle-relative calls (IWindowsApi.Handles.cs) on the real API: NtCreateFile with a
// RootDirectory for names inside a pinned folder, SetFileInformationByHandle (delete) and
// NtSetInformationFile (rename, with RootDirectory) of the object a handle holds, GetFileInformationByHandleEx for what it is and what a folder holds.
internal sealed partial class WindowsApi
{
    private const int NoMoreFiles = 18;

    public OsResult<IWindowsHandle> OpenFolder(string path)
    {
        var handle = Kernel32.CreateFile(ToOsPath(path), (uint)(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes) | Kernel32.SYNCHRONIZE,
            ShareAll, 0, Kernel32.OPEN_EXISTING, Kernel32.FILE_FLAG_BACKUP_SEMANTICS, 0);
        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            return OsResult<IWindowsHandle>.Failed(OsError.Win32(error));
        }

        // FILE_FLAG_BACKUP_SEMANTICS opens files too: a pin is a folder.
        if (AttributeTagOf(handle, out var info) == 0 && (info.FileAttributes & (uint)FileAttributes.Directory) == 0)
        {
            handle.Dispose();
            return OsResult<IWindowsHandle>.Failed(OsError.Win32(Win32ErrorNames.DirectoryInvalid));
        }

        return OsResult<IWindowsHandle>.Of(new Win32Handle(handle));
    }

    public unsafe OsResult<IWindowsHandle> OpenRelative(IWindowsHandle folder, string name, WindowsOpenRequest request)
    {
        var root = Raw(folder);
        var options = NtDll.FILE_SYNCHRONOUS_IO_NONALERT | NtDll.FILE_OPEN_FOR_BACKUP_INTENT
            | (request.FollowLinks ? 0 : NtDll.FILE_OPEN_REPARSE_POINT)
            | (request.Create == WindowsCreate.NewDirectory || request.DirectoryOnly ? NtDll.FILE_DIRECTORY_FILE : 0)
            | (request.Create == WindowsCreate.NewFile || request.FileOnly ? NtDll.FILE_NON_DIRECTORY_FILE : 0);
        var share = Kernel32.FILE_SHARE_READ | (request.ShareWrite ? Kernel32.FILE_SHARE_WRITE : 0) | (request.ShareDelete ? Kernel32.FILE_SHARE_DELETE : 0);
        var added = false;
        try
        {
            root.DangerousAddRef(ref added);
            fixed (char* chars = name)
            {
                var objectName = new NtDll.UNICODE_STRING { Length = checked((ushort)(name.Length * 2)), MaximumLength = checked((ushort)(name.Length * 2)), Buffer = chars };
                var attributes = new NtDll.OBJECT_ATTRIBUTES
                {
                    Length = (uint)sizeof(NtDll.OBJECT_ATTRIBUTES),
                    RootDirectory = root.DangerousGetHandle(),
                    ObjectName = &objectName,
                    Attributes = NtDll.OBJ_CASE_INSENSITIVE,
                };
                NtDll.IO_STATUS_BLOCK io;
                var status = NtDll.NtCreateFile(out var opened, (uint)request.Access | Kernel32.SYNCHRONIZE, &attributes, &io, null,
                    request.Create == WindowsCreate.OpenExisting ? 0 : NtDll.FILE_ATTRIBUTE_NORMAL, share,
                    request.Create == WindowsCreate.OpenExisting ? NtDll.FILE_OPEN : NtDll.FILE_CREATE, options, null, 0);
                if (status != NtDll.STATUS_SUCCESS)
                {
                    opened.Dispose();
                    return OsResult<IWindowsHandle>.Failed(OsError.Win32(NtDll.RtlNtStatusToDosError(status)));
                }

                return OsResult<IWindowsHandle>.Of(new Win32Handle(opened));
            }
        }
        catch (EntryPointNotFoundException)
        {
            return OsResult<IWindowsHandle>.Failed(OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
        finally
        {
            if (added)
            {
                root.DangerousRelease();
            }
        }
    }

    public OsResult<WindowsEntryAttributes> GetAttributeTag(IWindowsHandle handle)
    {
        var error = AttributeTagOf(Raw(handle), out var info);
        return error == 0
            ? OsResult<WindowsEntryAttributes>.Of(new WindowsEntryAttributes((FileAttributes)info.FileAttributes, TagIfReparsePoint(info)))
            : OsResult<WindowsEntryAttributes>.Failed(OsError.Win32(error));
    }

    public unsafe OsResult<WindowsFileId> GetFileId(IWindowsHandle handle)
    {
        Kernel32.FILE_ID_INFO info;
        return Kernel32.GetFileInformationByHandleEx(Raw(handle), Kernel32.FileIdInfo, &info, (uint)sizeof(Kernel32.FILE_ID_INFO))
            ? OsResult<WindowsFileId>.Of(new WindowsFileId(info.VolumeSerialNumber, new UInt128(info.FileIdHigh, info.FileIdLow)))
            : OsResult<WindowsFileId>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
    }

    public OsResult<WindowsFileInformation> GetInformation(IWindowsHandle handle) =>
        Kernel32.GetFileInformationByHandle(Raw(handle), out var info)
            ? OsResult<WindowsFileInformation>.Of(InformationOf(info))
            : OsResult<WindowsFileInformation>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));

    public unsafe OsResult<byte[]> GetReparseData(IWindowsHandle handle)
    {
        var data = new byte[Kernel32.MAXIMUM_REPARSE_DATA_BUFFER_SIZE];
        fixed (byte* p = data)
        {
            return Kernel32.DeviceIoControl(Raw(handle), Kernel32.FSCTL_GET_REPARSE_POINT, null, 0, p, (uint)data.Length, out var returned, 0)
                ? OsResult<byte[]>.Of(data.AsSpan(0, (int)returned).ToArray())
                : OsResult<byte[]>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }
    }

    public unsafe OsResult SetReparseData(IWindowsHandle handle, byte[] buffer)
    {
        // CreateSymbolicLinkW enables the privilege itself; FSCTL_SET_REPARSE_POINT with a symbolic
        // link buffer needs it enabled (docs/windows-facts.md, "The privilege"; UNVERIFIED that it is
        // required: enabling a privilege the token holds changes nothing else). Best effort: without
        // it the call answers ERROR_PRIVILEGE_NOT_HELD, which the caller handles.
        if (buffer.Length >= 4 && BitConverter.ToUInt32(buffer, 0) == ReparseTag.Symlink)
        {
            EnablePrivilege(Advapi32.SE_CREATE_SYMBOLIC_LINK_NAME);
        }

        fixed (byte* p = buffer)
        {
            return Kernel32.DeviceIoControl(Raw(handle), Kernel32.FSCTL_SET_REPARSE_POINT, p, (uint)buffer.Length, null, 0, out _, 0)
                ? OsResult.Success
                : OsResult.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }
    }

    public unsafe OsResult SetAttributes(IWindowsHandle handle, FileAttributes attributes)
    {
        var info = new Kernel32.FILE_BASIC_INFO { FileAttributes = attributes == 0 ? Kernel32.FILE_ATTRIBUTE_NORMAL : (uint)attributes };
        return Kernel32.SetFileInformationByHandle(Raw(handle), Kernel32.FileBasicInfo, &info, (uint)sizeof(Kernel32.FILE_BASIC_INFO))
            ? OsResult.Success
            : OsResult.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
    }

    public unsafe OsResult SetDisposition(IWindowsHandle handle, bool posixSemantics)
    {
        bool done;
        if (posixSemantics)
        {
            var info = new Kernel32.FILE_DISPOSITION_INFO_EX { Flags = Kernel32.FILE_DISPOSITION_FLAG_DELETE | Kernel32.FILE_DISPOSITION_FLAG_POSIX_SEMANTICS };
            done = Kernel32.SetFileInformationByHandle(Raw(handle), Kernel32.FileDispositionInfoEx, &info, (uint)sizeof(Kernel32.FILE_DISPOSITION_INFO_EX));
        }
        else
        {
            var info = new Kernel32.FILE_DISPOSITION_INFO { DeleteFile = 1 };
            done = Kernel32.SetFileInformationByHandle(Raw(handle), Kernel32.FileDispositionInfo, &info, (uint)sizeof(Kernel32.FILE_DISPOSITION_INFO));
        }

        return done ? OsResult.Success : OsResult.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
    }

    /// <summary>
    /// NtSetInformationFile(FileRenameInformationEx / FileRenameInformation) with RootDirectory = the
    /// folder's handle and the single name: the NT call honours RootDirectory as documented (Learn:
    /// FILE_RENAME_INFORMATION). Not SetFileInformationByHandle: Wine 8's kernelbase answers
    /// ERROR_INVALID_PARAMETER to FileRenameInfo(Ex) with a RootDirectory and a relative name (seen with
    /// tests/WineInterop), and whether real kernelbase passes both through unchanged is UNVERIFIED.
    /// </summary>
    public unsafe OsResult Rename(IWindowsHandle handle, IWindowsHandle folder, string name, bool replaceIfExists, bool posixSemantics)
    {
        var root = Raw(folder);
        var nameOffset = (int)Marshal.OffsetOf<NtDll.FILE_RENAME_INFORMATION>(nameof(NtDll.FILE_RENAME_INFORMATION.FileName));
        var size = Math.Max(sizeof(NtDll.FILE_RENAME_INFORMATION), nameOffset + ((name.Length + 1) * 2));
        var buffer = new byte[size];
        var added = false;
        try
        {
            root.DangerousAddRef(ref added);
            fixed (byte* p = buffer)
            {
                var info = (NtDll.FILE_RENAME_INFORMATION*)p;
                info->Flags = posixSemantics
                    ? NtDll.FILE_RENAME_POSIX_SEMANTICS | (replaceIfExists ? NtDll.FILE_RENAME_REPLACE_IF_EXISTS : 0)
                    : replaceIfExists ? 1u : 0u;
                info->RootDirectory = root.DangerousGetHandle();
                info->FileNameLength = (uint)(name.Length * 2);
                name.AsSpan().CopyTo(new Span<char>(p + nameOffset, name.Length));
                NtDll.IO_STATUS_BLOCK io;
                var status = NtDll.NtSetInformationFile(Raw(handle), &io, p, (uint)size, posixSemantics ? NtDll.FileRenameInformationEx : NtDll.FileRenameInformation);
                return status == NtDll.STATUS_SUCCESS ? OsResult.Success : OsResult.Failed(OsError.Win32(NtDll.RtlNtStatusToDosError(status)));
            }
        }
        catch (EntryPointNotFoundException)
        {
            return OsResult.Failed(OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
        finally
        {
            if (added)
            {
                root.DangerousRelease();
            }
        }
    }

    public unsafe OsResult<IReadOnlyList<string>> ListNames(IWindowsHandle folder)
    {
        var handle = Raw(folder);
        var names = new List<string>();
        var buffer = new byte[64 * 1024];
        var nameOffset = (int)Marshal.OffsetOf<Kernel32.FILE_FULL_DIR_INFO>(nameof(Kernel32.FILE_FULL_DIR_INFO.FileName));
        var infoClass = Kernel32.FileFullDirectoryRestartInfo;
        fixed (byte* p = buffer)
        {
            while (true)
            {
                if (!Kernel32.GetFileInformationByHandleEx(handle, infoClass, p, (uint)buffer.Length))
                {
                    var error = Marshal.GetLastPInvokeError();
                    return error == NoMoreFiles ? OsResult<IReadOnlyList<string>>.Of(names) : OsResult<IReadOnlyList<string>>.Failed(OsError.Win32(error));
                }

                infoClass = Kernel32.FileFullDirectoryInfo;
                for (var offset = 0; ;)
                {
                    var record = (Kernel32.FILE_FULL_DIR_INFO*)(p + offset);
                    var entry = new string((char*)(p + offset + nameOffset), 0, (int)(record->FileNameLength / 2));
                    if (entry is not ("." or ".."))
                    {
                        names.Add(entry);
                    }

                    if (record->NextEntryOffset == 0)
                    {
                        break;
                    }

                    offset += (int)record->NextEntryOffset;
                }
            }
        }
    }

    public OsResult<string> GetFinalPath(IWindowsHandle handle)
    {
        try
        {
            var error = FinalPathOf(Raw(handle), out var raw);
            return error == 0 ? OsResult<string>.Of(WindowsPathSyntax.FromOsPath(raw)) : OsResult<string>.Failed(OsError.Win32(error));
        }
        catch (EntryPointNotFoundException)
        {
            return OsResult<string>.Failed(OsError.Win32(Win32ErrorNames.CallNotImplemented));
        }
    }

    public OsResult<ulong> GetFileSize(IWindowsHandle handle) =>
        Kernel32.GetFileSizeEx(Raw(handle), out var size)
            ? OsResult<ulong>.Of((ulong)size)
            : OsResult<ulong>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));

    public unsafe OsResult<int> ReadFile(IWindowsHandle handle, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return Kernel32.ReadFile(Raw(handle), p, (uint)buffer.Length, out var read, 0)
                ? OsResult<int>.Of((int)read)
                : OsResult<int>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }
    }

    public unsafe OsResult<int> WriteFile(IWindowsHandle handle, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Kernel32.WriteFile(Raw(handle), p, (uint)data.Length, out var written, 0)
                ? OsResult<int>.Of((int)written)
                : OsResult<int>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }
    }

    public OsResult FlushFileBuffers(IWindowsHandle handle) =>
        Kernel32.FlushFileBuffers(Raw(handle)) ? OsResult.Success : OsResult.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));

    /// <summary>Best effort: a privilege the token does not hold stays off, and the call that needs it says so.</summary>
    private static unsafe void EnablePrivilege(string privilege)
    {
        if (!Advapi32.OpenProcessToken(Advapi32.CurrentProcess, Advapi32.TOKEN_ADJUST_PRIVILEGES | Advapi32.TOKEN_QUERY, out var raw))
        {
            return;
        }

        using var token = new SafeAccessTokenHandle(raw);
        if (!Advapi32.LookupPrivilegeValue(null, privilege, out var luid))
        {
            return;
        }

        var state = new Advapi32.TOKEN_PRIVILEGES_ONE { PrivilegeCount = 1, Luid = luid, Attributes = Advapi32.SE_PRIVILEGE_ENABLED };
        Advapi32.AdjustTokenPrivileges(token.DangerousGetHandle(), false, &state, (uint)sizeof(Advapi32.TOKEN_PRIVILEGES_ONE), 0, 0);
    }

    private static SafeFileHandle Raw(IWindowsHandle handle) =>
        handle is Win32Handle { Handle: { IsClosed: false } raw } ? raw : throw new ObjectDisposedException(nameof(IWindowsHandle), "a handle that is closed, or not from WindowsApi: a bug in the caller");

    private sealed class Win32Handle(SafeFileHandle handle) : IWindowsHandle
    {
        public SafeFileHandle Handle { get; } = handle;

        public void Dispose() => Handle.Dispose();
    }
}
