using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// Carries out a repair plan (or only reports it, for a dry run), recording each change in the
/// undo journal before making it; and undoes the last recorded repair run. The planning and the
/// journal are shared; the changes themselves are made by the OS's <see cref="ILinkEditor"/>
/// (LinkEditor.Unix.cs, LinkEditor.Windows.cs).
/// </summary>
public sealed class RepairRunner
{
    public const string Command = "repair";

    private readonly LinkPlatform platform;
    private readonly UndoJournal journal;
    private readonly ILinkEditor editor;

    /// <summary>A runner that changes links through the platform's link system.</summary>
    public RepairRunner(LinkPlatform platform, UndoJournal journal)
        : this(platform, journal, EditorFor(platform))
    {
    }

    internal RepairRunner(LinkPlatform platform, UndoJournal journal, ILinkEditor editor)
    {
        this.platform = platform;
        this.journal = journal;
        this.editor = editor;
        editor.JournalTargets = new JournalTargets(journal, platform.Paths, Command).In;
    }

    /// <summary>
    /// Temporary names that killed runs had left in the folders this runner acted in: each removed
    /// when provably linkctl's (its target in this journal for that folder, or its owner and process),
    /// else left alone with the reason (docs/guarantees.md).
    /// </summary>
    public IReadOnlyList<Removal.StaleTemporary> StaleTemporaries => editor.StaleTemporaries;

    /// <summary>Walks <paramref name="request"/>'s root and plans every change; nothing is touched.</summary>
    public List<RepairAction> Plan(RepairRequest request, ScanOptions? scanOptions, out List<ScanProblem> problems) =>
        Plan(request, scanOptions, out problems, out _);

    /// <summary>As <see cref="Plan(RepairRequest, ScanOptions?, out List{ScanProblem})"/>, also telling which asked-for changes cannot be made and why.</summary>
    public List<RepairAction> Plan(RepairRequest request, ScanOptions? scanOptions, out List<ScanProblem> problems, out List<RepairSkip> leftAlone) =>
        Plan(request, scanOptions, out problems, out leftAlone, out _);

    /// <summary>
    /// As the other overloads, also with <paramref name="notes"/>: what the plan means as a whole
    /// (how many retargeted links would be broken; where broken links lead when --retarget matched none).
    /// </summary>
    public List<RepairAction> Plan(RepairRequest request, ScanOptions? scanOptions, out List<ScanProblem> problems, out List<RepairSkip> leftAlone, out List<string> notes)
    {
        // ROOT reached through a symbolic link (or with "sym/.." in it) is walked by its real
        // path, so every link's folder is the folder the OS resolves its target from.
        if (platform.Paths.Flavour == Paths.OsFlavour.Unix && platform.Links.GetTargetEntry(request.Root) is { IsDirectory: true, FinalPath: { } real }
            && !platform.Paths.PathEquals(real, request.Root))
        {
            request = request with { Root = real };
        }

        var planner = new RepairPlanner(request, platform.Paths, platform.CurrentDirectory);
        var actions = new List<RepairAction>();
        var found = new List<ScanProblem>();
        var skipped = new List<RepairSkip>();
        var broken = new List<LinkRecord>();
        var scanner = new TreeScanner(platform, (scanOptions ?? new ScanOptions()) with { SymbolicLinks = true, HardLinks = false, Follow = false });
        scanner.Scan([request.Root], () => new PlanningSink(planner, actions, found, skipped, broken));
        notes = [];
        actions = Checked(request, actions, skipped, notes, broken);
        problems = found;
        leftAlone = skipped;
        actions.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        skipped.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        return actions;
    }

