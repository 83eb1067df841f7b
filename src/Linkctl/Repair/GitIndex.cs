using System.Text;

namespace Linkctl.Repair;

/// <summary>One symbolic link recorded in git's index: its path below the folder git was asked about, and its blob.</summary>
/// <param name="Path">The path git printed (relative to the folder, '/'-separated, any bytes but NUL).</param>
/// <param name="BlobId">The blob holding the link text.</param>
public sealed record GitIndexLink(byte[] Path, string BlobId);

/// <summary>
/// git's plumbing output read as bytes (pure): <c>git ls-files -s -z</c> and
/// <c>git cat-file --batch</c>. Never text-decoded: a path or a link text may be any bytes.
/// </summary>
internal static class GitIndex
{
    /// <summary>The mode git gives a symbolic link (S_IFLNK without permission bits).</summary>
    public const string SymlinkMode = "120000";

    /// <summary>
    /// The symbolic links of <c>git ls-files -s -z</c> output: records "MODE SP OBJECT SP STAGE TAB PATH NUL".
    /// Entries in a merge conflict (stage 1-3) are returned in <paramref name="conflicted"/>: which side's
    /// link text is meant is the user's decision, not linkctl's.
    /// </summary>
    public static List<GitIndexLink> SymbolicLinks(ReadOnlySpan<byte> output, out List<byte[]> conflicted)
    {
        var links = new List<GitIndexLink>();
        conflicted = [];
        while (output.Length > 0)
        {
            var end = output.IndexOf((byte)0);
            var record = end < 0 ? output : output[..end];
            output = end < 0 ? [] : output[(end + 1)..];
            var tab = record.IndexOf((byte)'\t');
            if (tab < 0)
            {
                throw new FormatException("git ls-files -s -z printed a record without a TAB before its path");
            }

            var fields = Encoding.ASCII.GetString(record[..tab]).Split(' ');
            if (fields.Length != 3)
            {
                throw new FormatException($"git ls-files -s -z printed an unexpected record: {fields.Length} fields before the path");
            }

            if (fields[0] != SymlinkMode)
            {
                continue;
            }

            var path = record[(tab + 1)..].ToArray();
            if (fields[2] != "0")
            {
                if (!conflicted.Any(c => c.AsSpan().SequenceEqual(path)))
                {
                    conflicted.Add(path);
                }

                continue;
            }

            links.Add(new GitIndexLink(path, fields[1]));
        }

        return links;
    }

    /// <summary>
    /// The blobs of <c>git cat-file --batch</c> output: per object "OID SP TYPE SP SIZE LF CONTENT LF",
    /// or "NAME SP missing LF". Returns each found blob's exact bytes by id.
    /// </summary>
    public static Dictionary<string, byte[]> Blobs(ReadOnlySpan<byte> output, out List<string> missing)
    {
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        missing = [];
        while (output.Length > 0)
        {
            var lf = output.IndexOf((byte)'\n');
            if (lf < 0)
            {
                throw new FormatException("git cat-file --batch output ended inside a header");
            }

            var header = Encoding.ASCII.GetString(output[..lf]).Split(' ');
            output = output[(lf + 1)..];
            if (header.Length == 2 && header[1] is "missing" or "ambiguous")
            {
                missing.Add(header[0]);
                continue;
            }

            if (header.Length != 3 || !int.TryParse(header[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) || size > output.Length - 1)
            {
                throw new FormatException($"git cat-file --batch printed an unexpected header: {string.Join(' ', header)}");
            }

            blobs[header[0]] = output[..size].ToArray();
            output = output[(size + 1)..];
        }

        return blobs;
    }

    /// <summary>The attribute git for Windows reads to choose a link's type (compat/mingw.c, check_symlink_attr).</summary>
    public const string SymlinkAttribute = "symlink";

    /// <summary>
    /// The records of <c>git check-attr -z --stdin symlink</c>: "PATH NUL ATTRIBUTE NUL INFO NUL" per
    /// path, in the order asked (git-check-attr(1), "-z": both input and output are NUL-separated and
    /// nothing is quoted). INFO is "unspecified", "set", "unset" or the attribute's value.
    /// </summary>
    public static List<GitSymlinkAttribute> SymlinkAttributes(ReadOnlySpan<byte> output)
    {
        var attributes = new List<GitSymlinkAttribute>();
        while (output.Length > 0)
        {
            var fields = new byte[3][];
            for (var i = 0; i < 3; i++)
            {
                var end = output.IndexOf((byte)0);
                if (end < 0)
                {
                    throw new FormatException("git check-attr -z printed a record that does not end in NUL after its three fields");
                }

                fields[i] = output[..end].ToArray();
                output = output[(end + 1)..];
            }

            if (!fields[1].AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(SymlinkAttribute)))
            {
                throw new FormatException($"git check-attr printed the attribute '{Encoding.UTF8.GetString(fields[1])}', not '{SymlinkAttribute}'");
            }

            attributes.Add(new GitSymlinkAttribute(fields[0], Encoding.UTF8.GetString(fields[2])));
        }

        return attributes;
    }
}

/// <summary>One link's <c>symlink</c> gitattribute as git check-attr printed it ("unspecified", "set", "unset" or its value).</summary>
public sealed record GitSymlinkAttribute(byte[] Path, string Value)
{
    /// <summary>
    /// The link type the value asks for, as git for Windows reads it (compat/mingw.c, check_symlink_attr):
    /// "file" a file link, "dir" or "directory" a folder link, "unspecified" nothing (guess from the
    /// target); anything else is invalid (git warns "ignoring invalid symlink type" and guesses).
    /// </summary>
    public static GitSymlinkType TypeOf(string? value) => value switch
    {
        null or "unspecified" => GitSymlinkType.Unspecified,
        "file" => GitSymlinkType.File,
        "dir" or "directory" => GitSymlinkType.Directory,
        _ => GitSymlinkType.Invalid,
    };
}

/// <summary>What a <c>symlink</c> gitattribute asks for.</summary>
public enum GitSymlinkType
{
    /// <summary>Not set: the type is decided from the target.</summary>
    Unspecified,

    /// <summary><c>symlink=file</c>: a file symbolic link, whatever the target is.</summary>
    File,

    /// <summary><c>symlink=dir</c> (or <c>directory</c>): a folder symbolic link, whatever the target is.</summary>
    Directory,

    /// <summary>Another value (set, unset, a word git does not know): ignored with a warning, as git for Windows does.</summary>
    Invalid,
}
