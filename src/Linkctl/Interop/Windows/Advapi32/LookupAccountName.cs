using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const int ERROR_INSUFFICIENT_BUFFER = 122;
    internal const int ERROR_NONE_MAPPED = 1332;

    /// <summary>Call once with zero sizes to learn them (ERROR_INSUFFICIENT_BUFFER), then again.</summary>
    [LibraryImport(Library, EntryPoint = "LookupAccountNameW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool LookupAccountName(
        string? lpSystemName,
        string lpAccountName,
        void* Sid,
        uint* cbSid,
        char* ReferencedDomainName,
        uint* cchReferencedDomainName,
        int* peUse);
}
