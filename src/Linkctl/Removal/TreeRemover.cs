using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>One entry the tree delete acted on (or would act on, in a dry run): for -v output.</summary>
internal sealed record TreeEntry(string Path, TreeAction Action, LinkKind? Kind);

/// <summary>
/// <c>linkctl rm -r DIR</c> and <c>rm --links-only DIR</c>: deletes a tree without ever following a
/// link. Every symbolic link, junction and other link is a leaf (its entry is removed, what it points
/// to is never entered); a mount point (another device, a bind mount, a Windows volume mount point)
/// is never crossed: what is mounted is left, reported, and the folder it is mounted on stays.
/// </summary>
/// <remarks>
/// Only pinned-folder primitives act (DEVELOPERS.md, "Acting on what was checked"): DIR's parent is
/// pinned once, every folder is entered with <see cref="IPinnedFolder.OpenFolder"/> against the
/// identity just read (a folder swapped for a link, or for another folder, is refused), and every
/// name is examined and removed relative to the pin it was listed from. No path string is walked
/// again, so paths deeper than PATH_MAX work, and another process swapping a folder for a link
/// mid-delete cannot steer the delete outside DIR. Each entry's failure is reported and the delete
/// goes on. One pin (descriptor or handle) is held per level of depth.
/// </remarks>
internal sealed class TreeRemover(LinkPlatform platform)
{
    private readonly ILinkSystem system = platform.Links;
    private readonly bool isWindows = platform.IsWindows;

    /// <summary>Every pin the walk opens goes through this (tests wrap pins to inject races at exact steps); null: pins as opened.</summary>
    public Func<IPinnedFolder, IPinnedFolder>? PinSeam { get; init; }

    /// <summary>Called for every entry acted on (or that would be, in a dry run): for -v. Null: not called.</summary>
    public Action<TreeEntry>? OnEntry { get; init; }

    /// <summary>
    /// Stat every entry so that <see cref="TreeRemovalSummary.Bytes"/> is counted in a real rm -r. Off:
    /// a name the listing says is a file, link or special file is removed at once (unlinkat never removes
    /// a folder or follows a link, so this is as safe), which saves a statx per entry and keeps the
    /// delete near rm -rf; bytes are then null. Dry runs always count them.
    /// </summary>
    public bool CountBytes { get; init; }

    /// <summary>
    /// For <see cref="TreeRemovalMode.LinksOnly"/>: the remover whose journal records each link removal
    /// before it is made, so <c>rm --undo</c> puts the links back. Null: an unjournalled remover.
    /// </summary>
    public LinkRemover? LinkRemover { get; init; }

    /// <summary>Deletes (or with <paramref name="dryRun"/> counts) the tree at <paramref name="path"/>, a full physical path.</summary>
    public TreeRemovalSummary Remove(string path, TreeRemovalMode mode, bool dryRun)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var summary = new TreeRemovalSummary { Path = path, Mode = mode, DryRun = dryRun };
        var linkRemover = mode == TreeRemovalMode.LinksOnly ? LinkRemover ?? new LinkRemover(platform) : null;
        summary.RunId = dryRun || linkRemover?.Journal is null ? null : linkRemover.RunId;
        var run = new Run(this, summary, mode, dryRun, linkRemover);

        var parentPath = platform.Paths.GetDirectoryName(path);
        var name = platform.Paths.GetFileName(path);
        if (parentPath is null || name.Length == 0 || name is "." or "..")
        {
            summary.AddProblem(path, new LinkctlError(FailureKind.InvalidInput, path,
                $"linkctl will not delete {path}: it is {(name is "." or ".." ? "'.' or '..'" : "the root of a volume")}.",
                "rm -r refuses these too: deleting them removes far more than a name suggests.",
                "Name the folder itself (its full path), or delete its contents one by one."));
            return summary;
        }

        var pinned = system.PinFolder(parentPath);
        if (!pinned.TryGetValue(out var opened))
        {
            summary.AddProblem(path, NotPinned(path, parentPath, pinned));
            return summary;
        }

        using var parent = Seam(opened);
        var entry = parent.GetEntry(name);
        if (entry.Type == EntryType.None && entry.Error is null)
        {
            summary.AddProblem(path, new LinkctlError(FailureKind.NotFound, path, $"{path} does not exist.", "There is nothing there to delete.", "Check the name (`linkctl show` or `ls -la` the folder it is in)."));
            return summary;
        }

        if (entry.Type == EntryType.Directory)
        {
            // DIR itself is what the user named: its contents go even when a file system is mounted
            // on it, but a mounted folder itself cannot go (EBUSY), so it is left and said.
            var mounted = entry.IsMountRoot || (entry.Identity is { } id && id.Volume != parent.Identity.Volume);
            run.Folder(parent, name, entry, isTop: true, topIsMount: mounted);
            return summary;
        }

