using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>FINDEX_INFO_LEVELS.FindExInfoBasic: skips the 8.3 name, which is slow to produce.</summary>
    internal const int FindExInfoBasic = 1;

    /// <summary>FINDEX_SEARCH_OPS.FindExSearchNameMatch.</summary>
    internal const int FindExSearchNameMatch = 0;

    /// <summary>Larger directory reads: worth it when listing whole folders.</summary>
    internal const uint FIND_FIRST_EX_LARGE_FETCH = 2;

    [LibraryImport(Libraries.Kernel32, EntryPoint = "FindFirstFileExW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial SafeFindHandle FindFirstFileEx(
        string lpFileName,
        int fInfoLevelId,
        WIN32_FIND_DATA* lpFindFileData,
        int fSearchOp,
        nint lpSearchFilter,
        uint dwAdditionalFlags);
}
