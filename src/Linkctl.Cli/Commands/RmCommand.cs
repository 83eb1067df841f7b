using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Removal;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl rm LINK</c>: remove a link and only the link.</summary>
internal sealed class RmCommand : Command
{
    private readonly Argument<string> link = new("LINK") { Description = "The link to remove. Its target is never touched; a folder link is not entered." };
    private readonly Option<bool> dryRun = CommonOptions.DryRun();

    public RmCommand()
        : base("rm", "Remove a link without touching what it points to. Refuses anything that is not a link.")
    {
        Arguments.Add(link);
        Options.Add(dryRun);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        var full = platform.Paths.GetFullPath(result.GetValue(link)!, platform.CurrentDirectory);
        var outcome = new LinkRemover(platform).Remove(full, result.GetValue(dryRun));
        if (mode == OutputMode.Json)
        {
            CliJson.Write(outcome, CliJson.Default.RemovalOutcome);
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
            return ExitCodes.For(outcome.Error.Kind);
        }

        return ExitCodes.Ok;
    }
}