        if (mode == TreeRemovalMode.LinksOnly && TreeRemovalRules.Decide(entry, parent.Identity.Volume, run.LinkKindOf(parent, name, entry), mode) != TreeAction.RemoveLink)
        {
            summary.AddProblem(path, new LinkctlError(FailureKind.Conflict, path, $"{path} is not a folder.", "--links-only removes the links under a folder.", "Name a folder, or use `linkctl rm LINK` for one link."));
            return summary;
        }

        // A link (or file) named as DIR is a leaf like any other: removed itself, never followed (rm -r link does the same).
        run.Entry(parent, name, entry);
        return summary;
    }

    private IPinnedFolder Seam(IPinnedFolder pin) => PinSeam is { } seam ? seam(pin) : pin;

    private static LinkctlError NotPinned(string path, string folder, StepResult<IPinnedFolder> pinned) => new(
        pinned.Error is { } e ? LinkClassifier.Classify(e, LinkOperation.Remove) : FailureKind.Other, path,
        $"linkctl could not hold the folder {folder} open to delete {path} inside it: {pinned.Problem}.",
        "linkctl deletes only inside folders it holds open, so that nothing outside the tree can be deleted in their place.",
        "Check that the folder exists and that you may enter it, then try again.", pinned.Error);

    /// <summary>One delete's walk: the counts, the mode and the acts.</summary>
    private sealed class Run(TreeRemover owner, TreeRemovalSummary summary, TreeRemovalMode mode, bool dryRun, LinkRemover? linkRemover)
    {
        private readonly bool isWindows = owner.isWindows;

        // Linux's listing says what each name is; files and links then go without a statx each (CountBytes off).
        private readonly bool fast = !dryRun && mode == TreeRemovalMode.Everything && !owner.CountBytes;

        /// <summary>Empties the folder <paramref name="name"/> of <paramref name="parent"/> and removes it; false when it had to stay.</summary>
        public bool Folder(IPinnedFolder parent, string name, EntryFacts entry, bool isTop = false, bool topIsMount = false)
        {
            var path = parent.PathOf(name);
            var opened = parent.OpenFolder(name, entry.Identity);
            if (!opened.TryGetValue(out var raw))
            {
                // Swapped for a link or another folder since it was read, or not enterable: left, reported.
                summary.AddProblem(path, new LinkctlError(opened.Error is { } e ? LinkClassifier.Classify(e, LinkOperation.Remove) : FailureKind.Conflict, path,
                    $"linkctl did not enter {path}: {opened.Problem}.",
                    "linkctl enters only the folder it has just checked, never through a link.",
                    opened.Error is { Code: 13 or 1 or 5 } ? "You may not enter it: ask its owner, or run as a user who may." : "Run it again when nothing else is changing the tree.", opened.Error));
                return false;
            }

            bool emptied;
            using (var folder = owner.Seam(raw))
            {
                emptied = Contents(folder);
            }

            if (topIsMount && mode == TreeRemovalMode.Everything)
            {
                summary.AddMount(path);
                return false;
            }

            if (!emptied || mode == TreeRemovalMode.LinksOnly)
            {
                return false;
            }

            OnEntry(path, TreeAction.Descend, null);
            if (dryRun)
            {
                summary.AddFolder();
                return true;
            }

            var removed = parent.RemoveFolder(name, entry.Identity!.Value);
            if (!removed.Succeeded)
            {
                summary.AddProblem(path, Failure(path, removed, isTop ? "the folder itself" : "an emptied folder"));
                return false;
            }

            summary.AddFolder();
            return true;
        }

        /// <summary>Acts on every name in <paramref name="folder"/>; true when it is empty afterwards (or would be).</summary>
        private bool Contents(IPinnedFolder folder)
        {
            var listed = folder.ListEntries();
            if (!listed.TryGetValue(out var names))
            {
                var error = listed.Error!;
                summary.AddProblem(folder.Path, new LinkctlError(LinkClassifier.Classify(error, LinkOperation.Read), folder.Path,
                    $"linkctl could not list {folder.Path}, so nothing in it was deleted.", $"The OS answered {error}.",
                    "If you may not read it (no read permission), ask its owner or run as a user who may; then run rm -r again.", error));
                return false;
            }

            var empty = true;
            foreach (var (name, type) in names)
            {
                if (fast && type is EntryType.File or EntryType.SymbolicLink or EntryType.Special && folder.RemoveFile(name).Succeeded)
                {
                    if (type == EntryType.SymbolicLink)
                    {
                        OnEntry(folder.PathOf(name), TreeAction.RemoveLink, LinkKind.SymbolicLink);
                        summary.AddLink(LinkKind.SymbolicLink);
                    }
                    else
                    {
                        OnEntry(folder.PathOf(name), TreeAction.RemoveFile, null);
                        summary.AddFile(null);
                    }

                    continue;
                }

                // Not said, a folder, or the quick removal failed (the name changed, EACCES): look, decide, act, report.
                empty &= Entry(folder, name, folder.GetEntry(name));
            }

            return empty;
        }

        /// <summary>Acts on one entry; true when it is gone (or would be).</summary>
        public bool Entry(IPinnedFolder folder, string name, EntryFacts entry)
        {
            var kind = LinkKindOf(folder, name, entry);
            var action = TreeRemovalRules.Decide(entry, folder.Identity.Volume, kind, mode);
            var path = folder.PathOf(name);
            switch (action)
            {
                case TreeAction.Gone:
                    return true;
                case TreeAction.Unexamined:
                    summary.AddProblem(path, entry.Error is { } e
                        ? FailureAdvice.For(LinkClassifier.Classify(e, LinkOperation.Read), LinkOperation.Read, path, e, null, isWindows)
                        : new LinkctlError(FailureKind.Other, path, $"linkctl could not read what {path} is.", "The OS gave no identity for it.", "Run `linkctl show` on it."));
                    return false;
                case TreeAction.Keep:
                    summary.AddKept();
                    return false;
                case TreeAction.LeaveMount:
                    OnEntry(path, action, null);
                    summary.AddMount(path);
                    return false;
                case TreeAction.Descend:
                    return Folder(folder, name, entry);
                case TreeAction.RemoveLink:
                    return Link(folder, name, entry, TreeRemovalRules.KindOf(entry, kind));
                default:
                    OnEntry(path, action, null);
                    if (!dryRun && folder.RemoveFile(name) is { Error: { } failed })
                    {
                        summary.AddProblem(path, FailureAdvice.For(LinkClassifier.Classify(failed, LinkOperation.Remove), LinkOperation.Remove, path, failed, null, isWindows));
                        return false;
                    }

                    summary.AddFile(entry.Size);
                    return true;
            }
        }

        private bool Link(IPinnedFolder folder, string name, EntryFacts entry, LinkKind kind)
        {
            var path = folder.PathOf(name);
            OnEntry(path, TreeAction.RemoveLink, kind);
            if (dryRun)
            {
                summary.AddLink(kind);
                return true;
            }

            if (linkRemover is not null)
            {
                // --links-only promises that nothing but links goes: the checked removal (journalled
                // first) removes the entry only while it is still the link that was read.
                var stored = folder.ReadLink(name).ValueOr(null);
                var outcome = linkRemover.RemoveInFolder(folder, name, entry, stored, kind);
                if (outcome.Error is { } refused)
                {
                    summary.AddProblem(path, refused);
                    return false;
                }

                summary.AddLink(kind);
                return true;
            }

            // rm -r: whatever the name holds by now goes as a name (unlinkat without AT_REMOVEDIR and
            // the delete by handle never follow a link and never remove a folder), so nothing outside DIR changes.
            if (folder.RemoveName(name) is { Error: { } failed })
            {
                summary.AddProblem(path, FailureAdvice.For(LinkClassifier.Classify(failed, LinkOperation.Remove), LinkOperation.Remove, path, failed, null, isWindows));
                return false;
            }

            summary.AddLink(kind);
            return true;
        }

        /// <summary>For reparse points only (the data says which kind of link, and whether a junction is a volume mount point); null otherwise.</summary>
        public LinkKind? LinkKindOf(IPinnedFolder folder, string name, EntryFacts entry) =>
            entry.Type is EntryType.Junction or EntryType.OtherReparsePoint && folder.ReadLink(name).TryGetValue(out var stored) ? stored.Kind : null;

        private void OnEntry(string path, TreeAction action, LinkKind? kind) => owner.OnEntry?.Invoke(new TreeEntry(path, action, kind));

        private LinkctlError Failure(string path, StepResult removed, string what)
        {
            if (removed.Error is { } error)
            {
                var advice = FailureAdvice.For(LinkClassifier.Classify(error, LinkOperation.Remove), LinkOperation.Remove, path, error, null, isWindows);
                return advice with { What = $"linkctl could not remove {what} {path}: {removed.Problem}." };
            }

            return new LinkctlError(FailureKind.Conflict, path, $"linkctl did not remove {what} {path}: {removed.Problem}.",
                "It is not the folder linkctl emptied.", "Run it again when nothing else is changing the tree.");
        }
    }
}
