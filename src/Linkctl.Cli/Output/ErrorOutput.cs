using Linkctl.Errors;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// The one writer of failures for every verb: a <see cref="LinkctlError"/> on stderr for people,
/// and with --json also the documented <c>{"error": {...}}</c> object on stdout for scripts
/// (one line in the JSON Lines output of list and repair), with the exit code that goes with it.
/// </summary>
public static class ErrorOutput
{
    public static void Print(LinkctlError error)
    {
        var stderr = Console.Error;
        stderr.WriteLine($"linkctl: {Terminal.Visible(error.What)}");
        if (error.OsError is { } os)
        {
            stderr.WriteLine($"  error: {os.Name} ({os.Code}): {os.Message}");
        }

        if (error.Why.Length > 0)
        {
            stderr.WriteLine($"  why:   {Terminal.Visible(error.Why)}");
        }

        if (error.Next.Length > 0)
        {
            stderr.WriteLine($"  next:  {Terminal.Visible(error.Next)}");
        }
    }

    /// <summary>Reports an error the way the mode asks and returns its exit code.</summary>
    public static int Fail(LinkctlError error, OutputMode mode) => Fail(error, mode, ExitCodes.For(error.Kind));

    /// <summary>As <see cref="Fail(LinkctlError, OutputMode)"/>, with an exit code the verb chose (a walk's problems, a volume failure).</summary>
    public static int Fail(LinkctlError error, OutputMode mode, int exitCode, bool jsonLines = false)
    {
        if (mode == OutputMode.Json)
        {
            try
            {
                if (jsonLines)
                {
                    CliJson.WriteLine(new ErrorEnvelope(error), CliJson.Default.ErrorEnvelope);
                }
                else
                {
                    CliJson.Write(new ErrorEnvelope(error), CliJson.Default.ErrorEnvelope);
                }
            }
            catch (IOException)
            {
                // Standard output itself is what failed (a full disk, a closed pipe): stderr still tells.
            }
        }

        Print(error);
        return exitCode;
    }

    /// <summary>A bad command line: what is wrong and what to type instead (exit 2).</summary>
    public static int Usage(string what, string next, OutputMode mode, bool jsonLines = false) =>
        Fail(new LinkctlError(FailureKind.InvalidInput, string.Empty, what, "The command line is not one linkctl accepts.", next), mode, ExitCodes.Usage, jsonLines);

    /// <summary>
    /// The error that stands for a walk that could not read everything: the failure kind they
    /// share, the first one's path and OS error, and how many there were.
    /// </summary>
    public static LinkctlError ForProblems(IReadOnlyCollection<ScanProblem> problems, string verb)
    {
        var first = problems.First();
        var kind = ExitCodes.KindOf(problems);
        var what = problems.Count == 1
            ? $"{first.What} {RawPath.Escape(first.Path)}: the {verb} is incomplete."
            : $"{problems.Count} paths could not be read (the first: {first.What} {RawPath.Escape(first.Path)}): the {verb} is incomplete.";
        var why = kind switch
        {
            FailureKind.AccessDenied => "The OS refused access to them.",
            FailureKind.NotFound => "They do not exist.",
            _ => "The OS reported errors reading them (each is named on stderr).",
        };
        return new LinkctlError(kind, first.PathText, what, why, "Check the paths and that you may read them; everything else was done.", first.Error);
    }

    /// <summary>
    /// What an exception nobody expected becomes: an error in the what/why/next form, exit 8, never
    /// a crash (the top-level handler in Program).
    /// </summary>
    public static LinkctlError Unexpected(Exception exception) => new(
        FailureKind.Other,
        string.Empty,
        $"linkctl stopped on an error it did not expect: {exception.GetType().Name}: {exception.Message}",
        "This is a gap in linkctl: the OS or the input answered in a way it has no handling for yet. Nothing further was changed.",
        "Run the command again to see whether it repeats; if it does, report it with the command line and this message.");
}
