using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>Creates the account object in LSA when the SID had none.</summary>
    [LibraryImport(Library, EntryPoint = "LsaAddAccountRights")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaAddAccountRights(
        nint PolicyHandle,
        void* AccountSid,
        LSA_UNICODE_STRING* UserRights,
        uint CountOfRights);
}
