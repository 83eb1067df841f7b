using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// readlinkat(2): the stored target of the link <paramref name="name"/> inside the open folder
    /// <paramref name="dirFd"/>, without a terminating NUL. Relative to an open folder so the
    /// kernel does not walk the whole path again for every link.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true)]
    internal static unsafe partial nint ReadlinkAt(int dirFd, byte* name, byte* buffer, nuint size);
}
