using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Creation;
using Linkctl.Journal;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl new LINK TARGET</c>: make a link the way the user meant, in mklink's order.</summary>
internal sealed class NewCommand : Command
{
    private readonly Argument<string> link = new("LINK") { Description = "The new link's path (mklink's order: LINK first, then TARGET). With --undo: the RUN to undo (default: the last).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Argument<string> target = new("TARGET") { Description = "What the link points to. A relative TARGET is resolved against LINK's folder, as the OS resolves it.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> kind = new("--kind", "-k") { Description = "symbolic (default), junction (Windows folders) or hard (files on the same volume).", DefaultValueFactory = _ => "symbolic" };
    private readonly Option<string> fallback = new("--fallback") { Description = "When a symbolic link is refused: auto (junction for a local folder, hard link for a same-volume file), copy, or none.", DefaultValueFactory = _ => "auto" };
    private readonly Option<bool> strict = new("--strict") { Description = "Fail instead of falling back (same as --fallback none)." };
    private readonly Option<bool> absolute = new("--absolute") { Description = "Store the target as an absolute path." };
    private readonly Option<bool> relative = new("--relative") { Description = "Store the target relative to LINK's folder." };
    private readonly Option<bool> allowMissing = new("--allow-missing") { Description = "Make the link although TARGET does not exist (needs --file or --dir)." };
    private readonly Option<bool> dir = new("--dir") { Description = "TARGET is (or will be) a folder." };
    private readonly Option<bool> file = new("--file") { Description = "TARGET is (or will be) a file." };
    private readonly Option<bool> force = new("--force", "-f") { Description = "Replace an existing LINK atomically, only if it is a link (never a file or folder with data)." };
    private readonly Option<bool> dryRun = CommonOptions.DryRun();
    private readonly Option<bool> undo = new("--undo") { Description = "Put back the link the last `new --force` replaced (or those of RUN); the new link is removed only while it is still the one made. With --dry-run: say what would be put back." };

    public NewCommand()
        : base("new", "Make a link: LINK TARGET (mklink's order). File or folder is decided from the target.")
    {
        kind.AcceptOnlyFromAmong("symbolic", "junction", "hard");
        fallback.AcceptOnlyFromAmong("auto", "copy", "none");
        Arguments.Add(link);
        Arguments.Add(target);
        foreach (var option in new Option[] { kind, fallback, strict, absolute, relative, allowMissing, dir, file, force, dryRun, undo })
        {
            Options.Add(option);
        }

        Validators.Add(result =>
        {
            if (result.GetValue(undo))
            {
                if (result.GetValue(target) is not null)
                {
                    result.AddError("new --undo takes at most one RUN (the run id printed by new --force; default: the last run), no TARGET.");
                }

                return;
            }

            if (result.GetValue(link) is null || result.GetValue(target) is null)
            {
                result.AddError("new needs LINK and TARGET (mklink's order: linkctl new LINK TARGET), or --undo.");
            }

            if (result.GetValue(absolute) && result.GetValue(relative))
            {
                result.AddError("--absolute and --relative cannot be used together.");
            }

            if (result.GetValue(dir) && result.GetValue(file))
            {
                result.AddError("--dir and --file cannot be used together.");
            }

            if (result.GetValue(strict) && result.GetValue(fallback) is "copy")
            {
                result.AddError("--strict and --fallback copy contradict each other.");
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        if (result.GetValue(undo))
        {
            return LinkUndoOutput.Run(LinkUndo.NewCommand, result.GetValue(link), result.GetValue(dryRun), mode);
        }

        var request = new LinkRequest(result.GetValue(link)!, result.GetValue(target)!)
        {
            Kind = result.GetValue(kind) switch
            {
                "junction" => RequestedKind.Junction,
                "hard" => RequestedKind.Hard,
                _ => RequestedKind.Symbolic,
            },
            Fallback = result.GetValue(strict) ? FallbackPolicy.None : result.GetValue(fallback) switch
            {
                "copy" => FallbackPolicy.Copy,
                "none" => FallbackPolicy.None,
                _ => FallbackPolicy.Auto,
            },
            Form = result.GetValue(absolute) ? TargetForm.Absolute : result.GetValue(relative) ? TargetForm.Relative : TargetForm.AsGiven,
            TargetType = result.GetValue(dir) ? TargetTypeHint.Directory : result.GetValue(file) ? TargetTypeHint.File : TargetTypeHint.Auto,
            AllowMissing = result.GetValue(allowMissing),
            Force = result.GetValue(force),
        };

        var platform = CliPlatform.Current;

        // Whether this window is elevated decides one warning: a junction made otherwise is not
        // trusted by Redirection Guard.
        // A link that --force replaces is recorded first, so that `new --undo` can put it back.
        var maker = new LinkMaker(platform)
        {
            CallerElevated = platform.Windows?.Token.Read().Elevated,
            Journal = request.Force && !result.GetValue(dryRun) ? UndoJournal.ForCurrentUser() : null,
        };
        var outcome = maker.Make(request, result.GetValue(dryRun));
        if (mode == OutputMode.Json)
        {
            CliJson.Write(outcome, CliJson.Default.CreationOutcome);
        }
        else if (outcome.Error is null)
        {
            WriteHuman(outcome);
        }

        if (outcome.Error is not null)
        {
            ErrorOutput.Print(outcome.Error);
            return ExitCodes.For(outcome.Error.Kind);
        }

        if (outcome.Replaced && maker.Journal is not null && mode != OutputMode.Json)
        {
            Console.Error.WriteLine($"linkctl: recorded as run {maker.RunId}: `linkctl new --undo` puts the replaced link back");
        }

        return outcome.Result == CreationResult.CreatedFallback ? ExitCodes.Fallback : ExitCodes.Ok;
    }

    private static void WriteHuman(CreationOutcome outcome)
    {
        var plan = outcome.Plan!;
        var what = Describe(plan);
        var line = $"{Terminal.Visible(plan.LinkPath)} -> {Terminal.Visible(plan.StoredTarget)}";
        var verb = outcome.Result switch
        {
            CreationResult.WouldCreate => outcome.Replaced ? $"Would replace the existing link with a {what}:" : $"Would create a {what}:",
            CreationResult.CreatedFallback => $"Made a {what} instead of a {Requested(outcome.Requested)}:",
            _ => outcome.Replaced ? $"Replaced the link with a {what}:" : $"Created a {what}:",
        };
        Console.Out.WriteLine($"{verb} {line}");
        if (outcome.Result == CreationResult.CreatedFallback && outcome.FallbackReason is { } why)
        {
            Console.Out.WriteLine($"  why: {why.What} {why.OsError}");
            Console.Out.WriteLine($"       {why.Why}");
            Console.Out.WriteLine($"  note: {FallbackNote(plan.Kind)}");
            Console.Out.WriteLine("  Use --strict to fail instead, or fix the cause: `linkctl doctor`.");
        }
        else if (outcome.Result != CreationResult.WouldCreate)
        {
            Console.Out.WriteLine("  Read back: the link exists and points where asked.");
        }

        foreach (var warning in outcome.Warnings)
        {
            Console.Out.WriteLine($"  warning: {warning}");
        }
    }

    private static string Describe(CreationPlan plan) => plan.Kind switch
    {
        MadeKind.SymbolicLink => plan.IsDirectory ? "symbolic link to a folder" : "symbolic link to a file",
        MadeKind.Junction => "junction",
        MadeKind.HardLink => "hard link",
        _ => plan.IsDirectory ? "copy of the folder" : "copy of the file",
    };

    private static string Requested(RequestedKind kind) => kind switch
    {
        RequestedKind.Symbolic => "symbolic link",
        RequestedKind.Junction => "junction",
        _ => "hard link",
    };

    private static string FallbackNote(MadeKind kind) => kind switch
    {
        MadeKind.Junction => "a junction works like a folder link for local folders; it stores an absolute path and cannot point to a network share.",
        MadeKind.HardLink => "a hard link is a second name of the same file: editors that save by replacing the file break the link.",
        _ => "a copy does not follow later changes to the target.",
    };
}
