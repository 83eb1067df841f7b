using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>The string is allocated with LocalAlloc: free it with LocalFree.</summary>
    [LibraryImport(Library, EntryPoint = "ConvertSidToStringSidW", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool ConvertSidToStringSid(void* Sid, char** StringSid);
}
