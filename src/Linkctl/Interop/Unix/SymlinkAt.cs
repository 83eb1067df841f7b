using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>symlinkat(2): makes the link <paramref name="name"/> storing <paramref name="target"/> verbatim inside the open folder <paramref name="dirFd"/>.</summary>
    [LibraryImport(Library, EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int SymlinkAt(string target, int dirFd, string name);
}
