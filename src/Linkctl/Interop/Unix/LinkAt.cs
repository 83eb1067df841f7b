using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// linkat(2): a new name <paramref name="newName"/> in <paramref name="newDirFd"/> for the file
    /// <paramref name="oldName"/> in <paramref name="oldDirFd"/>. Flags 0: a link at oldName is not
    /// followed, so the new name is another name of the link itself, never of what it points to.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int LinkAt(int oldDirFd, string oldName, int newDirFd, string newName, int flags);
}
