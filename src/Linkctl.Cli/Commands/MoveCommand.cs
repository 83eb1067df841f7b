using System.CommandLine;
using System.Text.Json.Serialization;
using Linkctl.Cli.Output;
using Linkctl.Journal;
using Linkctl.Moving;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>linkctl move SRC DEST</c>: move a folder (same file system: one rename; another: copy, verify, swap)
/// and leave a link at SRC (<see cref="FolderMover"/>); <c>--resume</c> finishes and <c>--undo</c> rolls back
/// the latest move from its journal (docs/journal.md, "move").
/// </summary>
internal sealed class MoveCommand : Command
{
    private readonly Argument<string?> source = new("SRC") { Description = "The folder to move. A link to DEST is left in its place.", Arity = ArgumentArity.ZeroOrOne };

    private readonly Argument<string?> destination = new("DEST") { Description = "Where the folder goes: it must not exist (its parent must); an existing folder, even an empty one, is refused.", Arity = ArgumentArity.ZeroOrOne };

    private readonly Option<string> verify = new("--verify")
    {
        Description = "How a copy to another file system is checked before SRC is touched: full (names, kinds, link texts, sizes and a SHA-256 of every file; the default) or size (the same without reading the data again).",
        DefaultValueFactory = _ => "full",
    };

    private readonly Option<bool> resume = new("--resume") { Description = "Finish the latest move (or undo) that was stopped (a kill, a power cut, a full disk), from its journal." };

    private readonly Option<bool> undo = new("--undo") { Description = "Roll back the latest move: an unfinished one where it stopped; a finished one by moving the folder back and removing the link it made." };

    private readonly Option<bool> dryRun = CommonOptions.DryRun();

    public MoveCommand()
        : base("move", "Move a folder to DEST and leave a link at SRC so that programs still find it. One file system: one rename. Another: copy, verify, rename into place, set SRC aside, link, remove the set-aside tree; every step journalled first, so --resume finishes and --undo rolls back after a crash. Refuses system folders, a DEST that exists, and too little free space. Linux only so far.")
    {
        Arguments.Add(source);
        Arguments.Add(destination);
        Options.Add(verify);
        Options.Add(resume);
        Options.Add(undo);
        Options.Add(dryRun);
        verify.AcceptOnlyFromAmong("full", "size");
        Validators.Add(result =>
        {
            var journalled = result.GetValue(resume) || result.GetValue(undo);
            var given = result.GetValue(source) is not null;
            if (result.GetValue(resume) && result.GetValue(undo))
            {
                result.AddError("--resume and --undo cannot be given together.");
            }
            else if (journalled && given)
            {
                result.AddError("--resume and --undo take no SRC or DEST: they act on the latest move in the journal.");
            }
            else if (!journalled && (!given || result.GetValue(destination) is null))
            {
                result.AddError("linkctl move needs SRC and DEST (or --resume, or --undo).");
            }
        });
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var dry = result.GetValue(dryRun);
        var mover = new FolderMover(CliPlatform.Current, UndoJournal.ForCurrentUser());
        MoveReport report;
        if (result.GetValue(resume))
        {
            report = mover.Resume(dry);
        }
        else if (result.GetValue(undo))
        {
            report = mover.Undo(dry);
        }
        else
        {
            report = mover.Move(new MoveRequest(result.GetValue(source)!, result.GetValue(destination)!)
            {
                DryRun = dry,
                Verification = result.GetValue(verify) == "size" ? MoveVerification.Size : MoveVerification.Full,
            });
        }

        foreach (var problem in mover.Journal.Problems)
        {
            Console.Error.WriteLine($"linkctl: journal {mover.Journal.FilePath}{(problem.Line > 0 ? $" line {problem.Line}" : string.Empty)}: {problem.What}");
        }

        if (mode == OutputMode.Json)
        {
            CliJson.Write(MoveJson.Of(report), MoveJsonContext.Default.MoveJson);
        }
        else
        {
            Print(report);
        }

        if (report.Error is { } error)
        {
            return mode == OutputMode.Json ? ExitCodes.For(error.Kind) : ErrorOutput.Fail(error, mode);
        }

        return report.NothingToDo ? ExitCodes.NothingToUndo : ExitCodes.Ok;
    }

