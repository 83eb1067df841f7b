using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileAttributeTagInfo: the attributes and, for a reparse point, its tag.</summary>
    internal const int FileAttributeTagInfo = 9;

    /// <summary>FILE_ATTRIBUTE_TAG_INFO: what FindFirstFileExW's dwFileAttributes and dwReserved0 say, from an open handle.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_ATTRIBUTE_TAG_INFO
    {
        internal uint FileAttributes;
        internal uint ReparseTag;
    }

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileIdInfo.</summary>
    internal const int FileIdInfo = 18;

    /// <summary>FILE_ID_INFO: ULONGLONG VolumeSerialNumber, FILE_ID_128 FileId (16 bytes, little-endian on x64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_ID_INFO
    {
        internal ulong VolumeSerialNumber;
        internal ulong FileIdLow;
        internal ulong FileIdHigh;
    }

    /// <summary>GetFileInformationByHandleEx (Windows 8 / Server 2012 for FileIdInfo).</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFileInformationByHandleEx", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool GetFileInformationByHandleEx(SafeHandle hFile, int fileInformationClass, void* lpFileInformation, uint dwBufferSize);
}
