using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Cli.Interop;

internal static partial class Kernel32
{
    /// <summary>GetStdHandle's nStdHandle for standard output: (DWORD)-11 (learn.microsoft.com/windows/console/getstdhandle).</summary>
    internal const int STD_OUTPUT_HANDLE = -11;

    /// <summary>
    /// GetStdHandle: the process's standard output handle, not owned by the caller (it must not
    /// be closed). INVALID_HANDLE_VALUE on failure, NULL when the process has none.
    /// </summary>
    [SupportedOSPlatform("windows")]
    [LibraryImport("kernel32.dll", SetLastError = true)]
    internal static partial nint GetStdHandle(int nStdHandle);
}
