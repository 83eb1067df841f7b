using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const uint STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034;

    /// <summary>Fails with STATUS_OBJECT_NAME_NOT_FOUND when the account holds no right at all.</summary>
    [LibraryImport(Library, EntryPoint = "LsaEnumerateAccountRights")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaEnumerateAccountRights(
        nint PolicyHandle,
        void* AccountSid,
        LSA_UNICODE_STRING** UserRights,
        uint* CountOfRights);
}