    /// <summary>
    /// The planner works with text; this checks each change against the disk. --relative must
    /// keep the link on the same object (identity of where it leads now and where the new text
    /// leads, from the link's real folder); --retarget must lead somewhere unless --allow-missing.
    /// </summary>
    private List<RepairAction> Checked(RepairRequest request, List<RepairAction> actions, List<RepairSkip> skipped, List<string> notes, List<LinkRecord> broken)
    {
        var kept = new List<RepairAction>(actions.Count);
        var retargeted = 0;
        var leadNowhere = 0;
        foreach (var action in actions)
        {
            var link = OsPath(action.Path);
            if (action.Kind == RepairActionKind.MakeRelative)
            {
                if (SameObjectProblem(link, action.Before, action.After!) is { } why)
                {
                    skipped.Add(new RepairSkip(action.Path, why));
                    continue;
                }
            }
            else if (action.Kind == RepairActionKind.Retarget && action.After is { } after)
            {
                retargeted++;
                if (!platform.Links.GetTargetEntry(LeadsFrom(link, after)).Exists)
                {
                    leadNowhere++;
                    if (!request.AllowMissing)
                    {
                        skipped.Add(new RepairSkip(action.Path, $"left as is: its new target {RawPath.Escape(after)} does not exist, so the link would still be broken (add --allow-missing to retarget it anyway)"));
                        continue;
                    }
                }
            }

            kept.Add(action);
        }

        if (request.RetargetFrom is { } from)
        {
            if (leadNowhere > 0)
            {
                notes.Add(request.AllowMissing
                    ? $"{leadNowhere} of {retargeted} retargeted link(s) would be broken: their new target does not exist under {request.RetargetTo}."
                    : $"{leadNowhere} of {retargeted} link(s) into {from} were left alone: their new target does not exist under {request.RetargetTo} (--allow-missing retargets them anyway).");
            }

            if (retargeted == 0)
            {
                notes.Add(broken.Count == 0
                    ? $"No link under {request.Root} leads into {from}, and none is broken."
                    : $"No link under {request.Root} leads into {from}. The broken links there lead into: "
                      + string.Join("; ", broken
                          .Select(b => b.ResolvedTarget is null ? "(unknown)" : RawPath.Escape(RawPath.Normalize(RawPath.Combine(b.ResolvedTarget, ".."u8))))
                          .GroupBy(f => f, StringComparer.Ordinal)
                          .OrderByDescending(g => g.Count())
                          .Take(5)
                          .Select(g => $"{g.Key} ({g.Count()})"))
                      + ". Use one of those folders as OLD.");
            }
        }

        return kept;
    }

    /// <summary>Null when <paramref name="after"/>, stored in the link, leads to the object the link leads to now; otherwise why not.</summary>
    private string? SameObjectProblem(string link, byte[] before, byte[] after)
    {
        var now = platform.Links.GetTargetEntry(link);
        var then = platform.Links.GetTargetEntry(LeadsFrom(link, after));
        if (!now.Exists && !then.Exists && now.Error is null && then.Error is null)
        {
            // A broken link has no object to compare: the two texts must resolve to the same
            // place, the existing folders on the way by their real paths (Windows: as text, as Win32 does).
            var was = PhysicalPaths.Resolve(platform.Links, LeadsFrom(link, before), "/").Path;
            var will = PhysicalPaths.Resolve(platform.Links, LeadsFrom(link, after), "/").Path;
            return platform.Paths.PathEquals(was, will) ? null : $"left as is: the link is broken, and {RawPath.Escape(after)} would resolve to {will}, not to {was} where it points now";
        }

        if (now.Identity is not { } a || then.Identity is not { } b)
        {
            return $"left as is: cannot tell whether {RawPath.Escape(after)} leads to the same object as the link does now (the OS gave no identity for one of them)";
        }

        return a == b ? null : $"left as is: {RawPath.Escape(after)} would lead to {then.FinalPath ?? "another object"}, not to {now.FinalPath ?? "the object it leads to now"} (a folder on the way is a symbolic link)";
    }

    /// <summary>The path the OS follows for a link at <paramref name="link"/> storing <paramref name="stored"/>: joined as text, never edited (Windows normalises it itself).</summary>
    private string LeadsFrom(string link, byte[] stored)
    {
        var paths = platform.Paths;
        var text = paths.Flavour == Paths.OsFlavour.Windows ? RawPath.ToText(stored) : RawPath.ToOsText(stored);
        if (paths.IsFullyQualified(text))
        {
            return text;
        }

        var folder = paths.GetDirectoryName(link) ?? link;
        return paths.Flavour == Paths.OsFlavour.Windows ? paths.GetFullPath(text, folder) : folder.TrimEnd('/') + "/" + text;
    }

    private string OsPath(byte[] path)
    {
        var paths = platform.Paths;
        var text = paths.Flavour == Paths.OsFlavour.Windows ? RawPath.ToText(path) : RawPath.ToOsText(path);
        return paths.IsFullyQualified(text) ? text : paths.Combine(platform.CurrentDirectory, text);
    }

    private static ILinkEditor EditorFor(LinkPlatform platform) => new LinkEditor(platform);

    /// <summary>How many planned changes are recorded with one fsync before they are made (docs/journal.md).</summary>
    internal const int BatchSize = 512;

