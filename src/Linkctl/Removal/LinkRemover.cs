using Linkctl.Errors;
using Linkctl.Inspection;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>The answer of <c>linkctl rm</c>: what was (or would be) removed, or why nothing was.</summary>
public sealed record RemovalOutcome(bool Removed, bool DryRun, LinkReport? Link, LinkctlError? Error)
{
    /// <summary>Whether the link's target was checked to be still there afterwards (it always must be).</summary>
    public bool TargetIntact { get; init; }

    /// <summary>Temporary names a killed run had left in the link's folder: removed when provably linkctl's, else left and said why.</summary>
    public IReadOnlyList<StaleTemporary> StaleTemporaries { get; init; } = [];
}

/// <summary>
/// Removes links, and only links: never what a link points to, never recursively. A folder
/// link or junction is removed as a directory entry, without entering it, because some tools
/// delete a junction's target contents when they recurse into it.
/// </summary>
internal sealed class LinkRemover(LinkPlatform platform)
{
    private readonly ILinkSystem system = platform.Links;

    /// <summary>
    /// Where each removal is recorded before it is made, so that <c>linkctl rm --undo</c> can put
    /// the link back (docs/journal.md); null records nothing. A removal whose record cannot be
    /// written is not made.
    /// </summary>
    public UndoJournal? Journal { get; init; }

    /// <summary>The run the removals are recorded under: one per command invocation.</summary>
    public string RunId { get; init; } = UndoJournal.NewRunId();

    // Each folder is swept for stale temporaries once per remover (rm of many links in one folder lists it once).
    private readonly HashSet<FileIdentity> swept = [];

    // What the journal proves about a stale temporary: the targets it records for that folder (rm runs).
    private JournalTargets? journalTargets;

    public RemovalOutcome Remove(string path, bool dryRun)
    {
        var (report, error) = new LinkInspector(platform).Inspect(path);
        if (report is null)
        {
            return new RemovalOutcome(false, dryRun, null, error);
        }

        if (report.Kind is LinkKind.None or LinkKind.OtherReparsePoint)
        {
            var what = report.Kind == LinkKind.OtherReparsePoint
                ? $"a {report.ReparseTagName} reparse point, {OtherReparsePointMeaning(report.ReparseTag ?? 0)}, not a link"
                : CreationDescription(report);
            return new RemovalOutcome(false, dryRun, report, new LinkctlError(FailureKind.Conflict, path,
                $"{path} is {what}; linkctl rm removes links only.",
                "Removing it would delete data, and linkctl never does that.",
                report.EntryType == EntryType.Directory ? "To delete a folder, use your shell (rmdir, rm -r, Remove-Item) knowingly." : "To delete a file, use your shell's rm or del knowingly."));
        }

        if (dryRun)
        {
            return new RemovalOutcome(false, true, report, null);
        }

        var targetBefore = report.FinalPath is null ? null : system.GetEntry(report.FinalPath);
        if (platform.IsWindows && report.Kind == LinkKind.VolumeMountPoint)
        {
            return RemoveMountedFolder(path, report, targetBefore);
        }

        return RemovePinned(path, report, targetBefore);
    }

    /// <summary>
    /// A folder a volume is mounted in is unmounted by path (DeleteVolumeMountPointW takes a path, not
    /// a handle; Learn: Deleting a Mounted Folder) and then removed: RemoveLink re-checks the reparse
    /// tag right before it acts. This is the one removal on Windows that is not made by handle.
    /// </summary>
    private RemovalOutcome RemoveMountedFolder(string path, LinkReport report, EntryFacts? targetBefore)
    {
        if (Record(path, report, folder: null) is { } notRecorded)
        {
            return new RemovalOutcome(false, false, report, notRecorded);
        }

        var removed = system.RemoveLink(path);
        if (removed.Error is { } failed)
        {
            // Marked "not made" only while the link is provably still there; otherwise the record
            // stays a removal, and undo puts back whatever went.
            if (system.GetEntry(path).Exists)
            {
                NotMade(path);
            }

            var kind = LinkClassifier.Classify(failed, LinkOperation.Remove);
            return new RemovalOutcome(false, false, report, FailureAdvice.For(kind, LinkOperation.Remove, path, failed, null, platform.IsWindows));
        }

        var after = system.GetEntry(path);
        if (after.Exists)
        {
            return new RemovalOutcome(false, false, report, new LinkctlError(FailureKind.ReadBackFailed, path,
                $"The OS reported that {path} was removed, but it is still there.", "The removal did not take effect.", "Run `linkctl show` on it and try again."));
        }

        var intact = targetBefore is null || system.GetEntry(targetBefore.Path).Exists;
        return new RemovalOutcome(true, false, report, null) { TargetIntact = intact };
    }

