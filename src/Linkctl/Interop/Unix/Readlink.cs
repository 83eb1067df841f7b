using System.Runtime.InteropServices;
using System.Text;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>readlink(2): copies the stored target without a terminating NUL; returns its length or -1.</summary>
    [LibraryImport(Library, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
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

    /// <summary>The stored target decoded as UTF-8; <paramref name="validUtf8"/> is false when bytes had to be replaced with U+FFFD.</summary>
    internal static string? Readlink(string path, out int errno, out bool validUtf8, out byte[]? raw)
    {
        raw = ReadlinkBytes(path, out errno);
        if (raw is null)
        {
            validUtf8 = true;
            return null;
        }

        validUtf8 = System.Text.Unicode.Utf8.IsValid(raw);
        return Encoding.UTF8.GetString(raw);
    }
}
