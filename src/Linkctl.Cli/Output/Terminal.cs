using Spectre.Console;

namespace Linkctl.Cli.Output;

/// <summary>Decides between rich and plain output, and gives the console to write rich output to.</summary>
public static class Terminal
{
    public static OutputMode ModeFor(bool json) =>
        json ? OutputMode.Json
        : Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb" ? OutputMode.Plain
        : OutputMode.Terminal;

    /// <summary>True when colour is wanted: a terminal, and NO_COLOR (https://no-color.org) not set.</summary>
    public static bool Colour => !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>True when stderr is a terminal, so that a progress line may be drawn on it.</summary>
    public static bool ProgressAllowed => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    private static IAnsiConsole? rich;

    public static IAnsiConsole Rich => rich ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = Colour ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(Console.Out),
    });

    /// <summary>Escapes text for Spectre markup: paths may contain '[' and ']'.</summary>
    public static string Escape(string text) => Markup.Escape(text);

    /// <summary>
    /// Shows a name so that nothing in it can break a line-oriented reader or a terminal:
    /// control characters (a newline in a file name) and unpaired UTF-16 surrogates are written as escapes.
    /// </summary>
    public static string Visible(string text)
    {
        if (!text.Any(char.IsControl) && !Linkctl.Scanning.RawPath.HasUnpairedSurrogate(text))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",

                // On Unix a lone U+DC80..U+DCFF is a byte that is not UTF-8 (surrogateescape,
                // RawPath.ToOsText): shown as that byte, as `ls -b` does.
                _ when !OperatingSystem.IsWindows() && c is >= '\uDC80' and <= '\uDCFF' => $"\\x{c - 0xDC00:x2}",

                // An unpaired surrogate (legal in a Windows name) cannot be printed: the console's
                // UTF-8 would show U+FFFD, another name. Its code unit names it exactly.
                _ when char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
