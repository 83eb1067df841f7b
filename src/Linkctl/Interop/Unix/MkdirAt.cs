using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>mkdirat(2): makes the folder <paramref name="name"/> inside <paramref name="dirFd"/>; fails EEXIST if the name exists, whatever it is (a link there is not followed).</summary>
    [LibraryImport(Library, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int MkdirAt(int dirFd, string name, uint mode);
}
