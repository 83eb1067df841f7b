using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>The SID is allocated with LocalAlloc: free it with LocalFree.</summary>
    [LibraryImport(Library, EntryPoint = "ConvertStringSidToSidW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool ConvertStringSidToSid(string StringSid, void** Sid);
}
