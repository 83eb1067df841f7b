using System.CommandLine;
using System.Text.Json.Serialization;
using Linkctl.Cli.Output;
using Linkctl.Copying;
using Linkctl.Errors;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>linkctl copy SRC DST</c>: copy a folder tree with its links and hard-link sets faithfully
/// (<see cref="TreeCopier"/>). Prints a summary and names every entry not copied; the exit code
/// says whether the copy is complete (docs/exit-codes.md).
/// </summary>
internal sealed class CopyCommand : Command
{
    private readonly Argument<string> source = new("SRC") { Description = "The folder to copy. Links inside it are copied as links, never followed." };

    private readonly Argument<string> destination = new("DST") { Description = "Where the copy is made: it must not exist (its parent must). Nothing that exists is ever written into or over." };

    private readonly Option<string> outer = new("--outer")
    {
        Description = "What to do with a link that leads outside SRC: keep (same text, the default), drop (leave it out), copy-content (copy the file it leads to; a link to a folder stays a link), point-to-original (an absolute link to where the original leads). LSE names: splice = point-to-original, crop = drop, unroll = copy-content.",
        DefaultValueFactory = _ => "keep",
    };

    private readonly Option<bool> crossFileSystems = new("--cross-file-systems") { Description = "Also copy folders on other file systems (mount points inside SRC); by default they are left out and named." };

    private readonly Option<bool> dryRun = CommonOptions.DryRun();

    public CopyCommand()
        : base("copy", "Copy a folder tree faithfully: files (data, mode, times; owner as root), folders, symbolic links (inner ones led into DST, outer ones kept unless --outer says otherwise) and hard-link sets. Never follows a link, never crosses into another file system unless asked, never overwrites: DST must not exist. Linux only so far.")
    {
        Arguments.Add(source);
        Arguments.Add(destination);
        Options.Add(outer);
        Options.Add(crossFileSystems);
        Options.Add(dryRun);
        outer.AcceptOnlyFromAmong("keep", "drop", "copy-content", "point-to-original");
        SetAction(Run);
    }

    internal static OuterLinkMode ParseOuter(string value) => value switch
    {
        "drop" => OuterLinkMode.Drop,
        "copy-content" => OuterLinkMode.CopyContent,
        "point-to-original" => OuterLinkMode.PointToOriginal,
        _ => OuterLinkMode.Keep,
    };

    internal static string OuterName(OuterLinkMode mode) => mode switch
    {
        OuterLinkMode.Drop => "drop",
        OuterLinkMode.CopyContent => "copy-content",
        OuterLinkMode.PointToOriginal => "point-to-original",
        _ => "keep",
    };

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var request = new CopyRequest(result.GetValue(source)!, result.GetValue(destination)!)
        {
            Outer = ParseOuter(result.GetValue(outer) ?? "keep"),
            CrossFileSystems = result.GetValue(crossFileSystems),
            DryRun = result.GetValue(dryRun),
        };

        // The plan is every entry in a dry run; a real run names only what was not copied (below).
        Action<CopyStep>? onStep = request.DryRun && mode != OutputMode.Json ? PrintPlanned : null;
        var report = new TreeCopier(CliPlatform.Current).Copy(request, onStep);
        if (report.Refusal is { } refusal)
        {
            return ErrorOutput.Fail(refusal, mode);
        }

        if (mode == OutputMode.Json)
        {
            CliJson.Write(CopyJson.Of(report, request.Outer), CopyJsonContext.Default.CopyJson);
        }
        else
        {
            PrintSummary(report);
        }

        foreach (var failure in report.Failed)
        {
            ErrorOutput.Print(failure.Error);
        }

