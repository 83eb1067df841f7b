using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>GetFileSizeEx: the size of the file the handle holds (LARGE_INTEGER); the handle needs FILE_READ_ATTRIBUTES (Learn: GetFileSizeEx).</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFileSizeEx", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool GetFileSizeEx(SafeHandle hFile, out long lpFileSize);
}
