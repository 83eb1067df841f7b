using System.CommandLine;
using System.CommandLine.Completions;

namespace Linkctl.Cli.Reference;

/// <summary>One option as completion scripts, the man page and `linkctl help` show it.</summary>
/// <param name="Names">The name first, then its aliases (`--kind`, `-k`).</param>
/// <param name="TakesValue">Whether a value follows it (every option but a switch).</param>
/// <param name="Values">The only values it accepts, when it has such a list (`--kind symbolic|junction|hard`).</param>
internal sealed record OptionReference(IReadOnlyList<string> Names, string Description, bool TakesValue, IReadOnlyList<string> Values);

/// <summary>One operand (LINK, TARGET, ROOT...).</summary>
/// <param name="Values">The only values it accepts, when it has such a list (completion's SHELL).</param>
internal sealed record ArgumentReference(string Name, string Description, bool Many, bool Optional, IReadOnlyList<string> Values);

/// <summary>
/// A verb (or a verb's sub-verb, `audit links`) with what it takes. Built from the System.CommandLine
/// tree the parser itself uses, so completion, the man page and `help VERB` cannot drift from
/// the options linkctl really accepts.
/// </summary>
internal sealed record CommandReference(
    IReadOnlyList<string> Path,
    string Description,
    IReadOnlyList<OptionReference> Options,
    IReadOnlyList<ArgumentReference> Arguments,
    IReadOnlyList<CommandReference> Subcommands)
{
    /// <summary>The words after `linkctl` that name this command: "audit links".</summary>
    public string Words => string.Join(' ', Path);

    /// <summary>This command and every command below it, parents first.</summary>
    public IEnumerable<CommandReference> SelfAndDescendants()
    {
        yield return this;
        foreach (var sub in Subcommands)
        {
            foreach (var c in sub.SelfAndDescendants())
            {
                yield return c;
            }
        }
    }

    /// <summary>The command named by <paramref name="words"/> (`["audit", "links"]`), or null.</summary>
    public CommandReference? Find(IReadOnlyList<string> words)
    {
        var current = this;
        foreach (var word in words)
        {
            current = current.Subcommands.FirstOrDefault(s => s.Path[^1] == word);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static CommandReference Of(Command root) => Of(root, [], []);

    private static CommandReference Of(Command command, IReadOnlyList<string> path, IReadOnlyList<Option> inherited)
    {
        // Recursive options (--json, and System.CommandLine's own --help on the root) are given to every verb below the one that declares them.
        var options = inherited.Concat(command.Options).Where(o => !o.Hidden).ToList();
        var passedOn = inherited.Concat(command.Options.Where(o => o.Recursive)).ToList();
        return new CommandReference(
            path,
            command.Description ?? string.Empty,
            [.. options.Select(OptionOf)],
            [.. command.Arguments.Where(a => !a.Hidden).Select(a => new ArgumentReference(a.Name, a.Description ?? string.Empty, a.Arity.MaximumNumberOfValues > 1, a.Arity.MinimumNumberOfValues == 0, [.. a.GetCompletions(CompletionContext.Empty).Select(c => c.Label)]))],
            [.. command.Subcommands.Where(c => !c.Hidden).Select(c => Of(c, [.. path, c.Name], passedOn))]);
    }

    private static OptionReference OptionOf(Option option)
    {
        // --help has arity zero though its value type is not bool.
        var takesValue = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
        // The completions System.CommandLine itself would offer: AcceptOnlyFromAmong's list, an enum's names.
        var values = takesValue
            ? option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList()
            : [];
        // Only the POSIX spellings: System.CommandLine also accepts -? and /? for help, which no shell completes.
        var aliases = option.Aliases.Where(a => a.StartsWith('-') && a != "-?").Order(StringComparer.Ordinal);
        return new OptionReference([option.Name, .. aliases], option.Description ?? string.Empty, takesValue, values);
    }
}
