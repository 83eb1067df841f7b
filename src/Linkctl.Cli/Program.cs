using System.CommandLine;
using Linkctl.Cli.Commands;
using Linkctl.Errors;

namespace Linkctl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // An elevated copy started by --elevate: its settings, folder and output pipes come first.
        using var elevatedCopy = ElevatedCopy.Attach(ref args);
        var root = new RootCommand("linkctl: make, inspect, find, repair and remove filesystem links, and find out why a link cannot be made.\nArguments that start with '-' go after `--`: linkctl new -- -name target");
        root.Options.Add(CommonOptions.Json);

        // One class per verb, one line each.
        root.Subcommands.Add(new NewCommand());
        root.Subcommands.Add(new ShowCommand());
        root.Subcommands.Add(new RmCommand());
        root.Subcommands.Add(new ListCommand());
        root.Subcommands.Add(new RepairCommand());
        root.Subcommands.Add(new DoctorCommand());
        root.Subcommands.Add(new ExplainCommand());
        root.Subcommands.Add(new FixCommand());
        root.Subcommands.Add(new RightsCommand());
        root.Subcommands.Add(new AuditCommand());

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

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (PlatformNotSupportedException e)
        {
            Console.Error.WriteLine($"linkctl: this command is not available on this system.\n  why:   {e.Message}\n  next:  run linkctl on Windows or Linux (x64 or arm64).");
            return ExitCodes.Unsupported;
        }
        catch (LinkctlException e)
        {
            Output.ErrorOutput.Print(e.Error);
            return ExitCodes.For(e.Error.Kind);
        }
    }
}
