using Linkctl.Links;
using Linkctl.Paths;

namespace Linkctl.Copying;

/// <summary>
/// What <c>linkctl copy</c> does with a link whose target lies outside SRC ("outer"). Link Shell
/// Extension calls the last three splice (point to the original), crop (drop) and unroll (copy content).
/// </summary>
internal enum OuterLinkMode
{
    /// <summary>Made again with the same stored text (a relative outer link then resolves from DST's place, as with cp -a).</summary>
    Keep,

    /// <summary>Not copied; named in the report as skipped on request.</summary>
    Drop,

    /// <summary>The file it leads to is copied in its place as a regular file (LSE "unroll"). A link to a folder is kept as a link and reported.</summary>
    CopyContent,

    /// <summary>Made as an absolute link to where the original leads (LSE "splice"): the copy reaches the same object.</summary>
    PointToOriginal,
}

/// <summary>Whether a link leads into SRC (inner) or out of it (outer), decided from where the kernel resolves it.</summary>
internal enum LinkPlace
{
    Inner,
    Outer,
}

/// <summary>What the copier does with one link.</summary>
internal enum LinkAction
{
    MakeLink,
    CopyContent,
    Skip,
}

/// <summary>
/// One link of SRC as the copier saw it. <paramref name="RelativeFolder"/> is the folder holding the
/// link relative to SRC ("" at the top); <paramref name="ResolvedTarget"/> is where the kernel
/// resolves the link from its real folder (null when that could not be found out).
/// </summary>
internal sealed record LinkToCopy(LinkKind Kind, string StoredTarget, bool IsDirectoryLink, string RelativeFolder, string? ResolvedTarget);

/// <summary>The decision for one link: what to make, with what text, and why.</summary>
internal sealed record LinkDecision(LinkAction Action, LinkPlace Place, LinkKind Kind, string? Text, bool IsDirectoryLink, bool Rewritten, string? Reason);

/// <summary>
/// SRC's real path (every link on the way resolved), DST's full path as it will be (its parent
/// resolved), and the path rules of the platform.
/// </summary>
internal sealed record CopyRoots(PathSyntax Paths, string SourceReal, string Destination);

/// <summary>
/// The copier's decisions, pure: no disk. The effect side (<see cref="TreeCopier"/>) gathers the
/// facts and carries the decision out, so every case here is a unit test and --dry-run is exact.
/// </summary>
internal static class CopyPlanner
{
    /// <summary>Where a link made in DST must lead, and with what text.</summary>
    public static LinkDecision PlanLink(CopyRoots roots, LinkToCopy link, OuterLinkMode outer)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(link);
        var paths = roots.Paths;
        var resolved = link.ResolvedTarget;
        var inner = resolved is not null && paths.IsSameOrBelow(resolved, roots.SourceReal);
        if (!inner)
        {
            var why = resolved is null ? "where it leads could not be found out, so it is treated as leading outside SRC" : null;
            return outer switch
            {
                OuterLinkMode.Drop => new(LinkAction.Skip, LinkPlace.Outer, link.Kind, null, link.IsDirectoryLink, false, "it leads outside SRC and --outer drop was given"),
                OuterLinkMode.CopyContent when !link.IsDirectoryLink && resolved is not null =>
                    new(LinkAction.CopyContent, LinkPlace.Outer, link.Kind, resolved, false, false, null),
                OuterLinkMode.PointToOriginal when resolved is not null =>
                    new(LinkAction.MakeLink, LinkPlace.Outer, link.Kind, resolved, link.IsDirectoryLink, !paths.PathEquals(resolved, link.StoredTarget), null),
                _ => new(LinkAction.MakeLink, LinkPlace.Outer, link.Kind, link.StoredTarget, link.IsDirectoryLink, false, why),
            };
        }

        var below = resolved![roots.SourceReal.TrimEnd(paths.Separator).Length..].TrimStart(paths.Separator);
        var inDestination = below.Length == 0 ? roots.Destination : paths.Combine(roots.Destination, below);

        // A junction stores a full path (Learn, "Junctions"; docs/windows-facts.md), so an inner one is
        // always rewritten into DST. An absolute symbolic link likewise.
        if (link.Kind == LinkKind.Junction || !IsRelativeText(paths, link.StoredTarget))
        {
            return new(LinkAction.MakeLink, LinkPlace.Inner, link.Kind, inDestination, link.IsDirectoryLink, true, null);
        }

        // The same text leads to the same place in DST when its walk never climbs above SRC: every
        // name it passes is then the copy of the name it passes in SRC (inner links among them lead
        // into DST too). A text that climbs out and back ("../../src/x") would reach the original,
        // so it is rewritten to the relative path between the two real places.
        if (StaysInside(paths, link.RelativeFolder, link.StoredTarget))
        {
            return new(LinkAction.MakeLink, LinkPlace.Inner, link.Kind, link.StoredTarget, link.IsDirectoryLink, false, null);
        }

        var folder = link.RelativeFolder.Length == 0 ? roots.SourceReal : paths.Combine(roots.SourceReal, link.RelativeFolder);
        var relative = paths.GetRelativePath(folder, resolved) ?? inDestination;
        return new(LinkAction.MakeLink, LinkPlace.Inner, link.Kind, relative, link.IsDirectoryLink, true, null);
    }

    /// <summary>
    /// Whether walking <paramref name="text"/> from <paramref name="relativeFolder"/> (below SRC)
    /// stays at or below SRC at every step. This only decides whether the text can be kept: where a
    /// link leads is always the kernel's answer (<see cref="LinkToCopy.ResolvedTarget"/>).
    /// </summary>
    public static bool StaysInside(PathSyntax paths, string relativeFolder, string text)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(relativeFolder);
        ArgumentNullException.ThrowIfNull(text);
        var separators = paths.Flavour == OsFlavour.Windows ? new[] { '\\', '/' } : ['/'];
        var depth = relativeFolder.Split(separators, StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var part in text.Split(separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
            else if (part != ".")
            {
                depth++;
            }
        }

        return true;
    }

    private static bool IsRelativeText(PathSyntax paths, string text)
    {
        if (paths.Flavour != OsFlavour.Windows)
        {
            return !text.StartsWith('/');
        }

        // "\x" is relative to the drive's root and "C:x" to the drive's current folder: neither is
        // relative to the link's folder, so neither can be kept as it is.
        return !(text.StartsWith('\\') || text.StartsWith('/') || (text.Length >= 2 && text[1] == ':'));
    }

    /// <summary>Whether a folder of SRC is descended into; null means yes, else why not.</summary>
    public static string? PlanFolder(ulong sourceDevice, ulong device, bool crossFileSystems, bool isDestination) =>
        isDestination ? "it is DST itself (DST lies inside SRC): copying it would copy the copy"
        : device != sourceDevice && !crossFileSystems ? "it is on another file system (a mount point); --cross-file-systems copies it"
        : null;

    /// <summary>
    /// Hard-link sets: a file with more than one name is copied once, and each further name met
    /// inside SRC becomes another name of that copy. A set is whole when every name was met.
    /// </summary>
    public static bool IsPartOfSet(long linkCount) => linkCount > 1;

    /// <summary>Whether a set whose copy met <paramref name="namesSeen"/> of its <paramref name="linkCount"/> names had names outside SRC.</summary>
    public static bool IsPartial(long namesSeen, long linkCount) => namesSeen < linkCount;
}
