using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    // Access masks from docs/windows-facts.md: each LSA call needs its own; asking for more than
    // needed makes listing fail for callers who could list.
    internal const uint POLICY_VIEW_LOCAL_INFORMATION = 0x00000001;
    internal const uint POLICY_CREATE_ACCOUNT = 0x00000010;
    internal const uint POLICY_LOOKUP_NAMES = 0x00000800;

    /// <summary>Returns an NTSTATUS; never sets the last error.</summary>
    [LibraryImport(Library, EntryPoint = "LsaOpenPolicy")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaOpenPolicy(
        LSA_UNICODE_STRING* SystemName,
        LSA_OBJECT_ATTRIBUTES* ObjectAttributes,
        uint DesiredAccess,
        nint* PolicyHandle);
}
