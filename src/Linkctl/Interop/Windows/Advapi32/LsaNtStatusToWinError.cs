using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    [LibraryImport(Library, EntryPoint = "LsaNtStatusToWinError")]
    [SupportedOSPlatform("windows")]
    internal static partial uint LsaNtStatusToWinError(uint Status);
}
