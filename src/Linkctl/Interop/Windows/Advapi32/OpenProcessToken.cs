using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const uint TOKEN_QUERY = 0x0008;

    /// <summary>GetCurrentProcess() always returns this pseudo handle; it needs no closing.</summary>
    internal static readonly nint CurrentProcess = -1;

    /// <summary>The token comes back as a raw handle; callers wrap it in a SafeAccessTokenHandle at once.</summary>
    [LibraryImport(Library, EntryPoint = "OpenProcessToken", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool OpenProcessToken(nint ProcessHandle, uint DesiredAccess, out nint TokenHandle);
}
