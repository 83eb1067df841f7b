using System.CommandLine;
using Linkctl.Cli.Commands;

namespace Linkctl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("linkctl: make, inspect, find, repair and remove filesystem links, and find out why a link cannot be made.\nArguments that start with '-' go after `--`: linkctl new -- -name target");
        root.Options.Add(CommonOptions.Json);

        // One class per verb, one line each.
        root.Subcommands.Add(new NewCommand());
        root.Subcommands.Add(new ShowCommand());
        root.Subcommands.Add(new RmCommand());
        root.Subcommands.Add(new ListCommand());
        root.Subcommands.Add(new RepairCommand());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"linkctl: {error.Message}");
            }

            Console.Error.WriteLine($"  next:  run `linkctl {parsed.CommandResult.Command.Name} --help` for usage.".Replace("linkctl linkctl", "linkctl"));
            return ExitCodes.Usage;
        }

        return parsed.Invoke();
    }
}
