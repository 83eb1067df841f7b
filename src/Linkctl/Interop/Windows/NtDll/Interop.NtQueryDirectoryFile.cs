using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class NtDll
{
    /// <summary>
    /// FILE_INFORMATION_CLASS value that, on the $Reparse index, yields FILE_REPARSE_POINT_INFORMATION
    /// records. Documented as "reserved for system use"; NTFS answers it only on that index.
    /// </summary>
    internal const int FileReparsePointInformation = 33;

    internal const int STATUS_SUCCESS = 0;
    internal const int STATUS_NO_MORE_FILES = unchecked((int)0x80000006);

    [StructLayout(LayoutKind.Sequential)]
    internal struct IO_STATUS_BLOCK
    {
        internal nint Status;
        internal nuint Information;
    }

    /// <summary>One record of the $Reparse index: no NextEntryOffset, so records lie 16 bytes apart.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_REPARSE_POINT_INFORMATION
    {
        internal long FileReference;
        internal uint Tag;
    }

    /// <summary>Answers an NTSTATUS and never sets the last error. BOOLEAN arguments are one byte.</summary>
    [LibraryImport(Libraries.NtDll, EntryPoint = "NtQueryDirectoryFile")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial int NtQueryDirectoryFile(
        SafeHandle FileHandle,
        nint Event,
        nint ApcRoutine,
        nint ApcContext,
        IO_STATUS_BLOCK* IoStatusBlock,
        void* FileInformation,
        uint Length,
        int FileInformationClass,
        byte ReturnSingleEntry,
        nint FileName,
        byte RestartScan);
}
