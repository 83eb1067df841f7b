using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>symlink(2): stores <paramref name="target"/> verbatim in a new link named <paramref name="linkPath"/>.</summary>
    [LibraryImport(Library, EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Symlink(string target, string linkPath);

    /// <summary>symlink(2) with NUL-terminated byte strings, for targets that are not valid UTF-8.</summary>
    [LibraryImport(Library, EntryPoint = "symlink", SetLastError = true)]
    internal static unsafe partial int Symlink(byte* target, byte* linkPath);
}
