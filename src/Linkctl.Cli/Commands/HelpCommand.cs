using System.CommandLine;
using System.Reflection;
using Linkctl.Cli.Output;
using Linkctl.Cli.Reference;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl help [VERB...]</c> and <c>linkctl help --man</c>: a verb's reference, or linkctl(1), from the command tree.</summary>
internal sealed class HelpCommand : Command
{
    private readonly Argument<string[]> verb = new("VERB") { Description = "The verb (and sub-verb: help audit links) to describe; none: the overview.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> man = new("--man") { Description = "Print the whole reference as a man page (roff): linkctl help --man > linkctl.1" };

    public HelpCommand()
        : base("help", "Describe a verb: usage, arguments, options and their values. --man prints the man page.")
    {
        Arguments.Add(verb);
        Options.Add(man);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var root = CommandReference.Of(result.RootCommandResult.Command);
        if (result.GetValue(man))
        {
            Console.Out.Write(ManPage.Render(root, Version));
            return ExitCodes.Ok;
        }

        var words = result.GetValue(verb) ?? [];
        if (words.Length == 0)
        {
            Console.Out.Write(HelpText.Overview(root));
            return ExitCodes.Ok;
        }

        if (root.Find(words) is not { } command)
        {
            var guess = CommandLineRules.ClosestVerb(words[0], [.. root.Subcommands.Select(c => c.Path[^1])]);
            return ErrorOutput.Usage(
                $"no verb `{string.Join(' ', words)}`" + (guess is null ? string.Empty : $"; did you mean `{guess}`?"),
                "run `linkctl` for the list of verbs.",
                Terminal.ModeFor(result.GetValue(CommonOptions.Json)));
        }

        Console.Out.Write(HelpText.Verb(command));
        return ExitCodes.Ok;
    }

    /// <summary>The version --version prints: git tag version and commit (MinVer and Source Link, Directory.Build.props).</summary>
    internal static string Version =>
        typeof(HelpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
