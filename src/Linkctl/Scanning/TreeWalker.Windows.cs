using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;

namespace Linkctl.Scanning;

/// <summary>
/// The Windows walker, entirely through <see cref="IWindowsApi"/> (so the simulated Windows
/// runs it end to end): FindFirstFileExW(FindExInfoBasic, FIND_FIRST_EX_LARGE_FETCH) per folder
/// (<see cref="IWindowsApi.ListDirectory"/>). Entries are classified from the listing alone
/// (attributes, and the reparse tag in dwReserved0); only link reparse points are opened, through
/// <see cref="WindowsLinkSystem"/>, to read their targets and follow them. Other reparse points
/// (cloud placeholders, dedup...) are never opened, so a placeholder is never hydrated. Each folder
/// entered is opened once for its identity (FILE_ID_INFO, following the link it was reached by), so
/// that no folder is listed twice. Paths are UTF-16 here and UTF-8 in the records.
/// </summary>
internal sealed class WindowsTreeWalker(IWindowsApi api, WindowsLinkSystem links) : ITreeWalker
{
    private static readonly PathSyntax Paths = PathSyntax.Windows;

    private readonly IWindowsApi api = api;
    private readonly WindowsLinkSystem links = links;
    private readonly WindowsLinkObserver observer = new(links);

    public IFolderLister CreateLister() => new Lister(this);

    public void StartRoot(string root, WalkContext context)
    {
        var full = Paths.GetFullPath(root, context.CurrentDirectory);
        var rootContext = new RootContext(RawPath.FromText(root), RawPath.FromText(full));
        var entry = links.GetEntry(full);
        if (!entry.Exists)
        {
            context.Report(new ScanProblem(rootContext.Given, "cannot read root", entry.Error ?? OsError.Win32(Win32ErrorNames.FileNotFound)));
            return;
        }

        var work = new WindowsFolderWork(rootContext, rootContext.Given, full, 0, null, entry.ReparseTag != 0);
        if (entry.ReparseTag != 0 && ReparseTag.IsLinkLike(entry.ReparseTag) && !context.Options.Follow)
        {
            var folderVolume = links.IdentityOf(Paths.GetDirectoryName(full) ?? full, followLinks: true)?.Volume;
            rootContext.Device = folderVolume ?? 0;
            ProcessLink(full, root, entry.ReparseTag, entry.IsDirectory, work, null, folderVolume, context, descend: false);
        }
        else if (entry.IsDirectory)
        {
            context.QueueRoot(work);
        }
        else if (context.Options.HardLinks && entry.LinkCount > 1)
        {
            context.Emit(LinkRecordBuilder.HardLink(rootContext.Given, rootContext.Given, 0, entry.LinkCount, entry.Identity));
        }
    }

    private void ProcessLink(string full, string shown, uint tag, bool linkIsDirectory, WindowsFolderWork work, AncestorChain? node, ulong? folderVolume, WalkContext context, bool descend)
    {
        var options = context.Options;
        var observed = observer.Observe(full, shown, tag, links.ReadLink(full), work.Root, work.Depth + 1, folderVolume, linkIsDirectory);
        if (observed is not { } found)
        {
            return;
        }

        var (record, target) = found;
        if (options.Follow && target is { Exists: true, IsDirectory: true, Identity: { } id })
        {
            // The walk also knows the folders it came through by identity, which catches an
            // ancestor reached under another name than its lexical one.
            if ((record.Flags & LinkFlags.PointsToAncestor) != 0 || (node is not null && node.Contains(id)))
            {
                record = record with { Flags = record.Flags | LinkFlags.PointsToAncestor | LinkFlags.AlreadyVisited };
            }
            else if (descend && (!options.OneFileSystem || id.Volume == work.Root.Device))
            {
                context.FollowLater(new FollowCandidate(record, id, new WindowsFolderWork(work.Root, RawPath.FromText(shown), full, work.Depth + 1, node, true)));
                return;
            }
        }
        else if (target is { Exists: true, IsDirectory: true, Identity: { } ancestorId } && node is not null && node.Contains(ancestorId))
        {
            record = record with { Flags = record.Flags | LinkFlags.PointsToAncestor };
        }

        if (options.SymbolicLinks)
        {
            context.Emit(record);
        }
    }

    /// <summary>A folder to list on Windows, with its full path (never rebuilt from the shown one).</summary>
    private sealed record WindowsFolderWork(RootContext Root, byte[] Path, string FullPath, int Depth, AncestorChain? Ancestors, bool ViaLink)
        : FolderWork(Root, Path, Depth, Ancestors, ViaLink);

