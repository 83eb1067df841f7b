using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    [LibraryImport(Libraries.Kernel32, EntryPoint = "CopyFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool CopyFile(
        string lpExistingFileName,
        string lpNewFileName,
        [MarshalAs(UnmanagedType.Bool)] bool bFailIfExists);
}
