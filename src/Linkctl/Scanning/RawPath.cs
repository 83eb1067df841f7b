using System.Text;
using System.Text.Unicode;

namespace Linkctl.Scanning;

/// <summary>
/// Paths as the OS's raw bytes. A Unix name is any bytes but '/' and NUL, so turning it into a
/// string too early loses names that are not UTF-8; these functions keep the bytes and give
/// text forms only for output.
/// </summary>
public static class RawPath
{
    public static byte[] FromText(string path) => Encoding.UTF8.GetBytes(path);

    public static bool IsValidUtf8(ReadOnlySpan<byte> path) => Utf8.IsValid(path);

    /// <summary>The path as text; bytes that are not UTF-8 become U+FFFD (lossy: pair it with the bytes when that matters).</summary>
    public static string ToText(ReadOnlySpan<byte> path) => Encoding.UTF8.GetString(path);

    /// <summary>
    /// A one-line, lossless text form: valid UTF-8 is kept, and backslash, control characters
    /// (newline, tab...) and bytes that are not UTF-8 are written as C escapes (\\, \n, \t, \xNN),
    /// so a name never breaks a line and can be told apart from any other name.
    /// </summary>
    /// <remarks>On Windows a backslash is the separator and is kept as it is (<see cref="EscapesBackslash"/>).</remarks>
    public static string Escape(ReadOnlySpan<byte> path)
    {
        if (!NeedsEscape(path))
        {
            return Encoding.UTF8.GetString(path);
        }

        var sb = new StringBuilder(path.Length + 8);
        AppendEscaped(sb, path);
        return sb.ToString();
    }

    /// <summary>Whether <see cref="Escape"/> doubles backslashes: on Unix, where a backslash is an ordinary name byte.</summary>
    public static bool EscapesBackslash { get; } = !OperatingSystem.IsWindows();

    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<byte> path)
    {
        var i = 0;
        while (i < path.Length)
        {
            var b = path[i];
            if (b < 0x80)
            {
                switch (b)
                {
                    case (byte)'\\' when EscapesBackslash: sb.Append("\\\\"); break;
                    case (byte)'\n': sb.Append("\\n"); break;
                    case (byte)'\t': sb.Append("\\t"); break;
                    case (byte)'\r': sb.Append("\\r"); break;
                    default:
                        if (b < 0x20 || b == 0x7F)
                        {
                            sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append((char)b);
                        }

                        break;
                }

                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(path[i..], out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += used;
            }
            else
            {
                sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                i++;
            }
        }
    }

    private static bool NeedsEscape(ReadOnlySpan<byte> path)
    {
        foreach (var b in path)
        {
            if (b < 0x20 || b == 0x7F || (b == (byte)'\\' && EscapesBackslash))
            {
                return true;
            }
        }

        return !Utf8.IsValid(path);
    }

    /// <summary><paramref name="directory"/> + '/' + <paramref name="name"/>, without doubling a trailing '/'.</summary>
    public static byte[] Combine(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name)
    {
        var slash = directory.Length > 0 && directory[^1] == (byte)'/' ? 0 : 1;
        var result = new byte[directory.Length + slash + name.Length];
        directory.CopyTo(result);
        if (slash == 1)
        {
            result[directory.Length] = (byte)'/';
        }

        name.CopyTo(result.AsSpan(directory.Length + slash));
        return result;
    }

    /// <summary>
    /// A Unix path with empty, "." and ".." components removed lexically ("/a/./b/../c" is "/a/c";
    /// ".." at the root stays at the root). For an absolute path only: a relative one keeps its leading "..".
    /// </summary>
    public static byte[] Normalize(ReadOnlySpan<byte> path)
    {
        var absolute = path.Length > 0 && path[0] == (byte)'/';
        Span<Range> parts = path.Length <= 512 ? stackalloc Range[path.Length / 2 + 1] : new Range[path.Length / 2 + 1];
        var count = 0;
        var i = 0;
        while (i < path.Length)
        {
            while (i < path.Length && path[i] == (byte)'/')
            {
                i++;
            }

            var start = i;
            while (i < path.Length && path[i] != (byte)'/')
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            var part = path[start..i];
            if (part.Length == 1 && part[0] == (byte)'.')
            {
                continue;
            }

            if (part.Length == 2 && part[0] == (byte)'.' && part[1] == (byte)'.')
            {
                if (count > 0 && !IsDotDot(path[parts[count - 1]]))
                {
                    count--;
                    continue;
                }

                if (absolute)
                {
                    continue;
                }
            }

            parts[count++] = start..i;
        }

        var length = absolute ? 1 : 0;
        for (var k = 0; k < count; k++)
        {
            length += path[parts[k]].Length + (k > 0 ? 1 : 0);
        }

        if (length == 0)
        {
            return [(byte)'.'];
        }

        var result = new byte[length];
        var at = 0;
        if (absolute)
        {
            result[at++] = (byte)'/';
        }

        for (var k = 0; k < count; k++)
        {
            if (k > 0)
            {
                result[at++] = (byte)'/';
            }

            path[parts[k]].CopyTo(result.AsSpan(at));
            at += path[parts[k]].Length;
        }

        return result;
    }

    private static bool IsDotDot(ReadOnlySpan<byte> part) => part.Length == 2 && part[0] == (byte)'.' && part[1] == (byte)'.';

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or below it; both normalized and absolute.</summary>
    public static bool IsSameOrBelow(ReadOnlySpan<byte> path, ReadOnlySpan<byte> ancestor)
    {
        if (ancestor.Length == 1 && ancestor[0] == (byte)'/')
        {
            return path.Length > 0 && path[0] == (byte)'/';
        }

        return path.StartsWith(ancestor) && (path.Length == ancestor.Length || path[ancestor.Length] == (byte)'/');
    }

    /// <summary>The relative path from the folder <paramref name="fromDirectory"/> to <paramref name="to"/>; both normalized and absolute.</summary>
    public static byte[] GetRelative(ReadOnlySpan<byte> fromDirectory, ReadOnlySpan<byte> to)
    {
        var from = Split(fromDirectory);
        var target = Split(to);
        var common = 0;
        while (common < from.Count && common < target.Count && fromDirectory[from[common]].SequenceEqual(to[target[common]]))
        {
            common++;
        }

        var result = new List<byte>(to.Length);
        for (var k = common; k < from.Count; k++)
        {
            if (result.Count > 0)
            {
                result.Add((byte)'/');
            }

            result.Add((byte)'.');
            result.Add((byte)'.');
        }

        for (var k = common; k < target.Count; k++)
        {
            if (result.Count > 0)
            {
                result.Add((byte)'/');
            }

            result.AddRange(to[target[k]]);
        }

        return result.Count == 0 ? [(byte)'.'] : [.. result];
    }

    private static List<Range> Split(ReadOnlySpan<byte> path)
    {
        var parts = new List<Range>();
        var i = 0;
        while (i < path.Length)
        {
            while (i < path.Length && path[i] == (byte)'/')
            {
                i++;
            }

            var start = i;
            while (i < path.Length && path[i] != (byte)'/')
            {
                i++;
            }

            if (i > start)
            {
                parts.Add(start..i);
            }
        }

        return parts;
    }
}
