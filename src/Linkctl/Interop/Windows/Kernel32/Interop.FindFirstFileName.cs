using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>
    /// Writes the first name of the file, relative to its volume ("\dir\file"). On
    /// ERROR_MORE_DATA <paramref name="StringLength"/> holds the size needed. Missing from
    /// Wine 8's kernel32: calling it there throws EntryPointNotFoundException.
    /// </summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "FindFirstFileNameW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial SafeFindHandle FindFirstFileName(string lpFileName, uint dwFlags, ref uint StringLength, char* LinkName);
}
