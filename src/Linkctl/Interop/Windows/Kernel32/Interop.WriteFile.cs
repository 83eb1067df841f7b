using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>WriteFile on a handle opened for synchronous I/O, lpOverlapped NULL: writes at the handle's current position (Learn: WriteFile).</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "WriteFile", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool WriteFile(SafeHandle hFile, byte* lpBuffer, uint nNumberOfBytesToWrite, out uint lpNumberOfBytesWritten, nint lpOverlapped);
}
