using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// openat(2) with the mode argument, which the kernel reads only with O_CREAT: the copier makes
    /// each file in its pinned destination folder with O_CREAT|O_EXCL|O_NOFOLLOW, so nothing that
    /// exists (a file, or a link planted there) is ever opened, followed or truncated.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int OpenAt(int dirFd, string name, int flags, uint mode);
}
