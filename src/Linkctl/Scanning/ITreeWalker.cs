using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// One platform's way of walking folders, behind <see cref="TreeScanner"/> (the coordinator:
/// pool, threads, cancellation, ordering). A walker lists one folder at a time and tells the
/// coordinator what it found through a <see cref="WalkContext"/>: links (built by
/// <see cref="LinkRecordBuilder"/>), problems, subfolders to list, and folder links that
/// <c>--follow</c> may enter. TreeWalker.Linux.cs: getdents64, readlinkat and statx relative to
/// the open folder; TreeWalker.Windows.cs: FindFirstFileExW and the link calls, all through
/// <see cref="Platform.Windows.IWindowsApi"/>.
/// </summary>
internal interface ITreeWalker
{
    /// <summary>Starts a root: reports it when it is a link that is not followed, or queues it as a folder.</summary>
    void StartRoot(string root, WalkContext context);

    /// <summary>A lister for one worker thread (its own buffers).</summary>
    IFolderLister CreateLister();
}

/// <summary>Lists folders on one worker thread.</summary>
internal interface IFolderLister : IDisposable
{
    /// <summary>Lists one folder; claims it in <see cref="RootContext.Visited"/> first and lists nothing when another path claimed it.</summary>
    void List(FolderWork work, WalkContext context);
}

/// <summary>A folder waiting to be listed.</summary>
/// <param name="Root">The root it is under.</param>
/// <param name="Path">Its path as reported (the root as given, then the names below it).</param>
/// <param name="Depth">0 for the root.</param>
/// <param name="Ancestors">The folders on the way down to it, by identity, to spot links to ancestors.</param>
/// <param name="ViaLink">Reached through a link (the root given as a link, or a link --follow chose): opened following it.</param>
internal abstract record FolderWork(RootContext Root, byte[] Path, int Depth, AncestorChain? Ancestors, bool ViaLink)
{
    /// <summary>The identity this folder was claimed under before it was queued (a followed link's target), or null.</summary>
    public FileIdentity? Claimed { get; init; }

    /// <summary>Releases what the work holds (an open parent folder) when the walk stops before listing it.</summary>
    public virtual void Abandon()
    {
    }
}

/// <summary>A folder on the path from a root down to a folder being listed, by identity, to spot links to ancestors.</summary>
internal sealed class AncestorChain(FileIdentity identity, AncestorChain? parent)
{
    public FileIdentity Identity { get; } = identity;

    public AncestorChain? Parent { get; } = parent;

    public bool Contains(FileIdentity identity)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            if (c.Identity == identity)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One root being walked.</summary>
internal sealed class RootContext(byte[] given, byte[] full)
{
    private string? fullText;

    /// <summary>The root as the user gave it: reported paths start with it, as find's do.</summary>
    public byte[] Given { get; } = given;

    /// <summary>The root made absolute and normalized, for resolving and --outside.</summary>
    public byte[] Full { get; } = full;

    /// <summary>
    /// The root's real path (Linux: realpath(3) of <see cref="Open"/>, every link on the way
    /// followed), or null when it could not be had: what links found in it are resolved from and
    /// what --outside compares with, as the kernel resolves them (issue 10).
    /// </summary>
    public byte[]? Real { get; set; }

    /// <summary>The path the OS opens the root by: absolute, joined to the current folder without lexical normalization, so the kernel resolves "..".</summary>
    public byte[] Open { get; init; } = full;

    /// <summary><see cref="Full"/> as text, for the Windows walker; made once, on first use.</summary>
    public string FullText => fullText ??= RawPath.ToText(Full);

    /// <summary>The root's device or volume, for --one-file-system.</summary>
    public ulong Device { get; set; }

    /// <summary>
    /// The folders of this root's walk, by identity: each is listed once, whatever the paths that
    /// lead to it (bind mounts, followed links, and under Wine Unix folder symlinks, which Wine
    /// shows as plain folders). Claimed when a folder is opened, or when --follow decides to enter a link.
    /// </summary>
    public VisitedFolders Visited { get; } = new();
}

/// <summary>The identities of the folders a walk has entered (or decided to enter); safe for parallel workers.</summary>
/// <remarks>
/// A set under one lock rather than a ConcurrentDictionary: it is touched once per folder, so
/// the lock is rarely contended, and a HashSet keeps no node object per folder (the dictionary's
/// adds and re-hashes were 2% of a 1,000,000-entry listing's CPU).
/// </remarks>
internal sealed class VisitedFolders
{
    private readonly HashSet<FileIdentity> folders = [];
    private readonly Lock gate = new();

    /// <summary>True when <paramref name="identity"/> was not claimed before (it is now).</summary>
    public bool TryClaim(FileIdentity identity)
    {
        lock (gate)
        {
            return folders.Add(identity);
        }
    }

    public bool Contains(FileIdentity identity)
    {
        lock (gate)
        {
            return folders.Contains(identity);
        }
    }

    /// <summary>
    /// Whether a folder just opened may be listed: yes when it is the one claimed for it before it
    /// was queued, or when nothing claimed it yet (and then it is claimed now).
    /// </summary>
    public bool Enter(FileIdentity identity, FileIdentity? claimed) => claimed == identity || TryClaim(identity);
}

/// <summary>A folder link <c>--follow</c> may enter, decided once the folders reachable without links are listed.</summary>
internal sealed record FollowCandidate(LinkRecord Record, FileIdentity Target, FolderWork Work);

/// <summary>
/// What a walker hands the coordinator, for one worker: records pass the filter and reach that
/// worker's sink, subfolders are queued when the listing ends.
/// </summary>
internal sealed class WalkContext(ScanOptions options, ScanCounters counters, ILinkSink sink, string currentDirectory, Action<FollowCandidate> followLater, Action<FolderWork> queueRoot)
{
    public ScanOptions Options { get; } = options;

    public ScanCounters Counters { get; } = counters;

    /// <summary>What relative roots are relative to.</summary>
    public string CurrentDirectory { get; } = currentDirectory;

    /// <summary>Subfolders found by the listing in progress; the coordinator queues them when it ends.</summary>
    public List<FolderWork> Children { get; } = [];

    public void Emit(LinkRecord link)
    {
        if (Options.Filter is { } filter && !filter(link))
        {
            return;
        }

        Counters.AddLink();
        sink.OnLink(link);
    }

    public void Report(ScanProblem problem)
    {
        Counters.AddProblem();
        sink.OnProblem(problem);
    }

    /// <summary>
    /// A root to list (from <see cref="ITreeWalker.StartRoot"/>). With MaxDepth 0 (the roots
    /// themselves only, as find -maxdepth 0) a folder root is not listed: a root that is a link
    /// was reported by StartRoot already.
    /// </summary>
    public void QueueRoot(FolderWork work)
    {
        if (Options.MaxDepth > 0)
        {
            queueRoot(work);
        }
    }

    /// <summary>
    /// A link to a folder that --follow may enter: the coordinator decides after every folder
    /// reachable without links is listed, so a folder is listed under its own path whenever the
    /// tree has one, and each folder once. The record is emitted then, with Followed or AlreadyVisited.
    /// </summary>
    public void FollowLater(FollowCandidate candidate) => followLater(candidate);
}
