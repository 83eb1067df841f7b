using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// Decides what <c>repair</c> changes, from what <c>list</c> found; it never touches the disk.
/// One link gets at most one action: prune wins over retarget, retarget over relative (a
/// retargeted link keeps its absolute or relative form, and --relative then applies to the new target).
/// Unix paths are planned as raw bytes; Windows paths (UTF-8 of UTF-16 names) as text with
/// Windows rules: case-insensitive, drive roots, and junctions, which store absolute paths only.
/// </summary>
internal sealed class RepairPlanner
{
    private readonly RepairRequest request;
    private readonly PathSyntax syntax;
    private readonly string currentDirectory;
    private readonly byte[] root;
    private readonly byte[]? from;
    private readonly byte[]? to;

    /// <param name="request">What to repair.</param>
    /// <param name="syntax">The path rules of the records' OS.</param>
    /// <param name="currentDirectory">What relative record paths are relative to.</param>
    public RepairPlanner(RepairRequest request, PathSyntax syntax, string currentDirectory)
    {
        this.request = request;
        this.syntax = syntax;
        this.currentDirectory = currentDirectory;
        if (request.RetargetFrom is not null && request.RetargetTo is null)
        {
            throw new ArgumentException("retarget needs both folders", nameof(request));
        }

        if (syntax.Flavour == OsFlavour.Windows)
        {
            root = [];
            return;
        }

        root = RawPath.Normalize(RawPath.FromText(request.Root));
        if (request.RetargetFrom is not null)
        {
            from = RawPath.Normalize(RawPath.FromText(request.RetargetFrom));
            to = RawPath.Normalize(RawPath.FromText(request.RetargetTo ?? throw new ArgumentException("retarget needs both folders", nameof(request))));
        }
    }

    /// <summary>The change for one link, or null when it is left alone.</summary>
    public RepairAction? Plan(LinkRecord link) => Plan(link, out _);

    /// <summary>The change for one link, or null when it is left alone; <paramref name="leftAlone"/> says why when the user asked for a change that cannot be made.</summary>
    public RepairAction? Plan(LinkRecord link, out string? leftAlone)
    {
        leftAlone = null;
        if (syntax.Flavour == OsFlavour.Windows)
        {
            return PlanWindows(link, out leftAlone);
        }

        if (link.Kind != LinkKind.SymbolicLink || link.StoredTarget is null || link.ResolvedTarget is null)
        {
            return null;
        }

        var linkFull = FullPathOf(link);
        var folder = RawPath.Normalize(RawPath.Combine(linkFull, ".."u8));

        if (from is not null && to is not null && RawPath.IsSameOrBelow(link.ResolvedTarget, from))
        {
            var moved = Concat(to, link.ResolvedTarget.AsSpan(from.Length));
            var relative = link.IsRelative || (request.MakeRelative && RawPath.IsSameOrBelow(moved, root));
            var after = relative ? RawPath.GetRelative(folder, moved) : moved;
            return after.AsSpan().SequenceEqual(link.StoredTarget) ? null : new RepairAction(RepairActionKind.Retarget, link.Path, link.StoredTarget, after);
        }

        if (request.PruneBroken && link.Status is LinkStatus.Broken or LinkStatus.Loop)
        {
            return new RepairAction(RepairActionKind.RemoveBroken, link.Path, link.StoredTarget, null);
        }

        if (request.MakeRelative && link.IsAbsolute && RawPath.IsSameOrBelow(link.ResolvedTarget, root))
        {
            return new RepairAction(RepairActionKind.MakeRelative, link.Path, link.StoredTarget, RawPath.GetRelative(folder, link.ResolvedTarget));
        }

        return null;
    }

    /// <summary>The link's full path: its root made absolute the way the scan made it, then the names below.</summary>
    private byte[] FullPathOf(LinkRecord link)
    {
        if (link.Path.Length > 0 && link.Path[0] == (byte)'/')
        {
            return RawPath.Normalize(link.Path);
        }

        return RawPath.Normalize(RawPath.Combine(RawPath.FromText(currentDirectory), link.Path));
    }

