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

    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFileInformationByHandleEx", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool GetFileInformationByHandleEx(SafeHandle hFile, int fileInformationClass, void* lpFileInformation, uint dwBufferSize);
}
