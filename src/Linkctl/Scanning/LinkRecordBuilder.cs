using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// What a walker (or the volume index) found out about one link, on either platform, before
/// any decision: its names in the walker's own path form, where it points after one hop, and
/// what following it gave. <see cref="LinkRecordBuilder"/> turns this into the record.
/// </summary>
internal readonly record struct LinkObservation
{
    /// <summary>The link's path as reported (the root as given, then the names below it).</summary>
    public required byte[] Path { get; init; }

    public required byte[] Root { get; init; }

    public required int Depth { get; init; }

    public required LinkKind Kind { get; init; }

    public required byte[] StoredTarget { get; init; }

    public required bool IsRelative { get; init; }

    /// <summary>
    /// The stored target made absolute against the link's folder: one hop. Null for a WSL symlink
    /// whose absolute target is a path inside the Linux distribution, which names nothing on Windows.
    /// </summary>
    public required byte[]? ResolvedTarget { get; init; }

    /// <summary>The resolved target is ROOT or below it.</summary>
    public required bool ResolvedBelowRoot { get; init; }

    /// <summary>The resolved target names a network location itself (a UNC path).</summary>
    public bool ResolvedIsRemote { get; init; }

    /// <summary>What following the link gave (for an app execution alias: its target exe), see <see cref="LinkClassifier.FollowsThroughLink"/>.</summary>
    public required EntryFacts Target { get; init; }

    /// <summary>The target is on another volume than the link's folder (by device or volume serial).</summary>
    public bool TargetOnOtherVolume { get; init; }

    /// <summary>The target's volume is a network file system.</summary>
    public bool TargetOnRemoteVolume { get; init; }

    /// <summary>
    /// Windows: whether the link entry itself carries FILE_ATTRIBUTE_DIRECTORY (a folder symbolic
    /// link, made with SYMBOLIC_LINK_FLAG_DIRECTORY), as the folder listing gave it; null when not known.
    /// </summary>
    public bool? LinkIsDirectory { get; init; }

    /// <summary>The target is a folder on the path from the root down to the link (by identity, or lexically on Windows).</summary>
    public bool TargetIsAncestor { get; init; }
}

/// <summary>
/// The one place a link's record is made, from an observation: status from
/// <see cref="LinkClassifier"/>, flags from the facts. Pure, so the Linux walker, the Windows
/// walker and <c>list --volume</c> report the same link the same way.
/// </summary>
internal static class LinkRecordBuilder
{
    public static LinkRecord Build(in LinkObservation o)
    {
        var verdict = LinkClassifier.Follow(o.Target);
        var flags = o.IsRelative ? LinkFlags.Relative : LinkFlags.Absolute;
        if (!o.ResolvedBelowRoot)
        {
            flags |= LinkFlags.OutsideRoot;
        }

        if (o.ResolvedIsRemote)
        {
            flags |= LinkFlags.Remote;
        }

        var targetType = EntryType.None;
        if (o.Target.Exists)
        {
            targetType = o.Target.IsDirectory ? EntryType.Directory : o.Target.Type;
            if (o.TargetOnOtherVolume)
            {
                flags |= LinkFlags.CrossesFileSystem;
            }

            if (o.TargetOnRemoteVolume)
            {
                flags |= LinkFlags.Remote;
            }

            if (o.TargetIsAncestor && o.Target.IsDirectory)
            {
                flags |= LinkFlags.PointsToAncestor;
            }

            if (o.Kind == LinkKind.SymbolicLink && o.LinkIsDirectory is { } linkIsFolder && linkIsFolder != o.Target.IsDirectory)
            {
                flags |= LinkFlags.WrongType;
            }
        }

        return new LinkRecord
        {
            Path = o.Path,
            Root = o.Root,
            Kind = o.Kind,
            StoredTarget = o.StoredTarget,
            ResolvedTarget = o.ResolvedTarget,
            Status = verdict.Status,
            TargetType = targetType,
            Flags = flags,
            Depth = o.Depth,
            Error = verdict.Error,
        };
    }

    /// <summary>
    /// A link met whose stored target could not be read: it is still listed, with status
    /// access_denied or unreadable and the error, and without targets or flags.
    /// </summary>
    public static LinkRecord Unreadable(byte[] path, byte[] root, int depth, LinkKind kind, OsError? error)
    {
        var verdict = LinkClassifier.Unreadable(error);
        return new LinkRecord
        {
            Path = path,
            Root = root,
            Kind = kind,
            Status = verdict.Status,
            TargetType = EntryType.None,
            Depth = depth,
            Error = verdict.Error,
        };
    }

    /// <summary>A file with more than one name.</summary>
    public static LinkRecord HardLink(byte[] path, byte[] root, int depth, long linkCount, FileIdentity? identity) => new()
    {
        Path = path,
        Root = root,
        Kind = LinkKind.HardLink,
        Status = LinkStatus.Ok,
        TargetType = EntryType.File,
        Depth = depth,
        LinkCount = linkCount,
        Identity = identity,
    };
}
