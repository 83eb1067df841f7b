using System.Runtime.InteropServices;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const int MAX_PATH = 260;

    [StructLayout(LayoutKind.Sequential)]
    internal struct FILETIME
    {
        internal uint dwLowDateTime;
        internal uint dwHighDateTime;
    }

    /// <summary>WIN32_FIND_DATAW (592 bytes). Passed by pointer: its char buffers are not blittable for the marshaller.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct WIN32_FIND_DATA
    {
        internal uint dwFileAttributes;
        internal FILETIME ftCreationTime;
        internal FILETIME ftLastAccessTime;
        internal FILETIME ftLastWriteTime;
        internal uint nFileSizeHigh;
        internal uint nFileSizeLow;

        /// <summary>The reparse tag when dwFileAttributes has FILE_ATTRIBUTE_REPARSE_POINT.</summary>
        internal uint dwReserved0;
        internal uint dwReserved1;
        internal fixed char cFileName[MAX_PATH];
        internal fixed char cAlternateFileName[14];
    }
}
