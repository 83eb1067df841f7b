using System.Text.Json;
using System.Text.Json.Serialization;
using Linkctl.Cli.Output;
using Linkctl.Creation;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Scanning;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>linkctl repair --git-stubs [ROOT]</c>: git's symlink stubs (core.symlinks=false checkouts)
/// replaced by real links, a dry run unless --apply, undone by --undo --apply (README, "repair").
/// </summary>
internal static class GitStubsRepair
{
    public static int Run(string rootArgument, bool apply, bool undo, bool setCoreSymlinks, FallbackPolicy fallback, OutputMode mode)
    {
        var platform = CliPlatform.Current;
        var journal = UndoJournal.ForCurrentUser();
        var runner = new GitStubRunner(platform, journal);
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        if (undo)
        {
            var undone = runner.UndoLast(dryRun: !apply);
            RmCommand.ReportStale(runner.StaleTemporaries);
            if (undone.Count == 0)
            {
                Console.Error.WriteLine("linkctl: nothing to undo: the journal holds no git-stubs run that is not undone already");
                return ExitCodes.NothingToUndo;
            }

            foreach (var o in undone)
            {
                Write(stdout, mode, o, apply, "restore stub", "restore_stub");
            }

            stdout.Flush();
            var left = undone.Count(o => apply && !o.Applied);
            if (left > 0)
            {
                Console.Error.WriteLine($"linkctl: the git-stubs run is NOT marked undone: {left} of {undone.Count} stub(s) were not restored (marked FAILED above); fix the cause and run `linkctl repair --git-stubs --undo --apply` again: only what remains is tried");
                return ExitCodes.OsError;
            }

            if (!apply && mode != OutputMode.Json)
            {
                Console.Error.WriteLine($"linkctl: {undone.Count} stub(s) would be restored; nothing was changed (add --apply)");
            }

            return ExitCodes.Ok;
        }

        var root = platform.Paths.GetFullPath(rootArgument, platform.CurrentDirectory);
        // Walked, pinned and journalled by its real path, as repair does (RepairCommand).
        if (!platform.IsWindows && platform.Links.GetTargetEntry(root) is { IsDirectory: true, FinalPath: { } real })
        {
            root = real;
        }

        var opened = GitRepository.Open(root);
        if (!opened.TryGetValue(out var repository))
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.NotFound, root, $"cannot read git's index for {root}: {opened.Problem}",
                "repair --git-stubs reads the symbolic links git recorded (git ls-files -s), so ROOT must be inside a git work tree and git must be installed.",
                "Run it inside the clone (or give its folder as ROOT); install git if it is missing."), mode, ExitCodes.Refused, jsonLines: true);
        }

        var symlinksAllowed = Diagnoser.Diagnose(new DoctorGatherer(platform).Gather(root, null, probe: false)).SymbolicLinkPossibleNow;
        var context = new GitStubContext { Flavour = platform.Paths.Flavour, SymbolicLinksAllowed = symlinksAllowed, Fallback = fallback };
        var planned = runner.Plan(repository, root, context);
        if (!planned.TryGetValue(out var both))
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.Other, root, $"cannot plan the git-stub repair of {root}: {planned.Problem}",
                "git's index or the work tree could not be read.", "Check that `git ls-files -s` works there and that you may read the folder."), mode, ExitCodes.OsError, jsonLines: true);
        }

        var (plan, index) = both;
        foreach (var conflicted in index.Conflicted)
        {
            Console.Error.WriteLine($"linkctl: {RawPath.Escape(conflicted)}: left as is: a link in a merge conflict (which side's text is meant is yours to decide; resolve the conflict first)");
        }

        foreach (var blob in index.MissingBlobs)
        {
            Console.Error.WriteLine($"linkctl: blob {blob}: git's object is missing (a partial clone?); the links that use it are left as they are");
        }

        foreach (var skip in plan.Skipped)
        {
            Console.Error.WriteLine($"linkctl: {RawPath.Escape(skip.Path)}: {skip.Why}");
            if (mode == OutputMode.Json)
            {
                JsonSerializer.Serialize(stdout, new GitStubJson("left_alone", RawPath.ToText(skip.Path), Base64(skip.Path), null, null, null, !apply, false, skip.Why, null, skip.Edited), GitStubJsonContext.Default.GitStubJson);
                stdout.WriteByte((byte)'\n');
            }
        }

        var outcomes = apply ? runner.Apply(plan.Actions, root) : plan.Actions.Select(a => new GitStubOutcome(a, false)).ToList();
        RmCommand.ReportStale(runner.StaleTemporaries);
        foreach (var o in outcomes)
        {
            Write(stdout, mode, o, apply, "replace stub", GitStubRunner.StubToLink);
        }

        stdout.Flush();

        var failed = outcomes.Count(o => apply && !o.Applied);
        var settings = repository.SymlinkSettings();
        var advice = new List<string>();
        string? status = null;
        if (apply && setCoreSymlinks && symlinksAllowed && failed == 0 && settings.Repository != "true")
        {
            var set = repository.SetCoreSymlinks();
            advice.Add(set.Succeeded ? $"set core.symlinks=true in this repository (git config --local), as --set-core-symlinks asked: git checks links out as links from now on" : $"could not set core.symlinks: {set.Problem}");
            settings = repository.SymlinkSettings();
        }
        else if (settings.Repository != "true" && symlinksAllowed)
        {
            advice.Add($"links can be made here, but this repository has core.symlinks={settings.Repository ?? "(not set)"} (global: {settings.Global ?? "not set"}): git will check out new or changed links as stubs again. Set it: `git config core.symlinks true` in the work tree, or run again with --apply --set-core-symlinks");
        }
        else if (!symlinksAllowed)
        {
            advice.Add("symbolic links cannot be made here now (`linkctl doctor` says why and how); leave core.symlinks as it is until they can");
        }

        if (apply && repository.StatusWithSymlinks().TryGetValue(out var lines))
        {
            var changed = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            status = changed.Length == 0 ? "clean" : $"{changed.Length} entr{(changed.Length == 1 ? "y" : "ies")} not clean";
            advice.Add(changed.Length == 0
                ? "`git status` with core.symlinks=true: clean (with core.symlinks=false the replaced links show clean too; any stub still there shows as a typechange T once core.symlinks is true)"
                : $"`git status` with core.symlinks=true lists {changed.Length} entr{(changed.Length == 1 ? "y" : "ies")} below ROOT (stubs left show as T typechange, edited ones as M); see `git -c core.symlinks=true status`");
        }
        else
        {
            advice.Add("after --apply, `git status` shows the replaced links clean (with core.symlinks=true and =false alike); a stub left in place shows as a typechange (T) once core.symlinks=true");
        }

        if (mode == OutputMode.Json)
        {
            CliJson.WriteLine(new GitStubSummaryJson("summary", plan.Actions.Count, outcomes.Count(o => o.Applied), plan.AlreadyLinks.Count, plan.Skipped.Count, plan.Skipped.Count(s => s.Edited),
                settings.Repository, settings.Global, symlinksAllowed, status, !apply), GitStubJsonContext.Default.GitStubSummaryJson);
        }
        else
        {
            foreach (var line in advice)
            {
                Console.Error.WriteLine($"linkctl: {line}");
            }

            Console.Error.WriteLine(apply
                ? $"linkctl: {outcomes.Count(o => o.Applied)} of {outcomes.Count} stub(s) replaced by links; {plan.AlreadyLinks.Count} already link(s); {plan.Skipped.Count} left alone ({plan.Skipped.Count(s => s.Edited)} edited). Undo: linkctl repair --git-stubs --undo --apply"
                : $"linkctl: {plan.Actions.Count} stub(s) would be replaced; {plan.AlreadyLinks.Count} already link(s); {plan.Skipped.Count} left alone ({plan.Skipped.Count(s => s.Edited)} edited); nothing was changed (add --apply)");
        }

        return failed > 0 ? ExitCodes.OsError : ExitCodes.Ok;
    }

    private static void Write(Stream stdout, OutputMode mode, GitStubOutcome o, bool apply, string verb, string action)
    {
        var a = o.Action;
        if (mode == OutputMode.Json)
        {
            JsonSerializer.Serialize(stdout, new GitStubJson(action, RawPath.ToText(a.Path), Base64(a.Path), RawPath.ToText(a.Text), RawPath.ToText(a.Stored), KindName(a.Kind),
                !apply, o.Applied, o.Problem ?? a.Note, o.Error?.ToString(), null), GitStubJsonContext.Default.GitStubJson);
            stdout.WriteByte((byte)'\n');
            return;
        }

        var state = !apply ? "would" : o.Applied ? "done:" : "FAILED:";
        var line = $"{state} {verb} {RawPath.Escape(a.Path)} -> {RawPath.Escape(a.Stored)} ({KindName(a.Kind).Replace('_', ' ')})";
        if (a.Note is { } note)
        {
            line += $" [{note}]";
        }

        if (apply && !o.Applied)
        {
            line += $" ({o.Problem}{(o.Error is null ? string.Empty : $"; {o.Error}")})";
        }

        stdout.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
    }

    private static string KindName(GitStubLinkKind kind) => kind switch
    {
        GitStubLinkKind.Junction => "junction",
        GitStubLinkKind.DirectorySymbolicLink => "directory_symlink",
        _ => "symbolic_link",
    };

    private static string? Base64(byte[] path) => RawPath.IsValidUtf8(path) ? null : Convert.ToBase64String(path);
}

/// <summary>One line of <c>repair --git-stubs --json</c> (docs/json.md).</summary>
internal sealed record GitStubJson(string Action, string Path, string? PathBase64, string? LinkText, string? Stores, string? LinkKind, bool DryRun, bool Applied, string? Problem, string? Error, bool? Edited);

/// <summary>The last line of <c>repair --git-stubs --json</c> (docs/json.md).</summary>
internal sealed record GitStubSummaryJson(string Action, int Stubs, int Replaced, int AlreadyLinks, int LeftAlone, int Edited, string? CoreSymlinksRepository, string? CoreSymlinksGlobal, bool SymbolicLinksPossible, string? GitStatus, bool DryRun);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GitStubJson))]
[JsonSerializable(typeof(GitStubSummaryJson))]
internal sealed partial class GitStubJsonContext : JsonSerializerContext
{
}