    /// <summary>Applies the actions in order; each is independent, so one failure does not stop the rest.</summary>
    public List<RepairOutcome> Apply(IEnumerable<RepairAction> actions) => Apply(actions, root: null);

    /// <summary>
    /// As <see cref="Apply(IEnumerable{RepairAction})"/>, acting only below <paramref name="root"/>
    /// (pinned once; every link's folder is reached from it name by name without following links).
    /// When the ROOT cannot be pinned nothing is changed and every action reports why.
    /// </summary>
    public List<RepairOutcome> Apply(IEnumerable<RepairAction> actions, string? root)
    {
        IDisposable? confinement = null;
        if (root is not null)
        {
            var confined = editor.ConfineTo(root);
            if (!confined.TryGetValue(out confinement))
            {
                return actions.Select(a => new RepairOutcome(a, false, confined.Error, $"the ROOT {root} cannot be held open ({confined.Problem}); nothing was changed")).ToList();
            }
        }

        using (confinement)
        {
            return ApplyActions(actions, root);
        }
    }

    /// <summary>
    /// The journal is written by batch: the planned records of up to <see cref="BatchSize"/> changes
    /// are written and made durable with one fsync, then those changes are made, then the ones that
    /// failed are recorded as not made. A crash midway leaves planned records whose change may or
    /// may not have happened; undo checks what each link stores and reverses only what was changed.
    /// <paramref name="root"/> is recorded with every change; undo touches nothing outside it.
    /// </summary>
    private List<RepairOutcome> ApplyActions(IEnumerable<RepairAction> actions, string? root)
    {
        var runId = UndoJournal.NewRunId();
        var outcomes = new List<RepairOutcome>();
        var all = actions.ToList();
        if (all.Count > 0)
        {
            // A journal that cannot be trusted or written is said once, clearly, before anything changes.
            journal.CheckUsable();
        }

        JournalEntry Entry(RepairAction action, string? linkType) => new()
        {
            RunId = runId,
            Time = DateTimeOffset.UtcNow,
            Command = Command,
            Action = action.ActionName,
            Root = root,
            Path = RawPath.ToText(action.Path),
            PathBase64 = Base64IfNeeded(action.Path),
            Before = RawPath.ToText(action.Before),
            BeforeBase64 = Base64IfNeeded(action.Before),
            After = action.After is null ? null : RawPath.ToText(action.After),
            AfterBase64 = Base64IfNeeded(action.After),
            LinkType = linkType,
        };

        if (platform.IsWindows)
        {
            // Undo of a removal on Windows needs the link's kind (file/folder link, junction), which
            // only the editor learns, right before the change: so each change is recorded (and
            // synced) on its own there. Batching it needs the kind in the plan (docs/journal.md, limits).
            foreach (var action in all)
            {
                OsResult Record(string? linkType) => Journal(() => journal.Append(Entry(action, linkType)));
                if (action.Kind == RepairActionKind.ToNative && action.After is not null)
                {
                    var converted = editor.ToNative(action.Path, action.Before, action.After, Record);
                    outcomes.Add(new RepairOutcome(action, converted.Succeeded, converted.Error, converted.Problem) { Note = converted.ValueOr(null) });
                    continue;
                }

                var result = action.After is null
                    ? editor.Remove(action.Path, action.Before, Record)
                    : editor.Replace(action.Path, action.Before, action.After, Record, action.Kind is RepairActionKind.MakeRelative or RepairActionKind.FixType, action.Kind == RepairActionKind.FixType);
                outcomes.Add(new RepairOutcome(action, result.Succeeded, result.Error, result.Problem));
            }

            return outcomes;
        }

        for (var start = 0; start < all.Count; start += BatchSize)
        {
            var batch = all.GetRange(start, Math.Min(BatchSize, all.Count - start));
            var planned = Journal(() => journal.AppendBatch(batch.Select(a => Entry(a, null)).ToList(), sync: true));
            if (!planned.Succeeded)
            {
                // Nothing of this batch (or after it) is made: it could not be undone.
                foreach (var action in all.Skip(start))
                {
                    outcomes.Add(new RepairOutcome(action, false, planned.Error, "the change could not be recorded in the undo journal, so it was not made"));
                }

                return outcomes;
            }

            var notMade = new List<JournalEntry>();
            foreach (var action in batch)
            {
                // The planned record is durable already. Should the editor learn a link type undo
                // needs, the record is written again with it, synced, before the change; undo keeps
                // the last record of a change.
                OsResult Record(string? linkType) => linkType is null ? OsResult.Success : Journal(() => journal.Append(Entry(action, linkType)));

                var result = action.After is null
                    ? editor.Remove(action.Path, action.Before, Record)
                    : editor.Replace(action.Path, action.Before, action.After, Record, action.Kind is RepairActionKind.MakeRelative or RepairActionKind.FixType, action.Kind == RepairActionKind.FixType);
                outcomes.Add(new RepairOutcome(action, result.Succeeded, result.Error, result.Problem));
                // Marked "not made" only while the link provably still stores what it stored: a
                // change that failed half-way (the new link in place, its read-back or the way back
                // refused by a file system gone read-only) stays a change, so undo restores it.
                if (!result.Succeeded && editor.StoresNow(action.Path, action.Before))
                {
                    notMade.Add(Entry(action, null) with { Action = UndoJournal.NotMadeAction });
                }
            }

            // Completions: a failed change whose link is still as before is marked so undo leaves it
            // alone. Not synced on its own: if it is lost in a crash, undo finds the link still as
            // before and skips it anyway.
            // A failure to write them is tolerated for the same reason: the changes made are recorded.
            var last = start + BatchSize >= all.Count;
            _ = Journal(() => journal.AppendBatch(notMade, sync: last));
        }

        return outcomes;
    }