        return ExitCodeOf(report);
    }

    /// <summary>0 complete; the worst failure's code when entries failed; 1 when entries were left out by rule (other file system, special files).</summary>
    internal static int ExitCodeOf(CopyReport report) =>
        report.Failed.Count > 0 ? ExitCodes.Worst(report.Failed.Select(f => ExitCodes.For(f.Error.Kind)))
        : report.Complete ? ExitCodes.Ok
        : ExitCodes.Finding;

    private static void PrintPlanned(CopyStep step)
    {
        var line = step.Kind switch
        {
            CopyStepKind.Folder => $"folder     {Terminal.Visible(step.Destination)}",
            CopyStepKind.File => $"file       {Terminal.Visible(step.Destination)}",
            CopyStepKind.HardLink => $"hard link  {Terminal.Visible(step.Destination)} = {Terminal.Visible(step.Text!)}",
            CopyStepKind.InnerLink => $"inner link {Terminal.Visible(step.Destination)} -> {Terminal.Visible(step.Text!)}{(step.Reason is null ? string.Empty : " (rewritten)")}",
            CopyStepKind.OuterLink => $"outer link {Terminal.Visible(step.Destination)} -> {Terminal.Visible(step.Text!)}{(step.Reason is null ? string.Empty : " (rewritten)")}",
            CopyStepKind.ContentOfLink => $"content    {Terminal.Visible(step.Destination)} <- {Terminal.Visible(step.Text!)}",
            CopyStepKind.Skipped => $"skip       {Terminal.Visible(step.Source)}: {step.Reason}",
            _ => $"fail       {Terminal.Visible(step.Source)}: {step.Reason}",
        };
        Console.Out.WriteLine(line);
    }

    private static void PrintSummary(CopyReport r)
    {
        var verb = r.DryRun ? "Would copy" : "Copied";
        Console.Out.WriteLine($"{verb} {Terminal.Visible(r.Source)} to {Terminal.Visible(r.Destination)}: {r.Files} files ({r.Bytes} bytes), {r.Folders} folders, {r.InnerLinks} inner links, {r.OuterLinks} outer links ({r.RewrittenLinks} rewritten), {r.HardLinkSets} hard-link sets ({r.HardLinkNames} further names){(r.ContentCopies > 0 ? $", {r.ContentCopies} outer links copied as content" : string.Empty)}.");
        foreach (var set in r.PartialHardLinkSets)
        {
            Console.Out.WriteLine($"Hard-link set partly outside SRC: {Terminal.Visible(set.FirstName)} has {set.LinkCount} names, {set.NamesInside} inside SRC; those are one set in DST, the others were not copied (they are not in SRC).");
        }

        foreach (var skip in r.Skipped)
        {
            Console.Out.WriteLine($"{(skip.OnRequest ? "Left out" : "Not copied")}: {Terminal.Visible(skip.Path)}: {skip.Reason}");
        }

        if (!r.Complete)
        {
            Console.Error.WriteLine(r.DryRun
                ? $"linkctl: the copy would be incomplete: {r.Failed.Count} failed, {r.Skipped.Count(s => !s.OnRequest)} not copied (see above)"
                : $"linkctl: the copy is incomplete: {r.Failed.Count} failed, {r.Skipped.Count(s => !s.OnRequest)} not copied (see above); what was copied stays in DST");
        }
    }
}

/// <summary>The JSON of <c>linkctl copy --json</c> (docs/json.md).</summary>
internal sealed record CopyJson(
    string Source,
    string Destination,
    bool DryRun,
    bool Complete,
    string Outer,
    long Files,
    long Bytes,
    long Folders,
    long InnerLinks,
    long OuterLinks,
    long RewrittenLinks,
    long ContentCopies,
    long HardLinkSets,
    long HardLinkNames,
    IReadOnlyList<CopySkipJson> Skipped,
    IReadOnlyList<CopyFailureJson> Failed,
    IReadOnlyList<PartialHardLinkSet> PartialHardLinkSets)
{
    public static CopyJson Of(CopyReport r, OuterLinkMode outer) => new(
        r.Source, r.Destination, r.DryRun, r.Complete, CopyCommand.OuterName(outer), r.Files, r.Bytes, r.Folders, r.InnerLinks, r.OuterLinks,
        r.RewrittenLinks, r.ContentCopies, r.HardLinkSets, r.HardLinkNames,
        [.. r.Skipped.Select(s => new CopySkipJson(s.Path, s.Reason, s.OnRequest))],
        [.. r.Failed.Select(f => new CopyFailureJson(f.Path, ErrorNames.Of(f.Error.Kind), f.Error.What, f.Error.Why, f.Error.Next, f.Error.OsError?.Name))],
        r.PartialHardLinkSets);
}

internal sealed record CopySkipJson(string Path, string Reason, bool OnRequest);

internal sealed record CopyFailureJson(string Path, string Kind, string What, string Why, string Next, string? OsError);

/// <summary>The snake_case name of a failure kind, as the error JSON spells it.</summary>
internal static class ErrorNames
{
    public static string Of(FailureKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(SurrogatePreservingStringConverter)])]
[JsonSerializable(typeof(CopyJson))]
internal sealed partial class CopyJsonContext : JsonSerializerContext
{
}
