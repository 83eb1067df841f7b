using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>
    /// BUILTIN\Administrators, S-1-5-32-544, as a binary SID: revision 1, two sub-authorities,
    /// NT authority (5), then 32 and 544 little-endian. Built here to avoid CreateWellKnownSid.
    /// </summary>
    internal static ReadOnlySpan<byte> AdministratorsSid => [1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0];

    /// <summary>TokenHandle 0 = the calling thread's effective token. A deny-only group (a filtered admin token) answers false.</summary>
    [LibraryImport(Library, EntryPoint = "CheckTokenMembership", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool CheckTokenMembership(nint TokenHandle, byte* SidToCheck, [MarshalAs(UnmanagedType.Bool)] out bool IsMember);
}
