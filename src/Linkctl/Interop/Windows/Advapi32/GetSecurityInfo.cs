using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const uint SE_FILE_OBJECT = 1;
    internal const uint OWNER_SECURITY_INFORMATION = 0x1;

    /// <summary>Opening a link for this right alone reads its own security, not its target's.</summary>
    internal const uint READ_CONTROL = 0x00020000;

    /// <summary>
    /// By handle, not GetNamedSecurityInfoW: the name form opens without
    /// FILE_FLAG_OPEN_REPARSE_POINT and would answer for the link's target. Returns a Win32
    /// error (0 = success); free *ppSecurityDescriptor with LocalFree.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "GetSecurityInfo")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint GetSecurityInfo(
        nint handle,
        uint ObjectType,
        uint SecurityInfo,
        void** ppsidOwner,
        void** ppsidGroup,
        void** ppDacl,
        void** ppSacl,
        void** ppSecurityDescriptor);
}
