using System.Runtime.InteropServices;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Platform.Windows;

// The NTFS $Reparse index: \\?\C:\$Extend\$Reparse:$R:$INDEX_ALLOCATION opened for backup
// (SeBackupPrivilege enabled when the token holds it, as an elevated administrator's does), read
// with NtQueryDirectoryFile(FileReparsePointInformation), and each file opened with OpenFileById
// relative to that handle. Written from Microsoft's documentation (NtQueryDirectoryFile,
// FILE_REPARSE_POINT_INFORMATION, OpenFileById) and tyranid/DumpReparsePoints; not run on a real
// Windows yet (docs/list.md).
internal sealed partial class WindowsApi
{
    private const uint ShareAllForIndex = Kernel32.FILE_SHARE_READ | Kernel32.FILE_SHARE_WRITE | Kernel32.FILE_SHARE_DELETE;

    public int OpenReparseIndex(string volumeRoot, out IReparseIndex? index)
    {
        index = null;
        EnableBackupPrivilege();
        SafeFileHandle handle;
        try
        {
            handle = Kernel32.CreateFile(
                @"\\?\" + volumeRoot.TrimEnd('\\') + @"\$Extend\$Reparse:$R:$INDEX_ALLOCATION",
                Kernel32.GENERIC_READ | Kernel32.SYNCHRONIZE,
                ShareAllForIndex,
                0,
                Kernel32.OPEN_EXISTING,
                Kernel32.FILE_FLAG_BACKUP_SEMANTICS,
                0);
        }
        catch (EntryPointNotFoundException)
        {
            return Win32ErrorNames.CallNotImplemented;
        }

        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            return error;
        }

        index = new ReparseIndex(handle);
        return 0;
    }

    /// <summary>Best effort: without the privilege the open fails with access denied, which is reported as such.</summary>
    private static void EnableBackupPrivilege() => EnablePrivilege(Advapi32.SE_BACKUP_NAME);

    private sealed class ReparseIndex(SafeFileHandle index) : IReparseIndex
    {
        private static readonly int RecordSize = Marshal.SizeOf<NtDll.FILE_REPARSE_POINT_INFORMATION>();

        private readonly byte[] buffer = new byte[64 * 1024];
        private bool restart = true;

        public unsafe int ReadEntries(List<ReparseIndexEntry> batch)
        {
            NtDll.IO_STATUS_BLOCK status;
            int nt;
            try
            {
                fixed (byte* p = buffer)
                {
                    // Synchronous handle (no FILE_FLAG_OVERLAPPED), so the call returns when done.
                    nt = NtDll.NtQueryDirectoryFile(index, 0, 0, 0, &status, p, (uint)buffer.Length, NtDll.FileReparsePointInformation, 0, 0, restart ? (byte)1 : (byte)0);
                }
            }
            catch (EntryPointNotFoundException)
            {
                return Win32ErrorNames.CallNotImplemented;
            }

            restart = false;
            if (nt == NtDll.STATUS_NO_MORE_FILES)
            {
                return 0;
            }

            if (nt < 0)
            {
                var error = NtDll.RtlNtStatusToDosError(nt);
                return error == 0 ? Win32ErrorNames.InvalidFunction : error;
            }

            ReparseIndexRecords.Parse(buffer.AsSpan(0, (int)Math.Min((ulong)buffer.Length, status.Information)), RecordSize, batch);
            return 0;
        }

        public unsafe int OpenById(ulong fileReference, out string path, out byte[] reparseData)
        {
            path = string.Empty;
            reparseData = [];
            var id = new Kernel32.FILE_ID_DESCRIPTOR { dwSize = (uint)sizeof(Kernel32.FILE_ID_DESCRIPTOR), Type = Kernel32.FileIdType, FileId = (long)fileReference };
            using var file = Kernel32.OpenFileById(
                index,
                &id,
                Kernel32.FILE_READ_ATTRIBUTES | Kernel32.SYNCHRONIZE,
                ShareAllForIndex,
                0,
                Kernel32.FILE_FLAG_OPEN_REPARSE_POINT | Kernel32.FILE_FLAG_BACKUP_SEMANTICS);
            if (file.IsInvalid)
            {
                return Marshal.GetLastPInvokeError();
            }

            var error = FinalPathOf(file, out var raw);
            if (error != 0)
            {
                return error;
            }

            path = ReparseIndexRecords.ToDrivePath(raw);
            var data = new byte[Kernel32.MAXIMUM_REPARSE_DATA_BUFFER_SIZE];
            fixed (byte* p = data)
            {
                if (!Kernel32.DeviceIoControl(file, Kernel32.FSCTL_GET_REPARSE_POINT, null, 0, p, (uint)data.Length, out var returned, 0))
                {
                    return Marshal.GetLastPInvokeError();
                }

                reparseData = data.AsSpan(0, (int)returned).ToArray();
            }

            return 0;
        }

        public void Dispose() => index.Dispose();
    }
}
