using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileRenameInfo: FILE_RENAME_INFO with ReplaceIfExists (a BOOLEAN).</summary>
    internal const int FileRenameInfo = 3;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileDispositionInfo: FILE_DISPOSITION_INFO.</summary>
    internal const int FileDispositionInfo = 4;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileDispositionInfoEx (Windows 10 1607): FILE_DISPOSITION_INFO_EX.</summary>
    internal const int FileDispositionInfoEx = 21;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileRenameInfoEx (Windows 10 1607): FILE_RENAME_INFO with Flags.</summary>
    internal const int FileRenameInfoEx = 22;

    internal const uint FILE_DISPOSITION_FLAG_DELETE = 0x00000001;

    /// <summary>The name leaves the folder when this handle closes, even while others hold the file open.</summary>
    internal const uint FILE_DISPOSITION_FLAG_POSIX_SEMANTICS = 0x00000002;

    internal const uint FILE_RENAME_FLAG_REPLACE_IF_EXISTS = 0x00000001;

    internal const uint FILE_RENAME_FLAG_POSIX_SEMANTICS = 0x00000002;

    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_DISPOSITION_INFO
    {
        /// <summary>BOOLEAN: one byte.</summary>
        internal byte DeleteFile;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_DISPOSITION_INFO_EX
    {
        internal uint Flags;
    }

    /// <summary>
    /// FILE_RENAME_INFO's fixed part; the name follows FileName in the same buffer. Flags shares its
    /// place with ReplaceIfExists (a BOOLEAN in the low byte): FileRenameInfoEx reads Flags,
    /// FileRenameInfo ReplaceIfExists.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_RENAME_INFO
    {
        internal uint Flags;
        internal nint RootDirectory;

        /// <summary>In bytes, without a NUL.</summary>
        internal uint FileNameLength;

        /// <summary>The first UTF-16 unit of the name (WCHAR FileName[1]).</summary>
        internal ushort FileName;
    }

    [LibraryImport(Libraries.Kernel32, EntryPoint = "SetFileInformationByHandle", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool SetFileInformationByHandle(SafeHandle hFile, int fileInformationClass, void* lpFileInformation, uint dwBufferSize);
}
