using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>unlink(2): removes one name; never follows a link and never removes a folder (EISDIR).</summary>
    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Unlink(string path);

    /// <summary>unlink(2) with NUL-terminated byte paths, for names that are not valid UTF-8.</summary>
    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true)]
    internal static unsafe partial int Unlink(byte* path);
}
