using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    [LibraryImport(Libraries.Kernel32, EntryPoint = "FindNextFileW", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool FindNextFile(SafeFindHandle hFindFile, WIN32_FIND_DATA* lpFindFileData);
}
