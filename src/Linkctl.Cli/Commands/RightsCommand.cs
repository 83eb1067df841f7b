using System.CommandLine;
using System.Text.Json.Serialization;
using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Security;
using Linkctl.Security.Inf;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>linkctl rights</c>: who holds a user right (by default "Create symbolic links"), and
/// changing it through LSA, with read-back, dry runs and GPO awareness. Windows only.
/// </summary>
internal sealed class RightsCommand : Command
{
    private static readonly Option<string> Right = new("--right")
    {
        Description = "The user right (default SeCreateSymbolicLinkPrivilege, \"Create symbolic links\").",
        DefaultValueFactory = _ => RightsPlanner.SymlinkRight,
        Recursive = true,
    };

    public RightsCommand()
        : base("rights", "Windows user rights: who may create symbolic links, and granting, revoking, exporting and importing that right (secedit INF / GptTmpl.inf).")
    {
        Options.Add(Right);
        Subcommands.Add(List());
        Subcommands.Add(Change("grant", RightsChangeKind.Grant));
        Subcommands.Add(Change("revoke", RightsChangeKind.Revoke));
        Subcommands.Add(Export());
        Subcommands.Add(Import());
        Subcommands.Add(Undo());
    }

    /// <summary>The command name grant, revoke and import carry in the undo journal.</summary>
    private const string JournalCommand = "rights";

    private static Command List()
    {
        var command = new Command("list", "Every account holding the right, with SIDs and names; whether a Group Policy object defines it; whether you hold it.");
        command.SetAction(r => WithLsa(r, lsa => RunList(lsa, r)));
        return command;
    }

    private static Command Change(string name, RightsChangeKind kind)
    {
        var account = new Argument<string>("ACCOUNT") { Description = "DOMAIN\\name, a local name, or a SID (S-1-5-...)." };
        var dryRun = CommonOptions.DryRun();
        var localAnyway = new Option<bool>("--local-anyway") { Description = "Change it locally even though a GPO defines the right (it reverts at the next policy refresh)." };
        var command = new Command(name, kind == RightsChangeKind.Grant
            ? "Give ACCOUNT the right through LSA; read back; the account must log on again."
            : "Take the right from ACCOUNT through LSA; read back; the account must log on again.");
        command.Arguments.Add(account);
        command.Options.Add(dryRun);
        command.Options.Add(localAnyway);
        command.SetAction(r => WithLsa(r, lsa =>
        {
            var right = r.GetValue(Right)!;
            var plan = kind == RightsChangeKind.Grant
                ? RightsPlanner.PlanGrant(lsa, r.GetValue(account)!, right, r.GetValue(localAnyway))
                : RightsPlanner.PlanRevoke(lsa, r.GetValue(account)!, right, r.GetValue(localAnyway));
            return Carry(lsa, plan, apply: !r.GetValue(dryRun), Mode(r), "--dry-run");
        }));
        return command;
    }

