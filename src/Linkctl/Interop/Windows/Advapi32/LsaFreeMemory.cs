using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    [LibraryImport(Library, EntryPoint = "LsaFreeMemory")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial uint LsaFreeMemory(void* Buffer);
}
