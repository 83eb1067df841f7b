using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>Wants a root with a trailing backslash; answers DRIVE_* (0 unknown .. 6 RAM disk).</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetDriveTypeW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    internal static partial uint GetDriveType(string lpRootPathName);
}
