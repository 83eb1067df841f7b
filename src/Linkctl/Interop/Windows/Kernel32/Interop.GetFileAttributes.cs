using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF;
    internal const uint FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

    [LibraryImport(Libraries.Kernel32, EntryPoint = "GetFileAttributesW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    internal static partial uint GetFileAttributes(string lpFileName);
}
