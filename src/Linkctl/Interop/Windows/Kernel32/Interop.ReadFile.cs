using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>The access right ReadFile needs on a file (the same bit as FILE_LIST_DIRECTORY on a folder).</summary>
    internal const uint FILE_READ_DATA = 0x0001;

    /// <summary>
    /// ReadFile on a handle opened for synchronous I/O (NtCreateFile with FILE_SYNCHRONOUS_IO_NONALERT),
    /// lpOverlapped NULL: reads from the handle's current position; 0 bytes read with TRUE is the end of
    /// the file (Learn: ReadFile, "Synchronization and File Position").
    /// </summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "ReadFile", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool ReadFile(SafeHandle hFile, byte* lpBuffer, uint nNumberOfBytesToRead, out uint lpNumberOfBytesRead, nint lpOverlapped);
}
