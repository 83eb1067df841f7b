using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    [LibraryImport(Library, EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial int LstatRaw(string path, byte* buffer);

    /// <summary>lstat(2): the entry itself, not following a link at the last component.</summary>
    internal static unsafe bool Lstat(StatLayout layout, string path, out FileStatus status, out int errno)
    {
        var buffer = stackalloc byte[StatLayout.BufferSize];
        int result;
        try
        {
            result = LstatRaw(path, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.33 exports lstat only as a macro over __lxstat.
            result = LegacyLstat(layout.LegacyVersion, path, buffer);
        }

        return Finish(layout, result, buffer, out status, out errno);
    }

    private static unsafe bool Finish(StatLayout layout, int result, byte* buffer, out FileStatus status, out int errno)
    {
        if (result != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            status = default;
            return false;
        }

        errno = 0;
        status = layout.Decode(new ReadOnlySpan<byte>(buffer, StatLayout.BufferSize));
        return true;
    }
}
