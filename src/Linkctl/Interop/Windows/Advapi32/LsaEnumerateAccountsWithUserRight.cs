using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const uint STATUS_NO_MORE_ENTRIES = 0x8000001A;

    /// <summary>
    /// Buffer receives an array of LSA_ENUMERATION_INFORMATION, each one PSID; free it with
    /// LsaFreeMemory. Only direct holders are listed, and "nobody" is STATUS_NO_MORE_ENTRIES.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "LsaEnumerateAccountsWithUserRight")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaEnumerateAccountsWithUserRight(
        nint PolicyHandle,
        LSA_UNICODE_STRING* UserRight,
        void** Buffer,
        uint* CountReturned);
}
