using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// The effects side of <c>repair --git-stubs</c>: reads the index through <see cref="GitRepository"/>,
/// gathers what each working file holds through the pinned ROOT, lets <see cref="GitStubPlanner"/>
/// decide, and replaces each stub by its link act-on-what-was-checked: the stub's folder reached from
/// the pinned ROOT name by name without following links, the stub re-read at apply time (identity,
/// size, bytes), the new link made beside it under a private name and read back, the change recorded
/// in the undo journal, the two names exchanged atomically (RENAME_EXCHANGE), and what came out
/// checked to be that very stub before it is removed (else exchanged back). Undo does the reverse:
/// the stub is written again under a private name and exchanged with the link, which is removed only
/// while it is the very link this run made. Windows has no exchange of two names: there both entries
/// are held by handle, the old one checked on its handle, and both renamed by handle
/// (GitStubRunner.Windows.cs).
/// </summary>
public sealed partial class GitStubRunner
{
    private readonly LinkPlatform platform;
    private readonly UndoJournal? journal;
    private readonly Func<IPinnedFolder, IPinnedFolder>? pinSeam;
    private readonly ILinkSystem system;
    private readonly List<Removal.StaleTemporary> stale = [];
    private readonly HashSet<FileIdentity> swept = [];
    private JournalTargets? journalTargets;

    /// <summary>A runner that plans, applies and undoes, recording in <paramref name="journal"/>.</summary>
    public GitStubRunner(LinkPlatform platform, UndoJournal journal)
        : this(platform, journal, null)
    {
    }

    /// <summary>A runner that only plans (doctor): <see cref="Apply"/> and <see cref="UndoLast"/> need a journal.</summary>
    public GitStubRunner(LinkPlatform platform)
        : this(platform, null, null)
    {
    }

