using System.Text.Json.Serialization;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>What <see cref="TreeRemover"/> is asked to remove.</summary>
internal enum TreeRemovalMode
{
    /// <summary><c>rm -r</c>: everything under DIR and DIR itself; links and mounts are leaves.</summary>
    Everything,

    /// <summary><c>rm --links-only</c>: every link under DIR and nothing else; journalled for undo.</summary>
    LinksOnly,
}

/// <summary>What the tree delete does with one entry (decided by <see cref="TreeRemovalRules.Decide"/>, carried out by <see cref="TreeRemover"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TreeAction>))]
internal enum TreeAction
{
    /// <summary>Gone already (removed by someone else between the listing and the look): nothing to do.</summary>
    [JsonStringEnumMemberName("gone")] Gone,

    /// <summary>Could not be examined: reported, left.</summary>
    [JsonStringEnumMemberName("unexamined")] Unexamined,

    /// <summary>A file (or one name of a file with several), or a device, FIFO or socket: its name is removed.</summary>
    [JsonStringEnumMemberName("remove_file")] RemoveFile,

    /// <summary>A link: the entry is removed, what it points to is never entered or touched.</summary>
    [JsonStringEnumMemberName("remove_link")] RemoveLink,

    /// <summary>A plain folder on the same mount: entered, emptied, then removed.</summary>
    [JsonStringEnumMemberName("descend")] Descend,

    /// <summary>Another file system is mounted here (another device, a bind mount, a Windows volume mount point): never crossed, left with the folder it is mounted on.</summary>
    [JsonStringEnumMemberName("leave_mount")] LeaveMount,

    /// <summary>--links-only: not a link, left as it is.</summary>
    [JsonStringEnumMemberName("keep")] Keep,
}

/// <summary>
/// The pure decision of the tree delete: from what an entry is (read without following it, in a
/// pinned folder) and the device of the folder it is in, what to do with it. Nothing here touches
/// the disk, so the rules are unit tests and a dry run decides exactly as a real run.
/// </summary>
internal static class TreeRemovalRules
{
    /// <param name="entry">The entry as the pinned folder's GetEntry saw it (not followed).</param>
    /// <param name="folderVolume">The device (Linux) or volume serial (Windows) of the folder holding it.</param>
    /// <param name="linkKind">For a reparse point: what kind of link its data says it is (null when unread or not a reparse point).</param>
    /// <param name="mode">What is being removed.</param>
    public static TreeAction Decide(EntryFacts entry, ulong folderVolume, LinkKind? linkKind, TreeRemovalMode mode)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type == EntryType.None)
        {
            return entry.Error is null ? TreeAction.Gone : TreeAction.Unexamined;
        }

        switch (entry.Type)
        {
            case EntryType.Directory:
                // A mount shows at its mount point as the mounted root: another device, or (a bind
                // mount of the same file system) the mount-root attribute.
                if (entry.IsMountRoot || (entry.Identity is { } id && id.Volume != folderVolume))
                {
                    return TreeAction.LeaveMount;
                }

                return entry.Identity is null ? TreeAction.Unexamined : TreeAction.Descend;

            case EntryType.Junction when linkKind == LinkKind.VolumeMountPoint:
                return TreeAction.LeaveMount;

            case EntryType.SymbolicLink or EntryType.Junction:
                return TreeAction.RemoveLink;

            case EntryType.OtherReparsePoint:
                // WSL links and app execution aliases are links; other reparse points hold data
                // (cloud placeholders, dedup): rm -r removes them as files, --links-only keeps them.
                var isLink = linkKind is LinkKind.WslSymlink or LinkKind.AppExecutionAlias or LinkKind.SymbolicLink or LinkKind.Junction;
                return isLink ? TreeAction.RemoveLink : mode == TreeRemovalMode.LinksOnly ? TreeAction.Keep : TreeAction.RemoveFile;

            default:
                // Files (a file with several names is one name of it: --links-only keeps it, the
                // data has other names anyway) and devices, FIFOs, sockets.
                return mode == TreeRemovalMode.LinksOnly ? TreeAction.Keep : TreeAction.RemoveFile;
        }
    }

    /// <summary>The link kind an entry counts as in the summary.</summary>
    public static LinkKind KindOf(EntryFacts entry, LinkKind? linkKind)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return linkKind ?? entry.Type switch
        {
            EntryType.SymbolicLink => LinkKind.SymbolicLink,
            EntryType.Junction => LinkKind.Junction,
            _ => LinkKind.OtherReparsePoint,
        };
    }
}

/// <summary>One entry the tree delete could not remove (or examine), and why; the delete went on.</summary>
internal sealed record TreeRemovalProblem(string Path, LinkctlError Error);

/// <summary>
/// What a tree delete removed (or, in a dry run, would remove), counted as it went: files and their
/// bytes, folders, links by kind, the mounts it left, what it kept (--links-only) and every problem.
/// </summary>
internal sealed class TreeRemovalSummary
{
    private readonly Dictionary<LinkKind, long> links = [];
    private readonly List<string> mountsLeft = [];
    private readonly List<TreeRemovalProblem> problems = [];

    public required string Path { get; init; }

    public required TreeRemovalMode Mode { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>Files (and devices, FIFOs, sockets) removed.</summary>
    public long Files { get; private set; }

    /// <summary>Bytes in the files removed (their sizes; a file with other names keeps its data). Null when any size was not read: Windows (not counted yet), and a real rm -r without <see cref="TreeRemover.CountBytes"/>.</summary>
    public long? Bytes { get; private set; }

    /// <summary>Folders removed, DIR itself included.</summary>
    public long Folders { get; private set; }

    /// <summary>Links removed, by kind.</summary>
    public IReadOnlyDictionary<LinkKind, long> Links => links;

    /// <summary>All links removed.</summary>
    public long LinkTotal => links.Values.Sum();

    /// <summary>Entries --links-only kept (not links).</summary>
    public long Kept { get; private set; }

    /// <summary>Mount points under DIR left alone (what is mounted, and the folder it is mounted on).</summary>
    public IReadOnlyList<string> MountsLeft => mountsLeft;

    /// <summary>Entries not removed (or not examined), each with its error.</summary>
    public IReadOnlyList<TreeRemovalProblem> Problems => problems;

    /// <summary>True when everything asked was removed (mounts left under DIR make it false: DIR had to stay).</summary>
    public bool Complete => problems.Count == 0 && mountsLeft.Count == 0;

    /// <summary>The undo run of a --links-only delete (null for rm -r, which cannot be undone).</summary>
    public string? RunId { get; internal set; }

    internal void AddFile(long? size)
    {
        Files++;
        if (size is { } s && !bytesUnknown)
        {
            Bytes = (Bytes ?? 0) + s;
        }
        else if (size is null)
        {
            // One file of unknown size makes the total unknown, not smaller.
            (Bytes, bytesUnknown) = (null, true);
        }
    }

    private bool bytesUnknown;

    internal void AddFolder() => Folders++;

    internal void AddLink(LinkKind kind) => links[kind] = links.GetValueOrDefault(kind) + 1;

    internal void AddKept() => Kept++;

    internal void AddMount(string path) => mountsLeft.Add(path);

    internal void AddProblem(string path, LinkctlError error) => problems.Add(new TreeRemovalProblem(path, error));
}