    /// <summary>One worker's listing buffer.</summary>
    private sealed class Lister(WindowsTreeWalker walker) : IFolderLister
    {
        private readonly List<WindowsDirectoryEntry> entries = [];

        public void Dispose()
        {
        }

        public void List(FolderWork folder, WalkContext context)
        {
            var work = (WindowsFolderWork)folder;
            var options = context.Options;
            var full = work.FullPath;
            var node = work.Ancestors;
            var identity = walker.links.IdentityOf(full, followLinks: true);
            if (identity is { } id)
            {
                if (work.Depth == 0)
                {
                    work.Root.Device = id.Volume;
                }
                else if (options.OneFileSystem && id.Volume != work.Root.Device)
                {
                    return;
                }

                // Identity of the folder entered (opened following the link it was reached by),
                // never the link's own: a cycle through a junction ends at its first repeat.
                if (!work.Root.Visited.Enter(id, work.Claimed))
                {
                    return;
                }

                node = new AncestorChain(id, node);
            }

            entries.Clear();
            var error = walker.api.ListDirectory(full, entries);
            var childDepth = work.Depth + 1;
            var descend = childDepth < options.MaxDepth;
            var shown = RawPath.ToText(work.Path);
            var shownPrefix = shown.EndsWith('\\') || shown.EndsWith('/') ? shown : shown + "\\";
            foreach (var entry in entries)
            {
                var childShown = shownPrefix + entry.Name;
                var childFull = WindowsPathSyntax.ChildPath(full, entry.Name);
                var attributes = entry.Attributes;
                if (attributes.HasFlag(FileAttributes.ReparsePoint) && ReparseTag.IsLinkLike(entry.ReparseTag))
                {
                    if (options.SymbolicLinks || options.Follow)
                    {
                        // The OS's compatibility junctions (Documents and Settings, Application
                        // Data...) are junctions marked hidden and system whose ACL denies listing:
                        // Learn, "Junction Points" (VSS), says a walker must not traverse them (it
                        // would list the same data twice, or loop). Reported, never entered.
                        var compatibility = entry.ReparseTag == ReparseTag.MountPoint
                            && attributes.HasFlag(FileAttributes.Hidden) && attributes.HasFlag(FileAttributes.System);
                        walker.ProcessLink(childFull, childShown, entry.ReparseTag, attributes.HasFlag(FileAttributes.Directory), work, node, identity?.Volume, context, descend && !compatibility);
                    }

                    continue;
                }

                // A name surrogate that is not a link (GLOBAL_REPARSE, WCI_LINK, the tombstones)
                // stands for another name: named, never walked into (windows-facts.md, "Reparse
                // tags a scanner must classify"; .NET: "surrogates should just be detached").
                if (attributes.HasFlag(FileAttributes.ReparsePoint) && ReparseTag.IsNameSurrogate(entry.ReparseTag))
                {
                    context.Counters.AddNotLink(ReparseTag.NameOf(entry.ReparseTag));
                    continue;
                }

                // A data reparse point (cloud placeholder, dedup, WOF...): a folder is still
                // walked by its listing, a file is left unopened.
                if (attributes.HasFlag(FileAttributes.Directory))
                {
                    if (descend)
                    {
                        context.Children.Add(new WindowsFolderWork(work.Root, RawPath.FromText(childShown), childFull, childDepth, node, false));
                    }
                }
                else if (options.HardLinks && !attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    var facts = walker.links.GetEntry(childFull);
                    if (facts.LinkCount > 1)
                    {
                        context.Emit(LinkRecordBuilder.HardLink(RawPath.FromText(childShown), work.Root.Given, childDepth, facts.LinkCount, facts.Identity));
                    }
                }
            }

            if (error != 0)
            {
                context.Report(new ScanProblem(work.Path, "cannot list folder", OsError.Win32(error)));
            }

            context.Counters.AddDirectory(entries.Count);
        }
    }
}

/// <summary>
/// Gathers the facts of one Windows link (its stored target, what following it gives) and has
/// <see cref="LinkRecordBuilder"/> make the record: shared by the walker and the whole-volume
/// reader, so both report a link the same way. It sees the disk only through <see cref="ILinkSystem"/>.
/// </summary>
internal sealed class WindowsLinkObserver(ILinkSystem links)
{
    private static readonly PathSyntax Paths = PathSyntax.Windows;

