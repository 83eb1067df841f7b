using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Cli.Interop;

internal static partial class Kernel32
{
    /// <summary>
    /// WriteFile, synchronous (no OVERLAPPED). A pipe whose reading end is closed answers
    /// ERROR_NO_DATA (232, "The pipe is being closed."), ERROR_BROKEN_PIPE (109) or
    /// ERROR_PIPE_NOT_CONNECTED (233; Wine answers this one), the three that dotnet/runtime's
    /// PipeStream.Windows.cs reads as "Other side has broken the connection". .NET's FileStream and
    /// console stream treat them as success (RandomAccess.Windows.cs: "case Interop.Errors.ERROR_NO_DATA:
    /// // EOF on a pipe"), so standard output is written with this call to learn of it.
    /// </summary>
    [SupportedOSPlatform("windows")]
    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool WriteFile(nint hFile, byte* lpBuffer, uint nNumberOfBytesToWrite, out uint lpNumberOfBytesWritten, nint lpOverlapped);

    internal const int ERROR_BROKEN_PIPE = 109;
    internal const int ERROR_NO_DATA = 232;
    internal const int ERROR_PIPE_NOT_CONNECTED = 233;
}
