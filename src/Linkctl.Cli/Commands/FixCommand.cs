using System.CommandLine;
using System.Diagnostics;
using Linkctl.Cli.Output;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Fixes;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl fix devmode | right | evaluation</c>, and <c>fix --undo</c>: make symbolic links possible (Windows).</summary>
internal sealed class FixCommand : Command
{
    private static readonly Option<bool> DryRun = CommonOptions.DryRun();
    private static readonly Option<bool> Elevate = new("--elevate") { Description = "When this window is not elevated, run just this step elevated through UAC (Windows asks for consent).", Recursive = true };
    private readonly Option<bool> undo = new("--undo") { Description = "Restore what the last `linkctl fix` change replaced (read back like any change)." };
    private readonly Option<bool> all = new("--all") { Description = "With --undo: every recorded change, newest first." };

    public FixCommand()
        : base("fix", "Make symbolic links possible on Windows: turn on Developer Mode, grant the right, or set SymlinkEvaluation. Every change is read back and can be undone (--undo).")
    {
        DryRun.Recursive = true;
        Options.Add(DryRun);
        Options.Add(Elevate);
        Options.Add(undo);
        Options.Add(all);
        Subcommands.Add(Topic("devmode", "Turn on Developer Mode (HKLM AppModelUnlock AllowDevelopmentWithoutDevLicense = 1).", FixTopic.DeveloperMode));
        var user = new Option<string?>("--user") { Description = "The user or group to grant \"Create symbolic links\" (default: the current user)." };
        var right = Topic("right", "Grant \"Create symbolic links\" (SeCreateSymbolicLinkPrivilege) through LsaAddAccountRights; the account must then log off and on.", FixTopic.Right, user);
        Subcommands.Add(right);
        var classes = new Argument<string[]>("CLASS:VALUE") { Description = "L2L, L2R, R2L or R2R with 0 or 1, as fsutil behavior set SymlinkEvaluation takes them.", Arity = ArgumentArity.OneOrMore };
        Subcommands.Add(Topic("evaluation", "Set SymlinkEvaluation classes: which links Windows follows (local/remote link to local/remote target).", FixTopic.Evaluation, classes: classes));
        Validators.Add(r =>
        {
            if (r.GetValue(all) && !r.GetValue(undo))
            {
                r.AddError("--all works only with --undo.");
            }
        });
        SetAction(r => r.GetValue(undo) ? RunUndo(r, r.GetValue(all)) : Usage());
    }

    private static Command Topic(string name, string description, FixTopic topic, Option<string?>? user = null, Argument<string[]>? classes = null)
    {
        var command = new Command(name, description);
        if (user is not null)
        {
            command.Options.Add(user);
        }

        if (classes is not null)
        {
            command.Arguments.Add(classes);
        }

        command.SetAction(r => RunTopic(r, topic, user is null ? null : r.GetValue(user), classes is null ? null : r.GetValue(classes)));
        return command;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("linkctl: say what to fix: devmode, right [--user NAME] or evaluation CLASS:VALUE..., or --undo [--all].");
        Console.Error.WriteLine("  next:  run `linkctl doctor` to see which fix applies here.");
        return ExitCodes.Usage;
    }

    private static int NotWindows(OutputMode mode)
    {
        var error = new LinkctlError(FailureKind.NotSupported, string.Empty, "linkctl fix applies to Windows only.",
            "On Linux and macOS any user may make symbolic links where the file system stores them; there is no privilege, Developer Mode or SymlinkEvaluation to change.",
            "Run `linkctl doctor PATH` to see what stops a link here.");
        return ErrorOutput.Fail(error, mode);
    }

