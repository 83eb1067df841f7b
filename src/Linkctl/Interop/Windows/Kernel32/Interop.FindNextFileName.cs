using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>The normal end of the list of names.</summary>
    internal const int ERROR_NO_MORE_FILES = 18;

    [LibraryImport(Libraries.Kernel32, EntryPoint = "FindNextFileNameW", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool FindNextFileName(SafeFindHandle hFindStream, ref uint StringLength, char* LinkName);
}
