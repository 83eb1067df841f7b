using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    /// <summary>
    /// Unmounts the volume mounted in a folder ("C:\mnt\e\": the trailing backslash is required)
    /// and leaves the folder; on a folder that is not a mounted folder it does nothing. Given a
    /// drive root ("E:\") it removes the drive letter, so callers must never pass one.
    /// </summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "DeleteVolumeMountPointW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool DeleteVolumeMountPoint(string lpszVolumeMountPoint);
}