    /// <summary>
    /// Reverses the last repair run that was not undone yet, newest change first. Only paths under
    /// the run's recorded ROOT are touched. A change whose link already stores what it stored
    /// before counts as reversed (it was planned but never made, or an earlier undo reversed it).
    /// When every change is reversed the run is marked undone; when some fail, each reversed one is
    /// marked (so the next undo does not redo it) and the run stays not undone, with the failed
    /// changes as what remains.
    /// </summary>
    public List<RepairOutcome> UndoLast(bool dryRun)
    {
        var run = Latest(journal.LastRun(Command));
        var outcomes = new List<RepairOutcome>();

        // The run's ROOT pinned as apply pinned it: the reverse changes are made through it too.
        IDisposable? confinement = null;
        if (!dryRun && run.Count > 0 && run[0].Root is { } runRoot)
        {
            var confined = editor.ConfineTo(runRoot);
            if (!confined.TryGetValue(out confinement))
            {
                return run.Select(e => new RepairOutcome(new RepairAction(RepairActionKind.Retarget, Bytes(e.Path, e.PathBase64), [], null), false, confined.Error,
                    $"the run's ROOT {runRoot} cannot be held open ({confined.Problem}); nothing was changed")).ToList();
            }
        }

        using var held = confinement;
        var reversed = new List<JournalEntry>();
        for (var i = run.Count - 1; i >= 0; i--)
        {
            var e = run[i];
            var path = Bytes(e.Path, e.PathBase64);
            var before = Bytes(e.Before ?? string.Empty, e.BeforeBase64);
            var after = e.After is null ? null : Bytes(e.After, e.AfterBase64);

            // The reverse change: what is there now (after) goes back to what was there (before).
            var reverse = after is null
                ? new RepairAction(RepairActionKind.RemoveBroken, path, before, null)
                : new RepairAction(e.Action switch { "make_relative" => RepairActionKind.MakeRelative, "fix_type" => RepairActionKind.FixType, "to_native" => RepairActionKind.ToNative, _ => RepairActionKind.Retarget }, path, after, before);
            var fixType = e.Action == "fix_type";
            var toNative = e.Action == "to_native";

            // A type fix keeps the text, and a WSL link may store the very text its NT link does:
            // "as before" is the recorded type too (for to_native: a WSL link again).
            bool AsBefore() => editor.StoresNow(path, before)
                && (fixType ? editor.LinkTypeNow(path) == e.LinkType : !toNative || editor.LinkTypeNow(path) == LinkEditor.WslSymlink);
            if (e.Root is { } root && !UnderRoot(e.Path, root))
            {
                outcomes.Add(new RepairOutcome(reverse, false, null, $"the journal records this path outside the run's ROOT {root}; left alone"));
                continue;
            }

            if (dryRun)
            {
                outcomes.Add(new RepairOutcome(reverse, false));
                continue;
            }

            if (AsBefore())
            {
                outcomes.Add(new RepairOutcome(reverse, true, null, "already as before"));
                reversed.Add(e);
                continue;
            }

            var result = after is null
                ? editor.Restore(path, before, e.LinkType)
                : toNative
                    ? editor.BackToWsl(path, after, before)
                : fixType && e.LinkType is null
                    ? StepResult.Failed("the journal does not say which type the link had; make it again by hand")
                    : editor.Replace(path, after, before, _ => OsResult.Success, e.Action is "make_relative" or "fix_type", fixType);

            // Another undo of the same run (two at once) may have reversed it between the check and the change.
            if (!result.Succeeded && AsBefore())
            {
                result = StepResult.Success;
            }

            outcomes.Add(new RepairOutcome(reverse, result.Succeeded, result.Error, result.Problem));
            if (result.Succeeded)
            {
                reversed.Add(e);
            }
        }

        MarkError = null;
        if (!dryRun && run.Count > 0)
        {
            try
            {
                if (outcomes.All(o => o.Applied))
                {
                    journal.MarkUndone(Command, run[0].RunId);
                }
                else
                {
                    // What was reversed is marked one by one; the run stays open with what remains.
                    journal.MarkSteps(Command, run[0].RunId, reversed);
                }
            }
            catch (LinkctlException e)
            {
                // The links are reversed; only the mark is missing. The run stays open, and the next
                // undo finds each link as before and marks the run then.
                MarkError = e.Error;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Set by <see cref="UndoLast"/> when the changes were reversed but the journal could not record
    /// it (a full disk): the run is then NOT marked undone, and the next undo marks it.
    /// </summary>
    public LinkctlError? MarkError { get; private set; }

    /// <summary>One record per change: a change recorded twice (planned, then again with its link type) keeps the last.</summary>
    private static List<JournalEntry> Latest(IReadOnlyList<JournalEntry> run)
    {
        var seen = new HashSet<(string, string?, string, string?, string?)>();
        var kept = new List<JournalEntry>();
        for (var i = run.Count - 1; i >= 0; i--)
        {
            var e = run[i];
            if (seen.Add((e.Path, e.PathBase64, e.Action, e.Before ?? e.BeforeBase64, e.After ?? e.AfterBase64)))
            {
                kept.Add(e);
            }
        }

        kept.Reverse();
        return kept;
    }

    /// <summary>
    /// Whether a journal path is under the run's ROOT, by the recorded text: ROOT itself plus
    /// separator as a prefix, and no "." or ".." component after it (a path that climbs out is not
    /// "under" it, whatever the folders are). What the path leads to on disk is the editor's check.
    /// </summary>
    private bool UnderRoot(string path, string root)
    {
        var separators = platform.IsWindows ? new[] { '\\', '/' } : ['/'];
        var comparison = platform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var trimmed = root.TrimEnd(separators);
        if (!path.StartsWith(trimmed, comparison) || path.Length <= trimmed.Length || !separators.Contains(path[trimmed.Length]))
        {
            return false;
        }

        return !path[(trimmed.Length + 1)..].Split(separators).Any(part => part is "." or "..");
    }

    /// <summary>A journal write as a result: a journal that cannot be written means the change is not made.</summary>
    private static OsResult Journal(Action write)
    {
        try
        {
            write();
            return OsResult.Success;
        }
        catch (LinkctlException e)
        {
            return OsResult.Failed(e.Error.OsError ?? OsError.Errno(13));
        }
    }

    private static byte[] Bytes(string text, string? base64) => base64 is null ? RawPath.FromText(text) : Convert.FromBase64String(base64);

    private static string? Base64IfNeeded(byte[]? bytes) => bytes is null || RawPath.IsValidUtf8(bytes) ? null : Convert.ToBase64String(bytes);

    private sealed class PlanningSink(RepairPlanner planner, List<RepairAction> actions, List<ScanProblem> problems, List<RepairSkip> skipped, List<LinkRecord> broken) : ILinkSink
    {
        public void OnLink(LinkRecord link)
        {
            if (link.Status is Links.LinkStatus.Broken)
            {
                lock (broken)
                {
                    broken.Add(link);
                }
            }

            if (planner.Plan(link, out var leftAlone) is { } action)
            {
                lock (actions)
                {
                    actions.Add(action);
                }
            }
            else if (leftAlone is not null)
            {
                lock (skipped)
                {
                    skipped.Add(new RepairSkip(link.Path, leftAlone));
                }
            }
        }

        public void OnProblem(ScanProblem problem)
        {
            lock (problems)
            {
                problems.Add(problem);
            }
        }

        public void Complete()
        {
        }
    }
}
