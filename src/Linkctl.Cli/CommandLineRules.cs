using System.CommandLine;
using System.CommandLine.Parsing;
using Linkctl.Errors;

namespace Linkctl.Cli;

/// <summary>
/// The rules System.CommandLine does not enforce by itself. It takes a token that starts with a
/// dash but names no option as an operand, so `linkctl new --forse x` would make a link called
/// "--forse" and `linkctl rm -rf` would remove one called "-rf". Here such a token is a usage
/// error unless it comes after `--` (the POSIX end of options, README "Scripts").
/// </summary>
internal static class CommandLineRules
{
    /// <summary>
    /// Parser settings for every run: no response files. System.CommandLine would otherwise read
    /// the file "types" for the operand "@types" (npm's scoped folders are named like that).
    /// No POSIX bundling either: with it, `-rf` is read as `-r f` (an argument after a bundle goes to its
    /// last option, and a word -r cannot take becomes an operand), so `linkctl rm -rf DIR` would delete
    /// a tree named "f" as well as DIR. Without bundling `-rf` is one unknown option (exit 2), and `-rv`
    /// must be written `-r -v`.
    /// </summary>
    public static ParserConfiguration Parser { get; } = new() { ResponseFileTokenReplacer = null, EnablePosixBundling = false };

    /// <summary>An operand before `--` that looks like an option, with the command it was given to; null when none.</summary>
    public static (string Token, Command Command)? OptionLikeOperand(ParseResult parsed)
    {
        var beforeDoubleDash = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                break;
            }

            beforeDoubleDash.Add(token);
        }

        // A word the parser could place nowhere ("linkctl show x --bogus"): the same mistake.
        var beforeValues = beforeDoubleDash.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        if (parsed.UnmatchedTokens.FirstOrDefault(t => LooksLikeOption(t) && beforeValues.Contains(t)) is { } unmatched)
        {
            return (unmatched, parsed.CommandResult.Command);
        }

        for (SymbolResult? result = parsed.CommandResult; result is not null; result = result.Parent)
        {
            if (result is not CommandResult command)
            {
                continue;
            }

            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                foreach (var token in argument.Tokens)
                {
                    if (beforeDoubleDash.Contains(token) && LooksLikeOption(token.Value))
                    {
                        return (token.Value, command.Command);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A dash and something more, without spaces: "-rf", "--forse", "-x=1". Not "-" (standard
    /// input), not a negative number ("-4048", libuv's EPERM, for explain), not a pasted message
    /// with spaces in it ("-bash: ln: ...", quoted).
    /// </summary>
    public static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-'
        && !value.Any(char.IsWhiteSpace)
        && !(value.Length > 1 && value[1..].All(char.IsAsciiDigit));

    /// <summary>The usage error for <see cref="OptionLikeOperand"/>: what, why (the nearest option when one is close) and how to pass such a name.</summary>
    public static LinkctlError UnknownOption(string token, Command command)
    {
        var name = CommandPath(command);
        var why = Closest(token, command) is { } guess
            ? $"`{name}` has no such option; did you mean {guess}?"
            : $"`{name}` has no such option, and linkctl does not take a word starting with '-' as a name unless told to.";
        return new LinkctlError(FailureKind.InvalidInput, string.Empty,
            $"unknown option '{token}' for `{name}`",
            why,
            $"a name that starts with '-' goes after `--`: {name} -- {token}; options: `{name} --help`");
    }

    /// <summary>
    /// What people coming from other tools type for linkctl's verbs. Edit distance alone does not
    /// find `ls` -> list (two edits in four letters) or `ln` -> new.
    /// </summary>
    private static readonly Dictionary<string, string> VerbSynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ls"] = "list", ["find"] = "list", ["scan"] = "list",
        ["ln"] = "new", ["mklink"] = "new", ["make"] = "new", ["create"] = "new", ["add"] = "new",
        ["del"] = "rm", ["delete"] = "rm", ["remove"] = "rm", ["unlink"] = "rm", ["rmdir"] = "rm",
        ["stat"] = "show", ["info"] = "show", ["readlink"] = "show", ["inspect"] = "show",
        ["check"] = "doctor", ["diagnose"] = "doctor", ["why"] = "doctor",
    };

    /// <summary>
    /// A word where a verb belongs that names none (`linkctl ls`, `linkctl audit link`): a usage
    /// error that names the closest verb; null when the parse found a verb or the word is an option.
    /// </summary>
    public static LinkctlError? UnknownVerb(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command.Subcommands.Count == 0 || command.Arguments.Count > 0 || parsed.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var word = parsed.UnmatchedTokens[0];
        if (LooksLikeOption(word))
        {
            return null;
        }

        var verbs = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var name = CommandPath(command);
        var guess = ClosestVerb(word, verbs);
        return new LinkctlError(FailureKind.InvalidInput, string.Empty,
            $"unknown command '{word}' for `{name}`",
            guess is null ? $"`{name}` has no such command." : $"`{name}` has no such command; did you mean `{name} {guess}`?",
            $"commands: {string.Join(", ", verbs)}; `{name} --help` for usage.");
    }

    /// <summary>The verb nearest to <paramref name="word"/>: a synonym, a unique prefix, or at most two edits away (fewer than half its letters).</summary>
    internal static string? ClosestVerb(string word, IReadOnlyList<string> verbs)
    {
        if (VerbSynonyms.TryGetValue(word, out var synonym) && verbs.Contains(synonym))
        {
            return synonym;
        }

        var prefixed = verbs.Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var verb in verbs)
        {
            var distance = Distance(word.ToLowerInvariant(), verb);
            if (distance < bestDistance && distance <= 2 && distance * 2 < Math.Max(verb.Length, word.Length))
            {
                (best, bestDistance) = (verb, distance);
            }
        }

        return best;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', ["linkctl", .. names]);
    }

    /// <summary>The command's option nearest to a typo (at most two edits, and fewer than half its letters); null when none is that near.</summary>
    private static string? Closest(string token, Command command)
    {
        var typed = token.Split('=', 2)[0];
        var options = command.Options.Where(o => !o.Hidden)
            .Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive && !o.Hidden)));
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var option in options)
        {
            foreach (var name in option.Aliases.Prepend(option.Name))
            {
                var distance = Distance(typed, name);
                if (distance < bestDistance && distance <= 2 && distance * 2 < name.Length)
                {
                    (best, bestDistance) = (name, distance);
                }
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
