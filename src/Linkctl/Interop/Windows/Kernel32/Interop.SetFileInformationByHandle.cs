using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileBasicInfo: FILE_BASIC_INFO (times and attributes).</summary>
    internal const int FileBasicInfo = 0;

    /// <summary>FILE_ATTRIBUTE_NORMAL: "no other attributes", valid only alone (winnt.h).</summary>
    internal const uint FILE_ATTRIBUTE_NORMAL = 0x80;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileDispositionInfo: FILE_DISPOSITION_INFO.</summary>
    internal const int FileDispositionInfo = 4;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileDispositionInfoEx (Windows 10 1607): FILE_DISPOSITION_INFO_EX.</summary>
    internal const int FileDispositionInfoEx = 21;

    internal const uint FILE_DISPOSITION_FLAG_DELETE = 0x00000001;

    /// <summary>The name leaves the folder when this handle closes, even while others hold the file open.</summary>
    internal const uint FILE_DISPOSITION_FLAG_POSIX_SEMANTICS = 0x00000002;

    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_DISPOSITION_INFO
    {
        /// <summary>BOOLEAN: one byte.</summary>
        internal byte DeleteFile;
    }

    /// <summary>FILE_BASIC_INFO (winbase.h): LARGE_INTEGER times (0 = keep), then the attributes; 40 bytes with the tail padding.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_BASIC_INFO
    {
        internal long CreationTime;
        internal long LastAccessTime;
        internal long LastWriteTime;
        internal long ChangeTime;
        internal uint FileAttributes;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_DISPOSITION_INFO_EX
    {
        internal uint Flags;
    }

    [LibraryImport(Libraries.Kernel32, EntryPoint = "SetFileInformationByHandle", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool SetFileInformationByHandle(SafeHandle hFile, int fileInformationClass, void* lpFileInformation, uint dwBufferSize);
}
