using Linkctl.Links;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// Decides what <c>repair</c> changes, from what <c>list</c> found; it never touches the disk.
/// One link gets at most one action: prune wins over retarget, retarget over relative (a
/// retargeted link keeps its absolute or relative form, and --relative then applies to the new target).
/// </summary>
public sealed class RepairPlanner
{
    private readonly RepairRequest request;
    private readonly byte[] root;
    private readonly byte[]? from;
    private readonly byte[]? to;

    public RepairPlanner(RepairRequest request)
    {
        this.request = request;
        root = RawPath.Normalize(RawPath.FromText(request.Root));
        if (request.RetargetFrom is not null)
        {
            from = RawPath.Normalize(RawPath.FromText(request.RetargetFrom));
            to = RawPath.Normalize(RawPath.FromText(request.RetargetTo ?? throw new ArgumentException("retarget needs both folders", nameof(request))));
        }
    }

    /// <summary>The change for one link, or null when it is left alone.</summary>
    public RepairAction? Plan(LinkRecord link)
    {
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

        return RawPath.Normalize(RawPath.Combine(RawPath.FromText(Environment.CurrentDirectory), link.Path));
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        return RawPath.Normalize(result);
    }
}