    /// <summary>
    /// The record of the link at <paramref name="full"/> (reported as <paramref name="shown"/>),
    /// and what its target turned out to be; null when the link vanished since it was listed.
    /// </summary>
    /// <param name="full">The link's full path.</param>
    /// <param name="shown">The path the record reports.</param>
    /// <param name="tag">The reparse tag the listing gave, for the kind of a link whose data cannot be read.</param>
    /// <param name="read">What <see cref="ILinkSystem.ReadLink"/> (or the reparse data opened by id) said.</param>
    /// <param name="root">The root the link is under (for outside_root).</param>
    /// <param name="depth">The link's depth below the root.</param>
    /// <param name="folderVolume">The volume of the link's folder (FILE_ID_INFO), to tell a link that crosses volumes.</param>
    /// <param name="linkIsDirectory">Whether the link entry is a folder link (FILE_ATTRIBUTE_DIRECTORY in the listing), or null when not known.</param>
    public (LinkRecord Record, EntryFacts? Target)? Observe(string full, string shown, uint tag, StepResult<StoredLink> read, RootContext root, int depth, ulong? folderVolume, bool? linkIsDirectory = null)
    {
        if (!read.TryGetValue(out var link))
        {
            if (read.Error is { } gone && LinkClassifier.VanishedSinceListed(gone))
            {
                return null;
            }

            // Data that is not a link we can decode is reported with the reason as the error's words.
            var error = read.Error ?? new OsError(OsErrorDomain.Win32, Win32ErrorNames.InvalidReparseData, Win32ErrorNames.NameOf(Win32ErrorNames.InvalidReparseData), read.Problem!);
            return (LinkRecordBuilder.Unreadable(RawPath.FromText(shown), root.Given, depth, KindOf(tag), error), null);
        }

        var folder = Paths.GetDirectoryName(full) ?? full;

        // A WSL symlink stores a Linux path: an absolute one names a Windows path only under the
        // automount root (/mnt/c/... is C:\..., WslTarget); any other is inside the distribution
        // and has no Windows path, so it is reported without one (and outside ROOT).
        var linuxOnly = link.Kind == LinkKind.WslSymlink && !link.IsRelative && WslTarget.WindowsPathOf(link.Target) is null;
        var resolved = link.IsRelative ? Paths.GetFullPath(link.Target, folder)
            : link.Kind == LinkKind.WslSymlink ? WslTarget.WindowsPathOf(link.Target) ?? link.Target
            : link.Target;
        var target = LinkClassifier.FollowsThroughLink(link.Kind) ? links.GetTargetEntry(full) : links.GetTargetEntry(resolved);
        var otherVolume = false;
        var ancestor = false;
        if (target.Exists)
        {
            var final = target.FinalPath ?? resolved;
            otherVolume = target.Identity is { } id && folderVolume is { } volume
                ? id.Volume != volume
                : !string.Equals(Paths.GetRoot(final), Paths.GetRoot(full), StringComparison.OrdinalIgnoreCase);

            // A volume mounted in a folder has the mount folder itself as its final path: that is
            // the link's own path, not an ancestor (windows-facts.md, "Paths, volumes and identity").
            ancestor = target.IsDirectory && !Paths.PathEquals(full, final) && Paths.IsSameOrBelow(full, final);
        }

        var record = LinkRecordBuilder.Build(new LinkObservation
        {
            Path = RawPath.FromText(shown),
            Root = root.Given,
            Depth = depth,
            Kind = link.Kind,
            StoredTarget = RawPath.FromText(link.Target),
            IsRelative = link.IsRelative,
            ResolvedTarget = linuxOnly ? null : RawPath.FromText(resolved),
            ResolvedBelowRoot = !linuxOnly && Paths.IsSameOrBelow(resolved, root.FullText),
            ResolvedIsRemote = Paths.IsUnc(resolved),
            Target = target,
            TargetOnOtherVolume = otherVolume,
            TargetIsAncestor = ancestor,
            LinkIsDirectory = linkIsDirectory,
        });
        return (record, target);
    }

    private static LinkKind KindOf(uint tag) => tag switch
    {
        ReparseTag.MountPoint => LinkKind.Junction,
        ReparseTag.AppExecLink => LinkKind.AppExecutionAlias,
        ReparseTag.LxSymlink => LinkKind.WslSymlink,
        _ => LinkKind.SymbolicLink,
    };
}
