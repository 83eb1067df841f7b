using System.Runtime.InteropServices;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// The disk side of repair on Unix, on raw byte paths (names need not be UTF-8). Every change
/// checks first that the link still stores what the plan saw, is atomic (a new link made beside
/// the old one and renamed over it, so the name never disappears), and is read back. A Unix
/// symbolic link has no file-or-folder flag, so the journal's link type is left null.
/// </summary>
internal sealed class UnixLinkEditor : ILinkEditor
{
    private const int AT_FDCWD = -100;

    public static unsafe byte[]? ReadTarget(byte[] path, out int errno)
    {
        var buffer = new byte[4096];
        fixed (byte* p = Z(path))
        fixed (byte* b = buffer)
        {
            var n = LibC.ReadlinkAt(AT_FDCWD, p, b, (nuint)buffer.Length);
            errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            return n < 0 ? null : buffer[..(int)n];
        }
    }

    /// <summary>Replaces the target of the link at <paramref name="path"/>: null on success, else why not.</summary>
    public unsafe (OsError? Error, string? Problem) Replace(byte[] path, byte[] expected, byte[] after, Action<string?> beforeChange)
    {
        var current = ReadTarget(path, out var errno);
        if (current is null)
        {
            return (OsError.Errno(errno), "cannot read the link");
        }

        if (!current.AsSpan().SequenceEqual(expected))
        {
            return (null, $"the link changed since it was examined: it now stores {RawPath.Escape(current)}");
        }

        var slash = Array.LastIndexOf(path, (byte)'/');
        var folder = slash < 0 ? "."u8.ToArray() : slash == 0 ? "/"u8.ToArray() : path[..slash];
        var temp = RawPath.Combine(folder, RawPath.FromText($".linkctl-repair-{Guid.NewGuid():N}"));
        fixed (byte* t = Z(after))
        fixed (byte* tmp = Z(temp))
        fixed (byte* p = Z(path))
        {
            if (LibC.Symlink(t, tmp) != 0)
            {
                return (OsError.Errno(Marshal.GetLastPInvokeError()), "cannot make the new link beside the old one");
            }

            var made = ReadTarget(temp, out _);
            if (made is null || !made.AsSpan().SequenceEqual(after))
            {
                LibC.Unlink(tmp);
                return (null, "the new link did not read back as written");
            }

            beforeChange(null);
            if (LibC.Rename(tmp, p) != 0)
            {
                var e = Marshal.GetLastPInvokeError();
                LibC.Unlink(tmp);
                return (OsError.Errno(e), "cannot rename the new link over the old one");
            }
        }

        var now = ReadTarget(path, out errno);
        return now is not null && now.AsSpan().SequenceEqual(after)
            ? (null, null)
            : (now is null ? OsError.Errno(errno) : null, "the link did not read back with its new target");
    }

    /// <summary>Removes the link at <paramref name="path"/> if it still stores <paramref name="expected"/>; never follows it.</summary>
    public unsafe (OsError? Error, string? Problem) Remove(byte[] path, byte[] expected, Action<string?> beforeChange)
    {
        var current = ReadTarget(path, out var errno);
        if (current is null)
        {
            return (OsError.Errno(errno), "cannot read the link");
        }

        if (!current.AsSpan().SequenceEqual(expected))
        {
            return (null, $"the link changed since it was examined: it now stores {RawPath.Escape(current)}");
        }

        beforeChange(null);
        fixed (byte* p = Z(path))
        {
            if (LibC.Unlink(p) != 0)
            {
                return (OsError.Errno(Marshal.GetLastPInvokeError()), "cannot remove the link");
            }
        }

        return ReadTarget(path, out errno) is null && errno == LibC.ENOENT ? (null, null) : (null, "the link is still there after removing it");
    }

    /// <summary>Makes a link again (undo of a removal) where nothing is now.</summary>
    public unsafe (OsError? Error, string? Problem) Restore(byte[] path, byte[] target, string? linkType)
    {
        if (ReadTarget(path, out _) is not null)
        {
            return (null, "something is at this path again; left alone");
        }

        fixed (byte* p = Z(path))
        fixed (byte* t = Z(target))
        {
            if (LibC.Symlink(t, p) != 0)
            {
                return (OsError.Errno(Marshal.GetLastPInvokeError()), "cannot make the link again");
            }
        }

        var now = ReadTarget(path, out _);
        return now is not null && now.AsSpan().SequenceEqual(target) ? (null, null) : (null, "the link did not read back as written");
    }

    private static byte[] Z(byte[] path)
    {
        var z = new byte[path.Length + 1];
        path.CopyTo(z, 0);
        return z;
    }
}
