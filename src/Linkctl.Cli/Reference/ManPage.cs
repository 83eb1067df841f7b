using System.Text;

namespace Linkctl.Cli.Reference;

/// <summary>linkctl(1) in roff (man-pages(7) layout), made from the command tree: `linkctl help --man`.</summary>
internal static class ManPage
{
    public static string Render(CommandReference root, string version)
    {
        var man = new StringBuilder();
        man.Append(".TH LINKCTL 1 \"\" \"linkctl ").Append(Escape(version)).Append("\" \"User Commands\"\n");
        man.Append(".SH NAME\nlinkctl \\- ").Append(Escape(HelpText.FirstLine(root.Description).Replace("linkctl: ", string.Empty, StringComparison.Ordinal))).Append('\n');
        man.Append(".SH SYNOPSIS\n.B linkctl\n.I VERB\n[\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]\n");
        man.Append(".SH DESCRIPTION\n").Append(Escape(root.Description)).Append('\n');
        man.Append(".SH GLOBAL OPTIONS\n");
        Options(man, root.Options);
        man.Append(".SH COMMANDS\n");
        foreach (var command in root.SelfAndDescendants().Skip(1))
        {
            man.Append(".SS \"").Append(Escape(HelpText.Usage(command))).Append("\"\n").Append(Escape(command.Description)).Append('\n');
            foreach (var a in command.Arguments)
            {
                man.Append(".TP\n.I ").Append(Escape(a.Name)).Append('\n').Append(Escape(a.Description)).Append('\n');
            }

            // Options every verb has (--json, --help) are under GLOBAL OPTIONS.
            Options(man, command.Options.Where(o => !root.Options.Any(g => g.Names[0] == o.Names[0])));
        }

        man.Append(".SH EXIT STATUS\n0 success; 2 usage error; the other codes: docs/exit-codes.md in the linkctl repository.\n");
        man.Append(".SH SEE ALSO\n.BR ln (1),\n.BR readlink (1),\n.BR find (1),\n.BR symlinks (8)\n");
        return man.ToString();
    }

    private static void Options(StringBuilder man, IEnumerable<OptionReference> options)
    {
        foreach (var o in options)
        {
            man.Append(".TP\n.B ").Append(Escape(HelpText.OptionSyntax(o))).Append('\n').Append(Escape(o.Description)).Append('\n');
        }
    }

    /// <summary>Roff-safe text: backslashes and hyphens escaped, no line starting with a control character ('.' or ''').</summary>
    internal static string Escape(string text)
    {
        var escaped = text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
        return string.Join('\n', escaped.Split('\n').Select(line => line.StartsWith('.') || line.StartsWith('\'') ? "\\&" + line : line));
    }
}
