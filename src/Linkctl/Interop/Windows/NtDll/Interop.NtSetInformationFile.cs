using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class NtDll
{
    /// <summary>FILE_INFORMATION_CLASS.FileRenameInformation: FILE_RENAME_INFORMATION with the BOOLEAN ReplaceIfExists.</summary>
    internal const int FileRenameInformation = 10;

    /// <summary>FILE_INFORMATION_CLASS.FileRenameInformationEx (Windows 10 1607): the same struct with ULONG Flags in ReplaceIfExists' place.</summary>
    internal const int FileRenameInformationEx = 65;

    internal const uint FILE_RENAME_REPLACE_IF_EXISTS = 0x00000001;

    internal const uint FILE_RENAME_POSIX_SEMANTICS = 0x00000002;

    /// <summary>
    /// FILE_RENAME_INFORMATION's fixed part; the name follows FileName in the same buffer. With
    /// RootDirectory set, FileName is relative to that open folder (Learn: FILE_RENAME_INFORMATION).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_RENAME_INFORMATION
    {
        /// <summary>ReplaceIfExists (a BOOLEAN in the low byte) for FileRenameInformation, Flags for FileRenameInformationEx.</summary>
        internal uint Flags;
        internal nint RootDirectory;

        /// <summary>In bytes, without a NUL.</summary>
        internal uint FileNameLength;

        /// <summary>The first UTF-16 unit of the name (WCHAR FileName[1]).</summary>
        internal ushort FileName;
    }

    /// <summary>Answers an NTSTATUS and never sets the last error.</summary>
    [LibraryImport(Libraries.NtDll, EntryPoint = "NtSetInformationFile")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial int NtSetInformationFile(SafeHandle FileHandle, IO_STATUS_BLOCK* IoStatusBlock, void* FileInformation, uint Length, int FileInformationClass);
}
