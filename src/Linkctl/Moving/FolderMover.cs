using Linkctl.Copying;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Moving;

/// <summary>
/// <c>linkctl move SRC DEST</c>: moves a folder and leaves a link at SRC, crash-safe (docs/journal.md, "move").
/// Decisions are <see cref="MovePlanner"/>'s; this class gathers the facts through pinned folders and carries
/// the plan out by single names relative to them (SRC's folder and DEST's folder are pinned once, every step
/// re-checks SRC's identity on the pin, no path is walked again between check and act).
/// </summary>
/// <remarks>
/// Every step is written to the undo journal (command <c>move</c>) and fsynced BEFORE it is made, and every
/// step is idempotent against what is on disk, so <see cref="Resume"/> finishes and <see cref="Undo"/> rolls
/// back after a kill -9 at any point. Across file systems the order keeps the data whole in at least one place
/// at every moment: copy into a private name beside DEST, verify, rename it to DEST, rename SRC aside, make
/// the link, remove the set-aside tree. Linux only: on Windows every move is refused after planning (the
/// copier and the journalled rename are not written there), so the Windows decisions are the planner's.
/// </remarks>
internal sealed partial class FolderMover
{
    internal const string Command = "move";
    internal const string PlanAction = "move_plan";
    internal const string UndoPlanAction = "undo_plan";
    private const uint PrivateFolderMode = 0x1C0;

    private readonly LinkPlatform platform;
    private readonly ILinkSystem links;
    private readonly PathSyntax paths;

