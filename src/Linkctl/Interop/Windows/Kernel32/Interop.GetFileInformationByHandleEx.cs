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

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileFullDirectoryInfo: the next FILE_FULL_DIR_INFO records of a folder handle.</summary>
    internal const int FileFullDirectoryInfo = 14;

    /// <summary>FILE_INFO_BY_HANDLE_CLASS.FileFullDirectoryRestartInfo: the same from the folder's first entry.</summary>
    internal const int FileFullDirectoryRestartInfo = 15;

    /// <summary>FILE_FULL_DIR_INFO's fixed part: records follow one another by NextEntryOffset (0 on the last); the name follows FileName.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FILE_FULL_DIR_INFO
    {
        internal uint NextEntryOffset;
        internal uint FileIndex;
        internal long CreationTime;
        internal long LastAccessTime;
        internal long LastWriteTime;
        internal long ChangeTime;
        internal long EndOfFile;
        internal long AllocationSize;
        internal uint FileAttributes;

        /// <summary>In bytes, without a NUL.</summary>
        internal uint FileNameLength;
        internal uint EaSize;

        /// <summary>The first UTF-16 unit of the name (WCHAR FileName[1]).</summary>
        internal ushort FileName;
    }

    /// <summary>GetFileInformationByHandleEx (Windows 8 / Server 2012 for FileIdInfo).</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFileInformationByHandleEx", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool GetFileInformationByHandleEx(SafeHandle hFile, int fileInformationClass, void* lpFileInformation, uint dwBufferSize);
}