    private static int RunTopic(ParseResult r, FixTopic topic, string? user, string[]? classes)
    {
        var mode = Terminal.ModeFor(r.GetValue(CommonOptions.Json));
        if (!OperatingSystem.IsWindows())
        {
            return NotWindows(mode);
        }

        var facts = new DoctorGatherer(LinkSystemFactory.Create(), LinkSystemFactory.CurrentDirectory) { Windows = WindowsDoctorSources.Create() }.Gather(null, null, probe: false);
        var windows = facts.Windows!;
        FixPlan plan;
        switch (topic)
        {
            case FixTopic.DeveloperMode:
                plan = FixPlanner.DeveloperMode(windows);
                break;
            case FixTopic.Evaluation:
                var wanted = FixPlanner.ParseEvaluation(classes ?? [], out var problem);
                if (wanted is null)
                {
                    return ErrorOutput.Fail(new LinkctlError(FailureKind.InvalidInput, string.Empty, problem!, "fsutil's form is CLASS:VALUE.", "Example: linkctl fix evaluation R2L:1"), mode);
                }

                plan = FixPlanner.Evaluation(windows, wanted);
                break;
            default:
                // The live LSA implementation belongs to the rights module; it is wired here when merged.
                return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, string.Empty, "linkctl fix right is not available in this build.",
                    "It grants the right through the rights module's live LSA implementation, which is not wired into this build yet.",
                    $"Grant it by hand: secpol.msc > Local Policies > User Rights Assignment > Create symbolic links > Add {(user ?? "your account")}; then log off and on."), mode);
        }

        var dryRun = r.GetValue(DryRun);
        if (dryRun || plan.Refusal is not null && !(plan.NeedsElevation && r.GetValue(Elevate)))
        {
            var outcome = new FixOutcome(plan, dryRun, [], plan.Refusal);
            Print(outcome, mode);
            return plan.Refusal is null ? ExitCodes.Ok : plan.NeedsElevation ? ExitCodes.Denied : ExitCodes.For(plan.Refusal.Kind);
        }

        if (plan.Refusal is not null)
        {
            return RelaunchElevated(r);
        }

        return ApplyOrExplain(mode, plan);
    }

    private static int ApplyOrExplain(OutputMode mode, FixPlan plan)
    {
        if (plan.NothingToDo)
        {
            Print(new FixOutcome(plan, false, [], null), mode);
            return ExitCodes.Ok;
        }

        // Every change is recorded for --undo before it is made; without a journal nothing is changed.
        return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, string.Empty, "Not changed: the undo journal is not available in this build.",
            "linkctl fix records what each change replaces so that `linkctl fix --undo` can restore it; the general undo journal is not wired into this build yet, and linkctl does not make changes it cannot undo.",
            string.Join(" ", plan.Registry.Select(c => $"By hand: reg add \"HKLM\\{c.SubKey}\" /v {c.Name} /t REG_DWORD /d {c.NewValue} /f (was {(c.OldValue?.ToString() ?? "absent")})."))), mode);
    }

    private static int RunUndo(ParseResult r, bool all)
    {
        var mode = Terminal.ModeFor(r.GetValue(CommonOptions.Json));
        if (!OperatingSystem.IsWindows())
        {
            return NotWindows(mode);
        }

        return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, string.Empty, $"Nothing to undo{(all ? " (--all)" : string.Empty)}: the undo journal is not available in this build.",
            "This build has made no recorded change.", string.Empty), mode);
    }

    /// <summary>Runs the same command again through UAC ("runas"), without --elevate, and waits for it.</summary>
    private static int RelaunchElevated(ParseResult r)
    {
        var exe = Environment.ProcessPath;
        if (exe is null || !OperatingSystem.IsWindows())
        {
            Console.Error.WriteLine("linkctl: cannot find this program's path to relaunch it elevated; run it from an elevated window.");
            return ExitCodes.Denied;
        }

        var args = r.Tokens.Select(t => t.Value).Where(a => a != "--elevate").ToList();
        var start = new ProcessStartInfo(exe) { UseShellExecute = true, Verb = "runas" };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var child = Process.Start(start);
            if (child is null)
            {
                return ExitCodes.OsError;
            }

            child.WaitForExit();
            Console.Out.WriteLine($"The elevated step finished with exit code {child.ExitCode}. Run `linkctl doctor` to confirm.");
            return child.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // 1223 ERROR_CANCELLED: the user said no at the UAC prompt.
            Console.Error.WriteLine($"linkctl: the elevated step did not run: {e.Message} ({e.NativeErrorCode}).");
            return ExitCodes.Denied;
        }
    }

    private static void Print(FixOutcome outcome, OutputMode mode)
    {
        if (mode == OutputMode.Json)
        {
            DiagnosisJson.Write(outcome, DiagnosisJson.Default.FixOutcome);
            if (outcome.Error is not null)
            {
                ErrorOutput.Print(outcome.Error);
            }

            return;
        }

        var plan = outcome.Plan;
        if (plan is not null)
        {
            foreach (var c in plan.Registry)
            {
                Console.Out.WriteLine($"{(outcome.DryRun || outcome.Error is not null ? "would set" : "set")} {c.Describe()}");
            }

            foreach (var c in plan.Rights)
            {
                Console.Out.WriteLine($"{(outcome.DryRun || outcome.Error is not null ? "would " : string.Empty)}{c.Describe()}");
            }

            foreach (var n in plan.Notes)
            {
                Console.Out.WriteLine($"  note: {n}");
            }
        }

        foreach (var d in outcome.Done)
        {
            Console.Out.WriteLine(d);
        }

        if (outcome.Error is not null)
        {
            ErrorOutput.Print(outcome.Error);
        }
    }
}
