using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>What GENERIC_WRITE maps to for a file (Learn: File Security and Access Rights); WindowsAccess.GenericWriteFile | SYNCHRONIZE.</summary>
    internal const uint FILE_GENERIC_WRITE = 0x00120116;

    /// <summary>FlushFileBuffers: the file's data and metadata written to the device; the handle needs GENERIC_WRITE (Learn: FlushFileBuffers), asked as FILE_GENERIC_WRITE's rights.</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "FlushFileBuffers", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool FlushFileBuffers(SafeHandle hFile);
}