    /// <summary>
    /// Pins the link's folder, checks the entry there against what was inspected, and removes it
    /// through <see cref="CheckedRemoval"/>: on Linux a name swapped after the check is put back, not
    /// deleted; on Windows the entry is checked and deleted by one handle, so only the checked object goes.
    /// </summary>
    private RemovalOutcome RemovePinned(string path, LinkReport report, EntryFacts? targetBefore)
    {
        var folderPath = platform.Paths.GetDirectoryName(path) ?? path;
        var name = platform.Paths.GetFileName(path);
        var pinned = system.PinFolder(folderPath);
        if (!pinned.TryGetValue(out var folder))
        {
            return new RemovalOutcome(false, false, report, new LinkctlError(
                pinned.Error is { } pinError ? LinkClassifier.Classify(pinError, LinkOperation.Remove) : FailureKind.Other, path,
                $"linkctl could not hold the folder of {path} open to remove the link inside it: {pinned.Problem}.",
                "linkctl acts only inside a folder it holds open, so that nothing else can be removed in its place.",
                "Check that the folder exists and that you may enter it, then try again.", pinned.Error));
        }

        using (folder)
        {
            journalTargets ??= new JournalTargets(Journal, platform.Paths, LinkUndo.RmCommand);
            var stale = swept.Add(folder.Identity) ? StaleTemporaries.Sweep(folder, () => journalTargets.In(folder.Path), StaleTemporaries.CurrentUserOf(platform)) : [];
            var outcome = RemoveChecked(folder, name, path, report, targetBefore);
            return outcome with { StaleTemporaries = stale };
        }
    }

    private RemovalOutcome RemoveChecked(IPinnedFolder folder, string name, string path, LinkReport report, EntryFacts? targetBefore)
    {
        var facts = folder.GetEntry(name);
        var stored = facts.Type is EntryType.SymbolicLink or EntryType.Junction or EntryType.OtherReparsePoint ? folder.ReadLink(name).ValueOr(null) : null;
        var planned = PlannedLink.Of(name, facts, stored);
        var expectedType = report.Kind switch
        {
            LinkKind.HardLink => EntryType.File,
            LinkKind.Junction => EntryType.Junction,
            LinkKind.WslSymlink or LinkKind.AppExecutionAlias => EntryType.OtherReparsePoint,
            _ => EntryType.SymbolicLink,
        };
        if (planned is null || facts.Type != expectedType || (facts.Type != EntryType.File && stored is null)
            || (stored is not null && report.StoredTarget is not null && stored.Target != report.StoredTarget))
        {
            return new RemovalOutcome(false, false, report, new LinkctlError(FailureKind.Conflict, path,
                $"{path} changed while linkctl checked it (it is no longer the {(expectedType == EntryType.File ? "hard link" : "link")} it inspected), so linkctl did not remove it.",
                "Its folder may have been replaced, or the entry swapped, between two looks.",
                "Run `linkctl show` on the path and try again when it is stable."));
        }

        if (Record(path, report, folder.Identity) is { } notRecorded)
        {
            return new RemovalOutcome(false, false, report, notRecorded);
        }

        var outcome = CheckedRemoval.Remove(folder, planned);
        if (!outcome.Removed)
        {
            // "Not made" only while the planned entry is provably still there; otherwise the record
            // stays a removal, and undo puts back whatever went.
            if (facts.Identity is { } plannedId && folder.GetEntry(name).Identity == plannedId)
            {
                NotMade(path);
            }

            return new RemovalOutcome(false, false, report, outcome.Error);
        }

        var intact = targetBefore is null || system.GetEntry(targetBefore.Path).Exists;
        return new RemovalOutcome(true, false, report, null) { TargetIntact = intact };
    }

