using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>linkctl rm LINK...</c>: remove links and only links. Each operand is removed (or refused)
/// on its own, reported as it is done, and the exit code is the worst of them
/// (<see cref="ExitCodes.Worst"/>), so one refusal neither stops the others nor hides behind them.
/// </summary>
internal sealed class RmCommand : Command
{
    private readonly Argument<string[]> links = new("LINK")
    {
        Description = "The links to remove (several, or a glob the shell expands). Their targets are never touched; a folder link is not entered. A name starting with '-' goes after `--`. With --undo: the RUN to undo (default: the last).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<bool> dryRun = CommonOptions.DryRun();

    private readonly Option<bool> recursive = new("--recursive", "-r", "-R") { Description = "Delete each LINK as a tree (DIR), like rm -r, never following a link: links, junctions and mount points are leaves (a link's entry goes, its target is never entered; what is mounted is left and reported, with the folder it is mounted on). On a terminal it shows what it would delete and asks, unless --yes; in scripts it deletes at once. Deleted files cannot be undone." };

    private readonly Option<bool> linksOnly = new("--links-only") { Description = "Remove every link under each DIR and nothing else (no file or folder; links are never entered). Journalled: `rm --undo` puts them back." };

    private readonly Option<bool> yes = new("--yes", "-y") { Description = "With -r or --links-only: do not ask on a terminal." };

    private readonly Option<bool> verbose = new("--verbose", "-v") { Description = "With -r or --links-only: print every entry as it is removed (with --dry-run: that would be)." };

    private readonly Option<bool> undo = new("--undo") { Description = "Put back the links the last `linkctl rm` removed (or those of RUN), never over anything that holds the name now. With --dry-run: say what would be put back." };

    public RmCommand()
        : base("rm", "Remove links without touching what they point to. Refuses anything that is not a link. With several LINKs, each is reported and the exit code is the worst one (docs/exit-codes.md). Every removal is journalled: `rm --undo` puts the links back. With -r: delete whole trees without ever following a link (not journalled: deleted files cannot be undone); with --links-only: remove every link under a folder.")
    {
        Arguments.Add(links);
        Options.Add(dryRun);
        Options.Add(undo);
        Options.Add(recursive);
        Options.Add(linksOnly);
        Options.Add(yes);
        Options.Add(verbose);
        Validators.Add(result =>
        {
            var count = result.GetValue(links)?.Length ?? 0;
            var tree = result.GetValue(recursive) || result.GetValue(linksOnly);
            if (result.GetValue(recursive) && result.GetValue(linksOnly))
            {
                result.AddError("rm takes -r or --links-only, not both: -r deletes everything under DIR, --links-only only its links.");
            }
            else if (tree && result.GetValue(undo))
            {
                result.AddError("rm --undo takes no -r or --links-only: it puts back the links of the last rm run, --links-only ones too (deleted files cannot be put back).");
            }
            else if (!tree && (result.GetValue(yes) || result.GetValue(verbose)))
            {
                result.AddError("--yes and --verbose go with -r or --links-only.");
            }
            else if (result.GetValue(undo) && count > 1)
            {
                result.AddError("rm --undo takes at most one RUN (the run id printed by rm; default: the last run).");
            }
            else if (!result.GetValue(undo) && count == 0)
            {
                result.AddError("rm needs at least one LINK (or --undo).");
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        var dry = result.GetValue(dryRun);
        var operands = result.GetValue(links) ?? [];
        if (result.GetValue(undo))
        {
            return LinkUndoOutput.Run(LinkUndo.RmCommand, operands.Length == 1 ? operands[0] : null, dry, mode);
        }

        if (result.GetValue(recursive) || result.GetValue(linksOnly))
        {
            var treeMode = result.GetValue(linksOnly) ? TreeRemovalMode.LinksOnly : TreeRemovalMode.Everything;
            return RmTreeOutput.Run(operands, treeMode, dry, result.GetValue(yes), result.GetValue(verbose), mode);
        }

        // Each removal is recorded first, so that `rm --undo` can put the link back.
        var remover = new LinkRemover(platform) { Journal = dry ? null : UndoJournal.ForCurrentUser() };
        var codes = new List<int>(operands.Length);
        foreach (var operand in operands)
        {
            // The entry the shell's rm would remove: the folders on the way by their real path
            // (a/symdir/../x is x beside symdir's real folder), the last name not followed.
            var full = PhysicalPaths.Resolve(platform.Links, operand, platform.CurrentDirectory).Path;
            var outcome = remover.Remove(full, dry);
            Report(outcome, full, mode);
            codes.Add(outcome.Error is null ? ExitCodes.Ok : ExitCodes.For(outcome.Error.Kind));
        }

        var failed = codes.Count(c => c != ExitCodes.Ok);
        if (!dry && failed < operands.Length && mode != OutputMode.Json)
        {
            Console.Error.WriteLine($"linkctl: recorded as run {remover.RunId}: `linkctl rm --undo` puts the removed link(s) back");
        }

        if (operands.Length > 1 && failed > 0)
        {
            Console.Error.WriteLine(dry
                ? $"linkctl: {operands.Length - failed} of {operands.Length} would be removed; {failed} refused (see above)"
                : $"linkctl: removed {operands.Length - failed} of {operands.Length}; {failed} not removed (see above)");
        }

        return ExitCodes.Worst(codes);
    }

    private static void Report(RemovalOutcome outcome, string full, OutputMode mode)
    {
        if (mode == OutputMode.Json)
        {
            // One object per operand, one per line (JSON Lines): with a single operand that is one JSON document.
            CliJson.WriteLine(outcome, CliJson.Default.RemovalOutcome);
        }
        else if (outcome.Error is null)
        {
            var kind = ShowCommand.Lines(outcome.Link!).First(l => l.Key == "kind").Value;
            var target = outcome.Link!.StoredTarget is { } t ? $" (target {Terminal.Visible(t)} is not touched)" : string.Empty;
            Console.Out.WriteLine(outcome.DryRun
                ? $"Would remove {kind}: {Terminal.Visible(full)}{target}"
                : $"Removed {kind}: {Terminal.Visible(full)}{target}");
        }

        if (outcome.Error is not null)
        {
            ErrorOutput.Print(outcome.Error);
        }

        if (mode != OutputMode.Json)
        {
            ReportStale(outcome.StaleTemporaries);
        }
    }

    /// <summary>On stderr: the temporary names killed runs had left in a folder acted in, removed (provably ours) or left, and why.</summary>
    internal static void ReportStale(IReadOnlyList<StaleTemporary> stale)
    {
        foreach (var s in stale)
        {
            Console.Error.WriteLine(s.Removed
                ? $"linkctl: removed {Terminal.Visible(s.Path)}, a temporary name an earlier run left: {s.Reason}"
                : $"linkctl: left {Terminal.Visible(s.Path)} alone (a temporary name an earlier run left?): {s.Reason}");
        }
    }
}
