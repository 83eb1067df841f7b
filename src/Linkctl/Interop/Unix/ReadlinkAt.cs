using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// readlinkat(2): the stored target of the link <paramref name="name"/> inside the open folder
    /// <paramref name="dirFd"/>, without a terminating NUL. Relative to an open folder so the
    /// kernel does not walk the whole path again for every link.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true)]
    internal static unsafe partial nint ReadlinkAt(int dirFd, byte* name, byte* buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial nint ReadlinkAtName(int dirFd, string name, byte* buffer, nuint size);

    /// <summary>
    /// The stored target of <paramref name="name"/> in <paramref name="dirFd"/> as a string that keeps
    /// every byte (<see cref="Scanning.RawPath.ToOsText"/>), or null with <paramref name="errno"/> set;
    /// grows its buffer as <see cref="ReadlinkBytes"/> does, to the same 1 MiB cap.
    /// </summary>
    internal static unsafe string? ReadlinkAt(int dirFd, string name, out int errno)
    {
        for (var size = 256; size <= 1 << 20; size *= 2)
        {
            var buffer = new byte[size];
            nint length;
            fixed (byte* p = buffer)
            {
                length = ReadlinkAtName(dirFd, name, p, (nuint)buffer.Length);
            }

            if (length < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return null;
            }

            if (length < buffer.Length)
            {
                errno = 0;
                return Scanning.RawPath.ToOsText(buffer.AsSpan(0, (int)length));
            }
        }

        errno = ENAMETOOLONG;
        return null;
    }
}
