using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class NtDll
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct OSVERSIONINFOEX
    {
        internal uint dwOSVersionInfoSize;
        internal uint dwMajorVersion;
        internal uint dwMinorVersion;
        internal uint dwBuildNumber;
        internal uint dwPlatformId;
        internal fixed char szCSDVersion[128];
        internal ushort wServicePackMajor;
        internal ushort wServicePackMinor;
        internal ushort wSuiteMask;
        internal byte wProductType;
        internal byte wReserved;
    }

    // Used instead of GetVersionEx, which lies about the version to programs without a
    // compatibility manifest. It answers an NTSTATUS and never sets the last error.
    [LibraryImport(Libraries.NtDll, EntryPoint = "RtlGetVersion")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial int RtlGetVersion(OSVERSIONINFOEX* lpVersionInformation);
}
