using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    [LibraryImport(Library, EntryPoint = "LookupAccountSidW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool LookupAccountSid(
        string? lpSystemName,
        void* Sid,
        char* Name,
        uint* cchName,
        char* ReferencedDomainName,
        uint* cchReferencedDomainName,
        int* peUse);
}
