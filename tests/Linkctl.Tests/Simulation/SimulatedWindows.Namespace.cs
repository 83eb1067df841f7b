using Win32 = Linkctl.Errors.Win32ErrorNames;
using Linkctl.Reparse;

namespace Linkctl.Tests.Simulation;

// How the simulated Windows turns a path into a file: the object manager's and NTFS's part
// of every call. Links met on the way are followed by substituting their target into the
// path and starting again, as STATUS_REPARSE makes the I/O manager do.
internal sealed partial class SimulatedWindows
{
    // The I/O manager gives up after this many reparses in one open.
    private const int MaximumReparseDepth = 63;

    private static readonly char[] InvalidNameCharacters = ['<', '>', ':', '"', '|', '?', '*'];

    // subst drives of the (one) session the simulation models: letter -> the folder it stands for.
    private readonly Dictionary<char, string> _substDrives = [];

    /// <summary>A volume with its root folder.</summary>
    private sealed class MountedVolume(SimulatedVolume facts)
    {
        public SimulatedVolume Facts { get; set; } = facts;

        public SimulatedDirectory Root { get; init; } = null!;
    }

    /// <summary>
    /// Where a path leads: its volume, the folder holding its last component, the canonical
    /// components (stored case for what exists) and the node, or null when the last
    /// component does not exist (yet).
    /// </summary>
    private readonly record struct Location(MountedVolume Volume, SimulatedDirectory? Parent, IReadOnlyList<string> Components, SimulatedNode? Node)
    {
        public string Name => Components.Count == 0 ? string.Empty : Components[^1];

        public bool IsRoot => Parent is null;
    }

