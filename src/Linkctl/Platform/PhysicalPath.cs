using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>
/// Where a path leads, found the way the kernel finds it rather than by editing the text.
/// </summary>
/// <param name="Path">
/// The full path with every folder on the way resolved through links (the last component is
/// kept as written and not followed, as lstat, unlink and rm treat it). Missing folders at the
/// end are appended as written, with "." and ".." among them resolved lexically: the kernel
/// would fail there, so nothing real is skipped.
/// </param>
/// <param name="ParentExists">True when the folder that holds the last component exists.</param>
/// <param name="NotADirectory">
/// The full path of a file (not a folder) that the path runs through, as in "realfile/" or
/// "realfile/x": the kernel answers ENOTDIR there. Null otherwise.
/// </param>
internal sealed record PhysicalPath(string Path, bool ParentExists, string? NotADirectory);

/// <summary>
/// Resolves paths like the kernel: "a/symdir/../x" is x beside symdir's REAL folder, not a/x,
/// and a link found in a folder reached through a symbolic link resolves from that folder's
/// real path. Lexical ".." removal is right only on Windows, whose Win32 layer normalises
/// paths as text before the file system sees them (Learn, "File path formats on Windows
/// systems": "Evaluate relative directory components", GetFullPathNameW), so there the text
/// rules stay.
/// </summary>
internal static class PhysicalPaths
{
    /// <summary>
    /// Resolves <paramref name="path"/> (relative to <paramref name="baseDirectory"/>, a full
    /// path) with the folders on the way followed through links and the last component not followed.
    /// </summary>
    public static PhysicalPath Resolve(ILinkSystem system, string path, string baseDirectory)
    {
        var paths = system.Paths;
        if (paths.Flavour == OsFlavour.Windows)
        {
            var full = paths.GetFullPath(path, baseDirectory);
            var parent = paths.GetDirectoryName(full);
            return new PhysicalPath(full, parent is null || system.GetTargetEntry(parent).IsDirectory, null);
        }

        var joined = paths.IsFullyQualified(path) ? path : baseDirectory.TrimEnd('/') + "/" + path;
        var names = joined.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return new PhysicalPath("/", true, null);
        }

        // "x/", "x/." and "x/.." name folders: the whole path is resolved as one, as the kernel
        // does (it follows a link before a trailing slash). Otherwise the last name is kept.
        var last = names[^1];
        var wholeIsFolder = joined.EndsWith('/') || last is "." or "..";
        var folders = wholeIsFolder ? names : names[..^1];
        var leaf = wholeIsFolder ? null : last;

        for (var count = folders.Length; count >= 0; count--)
        {
            var prefix = "/" + string.Join('/', folders.Take(count));
            var entry = system.GetTargetEntry(prefix);
            if (!entry.Exists)
            {
                continue;
            }

            if (!entry.IsDirectory)
            {
                // A file used as a folder: nothing below it can exist (ENOTDIR).
                var asWritten = paths.GetFullPath(joined, "/");
                return new PhysicalPath(asWritten, false, entry.FinalPath ?? prefix);
            }

            var real = entry.FinalPath ?? prefix;
            var folder = count == folders.Length ? real : paths.GetFullPath(string.Join('/', folders.Skip(count)), real);
            var result = leaf is null ? folder : paths.Combine(folder, leaf);
            return new PhysicalPath(result, count == folders.Length, null);
        }

        return new PhysicalPath(paths.GetFullPath(joined, "/"), false, null);
    }
}