    private static void Print(MoveReport r)
    {
        if (r.NothingToDo)
        {
            Console.Out.WriteLine(r.Action == MoveAction.Undo ? "No move to undo in the journal." : "No unfinished move in the journal.");
            return;
        }

        if (r.Plan is { } plan && r.DryRun)
        {
            Console.Out.WriteLine($"Would move {Terminal.Visible(plan.Source)} to {Terminal.Visible(plan.Destination)} ({(plan.Method == MoveMethod.Rename ? "same file system: one rename" : "another file system: copy, verify, swap")}), leaving {plan.LinkReason}.");
            if (plan.Bytes is { } bytes)
            {
                Console.Out.WriteLine($"SRC holds {bytes} bytes in {plan.Entries} entries; DEST's file system has {plan.FreeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} bytes free, {plan.BytesNeeded} needed.");
            }

            for (var i = 0; i < plan.Steps.Count; i++)
            {
                Console.Out.WriteLine($"  {i + 1}. {Terminal.Visible(plan.Steps[i])}");
            }

            return;
        }

        foreach (var step in r.Steps)
        {
            Console.Out.WriteLine(Terminal.Visible(step));
        }

        foreach (var note in r.Notes)
        {
            Console.Out.WriteLine("Note: " + Terminal.Visible(note));
        }

        if (r.Done)
        {
            Console.Out.WriteLine(r.Action == MoveAction.Undo
                ? $"Undone: {Terminal.Visible(r.Source ?? "?")} is a folder again (run {r.RunId})."
                : $"Moved {Terminal.Visible(r.Source ?? "?")} to {Terminal.Visible(r.Destination ?? "?")}; {Terminal.Visible(r.Source ?? "?")} is now a symbolic link to it (run {r.RunId}; `linkctl move --undo` moves it back).");
        }
    }
}

/// <summary>The JSON of <c>linkctl move --json</c> (docs/json.md).</summary>
internal sealed record MoveJson(
    string Action,
    bool DryRun,
    string? Source,
    string? Destination,
    string? Method,
    string? Link,
    string? LinkTarget,
    string? RunId,
    bool Done,
    bool NothingToDo,
    long? Bytes,
    long? Entries,
    long? BytesNeeded,
    long? FreeBytes,
    long? VerifiedEntries,
    long? VerifiedFilesHashed,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Notes,
    MoveErrorJson? Error)
{
    public static MoveJson Of(MoveReport r) => new(
        r.Action.ToString().ToLowerInvariant(), r.DryRun, r.Source, r.Destination,
        r.Method switch { MoveMethod.Rename => "rename", MoveMethod.CopyVerifySwap => "copy", _ => null },
        r.Link switch { MoveLinkKind.Junction => "junction", MoveLinkKind.SymbolicLink => "symbolic_link", _ => null },
        r.LinkTarget, r.RunId, r.Done, r.NothingToDo, r.Plan?.Bytes, r.Plan?.Entries, r.Plan?.BytesNeeded, r.Plan?.FreeBytes,
        r.Verified?.Entries, r.Verified?.FilesHashed,
        r.DryRun && r.Plan is { } p ? p.Steps : r.Steps, r.Notes,
        r.Error is { } e ? new MoveErrorJson(ErrorNames.Of(e.Kind), e.Path, e.What, e.Why, e.Next, e.OsError?.Name) : null);
}

internal sealed record MoveErrorJson(string Kind, string Path, string What, string Why, string Next, string? OsError);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(SurrogatePreservingStringConverter)])]
[JsonSerializable(typeof(MoveJson))]
internal sealed partial class MoveJsonContext : JsonSerializerContext
{
}
