using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    internal const int W_OK = 2;
    internal const int X_OK = 1;

    /// <summary>access(2): checks with the real uid whether the calling process may use the path as asked.</summary>
    [LibraryImport(Library, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Access(string path, int mode);
}
