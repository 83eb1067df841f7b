using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>fchownat(2); with AT_SYMLINK_NOFOLLOW a link's own owner is set, never its target's.</summary>
    [LibraryImport(Library, EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int FchownAt(int dirFd, string name, uint owner, uint group, int flags);
}
