using System.Text;
using System.Text.Unicode;

namespace Linkctl.Scanning;

/// <summary>
/// Paths as the OS's raw bytes. A Unix name is any bytes but '/' and NUL, so turning it into a
/// string too early loses names that are not UTF-8; these functions keep the bytes and give
/// text forms only for output.
/// </summary>
/// <remarks>
/// Text becomes bytes as WTF-8 (the generalised UTF-8 that Rust std uses for Windows names): a
/// Windows name is any sequence of UTF-16 units, and an unpaired surrogate (which NTFS allows and
/// Encoding.UTF8 would turn into U+FFFD, naming another file) is kept as its own three bytes
/// ED A0..BF 80..BF. Valid UTF-16 gives exactly its UTF-8.
/// </remarks>
internal static class RawPath
{
    public static byte[] FromText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!HasUnpairedSurrogate(path))
        {
            return Encoding.UTF8.GetBytes(path);
        }

        var bytes = new List<byte>(path.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]))
            {
                var written = new Rune(c, path[i + 1]).EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..written]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // The three-byte form UTF-8 reserves for surrogates: ED A0..BF 80..BF.
                bytes.Add((byte)(0xE0 | (c >> 12)));
                bytes.Add((byte)(0x80 | ((c >> 6) & 0x3F)));
                bytes.Add((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                var written = new Rune(c).EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..written]);
            }
        }

        return [.. bytes];
    }

    public static bool IsValidUtf8(ReadOnlySpan<byte> path) => Utf8.IsValid(path);

    /// <summary>True when <paramref name="text"/> holds a UTF-16 surrogate without its partner.</summary>
    public static bool HasUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The path as text. An encoded unpaired surrogate (see the remarks) comes back as that
    /// surrogate, so text made by <see cref="FromText"/> round-trips; other bytes that are not
    /// UTF-8 become U+FFFD (lossy: pair it with the bytes when that matters).
    /// </summary>
    public static string ToText(ReadOnlySpan<byte> path)
    {
        if (Utf8.IsValid(path) || !HasEncodedSurrogate(path))
        {
            return Encoding.UTF8.GetString(path);
        }

        var sb = new StringBuilder(path.Length);
        var i = 0;
        while (i < path.Length)
        {
            if (EncodedSurrogateAt(path, i) is char surrogate)
            {
                sb.Append(surrogate);
                i += 3;
                continue;
            }

            var status = Rune.DecodeFromUtf8(path[i..], out var rune, out var used);
            sb.Append(status == System.Buffers.OperationStatus.Done ? rune.ToString() : "\uFFFD");
            i += Math.Max(used, 1);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A JSON string literal (quotes included) for <paramref name="text"/> that keeps unpaired
    /// surrogates as \uXXXX escapes, which JSON's grammar allows but System.Text.Json's writer would
    /// replace with U+FFFD. Everything else is escaped as <paramref name="encoder"/> escapes it.
    /// </summary>
    public static string JsonLiteral(string text, System.Text.Encodings.Web.JavaScriptEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16).Append('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(text[i]))
            {
                sb.Append(System.Text.Json.JsonEncodedText.Encode(text.AsSpan(start, i - start), encoder).Value);
                sb.Append("\\u").Append(((int)text[i]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                start = i + 1;
            }
        }

        sb.Append(System.Text.Json.JsonEncodedText.Encode(text.AsSpan(start), encoder).Value);
        return sb.Append('"').ToString();
    }

    private static bool HasEncodedSurrogate(ReadOnlySpan<byte> path)
    {
        for (var i = 0; i + 2 < path.Length; i++)
        {
            if (EncodedSurrogateAt(path, i) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static char? EncodedSurrogateAt(ReadOnlySpan<byte> path, int i) =>
        i + 2 < path.Length && path[i] == 0xED && path[i + 1] is >= 0xA0 and <= 0xBF && path[i + 2] is >= 0x80 and <= 0xBF
            ? (char)(0xD000 | ((path[i + 1] & 0x3F) << 6) | (path[i + 2] & 0x3F))
            : null;

    /// <summary>
    /// The path as a string that keeps every byte (for handing it back to the OS, never for
    /// showing): valid UTF-8 is decoded, and each byte that is not part of valid UTF-8 becomes the
    /// lone surrogate U+DC00 + byte (Python's "surrogateescape", PEP 383). Valid UTF-8 never
    /// decodes to those surrogates, so <see cref="FromOsText"/> gives the bytes back exactly.
    /// </summary>
    public static string ToOsText(ReadOnlySpan<byte> path)
    {
        if (Utf8.IsValid(path))
        {
            return Encoding.UTF8.GetString(path);
        }

        var sb = new StringBuilder(path.Length);
        var i = 0;
        while (i < path.Length)
        {
            if (Rune.DecodeFromUtf8(path[i..], out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += used;
            }
            else
            {
                // Bytes below 0x80 are always valid, so only 0x80..0xFF are ever escaped.
                sb.Append((char)(0xDC00 + path[i]));
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The bytes a string from <see cref="ToOsText"/> stands for: UTF-8, with each lone surrogate
    /// U+DC80..U+DCFF turned back into its byte. Any other lone surrogate (no Unix name produces
    /// one) is written as U+FFFD, as UTF-8 encoding does.
    /// </summary>
    public static byte[] FromOsText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasEscapes(text))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = new List<byte>(text.Length + 8);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                bytes.Add((byte)(c - 0xDC00));
                continue;
            }

            var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
            var n = rune.EncodeToUtf8(buffer);
            for (var k = 0; k < n; k++)
            {
                bytes.Add(buffer[k]);
            }

            if (rune.IsBmp == false)
            {
                i++;
            }
        }

        return [.. bytes];
    }

    /// <summary>The string with every lone surrogate (a byte <see cref="ToOsText"/> escaped) shown as U+FFFD: the form to print or serialize.</summary>
    public static string Displayable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HasLoneSurrogate(text) ? Encoding.UTF8.GetString(FromOsText(text)) : text;
    }

    private static bool HasEscapes(string text) => HasLoneSurrogate(text);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A one-line, lossless text form: valid UTF-8 is kept, and backslash, control characters
    /// (newline, tab...), unpaired surrogates (\uXXXX) and bytes that are not UTF-8 are written as
    /// C escapes (\\, \n, \t, \xNN),
    /// so a name never breaks a line and can be told apart from any other name.
    /// </summary>
    /// <remarks>On Windows a backslash is the separator and is kept as it is (<see cref="EscapesBackslash"/>).</remarks>
    public static string Escape(ReadOnlySpan<byte> path) => Escape(path, EscapesBackslash);

    /// <summary>As <see cref="Escape(ReadOnlySpan{byte})"/>, for a path of the given rules: a backslash is the separator on Windows and is kept.</summary>
    public static string Escape(ReadOnlySpan<byte> path, bool escapeBackslash)
    {
        if (!NeedsEscape(path, escapeBackslash))
        {
            return Encoding.UTF8.GetString(path);
        }

        var sb = new StringBuilder(path.Length + 8);
        AppendEscaped(sb, path, escapeBackslash);
        return sb.ToString();
    }

    /// <summary>Whether <see cref="Escape(ReadOnlySpan{byte})"/> doubles backslashes: on Unix, where a backslash is an ordinary name byte.</summary>
    public static bool EscapesBackslash { get; } = !OperatingSystem.IsWindows();

    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<byte> path) => AppendEscaped(sb, path, EscapesBackslash);

    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<byte> path, bool escapeBackslash)
    {
        var i = 0;
        while (i < path.Length)
        {
            var b = path[i];
            if (b < 0x80)
            {
                switch (b)
                {
                    case (byte)'\\' when escapeBackslash: sb.Append("\\\\"); break;
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

            if (EncodedSurrogateAt(path, i) is char surrogate)
            {
                // An unpaired UTF-16 surrogate from a Windows name: named by its code unit, never U+FFFD.
                sb.Append("\\u").Append(((int)surrogate).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                i += 3;
            }
            else if (Rune.DecodeFromUtf8(path[i..], out var rune, out var used) == System.Buffers.OperationStatus.Done)
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

    private static bool NeedsEscape(ReadOnlySpan<byte> path, bool escapeBackslash)
    {
        foreach (var b in path)
        {
            if (b < 0x20 || b == 0x7F || (b == (byte)'\\' && escapeBackslash))
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
