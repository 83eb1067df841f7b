using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    // TOKEN_INFORMATION_CLASS values (winnt.h).
    internal const int TokenUser = 1;
    internal const int TokenPrivileges = 3;
    internal const int TokenElevationType = 18;
    internal const int TokenLinkedToken = 19;
    internal const int TokenElevation = 20;

    /// <summary>LUID_AND_ATTRIBUTES is 12 bytes: LUID (8) then attributes (4); TOKEN_PRIVILEGES starts with a DWORD count.</summary>
    internal const int LuidAndAttributesSize = 12;

    [LibraryImport(Library, EntryPoint = "GetTokenInformation", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool GetTokenInformation(SafeHandle TokenHandle, int TokenInformationClass, byte* TokenInformation, uint TokenInformationLength, out uint ReturnLength);
}
