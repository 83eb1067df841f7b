using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint FILE_NAME_NORMALIZED = 0x0;
    internal const uint VOLUME_NAME_DOS = 0x0;

    /// <summary>"\\?\Volume{GUID}\...": answers where VOLUME_NAME_DOS cannot (a volume with no drive letter or mounted folder).</summary>
    internal const uint VOLUME_NAME_GUID = 0x1;

    /// <summary>Returns the length written (without the NUL), or the size needed (with it) when the buffer is too small, or 0 on failure.</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFinalPathNameByHandleW", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint GetFinalPathNameByHandle(SafeHandle hFile, char* lpszFilePath, uint cchFilePath, uint dwFlags);
}
