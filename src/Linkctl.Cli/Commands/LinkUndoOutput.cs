using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Journal;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>rm --undo [RUN]</c> and <c>new --undo [RUN]</c>: runs <see cref="LinkUndo"/> on the user's
/// journal and reports each change (text, or one JSON object per line), the run's state, and the
/// exit code: 0 all reversed, 1 nothing to undo, else the worst code of the changes not reversed.
/// </summary>
internal static class LinkUndoOutput
{
    public static int Run(string command, string? runId, bool dryRun, OutputMode mode)
    {
        var journal = UndoJournal.ForCurrentUser();
        LinkUndoRun run;
        try
        {
            run = new LinkUndo(CliPlatform.Current, journal).Undo(command, runId, dryRun);
        }
        catch (LinkctlException e)
        {
            ReportProblems(journal);
            return ErrorOutput.Fail(e.Error, mode, ExitCodes.For(e.Error.Kind), jsonLines: true);
        }

        ReportProblems(journal);
        if (run.Outcomes.Count == 0)
        {
            Console.Error.WriteLine(runId is null
                ? $"linkctl: nothing to undo: the journal {journal.FilePath} holds no `linkctl {command}` run that is not undone already"
                : journal.Knows(runId)
                    ? $"linkctl: nothing to undo: the run {runId} is undone already (or is not a `linkctl {command}` run)"
                    : $"linkctl: nothing to undo: the journal {journal.FilePath} has no run {runId}");
            return ExitCodes.NothingToUndo;
        }

        foreach (var o in run.Outcomes)
        {
            var path = o.Change.Path;
            if (mode == OutputMode.Json)
            {
                CliJson.WriteLine(new UndoJson(run.RunId!, o.Change.Action, path, o.Change.Before, o.Change.After, o.Status switch
                {
                    LinkUndoStatus.Restored => "restored",
                    LinkUndoStatus.AlreadyAsBefore => "already_as_before",
                    LinkUndoStatus.WouldRestore => "would_restore",
                    _ => "failed",
                }, o.Error), CliJson.Default.UndoJson);
            }
            else if (o.Error is null)
            {
                var what = o.Status switch
                {
                    LinkUndoStatus.Restored => "Restored the link",
                    LinkUndoStatus.AlreadyAsBefore => "Already as before",
                    _ => "Would restore the link",
                };
                var replaced = o.Change.Action == LinkUndo.ReplaceLinkAction && o.Status != LinkUndoStatus.AlreadyAsBefore ? $" (in place of the link to {Terminal.Visible(o.Change.After ?? "?")})" : string.Empty;
                Console.Out.WriteLine($"{what}: {Terminal.Visible(path)} -> {Terminal.Visible(o.Change.Before ?? "?")}{replaced}");
            }

            if (o.Error is not null && mode != OutputMode.Json)
            {
                ErrorOutput.Print(o.Error);
            }
        }

        if (run.MarkError is { } unmarked)
        {
            ErrorOutput.Print(unmarked with { What = "the links said above are back, but the journal could not record it, so the run is NOT marked undone: " + unmarked.What });
            Console.Error.WriteLine($"linkctl: once the journal can be written, run `linkctl {command} --undo {run.RunId}` again: it finds those links as before and marks the run");
            return ExitCodes.OsError;
        }

        var failed = run.Outcomes.Where(o => o.Status == LinkUndoStatus.Failed).ToList();
        if (failed.Count > 0)
        {
            Console.Error.WriteLine($"linkctl: the {command} run {run.RunId} is NOT marked undone: {failed.Count} of {run.Outcomes.Count} change(s) remain (see above); fix the cause named and run `linkctl {command} --undo {run.RunId}` again: only what remains is tried");
            return ExitCodes.Worst(failed.Select(o => ExitCodes.For(o.Error!.Kind)));
        }

        if (dryRun)
        {
            Console.Error.WriteLine($"linkctl: {run.Outcomes.Count} change(s) of the {command} run {run.RunId} would be reversed; nothing was changed");
        }

        return ExitCodes.Ok;
    }

    private static void ReportProblems(UndoJournal journal)
    {
        foreach (var p in journal.Problems)
        {
            Console.Error.WriteLine(p.Line > 0 ? $"linkctl: journal {journal.FilePath} line {p.Line}: {p.What}" : $"linkctl: journal {journal.FilePath}: {p.What}");
        }
    }
}

/// <summary>One line of <c>rm --undo --json</c> / <c>new --undo --json</c> (docs/json.md).</summary>
internal sealed record UndoJson(string Run, string Action, string Path, string? Before, string? After, string Status, LinkctlError? Error);
