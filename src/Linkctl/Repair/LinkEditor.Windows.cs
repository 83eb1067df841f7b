using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// The disk side of repair on Windows, over <see cref="ILinkSystem"/> (the live
/// WindowsLinkSystem, or one over the simulated Windows in tests). Paths are UTF-16 here and the
/// repair records' UTF-8 bytes outside: converted at this boundary. A new link is made beside
/// the old one with the old one's kind (file or folder symbolic link, or junction), read back,
/// and put in its place by <see cref="LinkSwap"/>; on failure the old link stays and the new one
/// is removed.
/// </summary>
internal sealed class WindowsLinkEditor(ILinkSystem system, string currentDirectory) : ILinkEditor
{
    public const string FileSymlink = "file_symlink";
    public const string DirectorySymlink = "directory_symlink";
    public const string Junction = "junction";

    /// <summary>Said when asked to store a relative target in a junction.</summary>
    public const string JunctionsStayAbsolute = "junctions store absolute paths; left as is";

    public (OsError? Error, string? Problem) Replace(byte[] path, byte[] expected, byte[] after, Action<string?> beforeChange)
    {
        var full = FullPath(path);
        var (current, linkType, refusal) = Check(full, expected);
        if (refusal is not null)
        {
            return refusal.Value;
        }

        var target = RawPath.ToText(after);
        var paths = system.Paths;
        if (linkType == Junction && (!paths.IsFullyQualified(target) || paths.IsUnc(target)))
        {
            return (null, paths.IsFullyQualified(target) ? "a junction can only point to a local folder; left as is" : JunctionsStayAbsolute);
        }

        var temporary = paths.Combine(paths.GetDirectoryName(full)!, LinkSwap.BesideName(paths.GetFileName(full), "repair"));
        var made = linkType == Junction
            ? system.CreateJunction(temporary, target)
            : system.CreateSymbolicLink(temporary, target, linkType == DirectorySymlink);
        if (made is not null)
        {
            return (made, "cannot make the new link beside the old one");
        }

        if (Stores(temporary, current!.Kind, target) is { } wrong)
        {
            // Ours, made a moment ago; RemoveLink never touches a target and refuses anything that is not a link.
            system.RemoveLink(temporary);
            return (null, $"the new link did not read back as written ({wrong})");
        }

        beforeChange(linkType);
        if (LinkSwap.Install(system, temporary, full) is { } failed)
        {
            return (failed.Error, failed.OldLinkLeftAt is null
                ? "cannot move the new link into place; the old link was kept"
                : $"cannot move the new link into place, nor the old link back: it is at {failed.OldLinkLeftAt}");
        }

        var now = Stores(full, current.Kind, target);
        return now is null ? (null, null) : (null, $"the link did not read back with its new target ({now})");
    }

    public (OsError? Error, string? Problem) Remove(byte[] path, byte[] expected, Action<string?> beforeChange)
    {
        var full = FullPath(path);
        var (_, linkType, refusal) = Check(full, expected);
        if (refusal is not null)
        {
            return refusal.Value;
        }

        beforeChange(linkType);
        if (system.RemoveLink(full) is { } error)
        {
            return (error, "cannot remove the link");
        }

        return system.GetEntry(full).Exists ? (null, "the link is still there after removing it") : (null, null);
    }

    public (OsError? Error, string? Problem) Restore(byte[] path, byte[] target, string? linkType)
    {
        var full = FullPath(path);
        var text = RawPath.ToText(target);
        var entry = system.GetEntry(full);
        if (entry.Exists || entry.Error is not null)
        {
            return (entry.Error, "something is at this path again; left alone");
        }

        if (linkType is not (Junction or DirectorySymlink or FileSymlink))
        {
            return (null, "the journal does not say whether this was a file link, a folder link or a junction; make it again by hand");
        }

        var kind = linkType == Junction ? LinkKind.Junction : LinkKind.SymbolicLink;
        var error = linkType == Junction
            ? system.CreateJunction(full, text)
            : system.CreateSymbolicLink(full, text, isDirectory: linkType == DirectorySymlink);

        if (error is not null)
        {
            return (error, "cannot make the link again");
        }

        return Stores(full, kind, text) is { } wrong ? (null, $"the link did not read back as written ({wrong})") : (null, null);
    }

    /// <summary>The link at <paramref name="full"/> as it is now, its journal type, or why it is left alone.</summary>
    private (StoredLink? Link, string? LinkType, (OsError?, string?)? Refusal) Check(string full, byte[] expected)
    {
        var entry = system.GetEntry(full);
        if (entry.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            return (null, null, (entry.Error, entry.Exists ? "it is no longer a symbolic link or junction; left alone" : "the link is gone"));
        }

        var read = system.ReadLink(full);
        if (read.Link is not { } link)
        {
            return (null, null, (read.Error, read.Problem is null ? "cannot read the link" : $"cannot read the link ({read.Problem})"));
        }

        var wanted = RawPath.ToText(expected);
        if (!string.Equals(link.Target, wanted, StringComparison.Ordinal))
        {
            return (link, null, (null, $"the link changed since it was examined: it now stores {link.Target}"));
        }

        var linkType = link.Kind == LinkKind.Junction ? Junction : entry.IsDirectory ? DirectorySymlink : FileSymlink;
        return link.Kind is LinkKind.SymbolicLink or LinkKind.Junction
            ? (link, linkType, null)
            : (link, null, (null, $"it is a {link.Kind}, which repair does not change"));
    }

    /// <summary>Null when <paramref name="full"/> is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what is there.</summary>
    private string? Stores(string full, LinkKind kind, string target)
    {
        var read = system.ReadLink(full);
        if (read.Link is not { } link)
        {
            return $"cannot read it: {read.Error?.ToString() ?? read.Problem}";
        }

        if (link.Kind != kind)
        {
            return $"it is a {link.Kind}, not a {kind}";
        }

        // A junction's target comes back as the full path it was given; a symbolic link's verbatim.
        var same = kind == LinkKind.Junction ? system.Paths.PathEquals(link.Target, target) : string.Equals(link.Target, target, StringComparison.Ordinal);
        return same ? null : $"it stores {link.Target}";
    }

    private string FullPath(byte[] path) => system.Paths.GetFullPath(RawPath.ToText(path), currentDirectory);
}
