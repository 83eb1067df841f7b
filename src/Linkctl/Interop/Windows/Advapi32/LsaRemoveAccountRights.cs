using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>AllRights is a 1-byte BOOLEAN; with 0 only the listed rights go.</summary>
    [LibraryImport(Library, EntryPoint = "LsaRemoveAccountRights")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaRemoveAccountRights(
        nint PolicyHandle,
        void* AccountSid,
        byte AllRights,
        LSA_UNICODE_STRING* UserRights,
        uint CountOfRights);
}
