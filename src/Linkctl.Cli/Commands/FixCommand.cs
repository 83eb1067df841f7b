using System.CommandLine;
using System.Globalization;
using Linkctl.Cli.Output;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Journal;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl fix devmode | right | evaluation</c>, and <c>fix --undo</c>: make symbolic links possible (Windows).</summary>
internal sealed class FixCommand : Command
{
    /// <summary>The command name fix's runs carry in the undo journal.</summary>
    private const string JournalCommand = "fix";

    private static readonly Option<bool> DryRun = CommonOptions.DryRun();
    private static readonly Option<bool> Elevate = new("--elevate") { Description = "When this window is not elevated, run just this step elevated (Windows' sudo inline when it is enabled, else UAC) and show its output and result here.", Recursive = true };
    private readonly Option<bool> undo = new("--undo") { Description = "Restore what the last `linkctl fix` run changed, from the undo journal (read back like any change; --dry-run shows it)." };
    private readonly Option<bool> all = new("--all") { Description = "With --undo: every run not undone yet, newest first." };

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
        SetAction(r => r.GetValue(undo) ? RunUndo(r, r.GetValue(all)) : Usage(r));
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

    private static int Usage(ParseResult r) => ErrorOutput.Usage(
        "say what to fix: devmode, right [--user NAME] or evaluation CLASS:VALUE..., or --undo [--all].",
        "run `linkctl doctor` to see which fix applies here.",
        Terminal.ModeFor(r.GetValue(CommonOptions.Json)));

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
        var platform = CliPlatform.Current;
        if (platform.Windows is not { } sources)
        {
            return NotWindows(mode);
        }

        var facts = new DoctorGatherer(platform).Gather(null, null, probe: false);
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
                var account = user ?? sources.Token.UserSid();
                if (account is null)
                {
                    return ErrorOutput.Fail(new LinkctlError(FailureKind.NotFound, string.Empty, "Could not tell who the current user is.",
                        "The process token names no user SID.", "Name the account: linkctl fix right --user DOMAIN\\name"), mode);
                }

                plan = FixPlanner.Right(windows, sources.Rights!, account);
                break;
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
            // The elevated copy must grant to this user, not to whoever consents at the prompt.
            return RelaunchElevated(platform, r, topic == FixTopic.Right && user is null ? ["--user", sources.Token.UserSid()!] : []);
        }

        var journal = new SettingsJournal(UndoJournal.ForCurrentUser(), JournalCommand);
        var applied = new FixApplier(sources.Registry, sources.Rights, journal).Apply(plan) with { Journal = plan.NothingToDo ? null : journal.FilePath };
        Print(applied, mode);
        if (applied.Success && plan.Rights.Count > 0 && mode != OutputMode.Json)
        {
            Console.Out.WriteLine("Log off and on: the right reaches a session only at logon; `linkctl doctor` will confirm.");
        }

        return applied.Success ? ExitCodes.Ok : ExitCodes.For(applied.Error!.Kind);
    }

    private static int RunUndo(ParseResult r, bool all)
    {
        var mode = Terminal.ModeFor(r.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        if (platform.Windows is not { } sources)
        {
            return NotWindows(mode);
        }

        var journal = new SettingsJournal(UndoJournal.ForCurrentUser(), JournalCommand);
        if (r.GetValue(DryRun))
        {
            var pending = journal.Pending();
            foreach (var entry in all ? pending : pending.Take(1))
            {
                Console.Out.WriteLine($"run {entry.RunId} ({entry.When:u}):");
                foreach (var c in entry.Registry.Reverse())
                {
                    Console.Out.WriteLine($"  would restore HKLM\\{c.SubKey}\\{c.Name} to {(c.OldValue?.ToString(CultureInfo.InvariantCulture) ?? "absent")} (now meant to be {c.NewValue})");
                }

                foreach (var c in entry.Rights.Reverse())
                {
                    Console.Out.WriteLine($"  would {c.Inverse().Describe()}");
                }
            }

            Console.Out.WriteLine(pending.Count == 0 ? $"nothing to undo (journal: {journal.FilePath})" : $"nothing was changed (--dry-run); journal: {journal.FilePath}");
            return ExitCodes.Ok;
        }

        if (r.GetValue(Elevate) && sources.Token.Read() is { Elevated: not true, ElevationType: not ElevationType.Full })
        {
            return RelaunchElevated(platform, r, []);
        }

        var outcome = new FixApplier(sources.Registry, sources.Rights, journal).Undo(all) with { Journal = journal.FilePath };
        Print(outcome, mode);
        return outcome.Success ? ExitCodes.Ok : outcome.NothingToUndo ? ExitCodes.NothingToUndo : ExitCodes.For(outcome.Error!.Kind);
    }

    /// <summary>Runs the same command again elevated, without --elevate, and shows its output and result here.</summary>
    private static int RelaunchElevated(Platform.LinkPlatform platform, ParseResult r, IReadOnlyList<string> extra)
    {
        var args = r.Tokens.Select(t => t.Value).Where(a => a != "--elevate").Concat(extra).ToList();
        return ElevatedRelaunch.Run(platform, args, r.GetValue(CommonOptions.Json));
    }

    private static void Print(FixOutcome outcome, OutputMode mode)
    {
        if (mode == OutputMode.Json)
        {
            CliJson.Write(outcome, DiagnosisJson.Default.FixOutcome);
            if (outcome.Error is not null)
            {
                ErrorOutput.Print(outcome.Error);
            }

            return;
        }

        var plan = outcome.Plan;
        if (plan is not null)
        {
            // Changes carried out are listed in Done, each with its read-back; the plan's own
            // lines are only for a dry run or a refusal, where nothing was carried out.
            var planned = outcome.DryRun || (plan.Refusal is not null && outcome.Done.Count == 0);
            foreach (var c in planned ? plan.Registry : [])
            {
                Console.Out.WriteLine($"would set {c.Describe()}");
            }

            foreach (var c in planned ? plan.Rights : [])
            {
                Console.Out.WriteLine($"would {c.Describe()}");
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

        if (outcome.Journal is not null && outcome.Done.Count > 0)
        {
            Console.Out.WriteLine(outcome.Plan is null ? $"journal: {outcome.Journal}" : $"recorded in the undo journal {outcome.Journal}; `linkctl fix --undo` restores it.");
        }

        if (outcome.Error is not null)
        {
            ErrorOutput.Print(outcome.Error);
        }
    }
}
