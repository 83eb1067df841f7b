using System.Text;

namespace Linkctl.Interop.Unix;

/// <summary>One line of /proc/self/mountinfo (proc(5)), with the octal escapes decoded.</summary>
internal sealed record MountEntry(
    int MountId,
    int ParentId,
    uint Major,
    uint Minor,
    string Root,
    string MountPoint,
    string MountOptions,
    IReadOnlyList<string> OptionalFields,
    string FileSystemType,
    string Source,
    string SuperOptions)
{
    /// <summary>Read-only by the per-mount flag (a read-only bind mount) or the superblock's.</summary>
    public bool ReadOnly => HasOption(MountOptions, "ro") || HasOption(SuperOptions, "ro");

    public bool HasMountOption(string name) => HasOption(MountOptions, name) || HasOption(SuperOptions, name);

    private static bool HasOption(string options, string name)
    {
        foreach (var option in options.Split(','))
        {
            if (option == name || option.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Reads which mount holds a path from /proc/self/mountinfo: it names the file system type as
/// mount(8) does ("fuseblk", "exfat", "cifs"), the source and the options, none of which statfs(2) gives.
/// </summary>
internal static class MountInfo
{
    internal const string SelfPath = "/proc/self/mountinfo";

    /// <summary>The mount table of this process's mount namespace; empty when /proc is not mounted.</summary>
    internal static IReadOnlyList<MountEntry> ReadSelf()
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(SelfPath);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }

        return Parse(text);
    }

    /// <summary>
    /// Parses mountinfo text. A line is "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS";
    /// spaces, tabs, newlines and backslashes inside fields are written as \040, \011, \012, \134.
    /// Lines that do not have that shape are skipped.
    /// </summary>
    internal static IReadOnlyList<MountEntry> Parse(ReadOnlySpan<byte> text)
    {
        var entries = new List<MountEntry>();
        foreach (var rawLine in Encoding.UTF8.GetString(text).Split('\n'))
        {
            var entry = ParseLine(rawLine);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    internal static MountEntry? ParseLine(string line)
    {
        var fields = line.Split(' ');
        if (fields.Length < 10)
        {
            return null;
        }

        var separator = Array.IndexOf(fields, "-", 6);
        if (separator < 0 || fields.Length < separator + 4)
        {
            return null;
        }

        var device = fields[2].Split(':');
        if (!int.TryParse(fields[0], out var id) || !int.TryParse(fields[1], out var parent)
            || device.Length != 2 || !uint.TryParse(device[0], out var major) || !uint.TryParse(device[1], out var minor))
        {
            return null;
        }

        return new MountEntry(
            id,
            parent,
            major,
            minor,
            Unescape(fields[3]),
            Unescape(fields[4]),
            Unescape(fields[5]),
            fields[6..separator].Select(Unescape).ToArray(),
            Unescape(fields[separator + 1]),
            Unescape(fields[separator + 2]),
            Unescape(string.Join(' ', fields[(separator + 3)..])));
    }

    /// <summary>Decodes the kernel's \ooo octal escapes (seq_file's mangle of " \t\n\\").</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\'))
        {
            return field;
        }

        // The escapes stand for bytes, and names are bytes: decode to bytes first, then UTF-8.
        var bytes = new List<byte>(field.Length);
        var source = Encoding.UTF8.GetBytes(field);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == (byte)'\\' && i + 3 < source.Length
                && IsOctal(source[i + 1]) && IsOctal(source[i + 2]) && IsOctal(source[i + 3]))
            {
                bytes.Add((byte)(((source[i + 1] - '0') << 6) | ((source[i + 2] - '0') << 3) | (source[i + 3] - '0')));
                i += 3;
            }
            else
            {
                bytes.Add(source[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsOctal(byte b) => b is >= (byte)'0' and <= (byte)'7';

    /// <summary>
    /// The mount that holds <paramref name="resolvedPath"/> (a path with every link resolved):
    /// the longest mount point that is the path or one of its ancestors; among equal mount points
    /// the last one listed, because a later mount on the same point hides the earlier ones.
    /// </summary>
    internal static MountEntry? FindFor(IReadOnlyList<MountEntry> mounts, string resolvedPath)
    {
        MountEntry? best = null;
        foreach (var mount in mounts)
        {
            if (IsAtOrBelow(resolvedPath, mount.MountPoint) && (best is null || mount.MountPoint.Length >= best.MountPoint.Length))
            {
                best = mount;
            }
        }

        return best;
    }

    private static bool IsAtOrBelow(string path, string mountPoint) =>
        mountPoint == "/"
        || path == mountPoint
        || (path.StartsWith(mountPoint, StringComparison.Ordinal) && path.Length > mountPoint.Length && path[mountPoint.Length] == '/');
}
