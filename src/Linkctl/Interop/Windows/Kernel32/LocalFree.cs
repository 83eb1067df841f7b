using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>Frees what ConvertSidToStringSidW and ConvertStringSidToSidW allocate; returns null on success.</summary>
    [LibraryImport("kernel32.dll", EntryPoint = "LocalFree")]
    [SupportedOSPlatform("windows")]
    internal static partial nint LocalFree(nint hMem);
}
