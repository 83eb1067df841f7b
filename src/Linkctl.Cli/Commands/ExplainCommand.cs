using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Diagnosis;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl explain CODE-OR-MESSAGE</c>: what an error means for links, its likely causes and fixes.</summary>
internal sealed class ExplainCommand : Command
{
    private readonly Argument<string[]> input = new("CODE-OR-MESSAGE")
    {
        Description = "A Win32 code or name (1314, ERROR_PRIVILEGE_NOT_HELD, \"WinError 1314\"), an errno name (EPERM), libuv's number (-4048), several of them, or a pasted error message (quoted, or as several words). `-` reads the text from standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public ExplainCommand()
        : base("explain", "Explain an error code or message met when making links: what it means, likely causes, and fixes. Exit 1 when the input is not known.")
    {
        Arguments.Add(input);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var words = result.GetValue(input)!;
        var text = words is ["-"] ? Console.In.ReadToEnd() : string.Join(' ', words);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ErrorOutput.Fail(new Linkctl.Errors.LinkctlError(Linkctl.Errors.FailureKind.InvalidInput, string.Empty,
                words is ["-"] ? "explain - read nothing from standard input." : "explain was given an empty text.",
                "There is no code or message to explain.",
                "Pass the code or the message: `linkctl explain 1314`, `linkctl explain \"Access is denied.\"`, or pipe a log: `some-command 2>&1 | linkctl explain -`."), mode);
        }

        var answer = Explanations.Explain(text);
        if (mode == OutputMode.Json)
        {
            CliJson.Write(answer, DiagnosisJson.Default.ExplainResult);
        }
        else
        {
            foreach (var line in Lines(answer))
            {
                Console.Out.WriteLine(line);
            }
        }

        if (!answer.Known)
        {
            var shown = text.Trim();
            Console.Error.WriteLine($"linkctl: not known: {Terminal.Visible(shown.Length > 200 ? shown[..200] + "\u2026" : shown)}");
            Console.Error.WriteLine("  why:   linkctl recognises Win32 codes and names, errno names and the messages of the errors met when making links; this input contains none of them, and linkctl does not guess.");
            Console.Error.WriteLine("  next:  paste the exact error text or code, or run `linkctl doctor` in the folder where the link goes.");
            return ExitCodes.Finding;
        }

        return ExitCodes.Ok;
    }

    internal static IEnumerable<string> Lines(ExplainResult answer)
    {
        var first = true;
        foreach (var match in answer.Matches)
        {
            if (!first)
            {
                yield return string.Empty;
            }

            first = false;
            var e = match.Explanation;
            yield return e.Title;
            if (!string.Equals(match.MatchedText, answer.Input.Trim().Trim('"', '\'', '`', ' '), StringComparison.Ordinal))
            {
                yield return $"  recognised: {Terminal.Visible(match.MatchedText)}";
            }

            yield return $"  means: {e.Meaning}";
            yield return "  likely causes, most likely first:";
            for (var i = 0; i < e.Causes.Count; i++)
            {
                yield return $"    {i + 1}. {e.Causes[i]}";
            }

            yield return "  fixes:";
            for (var i = 0; i < e.Fixes.Count; i++)
            {
                yield return $"    {i + 1}. {e.Fixes[i]}";
            }

            if (e.Source is { } source)
            {
                yield return $"  source: {source}";
            }
        }
    }
}
