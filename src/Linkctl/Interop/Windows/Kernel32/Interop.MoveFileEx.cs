using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint MOVEFILE_REPLACE_EXISTING = 0x1;

    // MOVEFILE_COPY_ALLOWED is deliberately never passed: across volumes it would copy
    // what a link points to instead of moving the link.
    [LibraryImport(Libraries.Kernel32, EntryPoint = "MoveFileExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool MoveFileEx(string lpExistingFileName, string lpNewFileName, uint dwFlags);
}
