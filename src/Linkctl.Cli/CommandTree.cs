using System.CommandLine;
using Linkctl.Cli.Commands;

namespace Linkctl.Cli;

/// <summary>
/// linkctl's verbs and options: the one tree the parser, the completion scripts, the man page and
/// `linkctl help` are all made from.
/// </summary>
internal static class CommandTree
{
    public static RootCommand Build()
    {
        var root = new RootCommand("linkctl: make, inspect, find, repair and remove filesystem links, and find out why a link cannot be made.\nArguments that start with '-' go after `--`: linkctl new -- -name target");
        root.Options.Add(CommonOptions.Json);

        // One class per verb, one line each.
        root.Subcommands.Add(new NewCommand());
        root.Subcommands.Add(new ShowCommand());
        root.Subcommands.Add(new RmCommand());
        root.Subcommands.Add(new ListCommand());
        root.Subcommands.Add(new CopyCommand());
        root.Subcommands.Add(new MoveCommand());
        root.Subcommands.Add(new RepairCommand());
        root.Subcommands.Add(new DoctorCommand());
        root.Subcommands.Add(new ExplainCommand());
        root.Subcommands.Add(new FixCommand());
        root.Subcommands.Add(new RightsCommand());
        root.Subcommands.Add(new AuditCommand());
        root.Subcommands.Add(new HelpCommand());
        root.Subcommands.Add(new CompletionCommand());

        // Plain `linkctl`: the verbs in one screen, not a usage error.
        root.SetAction(result =>
        {
            Console.Out.Write(Reference.HelpText.Overview(Reference.CommandReference.Of(result.RootCommandResult.Command)));
            return ExitCodes.Ok;
        });
        return root;
    }
}
