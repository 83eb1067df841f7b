using System.Text;

namespace Linkctl.Cli.Reference;

/// <summary>`linkctl` alone and `linkctl help VERB`: plain text from the command tree.</summary>
internal static class HelpText
{
    /// <summary>The verbs, one line each: what plain `linkctl` prints.</summary>
    public static string Overview(CommandReference root)
    {
        var text = new StringBuilder();
        text.Append(FirstLine(root.Description)).Append("\n\nUsage: linkctl VERB [ARGUMENTS] [OPTIONS]\n\nVerbs:\n");
        var width = root.Subcommands.Max(c => c.Words.Length);
        foreach (var verb in root.Subcommands)
        {
            text.Append("  ").Append(verb.Words.PadRight(width + 2)).Append(FirstSentence(verb.Description)).Append('\n');
        }

        text.Append("\n`linkctl help VERB` (or `linkctl VERB --help`) for a verb's options; `linkctl --version`; `linkctl completion bash|zsh|fish|pwsh`.\n");
        return text.ToString();
    }

    /// <summary>One verb in full: usage, description, operands, options with their values, sub-verbs.</summary>
    public static string Verb(CommandReference command)
    {
        var text = new StringBuilder();
        text.Append("Usage: ").Append(Usage(command)).Append("\n\n").Append(command.Description).Append('\n');
        if (command.Arguments.Count > 0)
        {
            text.Append("\nArguments:\n");
            foreach (var a in command.Arguments)
            {
                text.Append("  ").Append(a.Name).Append("\n      ").Append(a.Description).Append('\n');
            }
        }

        if (command.Subcommands.Count > 0)
        {
            text.Append("\nCommands:\n");
            foreach (var sub in command.Subcommands)
            {
                text.Append("  ").Append(sub.Path[^1]).Append("\n      ").Append(FirstSentence(sub.Description)).Append('\n');
            }
        }

        text.Append("\nOptions:\n");
        foreach (var o in command.Options)
        {
            text.Append("  ").Append(OptionSyntax(o)).Append("\n      ").Append(o.Description).Append('\n');
        }

        return text.ToString();
    }

    public static string Usage(CommandReference command)
    {
        var parts = new List<string> { "linkctl" };
        parts.AddRange(command.Path);
        if (command.Subcommands.Count > 0)
        {
            parts.Add("COMMAND");
        }

        foreach (var a in command.Arguments)
        {
            var name = a.Many ? a.Name + "..." : a.Name;
            parts.Add(a.Optional ? $"[{name}]" : name);
        }

        parts.Add("[OPTIONS]");
        return string.Join(' ', parts);
    }

    public static string OptionSyntax(OptionReference option)
    {
        var names = string.Join(", ", option.Names);
        if (!option.TakesValue)
        {
            return names;
        }

        return names + " " + (option.Values.Count > 0 ? string.Join('|', option.Values) : "VALUE");
    }

    public static string FirstLine(string text) => text.Split('\n', 2)[0];

    /// <summary>Up to the first ". " (descriptions are written as sentences), for one-line listings.</summary>
    public static string FirstSentence(string text)
    {
        var line = FirstLine(text);
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }
}
