using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// openat(2): opens <paramref name="name"/> inside the open folder <paramref name="dirFd"/>, so the
    /// kernel looks up one name instead of walking the whole path again (the scanner's child folders).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true)]
    internal static unsafe partial int OpenAt(int dirFd, byte* name, int flags);
}
