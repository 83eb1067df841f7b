using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    [LibraryImport(Library, EntryPoint = "LsaClose")]
    [SupportedOSPlatform("windows")]
    internal static partial uint LsaClose(nint ObjectHandle);
}