    public FolderMover(LinkPlatform platform, UndoJournal journal)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(journal);
        this.platform = platform;
        links = platform.Links;
        paths = platform.Paths;
        Journal = journal;
    }

    public UndoJournal Journal { get; }

    /// <summary>Called with each step's name (copy, verify, place, aside, link, remove, rename, unlink, rollback) right before it acts: tests stop a move there as a crash would.</summary>
    internal Action<string>? BeforeStep { get; init; }

    /// <summary>Moves as asked; a dry run plans only.</summary>
    public MoveReport Move(MoveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Run(MoveAction.Move, request.DryRun, report => MoveNow(request, report));
    }

    /// <summary>Finishes the latest unfinished move (or undo) from the journal.</summary>
    public MoveReport Resume(bool dryRun = false) => Run(MoveAction.Resume, dryRun, ResumeNow);

    /// <summary>Rolls back the latest move: an unfinished one where it stopped, a finished one by moving the folder back and removing the link.</summary>
    public MoveReport Undo(bool dryRun = false) => Run(MoveAction.Undo, dryRun, UndoNow);

    /// <summary>A step that refuses throws <see cref="LinkctlException"/>; the report carries its error instead.</summary>
    private static MoveReport Run(MoveAction action, bool dryRun, Action<MoveReport> act)
    {
        var report = new MoveReport { Action = action, DryRun = dryRun };
        try
        {
            act(report);
        }
        catch (LinkctlException e)
        {
            report.Error = e.Error;
        }

        return report;
    }

    private void MoveNow(MoveRequest request, MoveReport report)
    {
        var source = PhysicalPaths.Resolve(links, request.Source, platform.CurrentDirectory).Path;
        var destination = PhysicalPaths.Resolve(links, request.Destination, platform.CurrentDirectory).Path;
        report.Source = source;
        report.Destination = destination;
        var sourceParentPath = paths.GetDirectoryName(source);
        var destinationParentPath = paths.GetDirectoryName(destination);
        var sourceName = paths.GetFileName(source);
        var destinationName = paths.GetFileName(destination);

        using var sourceParent = sourceParentPath is null ? null : links.PinFolder(sourceParentPath).ValueOr(null);
        using var destinationParent = destinationParentPath is null ? null : links.PinFolder(destinationParentPath).ValueOr(null);
        var sourceEntry = sourceParent is null || sourceName.Length == 0
            ? (sourceParentPath is null ? new EntryFacts(source, EntryType.Directory) { IsDirectory = true } : EntryFacts.Missing(source))
            : sourceParent.GetEntry(sourceName);
        var destinationEntry = destinationParent is null || destinationName.Length == 0 ? EntryFacts.Missing(destination) : destinationParent.GetEntry(destinationName);
        var destinationParentFacts = destinationParent is null
            ? EntryFacts.Missing(destinationParentPath ?? destination)
            : new EntryFacts(destinationParent.Path, EntryType.Directory) { IsDirectory = true, Identity = destinationParent.Identity };

        var sourceVolume = links.GetVolume(sourceParentPath ?? source);
        var destinationVolume = links.GetVolume(destinationParentPath ?? destination);
        if (!platform.IsWindows)
        {
            // One device number from the same source (statx on pins) tells rename from copy.
            sourceVolume = sourceVolume with { VolumeId = sourceEntry.Identity?.Volume ?? sourceParent?.Identity.Volume };
            destinationVolume = destinationVolume with { VolumeId = destinationParent?.Identity.Volume };
        }

        var sameVolume = sourceVolume.VolumeId is { } a && destinationVolume.VolumeId is { } b && a == b;
        long? bytes = null;
        long? entries = null;
        List<string> uncopyable = [];
        if (!sameVolume && !platform.IsWindows && sourceParent is not null && sourceEntry.Type == EntryType.Directory && !sourceEntry.IsMountRoot)
        {
            var opened = sourceParent.OpenFolder(sourceName, sourceEntry.Identity);
            if (opened.TryGetValue(out var pin))
            {
                using (pin)
                {
                    (bytes, entries) = Count(pin, uncopyable);
                }
            }
        }

        var facts = new MoveFacts
        {
            Flavour = platform.Flavour,
            Source = source,
            SourceEntry = sourceEntry,
            Destination = destination,
            DestinationParent = destinationParentFacts,
            DestinationEntry = destinationEntry,
            SourceVolume = sourceVolume,
            DestinationVolume = destinationVolume,
            UserHome = UserHome(),
            WindowsSystemFolders = platform.IsWindows ? WindowsSystemFolders() : [],
            SourceBytes = bytes,
            SourceEntries = entries,
            DestinationFreeBytes = destinationParentPath is null ? null : FreeBytes(destinationParentPath),
            CopierAvailable = !platform.IsWindows,
            RenameAvailable = !platform.IsWindows,
            Verification = request.Verification,
            Uncopyable = uncopyable,
            UnfinishedMove = request.DryRun ? null : Unfinished(),
        };

        var decision = MovePlanner.Plan(facts);
        if (decision.Refusal is { } refusal)
        {
            report.Error = refusal;
            return;
        }

        var plan = decision.Plan!;
        report.Plan = plan;
        report.Method = plan.Method;
        report.Link = plan.Link;
        report.LinkTarget = plan.LinkTarget;
        if (request.DryRun)
        {
            return;
        }

        var runId = UndoJournal.NewRunId();
        var leg = new Leg
        {
            RunId = runId,
            Reverse = false,
            Method = plan.Method,
            FromPath = source,
            FromParentPath = sourceParentPath!,
            FromName = sourceName,
            FromParentId = sourceParent!.Identity,
            FromId = sourceEntry.Identity!.Value,
            ToPath = destination,
            ToParentPath = destinationParentPath!,
            ToName = destinationName,
            ToParentId = destinationParent!.Identity,
            Temporary = PinnedFolders.PrivateName("move"),
            Aside = PinnedFolders.PrivateName("move"),
            LinkText = destination,
            Verification = request.Verification,
        };
        report.RunId = runId;
        var run = new RunState([]);
        Record(run, leg, leg.PlanRecord(PlanAction));
        Execute(leg, run, sourceParent, destinationParent, report);
    }

    private void ResumeNow(MoveReport report)
    {
        var open = OpenRuns();
        if (open.Count == 0)
        {
            report.NothingToDo = true;
            return;
        }

        var run = open[^1];
        var leg = Leg.From(run.Plan, platform.Paths);
        Describe(report, leg, run);
        if (report.DryRun)
        {
            report.Steps.Add(run.Has("rollback") ? $"would finish rolling back run {leg.RunId}" : $"would finish {(leg.Reverse ? "the undo of " : string.Empty)}run {leg.RunId} from its last step ({run.Records[^1].Action})");
            return;
        }

        using var pins = PinLeg(leg);
        if (run.Has("rollback"))
        {
            RollBack(leg, run, pins.From, pins.To, report);
            return;
        }

        Execute(leg, run, pins.From, pins.To, report);
        if (leg.Reverse && report.Done && leg.Original is { } original)
        {
            Journal.MarkUndone(Command, original);
        }
    }

    private void UndoNow(MoveReport report)
    {
        var open = OpenRuns(includeFinished: true);
        if (open.Count == 0)
        {
            report.NothingToDo = true;
            return;
        }

        var run = open[^1];
        var leg = Leg.From(run.Plan, platform.Paths);
        Describe(report, leg, run);
        if (leg.Reverse)
        {
            // An undo that was stopped: finish it.
            if (report.DryRun)
            {
                report.Steps.Add($"would finish the undo of run {leg.Original}");
                return;
            }

            using var reversePins = PinLeg(leg);
            Execute(leg, run, reversePins.From, reversePins.To, report);
            if (report.Done && leg.Original is { } original)
            {
                Journal.MarkUndone(Command, original);
                report.RunId = original;
            }

            return;
        }

        var pastAside = run.Has("remove_aside") || run.Has("done");
        if (report.DryRun)
        {
            report.Steps.Add(pastAside
                ? $"would move {leg.ToPath} back to {leg.FromPath} ({(leg.Method == MoveMethod.Rename ? "one rename" : "copy, verify, swap")}) and remove the link"
                : $"would roll back run {leg.RunId} where it stopped (last step: {run.Records[^1].Action})");
            return;
        }

        using var pins = PinLeg(leg);
        if (!pastAside)
        {
            RollBack(leg, run, pins.From, pins.To, report);
            return;
        }

        if (!run.Has("done"))
        {
            // The set-aside tree was being removed: finish the move (the data is whole at DEST), then move back.
            Execute(leg, run, pins.From, pins.To, report);
            if (report.Error is not null)
            {
                return;
            }

            report.Steps.Clear();
            report.Done = false;
        }

        var destinationId = leg.Method == MoveMethod.Rename ? leg.FromId : JournalIdentity.Parse(run.Last("verified")?.MadeIdentity) ?? throw Stop(FailureKind.Other, leg.ToPath,
            $"the journal of run {leg.RunId} does not name the copy's identity.", "The undo moves back only the folder the move made.", "Move the folder back by hand.");
        var reverse = leg.ReverseLeg(UndoJournal.NewRunId(), run.Last("linked")?.MadeIdentity, destinationId);
        var reverseRun = new RunState([]);
        Record(reverseRun, reverse, reverse.PlanRecord(UndoPlanAction));
        Execute(reverse, reverseRun, pins.To, pins.From, report);
        if (report.Done)
        {
            Journal.MarkUndone(Command, leg.RunId);
        }
    }

    private void Describe(MoveReport report, Leg leg, RunState run)
    {
        report.RunId = leg.Reverse ? leg.Original : leg.RunId;
        report.Source = leg.Reverse ? leg.ToPath : leg.FromPath;
        report.Destination = leg.Reverse ? leg.FromPath : leg.ToPath;
        report.Method = leg.Method;
        report.Link = leg.Reverse ? null : MoveLinkKind.SymbolicLink;
        report.LinkTarget = leg.Reverse ? null : leg.LinkText;
        _ = run;
    }

    /// <summary>The folders of a journalled leg, pinned again and checked to be the folders the move planned with.</summary>
    private LegPins PinLeg(Leg leg)
    {
        var from = PinChecked(leg.FromParentPath, leg.FromParentId);
        try
        {
            var to = PinChecked(leg.ToParentPath, leg.ToParentId);
            return new LegPins(from, to);
        }
        catch
        {
            from.Dispose();
            throw;
        }
    }

    private IPinnedFolder PinChecked(string path, FileIdentity expected)
    {
        var pinned = links.PinFolder(path);
        if (!pinned.TryGetValue(out var pin))
        {
            throw Stop(FailureKind.NotFound, path, $"the folder {path} of the unfinished move could not be held open: {pinned.Problem}.",
                "The move acts only inside the folders it planned with.", "Make the folder reachable again (mount it), then run the command again.", pinned.Error);
        }

        if (pin.Identity != expected)
        {
            pin.Dispose();
            throw Stop(FailureKind.Conflict, path, $"{path} is not the folder the move was planned in (it was replaced since).",
                PinnedFolders.Swapped(path), "Put the original folder back at that path, or finish the move by hand (the journal, docs/journal.md, names every name).");
        }

        return pin;
    }

    private void Execute(Leg leg, RunState run, IPinnedFolder from, IPinnedFolder to, MoveReport report)
    {
        if (platform.IsWindows)
        {
            throw Stop(FailureKind.NotSupported, leg.FromPath, "linkctl move is not written for Windows yet.", "The copier and the journalled rename by handle exist on Linux only (issue 13).", "Nothing was moved.");
        }

        try
        {
            if (leg.Method == MoveMethod.Rename)
            {
                if (leg.Reverse)
                {
                    EnsureUnlinked(leg, run, to, report);
                }

                EnsureRenamed(leg, run, from, to, report);
                if (!leg.Reverse)
                {
                    EnsureLinked(leg, run, from, report);
                }
            }
            else
            {
                EnsureCopied(leg, run, from, to, report);
                if (leg.Reverse)
                {
                    EnsureUnlinked(leg, run, to, report);
                }

                EnsurePlaced(leg, run, to, report);
                EnsureAside(leg, run, from, report);
                if (!leg.Reverse)
                {
                    EnsureLinked(leg, run, from, report);
                }

                EnsureAsideRemoved(leg, run, from, report);
            }

            Record(run, leg, leg.Step("done"));
            report.Done = true;
        }
        catch (LinkctlException e)
        {
            report.Error = e.Error;
        }
    }

    private void EnsureCopied(Leg leg, RunState run, IPinnedFolder from, IPinnedFolder to, MoveReport report)
    {
        if (run.Has("verified"))
        {
            return;
        }

        DiscardTemporary(leg, run, to, report);
        var entry = from.GetEntry(leg.FromName);
        if (entry.Identity != leg.FromId || entry.Type != EntryType.Directory)
        {
            throw Stop(FailureKind.Conflict, leg.FromPath, $"{leg.FromPath} is not the folder the move planned with (it was replaced or removed since).",
                "Every step checks SRC's identity; nothing is copied from a folder that was not checked.", "Look at what holds the name now; `linkctl move --undo` rolls back what this run did.");
        }

        var made = to.CreateFolder(leg.Temporary, PrivateFolderMode);
        if (!made.Succeeded)
        {
            throw Stop(LinkClassifier.Classify(made.Error!, LinkOperation.Copy), to.PathOf(leg.Temporary), $"the folder for the copy ({to.PathOf(leg.Temporary)}) could not be made.", made.Error!.ToString(), "Fix the cause, then `linkctl move --resume`.", made.Error);
        }

        var opened = to.OpenFolder(leg.Temporary);
        if (!opened.TryGetValue(out var temporary))
        {
            throw Stop(FailureKind.Conflict, to.PathOf(leg.Temporary), opened.Problem!, "The copy's folder could not be opened right after it was made.", "Run `linkctl move --resume`.", opened.Error);
        }

        using (temporary)
        {
            if (to.GetEntry(leg.Temporary).Identity != temporary.Identity)
            {
                throw Stop(FailureKind.Conflict, to.PathOf(leg.Temporary), "the copy's folder was replaced right after linkctl made it.", "Another process holds the private name now.", "Look at it; `linkctl move --undo` rolls back.");
            }

            Record(run, leg, leg.Step("copy_started") with { MadeIdentity = JournalIdentity.Format(temporary.Identity) });
            var sourceOpened = from.OpenFolder(leg.FromName, leg.FromId);
            if (!sourceOpened.TryGetValue(out var source))
            {
                throw Stop(FailureKind.Conflict, leg.FromPath, sourceOpened.Problem!, "SRC could not be opened as the folder checked.", "`linkctl move --undo` rolls back.", sourceOpened.Error);
            }

            using (source)
            {
                Hook("copy");
                var copy = new TreeCopier(platform).CopyInto(new CopyRequest(leg.FromPath, leg.ToPath) { VerbatimLinks = true }, source, leg.FromPath, to, leg.Temporary, temporary, entry);
                report.Copy = copy;
                if (!copy.Complete)
                {
                    var first = copy.Failed.Select(f => f.Error.What + " " + f.Error.Why).Concat(copy.Skipped.Where(s => !s.OnRequest).Select(s => $"{s.Path}: {s.Reason}")).FirstOrDefault() ?? "unknown";
                    RemoveTree(to, leg.Temporary, temporary.Identity);
                    throw Stop(FailureKind.Conflict, leg.FromPath, $"the copy of {leg.FromPath} is incomplete ({copy.Failed.Count} failed, {copy.Skipped.Count(s => !s.OnRequest)} not copied), so nothing was moved; first: {first}.",
                        "A move removes SRC only after a whole, verified copy; the partial copy was removed.", "Fix the cause named, then `linkctl move --resume` (or `--undo` to give up).");
                }

                report.Steps.Add($"copied {copy.Files} files ({copy.Bytes} bytes), {copy.Folders} folders, {copy.InnerLinks + copy.OuterLinks} links into {to.PathOf(leg.Temporary)}");
                Hook("verify");
                var compared = TreeVerifier.Compare(source, temporary, leg.Verification);
                report.Verified = compared;
                if (!compared.Same)
                {
                    RemoveTree(to, leg.Temporary, temporary.Identity);
                    throw Stop(FailureKind.ReadBackFailed, leg.ToPath, $"the copy does not match SRC: {compared.DifferenceCount} difference(s), first {compared.Differences[0]}.",
                        "SRC changed while it was copied, or the file system did not store what was written; the copy was removed and SRC is untouched.", "Stop the programs writing into SRC, then `linkctl move --resume` (or `--undo`).");
                }

                report.Steps.Add($"verified {compared.Entries} entries, {compared.Bytes} bytes{(leg.Verification == MoveVerification.Full ? $", SHA-256 of {compared.FilesHashed} files" : " (sizes only)")}");
                Record(run, leg, leg.Step("verified") with { MadeIdentity = JournalIdentity.Format(temporary.Identity) });
            }
        }
    }

    /// <summary>A copy left by a stopped run (partial, or whole but not verified on record) is removed before copying again.</summary>
    private void DiscardTemporary(Leg leg, RunState run, IPinnedFolder to, MoveReport report)
    {
        var existing = to.GetEntry(leg.Temporary);
        if (!existing.Exists)
        {
            return;
        }

        var recorded = JournalIdentity.Parse(run.Last("copy_started")?.MadeIdentity);
        if (existing.Type == EntryType.Directory && recorded is { } id && existing.Identity == id)
        {
            RemoveTree(to, leg.Temporary, id);
            report.Steps.Add($"removed the unfinished copy {to.PathOf(leg.Temporary)}");
            return;
        }

        // Made, and the run stopped before its identity was recorded: it can only be empty (filling starts after the record).
        if (existing.Type == EntryType.Directory && existing.Identity is { } made && to.RemoveFolder(leg.Temporary, made).Succeeded)
        {
            return;
        }

        throw Stop(FailureKind.Conflict, to.PathOf(leg.Temporary), $"the move's private name {to.PathOf(leg.Temporary)} holds something linkctl did not record making.",
            "linkctl removes only what its journal says it made.", "Look at it and remove it yourself if it is not needed, then `linkctl move --resume`.");
    }

    private void EnsureUnlinked(Leg leg, RunState run, IPinnedFolder to, MoveReport report)
    {
        if (!run.Has("unlink"))
        {
            Record(run, leg, leg.Step("unlink"));
        }

        var entry = to.GetEntry(leg.ToName);
        if (!entry.Exists)
        {
            return;
        }

        if (IsOurLink(to, leg.ToName, entry, leg.FromPath, JournalIdentity.Parse(leg.OurLink)))
        {
            Hook("unlink");
            var removed = to.RemoveName(leg.ToName);
            if (!removed.Succeeded)
            {
                throw Stop(LinkClassifier.Classify(removed.Error!, LinkOperation.Remove), leg.ToPath, $"the link {leg.ToPath} could not be removed.", removed.Error!.ToString(), "Fix the cause, then `linkctl move --undo` again.", removed.Error);
            }

            report.Steps.Add($"removed the link {leg.ToPath}");
            return;
        }

        throw Stop(FailureKind.Conflict, leg.ToPath, $"{leg.ToPath} is not the link the move made (it is a {entry.Type.ToString().ToLowerInvariant()} now).",
            "The undo removes only the very link the move made.", $"Move what is at {leg.ToPath} away (mv -n), then `linkctl move --undo` again. Nothing more was changed.");
    }

    private void EnsurePlaced(Leg leg, RunState run, IPinnedFolder to, MoveReport report)
    {
        var temporaryId = JournalIdentity.Parse(run.Last("verified")?.MadeIdentity)!.Value;
        var at = to.GetEntry(leg.ToName);
        if (at.Identity == temporaryId && at.Type == EntryType.Directory)
        {
            return;
        }

        if (at.Exists)
        {
            throw Stop(FailureKind.Conflict, leg.ToPath, $"{leg.ToPath} was taken by something else while the move ran.", "The verified copy waits under its private name " + to.PathOf(leg.Temporary) + "; nothing is overwritten.", "Move what holds the name away (mv -n), then `linkctl move --resume`, or `--undo`.");
        }

        var temporary = to.GetEntry(leg.Temporary);
        if (temporary.Identity != temporaryId)
        {
            throw Stop(FailureKind.Conflict, to.PathOf(leg.Temporary), "the verified copy is not at its private name any more.", "It was renamed or removed by another process.", "Look for it; `linkctl move --undo` rolls back (SRC is untouched).");
        }

        Hook("place");
        Rename(to, leg.Temporary, to, leg.ToName, temporaryId, "put the copy in place");
        report.Steps.Add($"renamed the copy to {leg.ToPath}");
    }

    private void EnsureAside(Leg leg, RunState run, IPinnedFolder from, MoveReport report)
    {
        if (!run.Has("set_aside"))
        {
            Record(run, leg, leg.Step("set_aside"));
        }

        var aside = from.GetEntry(leg.Aside);
        if (aside.Identity == leg.FromId || run.Has("remove_aside"))
        {
            return;
        }

        var entry = from.GetEntry(leg.FromName);
        if (entry.Identity != leg.FromId || entry.Type != EntryType.Directory)
        {
            throw Stop(FailureKind.Conflict, leg.FromPath, $"{leg.FromPath} is not the folder the move copied (it was replaced or removed since).",
                "The copy at DEST is whole; SRC is set aside only while it is the folder checked.", "Look at what holds the name; `linkctl move --undo` rolls back.");
        }

        Hook("aside");
        Rename(from, leg.FromName, from, leg.Aside, leg.FromId, "set SRC aside");
        report.Steps.Add($"renamed {leg.FromPath} aside to {from.PathOf(leg.Aside)}");
    }

    private void EnsureLinked(Leg leg, RunState run, IPinnedFolder from, MoveReport report)
    {
        if (!run.Has("link"))
        {
            Record(run, leg, leg.Step("link"));
        }

        var entry = from.GetEntry(leg.FromName);
        if (!entry.Exists)
        {
            Hook("link");
            var made = from.CreateSymbolicLink(leg.FromName, leg.LinkText, isDirectory: true);
            if (!made.Succeeded)
            {
                throw Stop(LinkClassifier.Classify(made.Error!, LinkOperation.CreateSymbolicLink), leg.FromPath, $"the link {leg.FromPath} -> {leg.LinkText} could not be made.", made.Error!.ToString(), "The folder is whole at DEST; fix the cause, then `linkctl move --resume` (or `--undo`).", made.Error);
            }

            entry = from.GetEntry(leg.FromName);
        }

        var back = from.ReadLink(leg.FromName);
        if (entry.Type != EntryType.SymbolicLink || !back.TryGetValue(out var stored) || stored.Target != leg.LinkText)
        {
            throw Stop(entry.Type == EntryType.SymbolicLink ? FailureKind.ReadBackFailed : FailureKind.Conflict, leg.FromPath,
                $"{leg.FromPath} does not hold the link the move makes (it is a {entry.Type.ToString().ToLowerInvariant()}{(back.Succeeded ? " storing " + back.Value.Target : string.Empty)}).",
                "Another process took the name, or the file system did not store the link as made.", $"The folder is whole at {leg.ToPath}; move what holds {leg.FromPath} away, then `linkctl move --resume`.");
        }

        if (!run.Has("linked"))
        {
            Record(run, leg, leg.Step("linked") with { MadeIdentity = entry.Identity is { } id ? JournalIdentity.Format(id) : null });
        }

        report.Steps.Add($"made the symbolic link {leg.FromPath} -> {leg.LinkText} (read back)");
    }

    private void EnsureAsideRemoved(Leg leg, RunState run, IPinnedFolder from, MoveReport report)
    {
        if (!run.Has("remove_aside"))
        {
            Record(run, leg, leg.Step("remove_aside"));
        }

        var aside = from.GetEntry(leg.Aside);
        if (!aside.Exists)
        {
            return;
        }

        if (aside.Identity != leg.FromId)
        {
            throw Stop(FailureKind.Conflict, from.PathOf(leg.Aside), "the set-aside name holds something the move did not put there.", "linkctl removes only what it set aside.", "Look at it; the moved folder is whole at DEST.");
        }

        Hook("remove");
        RemoveTree(from, leg.Aside, leg.FromId);
        report.Steps.Add($"removed the set-aside tree {from.PathOf(leg.Aside)}");
    }

    private void EnsureRenamed(Leg leg, RunState run, IPinnedFolder from, IPinnedFolder to, MoveReport report)
    {
        if (!run.Has("rename"))
        {
            Record(run, leg, leg.Step("rename"));
        }

        var at = to.GetEntry(leg.ToName);
        if (at.Identity == leg.FromId)
        {
            return;
        }

        var entry = from.GetEntry(leg.FromName);
        if (entry.Identity != leg.FromId || entry.Type != EntryType.Directory)
        {
            throw Stop(FailureKind.Conflict, leg.FromPath, $"{leg.FromPath} is not the folder the move planned with (it was replaced or removed since).", "Every step checks SRC's identity.", "Look at what holds the name; `linkctl move --undo` rolls back.");
        }

        Hook("rename");
        Rename(from, leg.FromName, to, leg.ToName, leg.FromId, "rename SRC to DEST");
        report.Steps.Add($"renamed {leg.FromPath} to {leg.ToPath}");
    }

    /// <summary>Renames with NOREPLACE and checks that what moved is <paramref name="expected"/>; a wrong one is put back.</summary>
    private static void Rename(IPinnedFolder from, string name, IPinnedFolder to, string newName, FileIdentity expected, string doing)
    {
        var renamed = from.Rename(name, to, newName, RenameMode.NoReplace);
        if (!renamed.Succeeded)
        {
            var error = renamed.Error!;
            var why = error.Name == "EXDEV"
                ? "the two names are on one device but not one mount (a bind mount), where the kernel refuses a rename (EXDEV)"
                : error.ToString();
            throw Stop(LinkClassifier.Classify(error, LinkOperation.Rename), from.PathOf(name), $"could not {doing}: {from.PathOf(name)} to {to.PathOf(newName)}.", why, "Fix the cause, then `linkctl move --resume` (or `--undo`).", error);
        }

        if (to.GetEntry(newName).Identity != expected)
        {
            _ = to.Rename(newName, from, name, RenameMode.NoReplace);
            throw Stop(FailureKind.Conflict, from.PathOf(name), $"could not {doing}: {from.PathOf(name)} was swapped for another entry right before the rename (it was put back).", "Another process is changing these folders.", "Stop it, then `linkctl move --resume`.");
        }
    }

    private static bool IsOurLink(IPinnedFolder folder, string name, EntryFacts entry, string text, FileIdentity? made)
    {
        if (entry.Type != EntryType.SymbolicLink || (made is { } id && entry.Identity != id))
        {
            return false;
        }

        var read = folder.ReadLink(name);
        return read.TryGetValue(out var stored) && stored.Target == text;
    }

    /// <summary>Deletes the tree <paramref name="name"/> of <paramref name="folder"/> when it is still <paramref name="expected"/> (TreeRemover: never follows a link, never crosses a mount).</summary>
    private void RemoveTree(IPinnedFolder folder, string name, FileIdentity expected)
    {
        var entry = folder.GetEntry(name);
        if (!entry.Exists)
        {
            return;
        }

        if (entry.Identity != expected)
        {
            throw Stop(FailureKind.Conflict, folder.PathOf(name), $"{folder.PathOf(name)} is not the tree the move made or set aside.", "linkctl removes only what it recorded.", "Look at it.");
        }

        var removed = new TreeRemover(platform) { PinSeam = pin => CheckTopPin(pin, folder) }.Remove(folder.PathOf(name), TreeRemovalMode.Everything, dryRun: false);
        if (!removed.Complete)
        {
            var first = removed.Problems.FirstOrDefault();
            throw Stop(FailureKind.Other, folder.PathOf(name), $"{folder.PathOf(name)} could not be removed wholly{(first is null ? string.Empty : ": " + first.Error.What)}.",
                first?.Error.Why ?? "a mount inside it was left", "Fix the cause, then run the command again (the journal knows where it stopped).", first?.Error.OsError);
        }
    }

    /// <summary>The tree delete pins the folder holding the tree by its path first: it must be the folder this move holds.</summary>
    private static IPinnedFolder CheckTopPin(IPinnedFolder pin, IPinnedFolder expectedParent)
    {
        if (pin.Path == expectedParent.Path && pin.Identity != expectedParent.Identity)
        {
            pin.Dispose();
            throw Stop(FailureKind.Conflict, expectedParent.Path, $"{expectedParent.Path} was replaced while the move ran.", PinnedFolders.Swapped(expectedParent.Path), "Nothing was removed there; look at the folder.");
        }

        return pin;
    }

    private void RollBack(Leg leg, RunState run, IPinnedFolder from, IPinnedFolder to, MoveReport report)
    {
        try
        {
            if (!run.Has("rollback"))
            {
                Record(run, leg, leg.Step("rollback"));
            }

            Hook("rollback");
            var at = from.GetEntry(leg.FromName);
            if (at.Type == EntryType.SymbolicLink && IsOurLink(from, leg.FromName, at, leg.LinkText, JournalIdentity.Parse(run.Last("linked")?.MadeIdentity)))
            {
                var removed = from.RemoveName(leg.FromName);
                if (!removed.Succeeded)
                {
                    throw Stop(FailureKind.Other, leg.FromPath, $"the link {leg.FromPath} could not be removed.", removed.Error!.ToString(), "Fix the cause, then `linkctl move --undo` again.", removed.Error);
                }

                report.Steps.Add($"removed the link {leg.FromPath}");
                at = from.GetEntry(leg.FromName);
            }

            if (!at.Exists && from.GetEntry(leg.Aside).Identity == leg.FromId)
            {
                Rename(from, leg.Aside, from, leg.FromName, leg.FromId, "put SRC back");
                report.Steps.Add($"renamed {from.PathOf(leg.Aside)} back to {leg.FromPath}");
                at = from.GetEntry(leg.FromName);
            }

            if (leg.Method == MoveMethod.Rename && !at.Exists && to.GetEntry(leg.ToName).Identity == leg.FromId)
            {
                Rename(to, leg.ToName, from, leg.FromName, leg.FromId, "rename DEST back to SRC");
                report.Steps.Add($"renamed {leg.ToPath} back to {leg.FromPath}");
                at = from.GetEntry(leg.FromName);
            }

            if (at.Identity != leg.FromId)
            {
                throw Stop(FailureKind.Conflict, leg.FromPath, $"{leg.FromPath} could not be put back: it holds a {at.Type.ToString().ToLowerInvariant()} that is not the moved folder.",
                    "The rollback puts SRC back only at a free name and removes only the link it made.", "Move what holds the name away (mv -n), then `linkctl move --undo` again.");
            }

            if (leg.Method == MoveMethod.CopyVerifySwap && JournalIdentity.Parse(run.Last("copy_started")?.MadeIdentity) is { } copyId)
            {
                if (to.GetEntry(leg.Temporary).Identity == copyId)
                {
                    RemoveTree(to, leg.Temporary, copyId);
                    report.Steps.Add($"removed the copy {to.PathOf(leg.Temporary)}");
                }

                var dest = to.GetEntry(leg.ToName);
                if (dest.Identity == copyId)
                {
                    if (!run.Has("rollback_remove_dest"))
                    {
                        if (!SameTree(from, leg.FromName, leg.FromId, to, leg.ToName, copyId, leg.Verification, out var difference))
                        {
                            report.Notes.Add($"{leg.ToPath} was kept: it differs from {leg.FromPath} ({difference}), so it may hold changes made after the link was made; compare and remove it yourself");
                            Journal.MarkUndone(Command, leg.RunId);
                            report.Done = true;
                            return;
                        }

                        Record(run, leg, leg.Step("rollback_remove_dest"));
                    }

                    RemoveTree(to, leg.ToName, copyId);
                    report.Steps.Add($"removed the copy {leg.ToPath}");
                }
            }
            else if (to.GetEntry(leg.Temporary) is { Type: EntryType.Directory, Identity: { } empty })
            {
                // Made before its identity was recorded: empty, and only then removed.
                _ = to.RemoveFolder(leg.Temporary, empty);
            }

            Journal.MarkUndone(Command, leg.RunId);
            report.Done = true;
        }
        catch (LinkctlException e)
        {
            report.Error = e.Error;
        }
    }

    private static bool SameTree(IPinnedFolder a, string nameA, FileIdentity idA, IPinnedFolder b, string nameB, FileIdentity idB, MoveVerification how, out string difference)
    {
        difference = string.Empty;
        var left = a.OpenFolder(nameA, idA);
        var right = b.OpenFolder(nameB, idB);
        if (!left.TryGetValue(out var l) || !right.TryGetValue(out var r))
        {
            left.ValueOr(null)?.Dispose();
            right.ValueOr(null)?.Dispose();
            difference = "it could not be opened to compare";
            return false;
        }

        using (l)
        using (r)
        {
            var compared = TreeVerifier.Compare(l, r, how);
            difference = compared.Same ? string.Empty : compared.Differences[0];
            return compared.Same;
        }
    }

    private void Hook(string step) => BeforeStep?.Invoke(step);

    private void Record(RunState run, Leg leg, JournalEntry entry)
    {
        _ = leg;
        Journal.Append(entry);
        run.Records.Add(entry);
    }

    private static LinkctlException Stop(FailureKind kind, string path, string what, string why, string next, OsError? error = null) =>
        new(new LinkctlError(kind, path, what, why, next, error));

    /// <summary>Bytes and entries of the tree, and what a copy cannot carry (by path), by a walk over pins.</summary>
    private static (long Bytes, long Entries) Count(IPinnedFolder folder, List<string> uncopyable)
    {
        long bytes = 0;
        long entries = 0;
        var listed = folder.ListNames();
        if (!listed.TryGetValue(out var names))
        {
            uncopyable.Add($"{folder.Path} (could not be listed: {listed.Error})");
            return (0, 0);
        }

        foreach (var name in names)
        {
            entries++;
            var entry = folder.GetEntry(name);
            switch (entry.Type)
            {
                case EntryType.File:
                    bytes += entry.Size ?? 0;
                    break;
                case EntryType.Directory:
                    if (entry.IsMountRoot || entry.Identity?.Volume != folder.Identity.Volume)
                    {
                        uncopyable.Add($"{folder.PathOf(name)} (a mount point)");
                        break;
                    }

                    var opened = folder.OpenFolder(name, entry.Identity);
                    if (!opened.TryGetValue(out var child))
                    {
                        uncopyable.Add($"{folder.PathOf(name)} ({opened.Problem})");
                        break;
                    }

                    using (child)
                    {
                        var (b, e) = Count(child, uncopyable);
                        bytes += b;
                        entries += e;
                    }

                    break;
                case EntryType.SymbolicLink:
                    break;
                default:
                    uncopyable.Add($"{folder.PathOf(name)} ({(entry.Exists ? "a FIFO, socket or device" : "could not be examined")})");
                    break;
            }
        }

        return (bytes, entries);
    }

    private string? UserHome()
    {
        var home = Environment.GetEnvironmentVariable(platform.IsWindows ? "USERPROFILE" : "HOME");
        return string.IsNullOrEmpty(home) ? null : home.TrimEnd(paths.Separator) is { Length: > 0 } trimmed ? trimmed : home;
    }

    private static IReadOnlyList<string?> WindowsSystemFolders()
    {
        static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        var system = Env("SystemRoot", @"C:\Windows");
        var drive = system.Length >= 2 && system[1] == ':' ? system[..2] : "C:";
        return
        [
            system,
            Env("ProgramFiles", drive + @"\Program Files"),
            Env("ProgramFiles(x86)", drive + @"\Program Files (x86)"),
            Env("ProgramData", drive + @"\ProgramData"),
            Env("ProgramW6432", drive + @"\Program Files"),
            drive + @"\Users",
        ];
    }

    /// <summary>The latest move in the journal not finished nor undone, in words; null when none.</summary>
    private string? Unfinished()
    {
        var open = OpenRuns();
        return open.Count == 0 ? null : $"{open[^1].Plan.Path} -> {open[^1].Plan.After} (run {open[^1].Plan.RunId})";
    }

    /// <summary>Move runs still open, oldest first: forward runs not done (or, with <paramref name="includeFinished"/>, done) and not undone; undo runs not done.</summary>
    private List<RunState> OpenRuns(bool includeFinished = false)
    {
        var all = Journal.ReadAll();
        var undone = all.Where(e => e.Command == Command && e.Action == UndoJournal.UndoRunAction).Select(e => e.Before).ToHashSet(StringComparer.Ordinal);

        // An undo run that reached its end has undone its move, even when the mark was not written yet (a kill right before it).
        var reversesDone = all.Where(e => e.Command == Command && e.Action == "done").Select(e => e.RunId).ToHashSet(StringComparer.Ordinal);
        foreach (var e in all)
        {
            if (e.Command == Command && e.Action == UndoPlanAction && reversesDone.Contains(e.RunId) && e.Before is { } original)
            {
                undone.Add(original);
            }
        }

        var byRun = new Dictionary<string, RunState>(StringComparer.Ordinal);
        var order = new List<RunState>();
        foreach (var e in all)
        {
            if (e.Command != Command)
            {
                continue;
            }

            if (e.Action is PlanAction or UndoPlanAction)
            {
                var state = new RunState([e]);
                byRun[e.RunId] = state;
                order.Add(state);
            }
            else if (byRun.TryGetValue(e.RunId, out var state))
            {
                state.Records.Add(e);
            }
        }

        return order.Where(r => !undone.Contains(r.Plan.RunId)
            && (r.Plan.Action == UndoPlanAction ? !r.Has("done") && !undone.Contains(r.Plan.Before) : includeFinished || !r.Has("done"))).ToList();
    }

    private sealed record LegPins(IPinnedFolder From, IPinnedFolder To) : IDisposable
    {
        public void Dispose()
        {
            From.Dispose();
            To.Dispose();
        }
    }

    /// <summary>One run's records, its plan first.</summary>
    private sealed class RunState(List<JournalEntry> records)
    {
        public List<JournalEntry> Records { get; } = records;

        public JournalEntry Plan => Records[0];

        public bool Has(string action) => Records.Any(r => r.Action == action);

        public JournalEntry? Last(string action) => Records.LastOrDefault(r => r.Action == action);
    }

    /// <summary>
    /// One direction of a move, as journalled in its plan record: from a folder (by name in its pinned parent,
    /// of a known identity) to a free name in another pinned folder. The forward leg leaves a link at the
    /// old name; the reverse leg (undo of a finished move) first removes that link and leaves nothing.
    /// </summary>
    private sealed record Leg
    {
        public required string RunId { get; init; }

        public required bool Reverse { get; init; }

        public string? Original { get; init; }

        public required MoveMethod Method { get; init; }

        public required string FromPath { get; init; }

        public required string FromParentPath { get; init; }

        public required string FromName { get; init; }

        public required FileIdentity FromParentId { get; init; }

        public required FileIdentity FromId { get; init; }

        public required string ToPath { get; init; }

        public required string ToParentPath { get; init; }

        public required string ToName { get; init; }

        public required FileIdentity ToParentId { get; init; }

        public required string Temporary { get; init; }

        public required string Aside { get; init; }

        public required string LinkText { get; init; }

        /// <summary>Reverse: the link the forward move made at <see cref="ToPath"/>'s name.</summary>
        public string? OurLink { get; init; }

        public required MoveVerification Verification { get; init; }

        public JournalEntry PlanRecord(string action) => Step(action) with
        {
            Method = Method == MoveMethod.Rename ? "rename" : "copy",
            Temporary = Temporary,
            Aside = Aside,
            SourceIdentity = JournalIdentity.Format(FromId),
            FolderIdentity = JournalIdentity.Format(FromParentId),
            DestinationFolderIdentity = JournalIdentity.Format(ToParentId),
            Verification = Verification == MoveVerification.Full ? "full" : "size",
            LinkType = Reverse ? null : "symbolic_link",
            Before = Original,
            MadeIdentity = OurLink,
        };

        public JournalEntry Step(string action) => new()
        {
            RunId = RunId,
            Time = DateTimeOffset.UtcNow,
            Command = Command,
            Action = action,
            Path = FromPath,
            After = ToPath,
        };

        /// <summary>The way back of a finished move: the folder at DEST (the copy's identity, or SRC's after a rename) to SRC's name.</summary>
        public Leg ReverseLeg(string runId, string? linkIdentity, FileIdentity destinationIdentity) => new()
        {
            RunId = runId,
            Reverse = true,
            Original = RunId,
            Method = Method,
            FromPath = ToPath,
            FromParentPath = ToParentPath,
            FromName = ToName,
            FromParentId = ToParentId,
            FromId = destinationIdentity,
            ToPath = FromPath,
            ToParentPath = FromParentPath,
            ToName = FromName,
            ToParentId = FromParentId,
            Temporary = PinnedFolders.PrivateName("move"),
            Aside = PinnedFolders.PrivateName("move"),
            LinkText = ToPath,
            OurLink = linkIdentity,
            Verification = Verification,
        };

        public static Leg From(JournalEntry plan, PathSyntax paths)
        {
            // The record's paths are split by the rules of the platform that wrote and reads it (the bundle's flavour), never the host's.
            FileIdentity Id(string? text) => JournalIdentity.Parse(text) ?? throw Bad(plan);
            var from = plan.Path;
            var to = plan.After ?? throw Bad(plan);
            return new Leg
            {
                RunId = plan.RunId,
                Reverse = plan.Action == UndoPlanAction,
                Original = plan.Before,
                Method = plan.Method == "rename" ? MoveMethod.Rename : MoveMethod.CopyVerifySwap,
                FromPath = from,
                FromParentPath = paths.GetDirectoryName(from) ?? throw Bad(plan),
                FromName = paths.GetFileName(from),
                FromParentId = Id(plan.FolderIdentity),
                FromId = Id(plan.SourceIdentity),
                ToPath = to,
                ToParentPath = paths.GetDirectoryName(to) ?? throw Bad(plan),
                ToName = paths.GetFileName(to),
                ToParentId = Id(plan.DestinationFolderIdentity),
                Temporary = plan.Temporary ?? throw Bad(plan),
                Aside = plan.Aside ?? throw Bad(plan),
                LinkText = plan.Action == UndoPlanAction ? from : to,
                OurLink = plan.MadeIdentity,
                Verification = plan.Verification == "size" ? MoveVerification.Size : MoveVerification.Full,
            };
        }

        private static LinkctlException Bad(JournalEntry plan) => new(new LinkctlError(FailureKind.Other, plan.Path,
            $"the move record of run {plan.RunId} in the journal is incomplete.", "A field the move needs (a path, a name or an identity) is missing or not valid.",
            "Finish that move by hand (docs/journal.md lists its records), or remove the run's lines from the journal."));
    }
}
