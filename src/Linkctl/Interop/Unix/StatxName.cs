using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    internal const uint STATX_UID = 0x8;

    /// <summary>statx(2) with a name marshalled as its exact bytes; "" with AT_EMPTY_PATH asks about <paramref name="dirFd"/> itself.</summary>
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static unsafe partial int Statx(int dirFd, string name, int flags, uint mask, StatxBuffer* buffer);
}
