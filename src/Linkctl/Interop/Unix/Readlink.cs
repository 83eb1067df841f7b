using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>readlink(2): copies the stored target without a terminating NUL; returns its length or -1.</summary>
    [LibraryImport(Library, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial nint ReadlinkRaw(string path, byte* buffer, nuint size);

    /// <summary>
    /// The stored target as raw bytes (a Unix name is bytes, not text), or null with
    /// <paramref name="errno"/> set. The buffer grows until the answer is shorter than it,
    /// because a full buffer means the target may have been cut off.
    /// </summary>
    internal static unsafe byte[]? ReadlinkBytes(string path, out int errno)
    {
        var size = 256;
        while (true)
        {
            var buffer = new byte[size];
            nint length;
            fixed (byte* p = buffer)
            {
                length = ReadlinkRaw(path, p, (nuint)buffer.Length);
            }

            if (length < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                return null;
            }

            if (length < buffer.Length)
            {
                errno = 0;
                return buffer.AsSpan(0, (int)length).ToArray();
            }

            // Linux caps a symbolic link's target at PATH_MAX (4096) bytes, but a FUSE or network
            // file system may answer more; stop at 1 MiB so a lying driver cannot exhaust memory.
            if (size >= 1 << 20)
            {
                errno = ENAMETOOLONG;
                return null;
            }

            size *= 2;
        }
    }

    /// <summary>The stored target as a string that keeps every byte (<see cref="Scanning.RawPath.ToOsText"/>), or null with <paramref name="errno"/> set.</summary>
    internal static string? Readlink(string path, out int errno)
    {
        var raw = ReadlinkBytes(path, out errno);
        return raw is null ? null : Scanning.RawPath.ToOsText(raw);
    }
}
