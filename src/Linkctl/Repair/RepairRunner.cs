using Linkctl.Journal;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// Carries out a repair plan (or only reports it, for a dry run), recording each change in the
/// undo journal before making it; and undoes the last recorded repair run.
/// </summary>
public sealed class RepairRunner(UndoJournal journal)
{
    public const string Command = "repair";

    /// <summary>Walks <paramref name="request"/>'s root and plans every change; nothing is touched.</summary>
    public static List<RepairAction> Plan(RepairRequest request, ScanOptions? scanOptions, out List<ScanProblem> problems)
    {
        var planner = new RepairPlanner(request);
        var actions = new List<RepairAction>();
        var found = new List<ScanProblem>();
        var scanner = new TreeScanner((scanOptions ?? new ScanOptions()) with { SymbolicLinks = true, HardLinks = false, Follow = false });
        scanner.Scan([request.Root], () => new PlanningSink(planner, actions, found));
        problems = found;
        actions.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        return actions;
    }

    /// <summary>Applies the actions in order; each is independent, so one failure does not stop the rest.</summary>
    public List<RepairOutcome> Apply(IEnumerable<RepairAction> actions)
    {
        var runId = UndoJournal.NewRunId();
        var outcomes = new List<RepairOutcome>();
        foreach (var action in actions)
        {
            void Record() => journal.Append(new JournalEntry
            {
                RunId = runId,
                Time = DateTimeOffset.UtcNow,
                Command = Command,
                Action = action.ActionName,
                Path = RawPath.ToText(action.Path),
                PathBase64 = Base64IfNeeded(action.Path),
                Before = RawPath.ToText(action.Before),
                BeforeBase64 = Base64IfNeeded(action.Before),
                After = action.After is null ? null : RawPath.ToText(action.After),
                AfterBase64 = Base64IfNeeded(action.After),
            });

            var (error, problem) = action.After is null
                ? LinkEditor.Remove(action.Path, action.Before, Record)
                : LinkEditor.Replace(action.Path, action.Before, action.After, Record);
            outcomes.Add(new RepairOutcome(action, error is null && problem is null, error, problem));
        }

        return outcomes;
    }

    /// <summary>Reverses the last repair run that was not undone yet, newest change first.</summary>
    public List<RepairOutcome> UndoLast(bool dryRun)
    {
        var run = journal.LastRun(Command);
        var outcomes = new List<RepairOutcome>();
        for (var i = run.Count - 1; i >= 0; i--)
        {
            var e = run[i];
            var path = Bytes(e.Path, e.PathBase64);
            var before = Bytes(e.Before ?? string.Empty, e.BeforeBase64);
            var after = e.After is null ? null : Bytes(e.After, e.AfterBase64);

            // The reverse change: what is there now (after) goes back to what was there (before).
            var reverse = after is null
                ? new RepairAction(RepairActionKind.RemoveBroken, path, before, null)
                : new RepairAction(e.Action == "make_relative" ? RepairActionKind.MakeRelative : RepairActionKind.Retarget, path, after, before);
            if (dryRun)
            {
                outcomes.Add(new RepairOutcome(reverse, false));
                continue;
            }

            var (error, problem) = after is null
                ? LinkEditor.ReadTarget(path, out _) is null ? LinkEditor.Create(path, before) : (null, "something is at this path again; left alone")
                : LinkEditor.Replace(path, after, before, () => { });
            outcomes.Add(new RepairOutcome(reverse, error is null && problem is null, error, problem));
        }

        if (!dryRun && run.Count > 0)
        {
            journal.MarkUndone(Command, run[0].RunId);
        }

        return outcomes;
    }

    private static byte[] Bytes(string text, string? base64) => base64 is null ? RawPath.FromText(text) : Convert.FromBase64String(base64);

    private static string? Base64IfNeeded(byte[]? bytes) => bytes is null || RawPath.IsValidUtf8(bytes) ? null : Convert.ToBase64String(bytes);

    private sealed class PlanningSink(RepairPlanner planner, List<RepairAction> actions, List<ScanProblem> problems) : ILinkSink
    {
        public void OnLink(LinkRecord link)
        {
            if (planner.Plan(link) is { } action)
            {
                lock (actions)
                {
                    actions.Add(action);
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
