using System.CommandLine;
using Linkctl.Cli.Arguments;
using Linkctl.Cli.Commands;
using Linkctl.Cli.Output;
using Linkctl.Errors;

namespace Linkctl.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // Names that are not UTF-8 (Linux): the bytes typed, not the runtime's U+FFFD.
        args = RawArguments.Recover(args);

        // An elevated copy started by --elevate: its settings, folder and output pipes come first.
        using var elevatedCopy = ElevatedCopy.Attach(ref args);
        var root = CommandTree.Build();

        // The one top-level handler: whatever happens below, the user gets a what/why/next error
        // and a documented exit code (with --json, also the JSON error on stdout), never a crash.
        var mode = Terminal.ModeFor(WantsJson(args));
        try
        {
            var parsed = root.Parse(args, CommandLineRules.Parser);

            // First: a mistyped option taken for an operand also causes the parser's own errors
            // ("required argument missing"), which would not name it.
            if (CommandLineRules.OptionLikeOperand(parsed) is { } unknown)
            {
                return ErrorOutput.Fail(CommandLineRules.UnknownOption(unknown.Token, unknown.Command), mode, ExitCodes.Usage);
            }

            // `linkctl ls`: the verb people meant, not the parser's "unrecognized command".
            if (CommandLineRules.UnknownVerb(parsed) is { } verbError)
            {
                return ErrorOutput.Fail(verbError, mode, ExitCodes.Usage);
            }

            if (parsed.Errors.Count > 0)
            {
                var command = parsed.CommandResult.Command.Name;
                var help = command == root.Name ? "linkctl --help" : $"linkctl {command} --help";
                return ErrorOutput.Usage(string.Join(" ", parsed.Errors.Select(e => e.Message)), $"run `{help}` for usage.", mode);
            }

            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (PlatformNotSupportedException e)
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, string.Empty, "This command is not available on this system.", e.Message, "Run linkctl on Windows or Linux (x64 or arm64)."), mode);
        }
        catch (LinkctlException e)
        {
            return ErrorOutput.Fail(e.Error, mode);
        }
        catch (Exception e) when (e is IOException { HResult: 32 } || (e is IOException && e.Message.Contains("pipe", StringComparison.OrdinalIgnoreCase)))
        {
            // The reader went away (| head): stop quietly, as find does.
            return ExitCodes.Ok;
        }
        catch (Exception e)
        {
            return ErrorOutput.Fail(ErrorOutput.Unexpected(e), mode, ExitCodes.OsError);
        }
    }

    /// <summary>Whether --json was given before any `--` (after it every token is an argument), known before parsing can fail.</summary>
    private static bool WantsJson(string[] args)
    {
        foreach (var a in args)
        {
            if (a == "--")
            {
                return false;
            }

            if (a == CommonOptions.Json.Name)
            {
                return true;
            }
        }

        return false;
    }
}