    private static Command Export()
    {
        var file = new Option<FileInfo>("--inf") { Description = "The template to write (UTF-16LE, as secedit writes).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it exists." };
        var command = new Command("export", "Write the right's holders as a secedit template ([Privilege Rights]) for secedit /configure or a GPO's GptTmpl.inf.");
        command.Options.Add(file);
        command.Options.Add(force);
        command.SetAction(r => WithLsa(r, lsa =>
        {
            var path = r.GetValue(file)!.FullName;
            if (File.Exists(path) && !r.GetValue(force))
            {
                return ErrorOutput.Fail(new LinkctlError(FailureKind.Conflict, path, $"{path} exists.", "Export never replaces a file unasked.", "Pick another name or pass --force."), Mode(r));
            }

            var built = RightsExport.Build(lsa, [r.GetValue(Right)!]);
            if (!built.Succeeded)
            {
                return ErrorOutput.Fail(Failure("LSA did not list the right's holders.", built.Error), Mode(r));
            }

            try
            {
                built.Value.Save(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                var os = OsError.FromHostException(e);
                return ErrorOutput.Fail(new LinkctlError(LinkClassifier.Classify(os, Platform.LinkOperation.Copy), path, $"Could not write {path}.", e.Message, "Choose a folder you may write to.", os), Mode(r));
            }

            if (Mode(r) == OutputMode.Json)
            {
                CliJson.Write(new RightsExportOutput(path, built.Value.ToText()), RightsJson.Default.RightsExportOutput);
            }
            else
            {
                Console.Out.WriteLine($"wrote {path}:");
                Console.Out.Write(built.Value.ToText().Replace("\r\n", "\n", StringComparison.Ordinal));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Option<FileInfo>("--inf") { Description = "A secedit template (secedit /export, GptTmpl.inf).", Required = true };
        var apply = new Option<bool>("--apply") { Description = "Make the changes; without it, only the plan is shown." };
        var localAnyway = new Option<bool>("--local-anyway") { Description = "Change rights locally even where a GPO defines them." };
        var all = new Option<bool>("--all-rights") { Description = "Import every right the template defines, not only --right." };
        var command = new Command("import", "Make LSA match the template's [Privilege Rights] for the right: shows the plan; --apply to change anything.");
        command.Options.Add(file);
        command.Options.Add(apply);
        command.Options.Add(localAnyway);
        command.Options.Add(all);
        command.SetAction(r => WithLsa(r, lsa =>
        {
            if (LoadTemplate(r.GetValue(file)!.FullName, Mode(r), out var failed) is not { } template)
            {
                return failed;
            }

            var plan = RightsPlanner.PlanImport(lsa, template, r.GetValue(all) ? null : [r.GetValue(Right)!], r.GetValue(localAnyway));
            return Carry(lsa, plan, r.GetValue(apply), Mode(r), "without --apply");
        }));
        return command;
    }

    private static Command Undo()
    {
        var all = new Option<bool>("--all") { Description = "Every rights run not undone yet, newest first." };
        var dryRun = CommonOptions.DryRun();
        var command = new Command("undo", "Reverse the last grant, revoke or import run (--all: every run) from the undo journal, each change read back; accounts must log on again.");
        command.Options.Add(all);
        command.Options.Add(dryRun);
        command.SetAction(r => WithLsa(r, lsa =>
        {
            var journal = new SettingsJournal(UndoJournal.ForCurrentUser(), JournalCommand);
            if (r.GetValue(dryRun))
            {
                var pending = journal.Pending();
                var changes = (r.GetValue(all) ? pending : pending.Take(1)).SelectMany(e => e.Rights.Reverse()).Select(c => c.Inverse()).ToList();
                return Carry(lsa, new RightsPlan(changes, pending.Count == 0 ? ["the journal holds no rights run to undo"] : [], null), apply: false, Mode(r), "--dry-run");
            }

            var outcome = new FixApplier(null, lsa, journal).Undo(r.GetValue(all));
            if (Mode(r) == OutputMode.Json)
            {
                CliJson.Write(new RightsUndoOutput(outcome.Done, outcome.Error, journal.FilePath), RightsJson.Default.RightsUndoOutput);
            }
            else
            {
                foreach (var line in outcome.Done)
                {
                    Console.Out.WriteLine(line);
                }

                Console.Out.WriteLine($"journal: {journal.FilePath}");
            }

            if (outcome.Error is not null)
            {
                ErrorOutput.Print(outcome.Error);
                return outcome.NothingToUndo ? ExitCodes.NothingToUndo : ExitCodes.For(outcome.Error.Kind);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int RunList(IAccountRights lsa, ParseResult r)
    {
        var right = r.GetValue(Right)!;
        var holders = lsa.ListHolders(right);
        if (!holders.Succeeded)
        {
            return ErrorOutput.Fail(Failure($"LSA did not list the holders of {right}.", holders.Error), Mode(r));
        }

        var gpo = lsa.GroupPolicy(right);
        var me = lsa.CurrentUser(right).ValueOr(null);
        if (Mode(r) == OutputMode.Json)
        {
            CliJson.Write(new RightsListOutput(right, holders.Value, gpo, me), RightsJson.Default.RightsListOutput);
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine($"{right} is held by:");
        if (holders.Value.Count == 0)
        {
            Console.Out.WriteLine("  nobody (LSA: STATUS_NO_MORE_ENTRIES)");
        }

        foreach (var h in holders.Value)
        {
            Console.Out.WriteLine($"  {h.Sid,-48} {h.Name ?? "(no name: the SID maps to no account)"}");
        }

        if (gpo.UnknownReason is not null)
        {
            Console.Out.WriteLine($"group policy: unknown ({gpo.UnknownReason})");
        }
        else if (gpo.Winner is { } w)
        {
            Console.Out.WriteLine($"group policy: defined by {w.GpoName ?? w.GpoId} {w.GpoId}: {(w.Accounts.Count == 0 ? "nobody" : string.Join(",", w.Accounts))} (local changes revert at the next refresh)");
        }
        else
        {
            Console.Out.WriteLine("group policy: no applied GPO defines it (local changes stay)");
        }

        if (me is not null)
        {
            Console.Out.WriteLine(me.Holds
                ? $"you ({me.User}): hold it {(me.Directly ? "directly" : "through " + string.Join(", ", me.Through))}"
                : $"you ({me.User}): do not hold it in LSA policy (as your current token's groups stand)");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Shows a plan, and when asked carries it out change by change, stopping at the first failure.</summary>
    private static int Carry(IAccountRights lsa, RightsPlan plan, bool apply, OutputMode mode, string howToPreview)
    {
        if (plan.Refusal is not null)
        {
            foreach (var note in plan.Notes)
            {
                Console.Error.WriteLine($"  note:  {note}");
            }

            return ErrorOutput.Fail(plan.Refusal, mode);
        }

        var outcomes = new List<RightsChangeOutcome>();
        LinkctlError? failure = null;
        string? journalPath = null;
        if (apply && plan.Changes.Count > 0)
        {
            // One journal run per invocation; each change is recorded before it is made.
            var journal = new SettingsJournal(UndoJournal.ForCurrentUser(), JournalCommand);
            journalPath = journal.FilePath;
            foreach (var change in plan.Changes)
            {
                var outcome = RightsApplier.Apply(lsa, change, journal);
                outcomes.Add(outcome);
                if (outcome.Error is not null)
                {
                    failure = outcome.Error;
                    break;
                }
            }
        }

        var reminder = outcomes.Any(o => o.Confirmed) ? RightsChangeOutcome.LogOnAgain : null;
        if (mode == OutputMode.Json)
        {
            CliJson.Write(new RightsChangeOutput(!apply, plan.Changes, outcomes, plan.Notes, reminder) { Journal = journalPath }, RightsJson.Default.RightsChangeOutput);
        }
        else
        {
            foreach (var note in plan.Notes)
            {
                Console.Out.WriteLine($"note: {note}");
            }

            foreach (var change in plan.Changes)
            {
                var outcome = outcomes.FirstOrDefault(o => o.Change == change);
                var state = !apply ? "would" : outcome is null ? "not done:" : outcome.Confirmed ? "done, read back:" : "FAILED:";
                Console.Out.WriteLine($"{state} {change.Describe()}");
            }

            if (plan.Changes.Count == 0)
            {
                Console.Out.WriteLine("nothing to change");
            }
            else if (!apply)
            {
                Console.Out.WriteLine($"nothing was changed ({howToPreview}).");
            }

            if (reminder is not null)
            {
                Console.Out.WriteLine(reminder);
            }

            if (outcomes.Any(o => o.Confirmed))
            {
                Console.Out.WriteLine($"recorded in the undo journal {journalPath}; `linkctl rights undo` reverses it.");
            }
        }

        if (failure is not null)
        {
            ErrorOutput.Print(failure);
            return ExitCodes.For(failure.Kind);
        }

        return ExitCodes.Ok;
    }

    private static int WithLsa(ParseResult r, Func<IAccountRights, int> run)
    {
        if (CliPlatform.Current.Windows?.Rights is not { } lsa)
        {
            return ErrorOutput.Fail(new LinkctlError(
                FailureKind.NotSupported, string.Empty,
                "'rights' applies to Windows only: user rights such as \"Create symbolic links\" are a Windows (LSA) setting.",
                "Linux and macOS let any user create symbolic links; there is no right to grant.",
                "Run it on Windows. To check an exported template here, use 'linkctl audit policy --inf FILE'."), Mode(r));
        }

        return run(lsa);
    }

    private static OutputMode Mode(ParseResult r) => Terminal.ModeFor(r.GetValue(CommonOptions.Json));

    private static LinkctlError Failure(string what, OsError error) =>
        new(RightsApplier.KindOf(error), string.Empty, what, $"LSA answered {error}.", RightsApplier.NextStepFor(error), error);

    /// <summary>
    /// Reads a security template for audit policy and rights import: the template, or null with
    /// the error reported (a file that cannot be read is said so, not a crash).
    /// </summary>
    internal static SecurityTemplate? LoadTemplate(string path, OutputMode mode, out int exitCode)
    {
        TemplateReadResult read;
        try
        {
            read = SecurityTemplate.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            var os = OsError.FromHostException(e);
            var kind = LinkClassifier.Classify(os, Platform.LinkOperation.Read);
            exitCode = ErrorOutput.Fail(new LinkctlError(kind is FailureKind.Conflict ? FailureKind.InvalidInput : kind, path,
                $"Cannot read the security template {path}.", e.Message,
                "Give the .inf file that `secedit /export /areas USER_RIGHTS /cfg FILE` wrote (or a GPO's GptTmpl.inf), and check that you may read it.", os), mode);
            return null;
        }

        if (!read.Success)
        {
            exitCode = ErrorOutput.Fail(TemplateFailure(path, read), mode);
            return null;
        }

        exitCode = ExitCodes.Ok;
        return read.Template;
    }

    internal static LinkctlError TemplateFailure(string path, TemplateReadResult read) => new(
        FailureKind.InvalidInput, path, $"{path} is not a usable security template.",
        string.Join("; ", read.Errors.Select(e => e.ToString())),
        "Fix the lines named (format: SeRightName = *S-1-5-32-544,DOMAIN\\name).");
}

internal sealed record RightsListOutput(string Right, IReadOnlyList<AccountInfo> Holders, GpoRightState GroupPolicy, CurrentUserRight? CurrentUser);

internal sealed record RightsChangeOutput(bool DryRun, IReadOnlyList<RightsChange> Planned, IReadOnlyList<RightsChangeOutcome> Outcomes, IReadOnlyList<string> Notes, string? Reminder)
{
    /// <summary>The undo journal the changes were recorded in; null when nothing was attempted.</summary>
    public string? Journal { get; init; }
}

internal sealed record RightsUndoOutput(IReadOnlyList<string> Done, LinkctlError? Error, string Journal);

internal sealed record RightsExportOutput(string File, string Content);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RightsListOutput))]
[JsonSerializable(typeof(RightsChangeOutput))]
[JsonSerializable(typeof(RightsExportOutput))]
[JsonSerializable(typeof(RightsUndoOutput))]
internal sealed partial class RightsJson : JsonSerializerContext;