    private int Parse(string path, out MountedVolume volume, out List<string> components)
    {
        volume = null!;
        components = [];
        var p = path.Replace('/', '\\');
        var literal = p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\??\", StringComparison.Ordinal);
        if (p.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase) || p.StartsWith(@"\\.\UNC\", StringComparison.OrdinalIgnoreCase))
        {
            p = @"\\" + p[8..];
        }
        else if (p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\\.\", StringComparison.Ordinal) || p.StartsWith(@"\??\", StringComparison.Ordinal))
        {
            p = p[4..];
        }

        string rest;
        if (p.StartsWith("Volume{", StringComparison.OrdinalIgnoreCase))
        {
            var close = p.IndexOf('}', StringComparison.Ordinal);
            if (close < 0 || !Guid.TryParse(p[6..(close + 1)], out var guid))
            {
                return Win32.InvalidName;
            }

            var found = _volumes.FirstOrDefault(v => v.Facts.VolumeGuid == guid);
            if (found is null)
            {
                return Win32.PathNotFound;
            }

            volume = found;
            rest = p[(close + 1)..];
        }
        else if (p.StartsWith(@"\\", StringComparison.Ordinal))
        {
            var parts = p[2..].Split('\\');
            if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return Win32.BadPathName;
            }

            var root = @"\\" + parts[0] + @"\" + parts[1];
            var found = _volumes.FirstOrDefault(v => string.Equals(v.Facts.UncRoot, root, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                return Win32.BadNetPath;
            }

            volume = found;
            rest = string.Join('\\', parts.Skip(2));
        }
        else if (p.Length >= 2 && char.IsAsciiLetter(p[0]) && p[1] == ':')
        {
            if (p.Length > 2 && p[2] != '\\')
            {
                // "C:x" depends on a per-drive current folder that API callers must not rely on.
                return Win32.InvalidName;
            }

            var letter = char.ToUpperInvariant(p[0]);
            if (_substDrives.TryGetValue(letter, out var substituted))
            {
                // A subst drive is a DOS device name for a folder: the object manager rewrites the
                // letter before the file system sees the path (`subst`, DefineDosDeviceW).
                return Parse(substituted.TrimEnd('\\') + p[2..], out volume, out components);
            }

            var found = _volumes.FirstOrDefault(v => v.Facts.DriveLetter == letter);
            if (found is null)
            {
                return Win32.PathNotFound;
            }

            volume = found;
            rest = p[2..];
        }
        else
        {
            return Win32.InvalidName;
        }

        foreach (var part in rest.Split('\\'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (components.Count > 0)
                {
                    components.RemoveAt(components.Count - 1);
                }

                continue;
            }

            if (part.IndexOfAny(InvalidNameCharacters) >= 0 || part.Any(char.IsControl))
            {
                return Win32.InvalidName;
            }

            // Win32 path normalisation strips trailing dots and spaces from names; a \\?\ path is
            // passed on literally (docs/windows-facts.md, "Paths, volumes and identity"; Learn:
            // Naming Files, Paths, and Namespaces, and File path formats on Windows systems, "Trim
            // characters"). Stripped from every name here, as the facts file says, which is the
            // stricter reading: code that passes such names with \\?\ is right under either.
            var name = literal ? part : part.TrimEnd('.', ' ');
            components.Add(name.Length > 0 ? name : part);
        }

        return Win32.Success;
    }

    private int Resolve(string path, bool followFinal, out Location location)
    {
        location = default;
        var current = path;
        var reparses = 0;
        while (true)
        {
            var error = Parse(current, out var volume, out var components);
            if (error != 0)
            {
                return error;
            }

            var directory = volume.Root;
            var canonical = new List<string>();
            if (components.Count == 0)
            {
                location = new Location(volume, null, canonical, volume.Root);
                return Win32.Success;
            }

            string? redirect = null;
            for (var i = 0; i < components.Count; i++)
            {
                var last = i == components.Count - 1;
                if (!directory.TryGet(components[i], out var stored, out var node))
                {
                    if (!last)
                    {
                        return Win32.PathNotFound;
                    }

                    canonical.Add(components[i]);
                    location = new Location(volume, directory, canonical, null);
                    return Win32.Success;
                }

                if (node.ReparseData is not null && (!last || followFinal))
                {
                    var result = Reparse(volume, canonical, node, components.Skip(i + 1), ref reparses, out redirect);
                    if (result == Redirected)
                    {
                        break;
                    }

                    if (result != Transparent)
                    {
                        return result;
                    }
                }

                canonical.Add(stored);
                if (last)
                {
                    location = new Location(volume, directory, canonical, node);
                    return Win32.Success;
                }

                if (node is not SimulatedDirectory next)
                {
                    return Win32.PathNotFound;
                }

                directory = next;
            }

            current = redirect!;
        }
    }

    // What Reparse answers besides a Win32 error: follow the redirect, or open the node as it is.
    private const int Redirected = -1;
    private const int Transparent = -2;

    private int Reparse(MountedVolume volume, IReadOnlyList<string> parent, SimulatedNode node, IEnumerable<string> remaining, ref int reparses, out string? redirect)
    {
        redirect = null;
        var tag = node.ReparseTag;
        if (tag is not (ReparseTag.Symlink or ReparseTag.MountPoint))
        {
            // A reparse point whose tag no driver handles fails to open, unless opened with
            // FILE_FLAG_OPEN_REPARSE_POINT, with ERROR_CANT_ACCESS_FILE (1920): app execution
            // aliases, WSL symlinks and AF_UNIX sockets always (Rust std exists(), CPython bpo-37834,
            // docs/windows-facts.md), a cloud placeholder whose provider is not running too. Data
            // reparse points whose filter runs (dedup, WOF, cloud with its provider) are served as
            // the file itself.
            return HandledTags.Contains(tag) ? Transparent : Win32.CantAccessFile;
        }

        if (++reparses > MaximumReparseDepth)
        {
            return Win32.CantResolveFilename;
        }

        var decoded = ReparseBufferCodec.Decode(node.ReparseData);
        string target;
        switch (decoded.Point)
        {
            case SymbolicLinkReparsePoint s when s.IsRelative:
                target = s.SubstituteName.StartsWith('\\')
                    ? volume.Facts.VolumePath + s.SubstituteName.TrimStart('\\')
                    : PathOf(volume, parent) + @"\" + s.SubstituteName;
                break;
            case SymbolicLinkReparsePoint s:
                target = s.Target;
                break;
            case MountPointReparsePoint m:
                target = m.Target;
                break;
            default:
                return Win32.InvalidReparseData;
        }

        if (tag == ReparseTag.Symlink)
        {
            var targetIsRemote = Parse(target, out var targetVolume, out _) == 0 && targetVolume.Facts.IsRemote;
            if (!SymlinkEvaluation.Allows(volume.Facts.IsRemote, targetIsRemote))
            {
                return Win32.SymlinkClassDisabled;
            }
        }

        var tail = string.Join('\\', remaining);
        redirect = tail.Length == 0 ? target : target.TrimEnd('\\') + @"\" + tail;
        return Redirected;
    }

    private static string PathOf(MountedVolume volume, IReadOnlyList<string> components) =>
        volume.Facts.VolumePath + string.Join('\\', components);

    // GetFinalPathNameByHandleW(VOLUME_NAME_DOS): a mapped drive is answered with its UNC name,
    // and a volume with no drive letter with the folder it is mounted in: for its root, that is
    // the mount folder itself (docs/windows-facts.md, "Paths, volumes and identity"); a volume with
    // no DOS name at all answers ERROR_PATH_NOT_FOUND.
    private int FinalPathOf(MountedVolume volume, IReadOnlyList<string> components, out string finalPath)
    {
        finalPath = string.Empty;
        if (volume.Facts.FinalPathError != 0)
        {
            return volume.Facts.FinalPathError;
        }

        var tail = string.Join('\\', components);
        if (volume.Facts.UncRoot is string unc)
        {
            finalPath = @"\\?\UNC\" + unc[2..] + @"\" + tail;
            return Win32.Success;
        }

        if (volume.Facts.DriveLetter is char letter)
        {
            finalPath = @"\\?\" + letter + @":\" + tail;
            return Win32.Success;
        }

        if ((volume.Facts.MountFolder ?? MountFolderOf(volume)) is not string mount)
        {
            return Win32.PathNotFound;
        }

        finalPath = @"\\?\" + (tail.Length == 0 ? mount : mount + @"\" + tail);
        return Win32.Success;
    }

    /// <summary>The folder (on a volume with a drive letter) whose mount point names <paramref name="volume"/>, or null.</summary>
    private string? MountFolderOf(MountedVolume volume)
    {
        foreach (var other in _volumes.Where(v => v.Facts.DriveLetter is not null))
        {
            foreach (var (path, node) in ReparsePoints(other))
            {
                if (node.ReparseTag == ReparseTag.MountPoint && ReparseBufferCodec.Decode(node.ReparseData).Point is MountPointReparsePoint { IsVolumeMountPoint: true } m
                    && m.Target.Contains(volume.Facts.VolumeGuid.ToString("B"), StringComparison.OrdinalIgnoreCase))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private IEnumerable<string> NamesOf(MountedVolume volume, SimulatedNode node)
    {
        var pending = new Stack<(SimulatedDirectory Directory, string Path)>();
        pending.Push((volume.Root, string.Empty));
        while (pending.Count > 0)
        {
            var (directory, path) = pending.Pop();
            foreach (var (name, child) in directory.Entries)
            {
                var childPath = path + @"\" + name;
                if (ReferenceEquals(child, node))
                {
                    yield return childPath;
                }

                // Names are per volume; never walk into links, which may lead elsewhere or loop.
                if (child is SimulatedDirectory d && d.ReparseData is null)
                {
                    pending.Push((d, childPath));
                }
            }
        }
    }
}