    /// <param name="platform">The platform acted on.</param>
    /// <param name="journal">The undo journal, or null for planning only.</param>
    /// <param name="pinSeam">Wraps the pinned ROOT of apply and undo (a test injects a race at an exact step with it).</param>
    internal GitStubRunner(LinkPlatform platform, UndoJournal? journal, Func<IPinnedFolder, IPinnedFolder>? pinSeam)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
        this.journal = journal;
        this.pinSeam = pinSeam;
        system = platform.Links;
    }

    /// <summary>
    /// Temporary names a killed earlier run left in the folders the last Apply or UndoLast acted in, and what was
    /// done with each (docs/journal.md): links it made and stub files whose bytes the journal holds are removed.
    /// </summary>
    public IReadOnlyList<Removal.StaleTemporary> StaleTemporaries => stale;

    private UndoJournal Journal => journal ?? throw new InvalidOperationException("this git-stub runner was made without an undo journal: it can only plan");

    /// <summary>The journal's command name for these runs (undone by <c>repair --git-stubs --undo</c>).</summary>
    public const string Command = "git-stubs";

    /// <summary>The journal's action: a stub (before: its content, the link text) became a link (after: what it stores).</summary>
    public const string StubToLink = "stub_to_link";

    /// <summary>Reads the index below <paramref name="root"/> and what each of its links' working files holds; nothing is changed.</summary>
    public StepResult<(GitStubPlan Plan, GitLinks Index)> Plan(GitRepository repository, string root, GitStubContext context)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var read = repository.ReadLinks();
        if (!read.TryGetValue(out var index))
        {
            return StepResult<(GitStubPlan, GitLinks)>.Failed(read.Problem!);
        }

        return PlanFrom(index, root, context);
    }

    /// <summary>Plans from an index already read (the simulated Windows has no git to run: its tests give the index).</summary>
    internal StepResult<(GitStubPlan Plan, GitLinks Index)> PlanFrom(GitLinks index, string root, GitStubContext context)
    {
        var pinned = system.PinFolder(root);
        if (!pinned.TryGetValue(out var rootFolder))
        {
            return StepResult<(GitStubPlan, GitLinks)>.Failed($"the ROOT {root} cannot be held open ({pinned.Problem})", pinned.Error);
        }

        using (rootFolder)
        {
            var facts = index.Links.Select(l => Gather(rootFolder, root, l.Link.Path, l.Text) with { SymlinkAttribute = index.SymlinkAttributeOf(l.Link.Path) }).ToList();
            return StepResult<(GitStubPlan, GitLinks)>.Of((GitStubPlanner.Plan(facts, context), index));
        }
    }

    private GitStubFacts Gather(IPinnedFolder root, string rootPath, byte[] path, byte[] text)
    {
        var full = FullPath(rootPath, path);
        var missing = new GitStubFacts { Path = path, Text = text, Entry = EntryFacts.Missing(full), Target = EntryFacts.Missing(full) };
        var (components, name) = Split(path);
        IPinnedFolder? below = null;
        try
        {
            IPinnedFolder folder;
            if (components.Count == 0)
            {
                folder = root;
            }
            else
            {
                var descended = PinnedFolders.Descend(root, components);
                if (!descended.TryGetValue(out below))
                {
                    return missing with { Entry = new EntryFacts(full, EntryType.None) { Error = descended.Error ?? OsError.Errno(Interop.Unix.LibC.ENOENT) }, ReadProblem = descended.Problem };
                }

                folder = below;
            }

            var entry = folder.GetEntry(name);
            FileContent? content = null;
            string? problem = null;
            byte[]? stored = null;
            if (entry.Type == EntryType.File)
            {
                var read = folder.ReadFile(name, text.Length + 1);
                content = read.ValueOr(null);
                problem = read.Problem is null ? null : $"{read.Problem}{(read.Error is null ? string.Empty : $": {read.Error}")}";
            }
            else if (entry.Type is EntryType.SymbolicLink or EntryType.Junction && folder.ReadLink(name).TryGetValue(out var link))
            {
                stored = RawPath.FromOsText(link.Target);
            }

            var linkFolder = system.Paths.GetDirectoryName(full) ?? rootPath;
            var textOs = platform.IsWindows ? RawPath.ToText(GitStubPlanner.WindowsText(text)) : RawPath.ToOsText(text);
            var leadsTo = system.Paths.IsFullyQualified(textOs) ? textOs
                : platform.IsWindows ? system.Paths.GetFullPath(textOs, linkFolder) : linkFolder.TrimEnd('/') + "/" + textOs;
            var target = system.GetTargetEntry(leadsTo);
            var targetFull = target.FinalPath ?? leadsTo;
            var inRoot = system.Paths.IsSameOrBelow(targetFull, rootPath) ? system.Paths.GetRelativePath(rootPath, targetFull) : null;
            return new GitStubFacts
            {
                Path = path,
                Text = text,
                Entry = entry,
                Content = content,
                ReadProblem = problem,
                StoredText = stored,
                Target = target,
                TargetFullPath = targetFull,
                TargetInRoot = inRoot is null || inRoot == "." ? null : RawPath.FromText(inRoot.Replace('\\', '/')),
                TargetIsRemote = platform.IsWindows && system.GetVolume(linkFolder).Location == VolumeLocation.Remote,
            };
        }
        finally
        {
            below?.Dispose();
        }
    }

    /// <summary>
    /// Replaces each planned stub below <paramref name="root"/> (pinned once) by its link; each is
    /// independent, so one failure does not stop the rest. Every change is recorded (and synced) before it is made.
    /// </summary>
    public List<GitStubOutcome> Apply(IReadOnlyList<GitStubAction> actions, string root)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            return [];
        }

        Journal.CheckUsable();
        BeginSweep();
        var pinned = system.PinFolder(root);
        if (!pinned.TryGetValue(out var rootFolder))
        {
            return actions.Select(a => new GitStubOutcome(a, false, pinned.Error, $"the ROOT {root} cannot be held open ({pinned.Problem}); nothing was changed")).ToList();
        }

        var runId = UndoJournal.NewRunId();
        using (rootFolder)
        {
            var held = pinSeam?.Invoke(rootFolder) ?? rootFolder;
            var results = new StepResult[actions.Count];
            for (var start = 0; start < actions.Count; start += RepairRunner.BatchSize)
            {
                var count = Math.Min(RepairRunner.BatchSize, actions.Count - start);
                var folders = new Dictionary<string, StepResult<IPinnedFolder>>(StringComparer.Ordinal);
                try
                {
                    // 1. Each stub checked and its link made beside it and read back.
                    var prepared = new List<(int Index, Prepared Change)>(count);
                    for (var i = start; i < start + count; i++)
                    {
                        var (components, name) = Split(actions[i].Path);
                        var folder = FolderOf(held, components, folders);
                        if (!folder.TryGetValue(out var reached))
                        {
                            results[i] = StepResult.Failed($"its folder cannot be reached inside the ROOT without following a link ({folder.Problem}); left alone", folder.Error);
                            continue;
                        }

                        Sweep(reached);
                        var made = Prepare(reached, name, actions[i]);
                        if (made.TryGetValue(out var change))
                        {
                            prepared.Add((i, change));
                        }
                        else
                        {
                            results[i] = made.WithoutValue();
                        }
                    }

                    // 2. The batch recorded with one fsync before anything is replaced (docs/journal.md: write-ahead by batch).
                    try
                    {
                        Journal.AppendBatch(prepared.Select(p => Entry(p.Change, actions[p.Index], root, runId)).ToList(), sync: true);
                    }
                    catch (LinkctlException e)
                    {
                        foreach (var (index, change) in prepared)
                        {
                            CheckedSwap.RemoveOurs(change.Folder, change.Temporary, change.Identity);
                            results[index] = StepResult.Failed("the change could not be recorded in the undo journal, so it was not made", e.Error.OsError);
                        }

                        for (var i = start + count; i < actions.Count; i++)
                        {
                            results[i] = StepResult.Failed("the change could not be recorded in the undo journal, so it was not made", e.Error.OsError);
                        }

                        break;
                    }

                    // 3. Each stub exchanged for its link, checked, read back.
                    var notMade = new List<JournalEntry>();
                    foreach (var (index, change) in prepared)
                    {
                        results[index] = Install(change, actions[index]);

                        // Marked "not made" only while the link this run made is provably not at the name
                        // (the exchange was refused or undone): undo then leaves that path alone.
                        if (!results[index].Succeeded && change.Folder.GetEntry(change.Name).Identity != change.Identity)
                        {
                            notMade.Add(Entry(change, actions[index], root, runId) with { Action = UndoJournal.NotMadeAction });
                        }
                    }

                    // Not synced on its own: lost in a crash, undo finds no link of this run there and reports it.
                    try
                    {
                        Journal.AppendBatch(notMade, sync: start + count >= actions.Count);
                    }
                    catch (LinkctlException)
                    {
                        // The changes made are recorded; only the marks of the ones not made are missing.
                    }
                }
                finally
                {
                    foreach (var folder in folders.Values)
                    {
                        if (folder.TryGetValue(out var open) && !ReferenceEquals(open, held))
                        {
                            open.Dispose();
                        }
                    }
                }
            }

            return actions.Select((a, i) => new GitStubOutcome(a, results[i].Succeeded, results[i].Error, results[i].Problem)).ToList();
        }
    }

    /// <summary>Each Apply or UndoLast sweeps afresh, with the journal as it is then, and reports only its own findings.</summary>
    private void BeginSweep()
    {
        stale.Clear();
        swept.Clear();
        journalTargets = null;
    }

    /// <summary>Once per folder: removes what a killed git-stubs run provably left there (<see cref="Removal.StaleTemporaries"/>).</summary>
    private void Sweep(IPinnedFolder folder)
    {
        if (swept.Add(folder.Identity))
        {
            journalTargets ??= new JournalTargets(journal, platform.Paths, Command);
            stale.AddRange(Removal.StaleTemporaries.Sweep(folder, () => journalTargets.In(folder.Path), Removal.StaleTemporaries.CurrentUserOf(platform)));
        }
    }

    /// <summary>A stub checked and its link made beside it under a private name, not yet swapped in.</summary>
    private sealed record Prepared(IPinnedFolder Folder, string Name, string Temporary, FileIdentity Identity, string Stored);

    /// <summary>The folder of a path below the pinned ROOT, reached name by name without following links; one descent per folder in a batch.</summary>
    private static StepResult<IPinnedFolder> FolderOf(IPinnedFolder root, List<string> components, Dictionary<string, StepResult<IPinnedFolder>> reached)
    {
        if (components.Count == 0)
        {
            return StepResult<IPinnedFolder>.Of(root);
        }

        var key = string.Join('\0', components);
        if (!reached.TryGetValue(key, out var folder))
        {
            folder = PinnedFolders.Descend(root, components);
            reached[key] = folder;
        }

        return folder;
    }

    private static StepResult<Prepared> Prepare(IPinnedFolder folder, string name, GitStubAction action)
    {
        if (StubProblem(folder, name, action.Text, action.StubIdentity) is { } changed)
        {
            return StepResult<Prepared>.Failed($"left as is: {changed}");
        }

        var stored = RawPath.ToOsText(action.Stored);
        var temporary = PinnedFolders.PrivateName("stub");
        var made = action.Kind == GitStubLinkKind.Junction
            ? folder is WindowsPinnedFolder windows ? windows.CreateJunction(temporary, stored) : OsResult.Failed(OsError.Win32(Win32ErrorNames.NotSupported))
            : folder.CreateSymbolicLink(temporary, stored, isDirectory: action.Kind == GitStubLinkKind.DirectorySymbolicLink);
        if (!made.Succeeded)
        {
            return StepResult<Prepared>.Failed(action.Kind == GitStubLinkKind.Junction ? "cannot make the junction beside the stub" : "cannot make the link beside the stub", made.Error);
        }

        var ours = folder.GetEntry(temporary);
        var kind = action.Kind == GitStubLinkKind.Junction ? EntryType.Junction : EntryType.SymbolicLink;
        if (ours.Identity is not { } identity || ours.Type != kind || (folder is WindowsPinnedFolder && ours.IsDirectory != (action.Kind != GitStubLinkKind.FileSymbolicLink))
            || !folder.ReadLink(temporary).TryGetValue(out var back) || back.Target != stored)
        {
            if (ours.Identity is { } id)
            {
                CheckedSwap.RemoveOurs(folder, temporary, id);
            }

            return StepResult<Prepared>.Failed("the new link did not read back as written; the stub is left as it was");
        }

        return StepResult<Prepared>.Of(new Prepared(folder, name, temporary, identity, stored));
    }

    private JournalEntry Entry(Prepared change, GitStubAction action, string root, string runId)
    {
        var path = RawPath.FromOsText(change.Folder.PathOf(change.Name));
        return new JournalEntry
        {
            RunId = runId,
            Time = DateTimeOffset.UtcNow,
            Command = Command,
            Action = StubToLink,
            Root = root,
            Path = RawPath.ToText(path),
            PathBase64 = Base64IfNeeded(path),
            Before = RawPath.ToText(action.Text),
            BeforeBase64 = Base64IfNeeded(action.Text),
            After = RawPath.ToText(action.Stored),
            AfterBase64 = Base64IfNeeded(action.Stored),
            LinkType = LinkTypeOf(action.Kind),
            FolderIdentity = JournalIdentity.Format(change.Folder.Identity),
            MadeIdentity = JournalIdentity.Format(change.Identity),
        };
    }

    private static StepResult Install(Prepared change, GitStubAction action)
    {
        var (folder, name, temporary, identity, stored) = change;

        // Where the new text leads from this folder right before the swap (links replaced earlier in the batch included).
        var leadsTo = folder.GetTargetEntry(temporary);
        var swapped = folder is WindowsPinnedFolder windows
            ? SwapByHandle(windows, temporary, identity, name, old => HoldStub(windows, old, action.Text, action.StubIdentity))
            : Swap(folder, temporary, name, cameOut => StubProblem(folder, cameOut, action.Text, action.StubIdentity), () => CheckedSwap.RemoveOurs(folder, temporary, identity));
        if (!swapped.Succeeded)
        {
            return swapped;
        }

        var now = folder.GetEntry(name);
        if (now.Identity != identity || !folder.ReadLink(name).TryGetValue(out var installed) || installed.Target != stored)
        {
            return StepResult.Failed("the link did not read back in the stub's place (`linkctl repair --git-stubs --undo --apply` puts the stub back)");
        }

        if (leadsTo.Identity is { } was && was == action.StubIdentity)
        {
            // Its text led to the stub it replaced (a link to itself): there was no object to keep.
            return StepResult.Success;
        }

        // Read back where it leads, not only its text: the object its text led to from this folder a moment ago (or still nothing).
        var leads = folder.GetTargetEntry(name);
        return leads.Exists == leadsTo.Exists && leads.Identity == leadsTo.Identity
            ? StepResult.Success
            : StepResult.Failed($"the link reads back with its text but leads elsewhere than that text led a moment ago ({leads.Path}); something on the way changed (undo puts the stub back)");
    }

    /// <summary>
    /// Puts <paramref name="ours"/> in the place of <paramref name="name"/>: RENAME_EXCHANGE, then what
    /// came out is checked by <paramref name="problemOf"/> (null: it is what was planned, and it is
    /// removed); if not, the names are exchanged back and ours removed by <paramref name="removeOurs"/>.
    /// Where the file system cannot exchange (EINVAL), the old entry is moved aside (NOREPLACE), checked, and ours moved in (NOREPLACE).
    /// </summary>
    private static StepResult Swap(IPinnedFolder folder, string ours, string name, Func<string, string?> problemOf, Action removeOurs)
    {
        var exchanged = folder.Rename(ours, folder, name, RenameMode.Exchange);
        if (exchanged.Error is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.EINVAL })
        {
            var aside = PinnedFolders.PrivateName("old");
            var moved = folder.Rename(name, folder, aside, RenameMode.NoReplace);
            if (!moved.Succeeded)
            {
                removeOurs();
                return StepResult.Failed("cannot move the old entry aside", moved.Error);
            }

            if (problemOf(aside) is { } wrong)
            {
                var restored = Removal.CheckedRemoval.PutBack(folder, aside, name);
                removeOurs();
                return StepResult.Failed($"it changed after it was checked ({wrong}); {restored ?? "it was put back and left alone"}");
            }

            var placed = folder.Rename(ours, folder, name, RenameMode.NoReplace);
            if (!placed.Succeeded)
            {
                var restored = Removal.CheckedRemoval.PutBack(folder, aside, name);
                removeOurs();
                return StepResult.Failed(restored ?? "cannot move the new entry into place; the old one was kept", placed.Error);
            }

            var gone = folder.RemoveName(aside);
            return gone.Succeeded ? StepResult.Success : StepResult.Failed($"the new entry is in place, but the old one is kept at {folder.PathOf(aside)}", gone.Error);
        }

        if (!exchanged.Succeeded)
        {
            removeOurs();
            return StepResult.Failed("cannot exchange the new entry with the old one", exchanged.Error);
        }

        // After the exchange, `ours` names what was at `name`.
        if (problemOf(ours) is { } mismatch)
        {
            var again = folder.Rename(ours, folder, name, RenameMode.Exchange);
            if (!again.Succeeded)
            {
                return StepResult.Failed($"it changed after it was checked ({mismatch}) and exchanging back failed: that entry is kept, untouched, at {folder.PathOf(ours)}; put it back yourself", again.Error);
            }

            removeOurs();
            return StepResult.Failed($"it changed after it was checked ({mismatch}); it was left alone");
        }

        var removed = folder.RemoveName(ours);
        return removed.Succeeded ? StepResult.Success : StepResult.Failed($"the new entry is in place, but the old one could not be removed: it is kept at {folder.PathOf(ours)}", removed.Error);
    }

    /// <summary>Null when <paramref name="name"/> is the stub that was checked (same identity, holding exactly the link text); else what it is.</summary>
    private static string? StubProblem(IPinnedFolder folder, string name, byte[] text, FileIdentity identity)
    {
        var read = folder.ReadFile(name, text.Length + 1);
        if (!read.TryGetValue(out var content))
        {
            return $"it is no longer the stub file ({read.Problem})";
        }

        if (content.Identity != identity)
        {
            return "another file than the stub that was checked is there now";
        }

        return content.Size == (ulong)text.Length && content.Bytes.AsSpan().SequenceEqual(text)
            ? null
            : "the stub was edited since it was checked";
    }

    /// <summary>
    /// Reverses the last git-stubs run not undone yet, newest first: each link this run made (the
    /// same identity, storing what it stored) becomes its stub again, byte for byte. Anything else at a
    /// path is left alone and reported. Paths outside the run's ROOT are never touched.
    /// </summary>
    public List<GitStubOutcome> UndoLast(bool dryRun)
    {
        var run = Journal.LastRun(Command);
        BeginSweep();
        var outcomes = new List<GitStubOutcome>();
        if (run.Count == 0)
        {
            return outcomes;
        }

        var root = run[0].Root;
        IPinnedFolder? pinnedRoot = null;
        string? rootProblem = null;
        if (!dryRun && root is not null)
        {
            var pinned = system.PinFolder(root);
            pinnedRoot = pinned.ValueOr(null);
            rootProblem = pinned.Problem;
        }

        using var held = pinnedRoot;
        var rootFolder = pinnedRoot is null ? null : pinSeam?.Invoke(pinnedRoot) ?? pinnedRoot;
        var reversed = new List<JournalEntry>();
        for (var i = run.Count - 1; i >= 0; i--)
        {
            var e = run[i];
            var path = Bytes(e.Path, e.PathBase64);
            var text = Bytes(e.Before ?? string.Empty, e.BeforeBase64);
            var stored = Bytes(e.After ?? string.Empty, e.AfterBase64);
            var action = new GitStubAction(path, text, stored, GitStubLinkKind.FileSymbolicLink, default, (ulong)text.Length, null);
            var relative = root is null ? null : Below(path, root);
            if (relative is null || e.Action != StubToLink)
            {
                outcomes.Add(new GitStubOutcome(action, false, null, $"the journal records this path outside the run's ROOT {root}; left alone"));
                continue;
            }

            if (dryRun)
            {
                outcomes.Add(new GitStubOutcome(action, false));
                continue;
            }

            if (rootFolder is null)
            {
                outcomes.Add(new GitStubOutcome(action, false, null, $"the run's ROOT {root} cannot be held open ({rootProblem}); nothing was changed"));
                continue;
            }

            var result = InFolder(rootFolder, relative, (folder, name) =>
            {
                Sweep(folder);
                return RestoreStub(folder, name, e, text, stored);
            });
            outcomes.Add(new GitStubOutcome(action, result.Succeeded, result.Error, result.Problem));
            if (result.Succeeded)
            {
                reversed.Add(e);
            }
        }

        if (!dryRun)
        {
            if (outcomes.All(o => o.Applied))
            {
                Journal.MarkUndone(Command, run[0].RunId);
            }
            else if (reversed.Count > 0)
            {
                Journal.MarkSteps(Command, run[0].RunId, reversed);
            }
        }

        return outcomes;
    }

    private static StepResult RestoreStub(IPinnedFolder folder, string name, JournalEntry e, byte[] text, byte[] stored)
    {
        if (JournalIdentity.Parse(e.FolderIdentity) is { } wantedFolder && wantedFolder != folder.Identity)
        {
            return StepResult.Failed(PinnedFolders.Swapped(folder.Path));
        }

        var entry = folder.GetEntry(name);
        if (entry.Type == EntryType.File && folder.ReadFile(name, text.Length + 1).TryGetValue(out var there) && there.Size == (ulong)text.Length && there.Bytes.AsSpan().SequenceEqual(text))
        {
            return StepResult.Success;
        }

        if (JournalIdentity.Parse(e.MadeIdentity) is not { } made)
        {
            return StepResult.Failed("the journal does not record which link this run made; left alone");
        }

        var storedText = RawPath.ToOsText(stored);
        if (LinkProblem(folder, name, made, storedText) is { } other)
        {
            return StepResult.Failed($"{other}; left alone, nothing is overwritten");
        }

        var temporary = PinnedFolders.PrivateName("stub");
        var written = folder.CreateFile(temporary, text);
        if (!written.Succeeded)
        {
            RemoveOurFile(folder, temporary, text);
            return StepResult.Failed("cannot write the stub again beside the link", written.Error);
        }

        if (folder is WindowsPinnedFolder windows)
        {
            return windows.GetEntry(temporary) is { Type: EntryType.File, Identity: { } written1 }
                ? SwapByHandle(windows, temporary, written1, name, old => HoldLink(windows, old, made, storedText))
                : StepResult.Failed($"the stub written again at {windows.PathOf(temporary)} is not there as a file now; the link was left alone");
        }

        return Swap(folder, temporary, name, cameOut => LinkProblem(folder, cameOut, made, storedText), () => RemoveOurFile(folder, temporary, text));
    }

    /// <summary>Null when <paramref name="name"/> is the link the run made (identity) storing <paramref name="stored"/>; else what is there.</summary>
    private static string? LinkProblem(IPinnedFolder folder, string name, FileIdentity made, string stored)
    {
        var entry = folder.GetEntry(name);
        if (entry.Type is not (EntryType.SymbolicLink or EntryType.Junction) || entry.Identity != made)
        {
            return entry.Exists ? "it is not the link this run made any more" : "nothing is there now";
        }

        return folder.ReadLink(name).TryGetValue(out var link) && link.Target == stored ? null : "the link this run made was retargeted since";
    }

    /// <summary>Removes the stub file undo wrote under a private name, only while it holds what undo wrote.</summary>
    private static void RemoveOurFile(IPinnedFolder folder, string name, byte[] text)
    {
        // Checked again at the removal itself (moved aside and re-read, or held by handle): what goes is what undo wrote.
        if (folder.ReadFile(name, text.Length + 1).TryGetValue(out var content))
        {
            Removal.CheckedFileRemoval.Remove(folder, name, content.Identity, text);
        }
    }

    /// <summary>Runs <paramref name="act"/> in the folder of <paramref name="path"/> (relative to the pinned <paramref name="root"/>), reached without following links.</summary>
    private static StepResult InFolder(IPinnedFolder root, byte[] path, Func<IPinnedFolder, string, StepResult> act)
    {
        var (components, name) = Split(path);
        if (components.Count == 0)
        {
            return act(root, name);
        }

        var descended = PinnedFolders.Descend(root, components);
        if (!descended.TryGetValue(out var folder))
        {
            return StepResult.Failed($"its folder cannot be reached inside the ROOT without following a link ({descended.Problem}); left alone", descended.Error);
        }

        using (folder)
        {
            return act(folder, name);
        }
    }

    /// <summary>A '/'-separated path below ROOT as folder names and the last name (OS text).</summary>
    private static (List<string> Components, string Name) Split(byte[] path)
    {
        var parts = new List<string>();
        var rest = path.AsSpan();
        while (rest.IndexOf((byte)'/') is var slash and >= 0)
        {
            if (slash > 0)
            {
                parts.Add(RawPath.ToOsText(rest[..slash]));
            }

            rest = rest[(slash + 1)..];
        }

        return (parts, RawPath.ToOsText(rest));
    }

    /// <summary>The path below <paramref name="root"/> ('/'-separated bytes), or null when it is not plainly below it (no "." or ".." after it).</summary>
    private byte[]? Below(byte[] path, string root)
    {
        if (platform.IsWindows)
        {
            return BelowOnWindows(RawPath.ToText(path), root);
        }

        var rootBytes = RawPath.FromOsText(root.Length > 1 ? root.TrimEnd('/') : root);
        var prefixLength = rootBytes.Length > 0 && rootBytes[^1] == (byte)'/' ? rootBytes.Length : rootBytes.Length + 1;
        if (path.Length <= prefixLength || !path.AsSpan().StartsWith(rootBytes) || (prefixLength > rootBytes.Length && path[rootBytes.Length] != (byte)'/'))
        {
            return null;
        }

        var below = path[prefixLength..];
        var parts = below.AsSpan().Split((byte)'/');
        foreach (var range in parts)
        {
            var part = below.AsSpan()[range];
            if (part.Length == 0 || part.SequenceEqual("."u8) || part.SequenceEqual(".."u8))
            {
                return null;
            }
        }

        return below;
    }

    private string FullPath(string root, byte[] path) =>
        platform.IsWindows ? system.Paths.Combine(root, RawPath.ToText(path).Replace('/', '\\')) : root.TrimEnd('/') + "/" + RawPath.ToOsText(path);

    private string? LinkTypeOf(GitStubLinkKind kind) => platform.IsWindows ? kind switch
    {
        GitStubLinkKind.Junction => LinkEditor.Junction,
        GitStubLinkKind.DirectorySymbolicLink => LinkEditor.DirectorySymlink,
        _ => LinkEditor.FileSymlink,
    } : null;

    private static byte[] Bytes(string text, string? base64) => base64 is null ? RawPath.FromText(text) : Convert.FromBase64String(base64);

    private static string? Base64IfNeeded(byte[]? bytes) => bytes is null || RawPath.IsValidUtf8(bytes) ? null : Convert.ToBase64String(bytes);
}