    /// <summary>
    /// Removes the link <paramref name="name"/> of a folder already pinned (the tree delete's
    /// --links-only): recorded in <see cref="Journal"/> first, exactly as <see cref="Remove"/> records,
    /// then removed by <see cref="CheckedRemoval"/> only while it is still the entry
    /// <paramref name="facts"/> and <paramref name="stored"/> describe.
    /// </summary>
    internal RemovalOutcome RemoveInFolder(IPinnedFolder folder, string name, EntryFacts facts, StoredLink? stored, LinkKind kind)
    {
        var path = folder.PathOf(name);
        var planned = PlannedLink.Of(name, facts, stored);
        if (planned is null || (facts.Type != EntryType.File && stored is null))
        {
            return new RemovalOutcome(false, false, null, new LinkctlError(FailureKind.Conflict, path,
                $"linkctl could not read the link {path} (its identity or its target), so it did not remove it.",
                "It changed while linkctl looked at it, or the OS refused to say what it is.",
                "Run `linkctl show` on it and try again."));
        }

        var record = LinkUndo.Record(RunId, LinkUndo.RmCommand, LinkUndo.RemoveLinkAction, path, stored?.Target, null,
            LinkUndo.LinkTypeOf(kind, facts.IsDirectory, platform.IsWindows), folder.Identity, made: null);
        if (LinkUndo.RecordBefore(Journal, record, path, "removed") is { } notRecorded)
        {
            return new RemovalOutcome(false, false, null, notRecorded);
        }

        var outcome = CheckedRemoval.Remove(folder, planned);
        if (!outcome.Removed)
        {
            if (facts.Identity is { } plannedId && folder.GetEntry(name).Identity == plannedId)
            {
                NotMade(path);
            }

            return new RemovalOutcome(false, false, null, outcome.Error);
        }

        return new RemovalOutcome(true, false, null, null);
    }

    /// <summary>Writes (and syncs) the removal's record before the removal; the error that stops it when the journal cannot be written.</summary>
    private LinkctlError? Record(string path, LinkReport report, FileIdentity? folder) =>
        LinkUndo.RecordBefore(Journal, LinkUndo.Record(RunId, LinkUndo.RmCommand, LinkUndo.RemoveLinkAction, path, report.StoredTarget, null,
            LinkUndo.LinkTypeOf(report.Kind, report.IsDirectory, platform.IsWindows), folder, made: null), path, "removed");

    private void NotMade(string path) => LinkUndo.MarkNotMade(Journal, RunId, LinkUndo.RmCommand, path);

    private static string CreationDescription(LinkReport report) => report.EntryType switch
    {
        EntryType.Directory => "a folder (not a link)",
        EntryType.File => "a file with one name (not a link)",
        EntryType.Special => "a device, FIFO or socket (not a link)",
        _ => "not a link",
    };

    private static string OtherReparsePointMeaning(uint tag) => tag switch
    {
        Reparse.ReparseTag.AfUnix => "which is a Unix-domain socket a program listens on",
        Reparse.ReparseTag.LxFifo or Reparse.ReparseTag.LxChr or Reparse.ReparseTag.LxBlk => "which is a WSL special file (FIFO or device)",
        _ when Reparse.ReparseTag.IsNameSurrogate(tag) => "which Windows uses to stand for another name (containers, sandboxes)",
        _ => "which holds data (a placeholder or storage feature)",
    };
}
