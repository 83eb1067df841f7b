using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint FSCTL_SET_REPARSE_POINT = 0x000900A4;
    internal const uint FSCTL_GET_REPARSE_POINT = 0x000900A8;
    internal const uint FSCTL_DELETE_REPARSE_POINT = 0x000900AC;

    internal const int MAXIMUM_REPARSE_DATA_BUFFER_SIZE = 16 * 1024;

    [LibraryImport(Libraries.Kernel32, EntryPoint = "DeviceIoControl", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool DeviceIoControl(
        SafeHandle hDevice,
        uint dwIoControlCode,
        void* lpInBuffer,
        uint nInBufferSize,
        void* lpOutBuffer,
        uint nOutBufferSize,
        out uint lpBytesReturned,
        nint lpOverlapped);
}
