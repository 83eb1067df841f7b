using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>__lxstat(ver, path, buf): glibc &lt; 2.33's real symbol behind lstat.</summary>
    [LibraryImport(Library, EntryPoint = "__lxstat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial int LegacyLstat(int version, string path, byte* buffer);
}
