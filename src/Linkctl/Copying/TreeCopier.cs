using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Copying;

/// <summary>
/// <c>linkctl copy SRC DST</c>: copies a folder tree faithfully (files with their data, mode,
/// times and, as root, owner; folders; symbolic links as links, inner ones led into DST, outer
/// ones as <see cref="CopyRequest.Outer"/> says; hard-link sets as sets), never following a link,
/// never leaving SRC's file system unless asked, never writing over anything.
/// </summary>
/// <remarks>
/// Acting on what was checked: SRC is read only through pinned folders (each child opened
/// without following a link, with the identity it had when it was listed), and DST is made only
/// through pinned folders (mkdirat, openat O_CREAT|O_EXCL|O_NOFOLLOW, symlinkat, linkat). DST is a
/// new folder of mode 0700 until the copy is done, so no other user can put anything inside while
/// it is filled; each folder gets its own mode and times after its contents. The walk is depth
/// first and holds one listing per level: memory grows with depth and with the hard-link sets
/// not yet complete, not with the tree. Decisions are <see cref="CopyPlanner"/>'s.
/// Linux only so far: on Windows the copy is refused as not yet written there.
/// </remarks>
internal sealed partial class TreeCopier
{
    private const uint PrivateFolderMode = 0x1C0; // 0700 while filling
    private const uint PrivateFileMode = 0x180; // 0600 until the data is whole

    private readonly LinkPlatform platform;
    private readonly Func<IPinnedFolder, IPinnedFolder>? sourcePinSeam;

    public TreeCopier(LinkPlatform platform)
        : this(platform, null)
    {
    }

