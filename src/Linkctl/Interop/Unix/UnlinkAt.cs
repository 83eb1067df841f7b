using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    internal const int AT_REMOVEDIR = 0x200;

    /// <summary>
    /// unlinkat(2): removes the name <paramref name="name"/> from the open folder <paramref name="dirFd"/>.
    /// Without AT_REMOVEDIR it never removes a folder (EISDIR) and never follows a link.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int UnlinkAt(int dirFd, string name, int flags);
}
