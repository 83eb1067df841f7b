using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class NtDll
{
    /// <summary>The Win32 error for an NTSTATUS, so NT calls report in the same codes as the rest.</summary>
    [LibraryImport(Libraries.NtDll, EntryPoint = "RtlNtStatusToDosError")]
    [SupportedOSPlatform("windows")]
    internal static partial int RtlNtStatusToDosError(int Status);
}
