using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    [LibraryImport(Libraries.Kernel32, EntryPoint = "FindClose", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool FindClose(nint hFindFile);

    /// <summary>A handle from FindFirstFileExW or FindFirstFileNameW, which FindClose (not CloseHandle) releases.</summary>
    [SupportedOSPlatform("windows")]
    internal sealed class SafeFindHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public SafeFindHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => FindClose(handle);
    }
}
