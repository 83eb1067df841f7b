using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>link(2): gives <paramref name="existingPath"/> a new name. Linux's link(2) does not follow a symbolic link at <paramref name="existingPath"/>.</summary>
    [LibraryImport(Library, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Link(string existingPath, string newPath);
}
