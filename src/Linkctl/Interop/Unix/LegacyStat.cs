using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>__xstat(ver, path, buf): glibc &lt; 2.33's real symbol behind stat.</summary>
    [LibraryImport(Library, EntryPoint = "__xstat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial int LegacyStat(int version, string path, byte* buffer);
}
