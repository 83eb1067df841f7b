using Linkctl.Errors;

namespace Linkctl.Cli.Output;

/// <summary>Prints a <see cref="LinkctlError"/>: on stderr for people, inside the JSON for scripts.</summary>
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
    public static int Fail(LinkctlError error, OutputMode mode)
    {
        if (mode == OutputMode.Json)
        {
            CliJson.Write(new ErrorEnvelope(error), CliJson.Default.ErrorEnvelope);
        }

        Print(error);
        return ExitCodes.For(error.Kind);
    }
}
