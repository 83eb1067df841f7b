using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint GENERIC_READ = 0x80000000;
    internal const uint GENERIC_WRITE = 0x40000000;

    internal const uint FILE_SHARE_READ = 0x1;
    internal const uint FILE_SHARE_WRITE = 0x2;
    internal const uint FILE_SHARE_DELETE = 0x4;

    internal const uint OPEN_EXISTING = 3;

    /// <summary>Needed to open a folder at all.</summary>
    internal const uint FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;

    /// <summary>Opens the link itself instead of what it points to.</summary>
    internal const uint FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000;

    [LibraryImport(Libraries.Kernel32, EntryPoint = "CreateFileW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    internal static partial SafeFileHandle CreateFile(
        string lpFileName,
        uint dwDesiredAccess,
        uint dwShareMode,
        nint lpSecurityAttributes,
        uint dwCreationDisposition,
        uint dwFlagsAndAttributes,
        nint hTemplateFile);
}