    /// <summary>With a seam that wraps SRC's pin (and so every folder opened from it): tests race the copy through it.</summary>
    internal TreeCopier(LinkPlatform platform, Func<IPinnedFolder, IPinnedFolder>? sourcePinSeam)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
        this.sourcePinSeam = sourcePinSeam;
    }

    /// <summary>
    /// Copies as asked (<paramref name="request"/>); <paramref name="onStep"/> hears every entry
    /// as it is decided (the dry run's plan, progress).
    /// </summary>
    public CopyReport Copy(CopyRequest request, Action<CopyStep>? onStep = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(platform, request, onStep, sourcePinSeam);
        run.Execute();
        return run.Report;
    }

    /// <summary>
    /// <c>linkctl move</c>'s copy: fills the folder <paramref name="destinationRoot"/> (made and pinned by the
    /// caller, named <paramref name="destinationName"/> in <paramref name="destinationParent"/>) with the tree of
    /// the pinned <paramref name="sourcePin"/>, whose real path is <paramref name="sourceReal"/>. No path is
    /// resolved again. Link texts are kept as they are when <see cref="CopyRequest.VerbatimLinks"/> is set (a move
    /// keeps every link as a rename would). The root's own mode and times are set last.
    /// </summary>
    internal CopyReport CopyInto(CopyRequest request, IPinnedFolder sourcePin, string sourceReal, IPinnedFolder destinationParent, string destinationName, IPinnedFolder destinationRoot, EntryFacts sourceRootFacts)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Run(platform, request, null, sourcePinSeam);
        run.ExecutePinned(sourcePin, sourceReal, destinationParent, destinationName, destinationRoot, sourceRootFacts);
        return run.Report;
    }

    private sealed class HardLinkSet(DestinationFolder? folder, string name, string path, long linkCount)
    {
        public DestinationFolder? Folder { get; } = folder;

        public string Name { get; } = name;

        public string Path { get; } = path;

        public long LinkCount { get; } = linkCount;

        public long Seen { get; set; } = 1;
    }

    /// <summary>A pinned DST folder, kept open while its folder is filled or a hard-link set needs its first name.</summary>
    private sealed class DestinationFolder(IPinnedFolder pin, bool owned = true)
    {
        private int references = 1;

        public IPinnedFolder Pin { get; } = pin;

        public DestinationFolder AddReference()
        {
            references++;
            return this;
        }

        public void Release()
        {
            if (--references == 0 && owned)
            {
                Pin.Dispose();
            }
        }
    }

    private sealed class Run(LinkPlatform platform, CopyRequest request, Action<CopyStep>? onStep, Func<IPinnedFolder, IPinnedFolder>? sourcePinSeam)
    {
        private readonly ILinkSystem links = platform.Links;
        private readonly PathSyntax paths = platform.Links.Paths;
        private readonly Dictionary<FileIdentity, HardLinkSet> sets = [];
        private readonly bool dry = request.DryRun;
        private readonly bool asRoot = IsRoot();
        private CopyRoots roots = null!;
        private ulong sourceDevice;
        private FileIdentity? destinationIdentity;

        public CopyReport Report { get; private set; } = null!;

        public void Execute()
        {
            var source = PhysicalPaths.Resolve(links, request.Source, platform.CurrentDirectory).Path;
            var destination = PhysicalPaths.Resolve(links, request.Destination, platform.CurrentDirectory);
            Report = new CopyReport { Source = source, Destination = destination.Path, DryRun = dry };
            if (platform.Host == HostKind.Windows)
            {
                Refuse(FailureKind.NotSupported, source, "linkctl copy is not written for Windows yet: its pinned-folder file primitives exist on Linux only (issue 13).", "Use robocopy /SL /COPY:DAT or copy on Linux; nothing was copied.");
                return;
            }

            var sourceTarget = links.GetTargetEntry(source);
            if (!sourceTarget.Exists)
            {
                Refuse(FailureKind.NotFound, source, "SRC does not exist.", "Check the path; nothing was copied.", sourceTarget.Error);
                return;
            }

            if (!sourceTarget.IsDirectory)
            {
                Refuse(FailureKind.Conflict, source, "SRC is not a folder: linkctl copy copies folder trees.", "For one file use cp -p (or name its folder); nothing was copied.");
                return;
            }

            var sourceReal = sourceTarget.FinalPath ?? source;
            if (paths.IsSameOrBelow(destination.Path, sourceReal))
            {
                Refuse(FailureKind.InvalidInput, destination.Path, $"DST lies inside SRC ({sourceReal}): the copy would copy itself.", "Choose a DST outside SRC; nothing was copied.");
                return;
            }

            var parentPath = paths.GetDirectoryName(destination.Path);
            var name = paths.GetFileName(destination.Path);
            if (!destination.ParentExists || parentPath is null || name.Length == 0)
            {
                Refuse(FailureKind.NotFound, destination.Path, "the folder that would hold DST does not exist.", "Make DST's parent folder first (linkctl copy makes only DST itself); nothing was copied.");
                return;
            }

            roots = new CopyRoots(paths, sourceReal, destination.Path);
            // Tests wrap SRC's pin (and so every folder opened from it) to race the copy deterministically.
            using var sourcePin = Pin(source) is { } pinned ? sourcePinSeam?.Invoke(pinned) ?? pinned : null;
            using var parentPin = Pin(parentPath);
            if (sourcePin is null || parentPin is null)
            {
                return;
            }

            sourceDevice = sourcePin.Identity.Volume;
            var existing = parentPin.GetEntry(name);
            if (existing.Exists || existing.Error is not null)
            {
                Refuse(FailureKind.Conflict, destination.Path, existing.Exists ? $"DST exists already (as a {existing.Type.ToString().ToLowerInvariant()}): linkctl copy never writes into or over anything that exists." : "DST could not be examined.", "Name a DST that does not exist yet; nothing was copied.", existing.Error);
                return;
            }

            if (dry)
            {
                Step(CopyStepKind.Folder, source, destination.Path, null, null);
                Report.Folders++;
                Walk(sourcePin, null, string.Empty);
                return;
            }

            var made = parentPin.CreateFolder(name, PrivateFolderMode);
            if (!made.Succeeded)
            {
                Refuse(LinkClassifier.Classify(made.Error!, LinkOperation.Copy), destination.Path, "DST could not be made.", "See the OS error; nothing was copied.", made.Error);
                return;
            }

            var opened = OpenOwnFolder(parentPin, name);
            if (opened is null)
            {
                return;
            }

            destinationIdentity = opened.Identity;
            Step(CopyStepKind.Folder, source, destination.Path, null, null);
            var root = new DestinationFolder(opened);
            Walk(sourcePin, root, string.Empty);
            root.Release();
            Report.Folders++;
            FinishSets();
            ApplySourceRootMetadata(source, sourcePin, parentPin, name);
        }

        public void ExecutePinned(IPinnedFolder sourcePin, string sourceReal, IPinnedFolder destinationParent, string destinationName, IPinnedFolder destinationRoot, EntryFacts sourceRootFacts)
        {
            Report = new CopyReport { Source = sourceReal, Destination = request.Destination, DryRun = false };
            roots = new CopyRoots(paths, sourceReal, request.Destination);
            var source = sourcePinSeam?.Invoke(sourcePin) ?? sourcePin;
            sourceDevice = sourcePin.Identity.Volume;
            destinationIdentity = destinationRoot.Identity;
            var root = new DestinationFolder(destinationRoot, owned: false);
            Walk(source, root, string.Empty);
            root.Release();
            Report.Folders++;
            FinishSets();
            ApplyMetadata(destinationParent, destinationName, sourceRootFacts, sourceReal, isFolder: true);
        }

        private void Walk(IPinnedFolder source, DestinationFolder? destination, string relative)
        {
            var listed = source.ListNames();
            if (!listed.TryGetValue(out var names))
            {
                Fail(source.Path, "could not list the folder: its entries were not copied", listed.Error);
                return;
            }

            foreach (var name in names)
            {
                var entry = source.GetEntry(name);
                var childRelative = relative.Length == 0 ? name : paths.Combine(relative, name);
                var to = paths.Combine(roots.Destination, childRelative);
                switch (entry.Type)
                {
                    case EntryType.None when entry.Error is null:
                        Skip(source.PathOf(name), to, "it vanished after the folder was listed", onRequest: false);
                        break;
                    case EntryType.None:
                        Fail(source.PathOf(name), "could not be examined", entry.Error);
                        break;
                    case EntryType.Directory:
                        CopyFolder(source, destination, name, entry, childRelative, to);
                        break;
                    case EntryType.File:
                        CopyFile(source, destination, name, entry, to);
                        break;
                    case EntryType.SymbolicLink:
                        CopyLink(source, destination, name, relative, to);
                        break;
                    default:
                        Skip(source.PathOf(name), to, "it is a FIFO, socket or device: linkctl copy copies files, folders and links only", onRequest: false);
                        break;
                }
            }
        }

        private void CopyFolder(IPinnedFolder source, DestinationFolder? destination, string name, EntryFacts entry, string relative, string to)
        {
            var from = source.PathOf(name);
            var reason = CopyPlanner.PlanFolder(sourceDevice, entry.Identity?.Volume ?? sourceDevice, request.CrossFileSystems, entry.Identity is { } id && id == destinationIdentity);
            if (reason is not null)
            {
                Skip(from, to, reason, onRequest: false);
                return;
            }

            var opened = source.OpenFolder(name, entry.Identity);
            if (!opened.TryGetValue(out var child))
            {
                Fail(from, opened.Problem!, opened.Error);
                return;
            }

            using (child)
            {
                Step(CopyStepKind.Folder, from, to, null, null);
                if (destination is null)
                {
                    Report.Folders++;
                    Walk(child, null, relative);
                    return;
                }

                var made = destination.Pin.CreateFolder(name, PrivateFolderMode);
                if (!made.Succeeded)
                {
                    Fail(from, $"could not make the folder {to}: its entries were not copied", made.Error);
                    return;
                }

                var pinned = destination.Pin.OpenFolder(name);
                if (!pinned.TryGetValue(out var made2))
                {
                    Fail(from, pinned.Problem!, pinned.Error);
                    return;
                }

                var folder = new DestinationFolder(made2);
                Walk(child, folder, relative);
                folder.Release();
                Report.Folders++;
                ApplyMetadata(destination.Pin, name, entry, from, isFolder: true);
            }
        }

        private void CopyFile(IPinnedFolder source, DestinationFolder? destination, string name, EntryFacts entry, string to)
        {
            var from = source.PathOf(name);
            if (CopyPlanner.IsPartOfSet(entry.LinkCount) && entry.Identity is { } id && sets.TryGetValue(id, out var set))
            {
                if (destination is not null)
                {
                    var linked = destination.Pin.CreateHardLink(name, set.Folder!.Pin, set.Name);
                    if (!linked.Succeeded)
                    {
                        Fail(from, $"could not make {to} another name of {set.Path}", linked.Error);
                        return;
                    }
                }

                Step(CopyStepKind.HardLink, from, to, set.Path, null);
                Report.HardLinkNames++;
                if (++set.Seen == set.LinkCount)
                {
                    sets.Remove(id);
                    set.Folder?.Release();
                }

                return;
            }

            if (destination is not null && !CopyData(destination.Pin, name, from, to, () => source.OpenFileForReading(name, entry.Identity), entry))
            {
                return;
            }

            Step(CopyStepKind.File, from, to, null, null);
            Report.Files++;
            Report.Bytes += (long)(entry.Size ?? 0);
            if (CopyPlanner.IsPartOfSet(entry.LinkCount) && entry.Identity is { } identity)
            {
                Report.HardLinkSets++;
                sets[identity] = new HardLinkSet(destination?.AddReference(), name, to, entry.LinkCount);
            }
        }

        /// <summary>Makes <paramref name="name"/> in <paramref name="destination"/> with the data of what <paramref name="open"/> opens; false (and reported) on failure.</summary>
        private bool CopyData(IPinnedFolder destination, string name, string from, string to, Func<StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle>> open, EntryFacts facts)
        {
            var input = open();
            if (!input.TryGetValue(out var reader))
            {
                Fail(from, input.Problem!, input.Error);
                return false;
            }

            using (reader)
            {
                var output = destination.CreateFile(name, PrivateFileMode);
                if (!output.TryGetValue(out var writer))
                {
                    Fail(from, $"could not make the file {to}", output.Error);
                    return false;
                }

                OsError? failed;
                OsError? metadataFailed = null;
                using (writer)
                {
                    failed = OperatingSystem.IsLinux() ? CopyContent(reader, writer) : OsError.Win32(Win32ErrorNames.NotSupported);
                    if (failed is null && OperatingSystem.IsLinux())
                    {
                        metadataFailed = SetFileMetadata(writer, facts);
                    }
                }

                if (failed is not null)
                {
                    // O_EXCL made this file in this run: it holds nothing but our partial copy.
                    destination.RemoveName(name);
                    Fail(from, $"could not copy its data to {to} (the partial copy was removed)", failed);
                    return false;
                }

                if (metadataFailed is not null)
                {
                    // The data is whole: it stays (nothing lost), and the entry is named as not wholly copied.
                    Fail(from, $"its data was copied to {to}, but its owner, mode or times could not be set", metadataFailed);
                }
            }

            return true;
        }

        private void CopyLink(IPinnedFolder source, DestinationFolder? destination, string name, string relativeFolder, string to)
        {
            var from = source.PathOf(name);
            var read = source.ReadLink(name);
            if (!read.TryGetValue(out var stored))
            {
                Fail(from, "could not read the link", read.Error);
                return;
            }

            var realFolder = relativeFolder.Length == 0 ? roots.SourceReal : paths.Combine(roots.SourceReal, relativeFolder);
            var link = new LinkToCopy(LinkKind.SymbolicLink, stored.Target, false, relativeFolder, ResolveLink(realFolder, stored.Target));
            var decision = CopyPlanner.PlanLink(roots, link, request.Outer);
            if (request.VerbatimLinks)
            {
                // A move keeps every link's text, as a rename on one file system would.
                decision = decision with { Action = LinkAction.MakeLink, Text = stored.Target, Rewritten = false, Reason = null };
            }

            switch (decision.Action)
            {
                case LinkAction.Skip:
                    Skip(from, to, decision.Reason!, onRequest: true);
                    return;
                case LinkAction.CopyContent:
                    var target = source.GetTargetEntry(name);
                    if (target.Type == EntryType.File)
                    {
                        // Following this link is what --outer copy-content asks for: its file lies outside SRC.
                        if (destination is not null && !CopyData(destination.Pin, name, from, to, () => OpenFollowing(decision.Text!), target))
                        {
                            return;
                        }

                        Step(CopyStepKind.ContentOfLink, from, to, decision.Text, null);
                        Report.ContentCopies++;
                        Report.Bytes += (long)(target.Size ?? 0);
                        return;
                    }

                    // A folder's content is not copied (it may hold the world, or SRC itself): the link is kept, and said.
                    decision = decision with { Action = LinkAction.MakeLink, Text = stored.Target, Rewritten = false };
                    Skip(from, to, target.Exists ? "--outer copy-content copies files only: this link leads to a folder, so it was copied as a link" : "--outer copy-content: the link is broken, so it was copied as a link", onRequest: false);
                    break;
            }

            if (destination is not null)
            {
                var made = destination.Pin.CreateSymbolicLink(name, decision.Text!, decision.IsDirectoryLink);
                if (!made.Succeeded)
                {
                    Fail(from, $"could not make the link {to}", made.Error);
                    return;
                }

                // Every link made is read back (DEVELOPERS.md): the text stored must be the text planned.
                var back = destination.Pin.ReadLink(name);
                if (!back.TryGetValue(out var again) || again.Target != decision.Text)
                {
                    destination.Pin.RemoveName(name);
                    Report.Failed.Add(new CopyFailure(from, new LinkctlError(FailureKind.ReadBackFailed, to, $"The link {to} did not read back as made.", $"It should store {decision.Text}; the OS answered {(back.Value?.Target ?? back.Problem)}. It was removed.", "Copy again on a file system that stores links faithfully.")));
                    return;
                }

                var entry = source.GetEntry(name);
                ApplyLinkMetadata(destination.Pin, name, entry, from);
            }

            Step(decision.Place == LinkPlace.Inner ? CopyStepKind.InnerLink : CopyStepKind.OuterLink, from, to, decision.Text, decision.Rewritten ? "rewritten" : null);
            if (decision.Place == LinkPlace.Inner)
            {
                Report.InnerLinks++;
            }
            else
            {
                Report.OuterLinks++;
            }

            if (decision.Rewritten)
            {
                Report.RewrittenLinks++;
            }
        }

        /// <summary>
        /// Where the link leads, as the kernel resolves it from the link's real folder: a relative
        /// text without ".." is exact when joined; otherwise the folders on the way are resolved
        /// through links (<see cref="PhysicalPaths.Resolve"/>), the last name kept.
        /// </summary>
        private string? ResolveLink(string realFolder, string text)
        {
            var relative = !paths.IsFullyQualified(text);
            var hasDotDot = text.Split(paths.Separator).Contains("..");
            if (relative && !hasDotDot)
            {
                return paths.GetFullPath(text, realFolder);
            }

            var resolved = PhysicalPaths.Resolve(links, text, realFolder);
            return resolved.NotADirectory is null ? resolved.Path : null;
        }

        private void FinishSets()
        {
            foreach (var set in sets.Values)
            {
                if (CopyPlanner.IsPartial(set.Seen, set.LinkCount))
                {
                    Report.PartialHardLinkSets.Add(new PartialHardLinkSet(set.Path, set.Seen, set.LinkCount));
                }

                set.Folder?.Release();
            }

            sets.Clear();
        }

        private void ApplyMetadata(IPinnedFolder folder, string name, EntryFacts entry, string from, bool isFolder)
        {
            OsError? failed = null;
            if (asRoot && entry.OwnerId is { } uid && entry.GroupId is { } gid)
            {
                failed = folder.SetOwner(name, uid, gid).Error;

                // As for files: a file system without owners refuses, and the owner it shows may already be the one asked for.
                if (failed is not null && folder.GetEntry(name) is { } now && now.OwnerId == uid && now.GroupId == gid)
                {
                    failed = null;
                }
            }

            if (isFolder && entry.Mode is { } mode)
            {
                failed ??= folder.SetFolderMode(name, mode).Error;
            }

            if (entry.Times is { } times)
            {
                failed ??= folder.SetTimes(name, times).Error;
            }

            if (failed is not null)
            {
                Fail(from, $"was copied, but its owner, mode or times could not be set on {folder.PathOf(name)}", failed);
            }
        }

        private void ApplyLinkMetadata(IPinnedFolder folder, string name, EntryFacts entry, string from)
        {
            if (entry.Type == EntryType.SymbolicLink)
            {
                ApplyMetadata(folder, name, entry, from, isFolder: false);
            }
        }

        private void ApplySourceRootMetadata(string source, IPinnedFolder sourcePin, IPinnedFolder parentPin, string name)
        {
            // The root's own facts come from its parent's pin (statx, like every other entry), and
            // only when that entry is the folder pinned: otherwise they are left, and said.
            var parent = paths.GetDirectoryName(roots.SourceReal);
            if (parent is null)
            {
                return;
            }

            var held = links.PinFolder(parent);
            if (!held.TryGetValue(out var parentOfSource))
            {
                Fail(source, "was copied, but its own mode and times could not be read", held.Error);
                return;
            }

            using (parentOfSource)
            {
                var entry = parentOfSource.GetEntry(paths.GetFileName(roots.SourceReal));
                if (entry.Identity != sourcePin.Identity)
                {
                    Fail(source, "was copied, but its own mode and times were not set: SRC's name now leads to another folder", null);
                    return;
                }

                ApplyMetadata(parentPin, name, entry, source, isFolder: true);
            }
        }

        private IPinnedFolder? OpenOwnFolder(IPinnedFolder parent, string name)
        {
            // DST's parent may be writable by others (/tmp): the folder opened must be the one made
            // here (the name still leads to it, it is empty and this user owns it, which no other
            // unprivileged user can arrange), not one swapped in between. Its mode is not checked:
            // exFAT and FAT show every folder with the mount's mode.
            var opened = parent.OpenFolder(name);
            if (!opened.TryGetValue(out var folder))
            {
                Refuse(FailureKind.Conflict, parent.PathOf(name), opened.Problem!, "Nothing was copied; look at what holds the name now.", opened.Error);
                return null;
            }

            var facts = parent.GetEntry(name);
            var listed = folder.ListNames();
            if (facts.Identity != folder.Identity || facts.OwnerId != EffectiveUser() || !listed.Succeeded || listed.Value!.Count != 0)
            {
                folder.Dispose();
                Refuse(FailureKind.Conflict, parent.PathOf(name), "DST was replaced right after linkctl made it (another process holds the name now).", "Nothing was copied into it; look at what holds the name now.");
                return null;
            }

            return folder;
        }

        private IPinnedFolder? Pin(string path)
        {
            var pinned = links.PinFolder(path);
            if (pinned.TryGetValue(out var pin))
            {
                return pin;
            }

            Refuse(pinned.Error is { } e ? LinkClassifier.Classify(e, LinkOperation.Read) : FailureKind.Other, path, pinned.Problem!, "Nothing was copied.", pinned.Error);
            return null;
        }

        private void Refuse(FailureKind kind, string path, string what, string next, OsError? error = null) =>
            Report.Refusal = new LinkctlError(kind, path, $"linkctl copy did not start: {what}", error?.ToString() ?? what, next, error);

        private void Skip(string from, string to, string reason, bool onRequest)
        {
            Report.Skipped.Add(new CopySkip(from, reason, onRequest));
            Step(CopyStepKind.Skipped, from, to, null, reason);
        }

        private void Fail(string from, string problem, OsError? error)
        {
            var kind = error is null ? FailureKind.Conflict : LinkClassifier.Classify(error, LinkOperation.Copy);
            var why = error is null ? problem : $"{problem}: {error}";
            Report.Failed.Add(new CopyFailure(from, new LinkctlError(kind, from, $"Could not copy {from}.", why, "Fix the cause and copy that entry again (DST keeps what was copied).", error)));
            Step(CopyStepKind.Failed, from, from, null, why);
        }

        private void Step(CopyStepKind kind, string from, string to, string? text, string? reason) =>
            onStep?.Invoke(new CopyStep(kind, from, to, text, reason));
    }
}
