using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Repair;
using Linkctl.Scanning;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl repair ROOT</c>: plan (and with --apply make) link repairs under a folder; undo the last run (docs/list.md).</summary>
internal sealed class RepairCommand : Command
{
    private readonly Argument<string> root = new("ROOT") { Description = "The folder whose links are repaired.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> relative = new("--relative") { Description = "Make absolute links whose target is inside ROOT relative." };
    private readonly Option<string[]> retarget = new("--retarget") { Description = "OLD NEW: links into the folder OLD (which moved) point into NEW instead.", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> allowMissing = new("--allow-missing") { Description = "With --retarget: point links into NEW even where their new target does not exist (yet)." };
    private readonly Option<bool> pruneBroken = new("--prune-broken") { Description = "Remove links whose target is missing or that loop (only the links)." };
    private readonly Option<bool> fixType = new("--fix-type") { Description = "Windows: make file links that point to a folder (and folder links that point to a file) again with the right type." };
    private readonly Option<bool> toNative = new("--to-native") { Description = "Windows: replace WSL symbolic links (which Windows programs cannot follow) with NT symbolic links, or junctions where no symbolic link may be made." };
    private readonly Option<bool> apply = new("--apply") { Description = "Make the changes. Without it, repair only prints the plan." };
    private readonly Option<bool> undo = new("--undo") { Description = "Reverse the last applied repair run (with --apply; alone it shows what would be reversed)." };
    private readonly Option<bool> gitStubs = new("--git-stubs") { Description = "Replace git's symlink stubs (files holding a link's text, from core.symlinks=false checkouts) under ROOT by real links; with --undo, put the stubs back." };
    private readonly Option<bool> setCoreSymlinks = new("--set-core-symlinks") { Description = "With --git-stubs --apply: also set core.symlinks=true in the repository when links can be made here." };
    private readonly Option<string> fallback = new("--fallback") { Description = "With --git-stubs: when symbolic links are refused, auto (a junction for a local folder, Windows) or none.", DefaultValueFactory = _ => "auto" };

    public RepairCommand()
        : base("repair", "Repair links under a folder: --relative, --retarget OLD NEW, --prune-broken, --fix-type, --to-native, --git-stubs. A dry run unless --apply; every change atomic, read back and recorded for --undo.")
    {
        Arguments.Add(root);
        fallback.AcceptOnlyFromAmong("auto", "none");
        foreach (var option in new Option[] { relative, retarget, allowMissing, pruneBroken, fixType, toNative, apply, undo, gitStubs, setCoreSymlinks, fallback })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        var doApply = result.GetValue(apply);
        if (result.GetValue(gitStubs))
        {
            if (result.GetValue(relative) || result.GetValue(retarget) is { Length: > 0 } || result.GetValue(pruneBroken))
            {
                return ErrorOutput.Usage("--git-stubs is a repair of its own: it does not go with --relative, --retarget or --prune-broken.", "linkctl repair --git-stubs ROOT (a dry run; add --apply to change anything)", mode, jsonLines: true);
            }

            return GitStubsRepair.Run(result.GetValue(root) ?? ".", doApply, result.GetValue(undo), result.GetValue(setCoreSymlinks),
                result.GetValue(fallback) == "none" ? Creation.FallbackPolicy.None : Creation.FallbackPolicy.Auto, mode);
        }

        if (result.GetValue(setCoreSymlinks))
        {
            return ErrorOutput.Usage("--set-core-symlinks goes with --git-stubs.", "linkctl repair --git-stubs --apply --set-core-symlinks ROOT", mode, jsonLines: true);
        }

        var journal = UndoJournal.ForCurrentUser();
        var runner = new RepairRunner(platform, journal);
        List<RepairOutcome> outcomes;
        IReadOnlyCollection<ScanProblem> walkProblems = [];
        if (result.GetValue(undo))
        {
            outcomes = runner.UndoLast(dryRun: !doApply);
            if (outcomes.Count == 0)
            {
                ReportJournalProblems(journal);
                Console.Error.WriteLine("linkctl: nothing to undo: the journal holds no repair run that is not undone already");
                return ExitCodes.NothingToUndo;
            }
        }
        else
        {
            var retargetPair = result.GetValue(retarget) is { Length: 2 } pair ? pair : null;
            if (!result.GetValue(relative) && retargetPair is null && !result.GetValue(pruneBroken) && !result.GetValue(fixType) && !result.GetValue(toNative))
            {
                return ErrorOutput.Usage("repair needs at least one of --relative, --retarget OLD NEW, --prune-broken, --fix-type, --to-native, --git-stubs (or --undo).", "linkctl repair --prune-broken ROOT (a dry run; add --apply to change anything)", mode, jsonLines: true);
            }

            var request = new RepairRequest
            {
                Root = FullPath(result.GetValue(root) ?? "."),
                MakeRelative = result.GetValue(relative),
                RetargetFrom = retargetPair is null ? null : FullPath(retargetPair[0]),
                RetargetTo = retargetPair is null ? null : FullPath(retargetPair[1]),
                PruneBroken = result.GetValue(pruneBroken),
                FixType = result.GetValue(fixType),
                ToNative = result.GetValue(toNative),
                AllowMissing = result.GetValue(allowMissing),
            };
            if (request.RetargetTo is { } newFolder && !request.AllowMissing && !platform.Links.GetTargetEntry(newFolder).Exists)
            {
                return ErrorOutput.Fail(new LinkctlError(FailureKind.NotFound, newFolder, $"--retarget NEW does not exist: {newFolder}",
                    "Pointing links at a folder that is not there makes every one of them broken.",
                    "Check NEW (it is the folder the old one moved to), or add --allow-missing if it will exist later."), mode, ExitCodes.Refused, jsonLines: true);
            }

            // A ROOT reached through a link is walked, confined to and journalled by its real path,
            // as the planner resolves it (RepairRunner.Plan).
            if (!platform.IsWindows && platform.Links.GetTargetEntry(request.Root) is { IsDirectory: true, FinalPath: { } realRoot })
            {
                request = request with { Root = realRoot };
            }

            if (request.FixType && !platform.IsWindows)
            {
                // Not an error: a script may pass it everywhere; there is just nothing of that kind here.
                Console.Error.WriteLine("linkctl: --fix-type: symbolic links have no file or folder type on this OS, so none can be of the wrong type");
            }

            if (request.ToNative && !platform.IsWindows)
            {
                Console.Error.WriteLine("linkctl: --to-native: WSL symbolic links are an NTFS kind of link seen from Windows; on this OS a WSL link is an ordinary symbolic link already");
            }

            var plan = runner.Plan(request, null, out var problems, out var leftAlone, out var notes);
            walkProblems = problems;
            foreach (var p in problems)
            {
                Console.Error.WriteLine($"linkctl: {p.What} {RawPath.Escape(p.Path)}: {p.Error}");
                Console.Error.WriteLine("  next:  check the path and that you may read it; nothing was changed there.");
            }

            foreach (var skip in leftAlone)
            {
                Console.Error.WriteLine($"linkctl: {RawPath.Escape(skip.Path)}: {skip.Why}");
            }

            foreach (var note in notes)
            {
                Console.Error.WriteLine($"linkctl: {note}");
            }

            outcomes = doApply ? runner.Apply(plan, request.Root) : plan.Select(a => new RepairOutcome(a, false)).ToList();
        }

        RmCommand.ReportStale(runner.StaleTemporaries);

        // One write(2) per 64 KiB, not per line: a 50,000-link repair prints 50,000 lines.
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        foreach (var o in outcomes)
        {
            if (mode == OutputMode.Json)
            {
                JsonSerializer.Serialize(stdout, RepairJson.From(o, doApply), RepairJsonContext.Default.RepairJson);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                var verb = o.Action.Kind switch
                {
                    RepairActionKind.RemoveBroken => o.Action.After is null && result.GetValue(undo) ? "restore" : "remove",
                    RepairActionKind.MakeRelative => "make relative",
                    RepairActionKind.FixType => "fix type of",
                    RepairActionKind.ToNative => o.Action.After is not null && result.GetValue(undo) ? "back to WSL link" : "make native",
                    _ => "retarget",
                };
                var change = o.Action.Kind == RepairActionKind.FixType ? $"(stores {RawPath.Escape(o.Action.Before)}; made again as the other type)"
                    : o.Action.After is null ? $"(stores {RawPath.Escape(o.Action.Before)})" : $"{RawPath.Escape(o.Action.Before)} -> {RawPath.Escape(o.Action.After)}";
                var state = !doApply ? "would" : o.Applied ? "done:" : "FAILED:";
                var line = $"{state} {verb} {RawPath.Escape(o.Action.Path)} {change}";
                if (o.Applied && o.Note is { } note)
                {
                    line += $" (made as {note})";
                }

                if (!o.Applied && doApply)
                {
                    line += $" ({o.Problem}{(o.Error is null ? string.Empty : $"; {o.Error}")})";
                }

                var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
                stdout.Write(bytes);
            }
        }

        stdout.Flush();

        ReportJournalProblems(journal);

        if (runner.MarkError is { } unmarked)
        {
            ErrorOutput.Print(unmarked with { What = "the changes marked done above were reversed, but the journal could not record it, so the run is NOT marked undone: " + unmarked.What });
            Console.Error.WriteLine("linkctl: once the journal can be written, run `linkctl repair --undo --apply` again: it finds those links as before and marks the run");
            return ExitCodes.OsError;
        }

        if (doApply && result.GetValue(undo) && outcomes.Any(o => !o.Applied))
        {
            Console.Error.WriteLine($"linkctl: the repair run is NOT marked undone: {outcomes.Count(o => !o.Applied)} of {outcomes.Count} change(s) remain (marked FAILED above); fix the cause and run `linkctl repair --undo --apply` again: only what remains is tried");
        }

        if (!doApply && mode != OutputMode.Json)
        {
            Console.Error.WriteLine($"linkctl: {outcomes.Count} change(s) planned; nothing was changed (add --apply to make them)");
        }

        string FullPath(string path) => platform.Paths.GetFullPath(path, platform.CurrentDirectory);

        // A walk that could not read part of the tree planned from part of it: say so in the exit code too.
        var failed = outcomes.Where(o => doApply && !o.Applied).ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            var error = new LinkctlError(FailureKind.Other, RawPath.ToText(first.Action.Path),
                $"{failed.Count} of {outcomes.Count} change(s) were not made (the first: {RawPath.Escape(first.Action.Path)}: {first.Problem}).",
                "Each failed change is named above with its reason; the links it was about were left as they were.",
                "Fix the cause named, then run the same repair again: changes already made are not planned twice.",
                first.Error);
            return mode == OutputMode.Json ? ErrorOutput.Fail(error, mode, ExitCodes.OsError, jsonLines: true) : ExitCodes.OsError;
        }

        if (walkProblems.Count > 0 && mode == OutputMode.Json)
        {
            CliJson.WriteLine(new ErrorEnvelope(ErrorOutput.ForProblems(walkProblems, "repair plan")), CliJson.Default.ErrorEnvelope);
        }

        return ExitCodes.ForScanProblems(walkProblems);
    }

    /// <summary>Reported, never fatal: a bad record is skipped, a torn tail closed off (docs/journal.md).</summary>
    private static void ReportJournalProblems(UndoJournal journal)
    {
        foreach (var p in journal.Problems)
        {
            Console.Error.WriteLine(p.Line > 0 ? $"linkctl: journal {journal.FilePath} line {p.Line}: {p.What}" : $"linkctl: journal {journal.FilePath}: {p.What}");
        }
    }
}

/// <summary>One line of <c>repair --json</c> (docs/list.md).</summary>
internal sealed record RepairJson(string Action, string Path, string? PathBase64, string Before, string? After, bool DryRun, bool Applied, string? Problem, string? Error, string? Note)
{
    public static RepairJson From(RepairOutcome o, bool applying) => new(
        o.Action.ActionName,
        RawPath.ToText(o.Action.Path),
        RawPath.IsValidUtf8(o.Action.Path) ? null : Convert.ToBase64String(o.Action.Path),
        RawPath.ToText(o.Action.Before),
        o.Action.After is null ? null : RawPath.ToText(o.Action.After),
        !applying,
        o.Applied,
        o.Problem,
        o.Error?.ToString(),
        o.Note);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RepairJson))]
internal sealed partial class RepairJsonContext : JsonSerializerContext
{
}
