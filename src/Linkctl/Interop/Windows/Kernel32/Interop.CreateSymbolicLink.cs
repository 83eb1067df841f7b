using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint SYMBOLIC_LINK_FLAG_DIRECTORY = 0x1;
    internal const uint SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE = 0x2;

    // The result is a 1-byte BOOLEAN, not a 4-byte BOOL: reading it as BOOL picks up
    // whatever is in the upper bytes of the register and can report a failure as success.
    [LibraryImport(Libraries.Kernel32, EntryPoint = "CreateSymbolicLinkW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool CreateSymbolicLink(string lpSymlinkFileName, string lpTargetFileName, uint dwFlags);
}