    private RepairAction? PlanWindows(LinkRecord link, out string? leftAlone)
    {
        leftAlone = null;
        if (link.Kind == LinkKind.WslSymlink)
        {
            return request.ToNative ? PlanToNative(link, out leftAlone) : null;
        }

        if (link.Kind is not (LinkKind.SymbolicLink or LinkKind.Junction) || link.StoredTarget is null || link.ResolvedTarget is null)
        {
            return null;
        }

        var junction = link.Kind == LinkKind.Junction;
        var stored = RawPath.ToText(link.StoredTarget);
        var resolved = RawPath.ToText(link.ResolvedTarget);
        var rootText = syntax.GetFullPath(request.Root, currentDirectory);
        var linkFull = syntax.GetFullPath(RawPath.ToText(link.Path), currentDirectory);
        var folder = syntax.GetDirectoryName(linkFull) ?? linkFull;

        if (request.RetargetFrom is { } oldFolder && syntax.IsSameOrBelow(resolved, syntax.GetFullPath(oldFolder, currentDirectory)))
        {
            var fromText = syntax.GetFullPath(oldFolder, currentDirectory);
            var below = syntax.GetRelativePath(fromText, resolved)!;
            var toText = syntax.GetFullPath(request.RetargetTo!, currentDirectory);
            var moved = below == "." ? toText : syntax.Combine(toText, below);
            if (junction && syntax.IsUnc(moved))
            {
                leftAlone = "a junction can only point to a local folder; left as is";
                return null;
            }

            // A relative form exists only on the same drive; elsewhere the link becomes absolute rather than stay broken.
            var relative = !junction && (link.IsRelative || (request.MakeRelative && syntax.IsSameOrBelow(moved, rootText)));
            var after = relative ? syntax.GetRelativePath(folder, moved) ?? moved : moved;
            return string.Equals(after, stored, StringComparison.Ordinal)
                ? null
                : new RepairAction(RepairActionKind.Retarget, link.Path, link.StoredTarget, RawPath.FromText(after));
        }

        if (request.PruneBroken && link.Status is LinkStatus.Broken or LinkStatus.Loop)
        {
            return new RepairAction(RepairActionKind.RemoveBroken, link.Path, link.StoredTarget, null);
        }

        // Same text, the other type: what the walk saw (LinkFlags.WrongType); the editor checks it again before the change.
        if (request.FixType && !junction && (link.Flags & LinkFlags.WrongType) != 0)
        {
            return new RepairAction(RepairActionKind.FixType, link.Path, link.StoredTarget, link.StoredTarget);
        }

        if (request.MakeRelative && link.IsAbsolute && syntax.IsSameOrBelow(resolved, rootText))
        {
            if (junction)
            {
                leftAlone = LinkEditor.JunctionsStayAbsolute;
                return null;
            }

            return syntax.GetRelativePath(folder, resolved) is { } relative
                ? new RepairAction(RepairActionKind.MakeRelative, link.Path, link.StoredTarget, RawPath.FromText(relative))
                : null;
        }

        return null;
    }

    /// <summary>
    /// The NT spelling of a WSL link's target: a relative one with '\\' for '/', an absolute one
    /// only under the automount root (/mnt/c/x is C:\\x, <see cref="WslTarget"/>). A target inside
    /// the Linux distribution has no Windows spelling and is left alone, with the reason.
    /// </summary>
    private static RepairAction? PlanToNative(LinkRecord link, out string? leftAlone)
    {
        leftAlone = null;
        if (link.StoredTarget is null)
        {
            return null;
        }

        var linux = RawPath.ToText(link.StoredTarget);
        string? windows;
        if (link.IsRelative)
        {
            windows = linux.Contains('\\', StringComparison.Ordinal) ? null : linux.Replace('/', '\\');
            leftAlone = windows is null ? "its Linux target has a '\\' inside a name, which Windows would read as a separator; left as is" : null;
        }
        else
        {
            windows = WslTarget.WindowsPathOf(linux);
            leftAlone = windows is null ? $"its target {linux} is a path inside the Linux distribution, which no Windows program can reach; left as is" : null;
        }

        return windows is null ? null : new RepairAction(RepairActionKind.ToNative, link.Path, link.StoredTarget, RawPath.FromText(windows));
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        return RawPath.Normalize(result);
    }
}
