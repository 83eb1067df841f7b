using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Scanning;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl list [ROOT...]</c>: every link under the roots, with its target and status (docs/list.md).</summary>
internal sealed class ListCommand : Command
{
    private readonly Argument<string[]> roots = new("ROOT") { Description = "Folders to walk (default: the current folder). Links are never followed unless --follow.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> follow = new("--follow", "-L") { Description = "Go into folder links' targets, stopping at any folder already on the current path (no loops)." };
    private readonly Option<bool> broken = new("--broken") { Description = "Only links whose target is missing or that loop." };
    // One value per --kind: with several per token, `list --kind symbolic ROOT` would take ROOT for a kind.
    private readonly Option<string[]> kind = new("--kind", "-k") { Description = "Only these kinds: symbolic_link, hard_link (comma-separated or repeated)." };
    private readonly Option<bool> absolute = new("--absolute") { Description = "Only links that store a full path." };
    private readonly Option<bool> relative = new("--relative") { Description = "Only links that store a path relative to their folder." };
    private readonly Option<string> outside = new("--outside") { Description = "Only links whose resolved target is not this folder or below it." };
    private readonly Option<bool> hard = new("--hard") { Description = "Only files with more than one name (hard links). Costs a stat per file." };
    private readonly Option<int?> maxDepth = new("--max-depth") { Description = "Look at most this deep, as find -maxdepth: 1 = entries directly in ROOT, 0 = the ROOTs themselves only (a ROOT that is a link)." };
    private readonly Option<bool> oneFileSystem = new("--one-file-system", "-x") { Description = "Do not go into folders on other file systems." };
    private readonly Option<bool> csv = new("--csv") { Description = "Write CSV (RFC 4180, header row) instead of lines. Not with --json or -0." };
    private readonly Option<bool> print0 = new("--print0", "-0") { Description = "Write each link's path followed by a NUL byte and nothing else, for xargs -0 (as find -print0). Not with --json or --csv." };
    private readonly Option<string> volume = new("--volume") { Description = "Windows, elevated: every link on an NTFS volume (e.g. C:) from its $Reparse index, without walking folders. Not with ROOT." };
    private readonly Option<int> threads = new("--threads") { Description = "Folders listed in parallel (default: the number of processors).", Hidden = true };

    public ListCommand()
        : base("list", "List every link under folders: kind, stored and resolved target, status (ok, broken, loop, ancestor, other file system, remote, access denied). Exit 1 with --broken when broken links were listed.")
    {
        Arguments.Add(roots);
        foreach (var option in new Option[] { follow, broken, kind, absolute, relative, outside, hard, maxDepth, oneFileSystem, csv, print0, volume, threads })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        if (FormatOf(result, mode, out var format) is { } contradictoryFormats)
        {
            return contradictoryFormats;
        }

        var platform = CliPlatform.Current;
        if (result.GetValue(volume) is { } drive)
        {
            return RunVolume(platform, result, drive, mode, format);
        }

        if (ParseKinds(result, mode, out var kinds) is { } badKind)
        {
            return badKind;
        }

        if (result.GetValue(hard))
        {
            kinds.Add(LinkKind.HardLink);
        }

        if (AbsoluteAndRelative(result, mode) is { } contradiction)
        {
            return contradiction;
        }

        var filter = BuildFilter(platform, result, kinds);
        var wantsSymbolic = kinds.Count == 0 || kinds.Contains(LinkKind.SymbolicLink) || kinds.Contains(LinkKind.Junction);
        var depth = result.GetValue(maxDepth);
        if (depth is < 0)
        {
            return ErrorOutput.Usage("--max-depth must be 0 or more.", "give a depth of 0 or more: 0 = the ROOTs themselves, 1 = entries directly in them, as find -maxdepth.", mode, jsonLines: true);
        }

        var options = new ScanOptions
        {
            Follow = result.GetValue(follow),
            MaxDepth = depth ?? int.MaxValue,
            OneFileSystem = result.GetValue(oneFileSystem),
            SymbolicLinks = wantsSymbolic,
            HardLinks = kinds.Contains(LinkKind.HardLink),
            Workers = result.GetValue(threads),
            Filter = filter,
        };
        var given = result.GetValue(roots) is { Length: > 0 } r ? r : ["."];
        var scanner = new TreeScanner(platform, options);
        var problems = new List<ScanProblem>();
        var listed = Emit(format, scanner.Counters, problems, (sinks, cancellation) =>
        {
            scanner.Scan(given, sinks, cancellation);
            return true;
        });
        if (scanner.Counters.NotLinks is { Count: > 0 } notLinks)
        {
            Console.Error.WriteLine("linkctl: reparse points that stand for another name but are not links, named and not entered: "
                + string.Join(", ", notLinks.Select(t => $"{t.Key} x{t.Value:N0}")));
        }

        return Finish(listed, problems, result.GetValue(broken), mode);
    }

    /// <summary>
    /// The end of a listing: with --json, a walk that met problems ends with the error object as
    /// the last line, after the links it did list (each problem was on stderr); not when the
    /// output is gone or broken, which has nothing more to take.
    /// </summary>
    private static int Finish(Listed listed, List<ScanProblem> problems, bool onlyBroken, OutputMode mode)
    {
        if (problems.Count > 0 && mode == OutputMode.Json && !listed.ReaderGone && !listed.OutputFailed)
        {
            CliJson.WriteLine(new ErrorEnvelope(ErrorOutput.ForProblems(problems, "listing")), CliJson.Default.ErrorEnvelope);
        }

        return ExitCodeOf(listed, problems, onlyBroken);
    }

    /// <summary>
    /// The exit code of a listing: the problems' code when some folders could not be read (the
    /// listing is incomplete, which matters most); else 1 when --broken listed broken links (a
    /// negative answer, as `show` of a broken link); else 0. A reader that went away (| head)
    /// ends the listing there, quietly, with the code of what was listed until then. Standard
    /// output failing (not a closed pipe: a full disk) is an OS error, 8.
    /// </summary>
    internal static int ExitCodeOf(Listed listed, IReadOnlyCollection<ScanProblem> problems, bool onlyBroken) =>
        listed.OutputFailed ? ExitCodes.OsError
        : problems.Count > 0 ? ExitCodes.ForScanProblems(problems)
        : onlyBroken && listed.Links > 0 ? ExitCodes.Finding
        : ExitCodes.Ok;

    /// <summary>How many links reached the output; whether its reader went away first, or writing to it failed.</summary>
    internal readonly record struct Listed(long Links, bool ReaderGone, bool OutputFailed = false);

    /// <summary>
    /// Runs a walk (or the volume index) into the chosen output, streaming in every format. The
    /// scan gets the output's "reader gone" token: when `| head` closes the pipe, the next write
    /// cancels the walk, which stops at once. The scan answers whether it ran to its end (the
    /// table's closing line is written only then).
    /// </summary>
    private static Listed Emit(ListFormat format, ScanCounters counters, List<ScanProblem> problems, Func<Func<ILinkSink>, CancellationToken, bool> scan)
    {
        void OnProblem(ScanProblem p) => Report(problems, p);
        using var output = StandardOutput.Open();
        using var table = format == ListFormat.Table ? new LinkTable(Console.Out, TerminalSize.Width, Terminal.Colour) { Problem = OnProblem } : null;
        Func<ILinkSink> sinks = format switch
        {
            ListFormat.Table => table!.CreateSink,
            ListFormat.Print0 => new NulSeparatedPaths(output, OnProblem).CreateSink,
            ListFormat.Csv => new LinkWriter(output, LinkOutputFormat.Csv, OnProblem).CreateSink,
            ListFormat.JsonLines => new LinkWriter(output, LinkOutputFormat.JsonLines, OnProblem).CreateSink,
            _ => new LinkWriter(output, LinkOutputFormat.Lines, OnProblem).CreateSink,
        };
        long links = 0;
        bool complete;
        using (ProgressLine.StartIfTerminal(counters))
        {
            try
            {
                complete = scan(() => new CountingSink(sinks(), () => Interlocked.Increment(ref links)), output.ReaderGone);
            }
            catch (OperationCanceledException) when (output.IsReaderGone)
            {
                return new Listed(Interlocked.Read(ref links), ReaderGone: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Standard output itself failed (a full disk, a closed descriptor): the listing is incomplete.
                ProgressLine.Suspended(() =>
                {
                    Console.Error.WriteLine($"linkctl: cannot write the listing to standard output: {e.InnerException?.Message ?? e.Message}");
                    Console.Error.WriteLine("  why:   the walk stopped; what was written before is all there is.");
                    Console.Error.WriteLine("  next:  check where the output goes (free space, a closed descriptor) and run it again.");
                });
                return new Listed(Interlocked.Read(ref links), ReaderGone: false, OutputFailed: true);
            }
        }

        if (complete)
        {
            table?.Finish();
        }

        return new Listed(Interlocked.Read(ref links), ReaderGone: output.IsReaderGone);
    }

    /// <summary>The output format: the table on a terminal, lines when piped, or what was asked; null, or for a contradiction the exit code of the usage error reported.</summary>
    private int? FormatOf(ParseResult result, OutputMode mode, out ListFormat format)
    {
        var asked = new List<string>(3);
        if (mode == OutputMode.Json)
        {
            asked.Add("--json");
        }

        if (result.GetValue(csv))
        {
            asked.Add("--csv");
        }

        if (result.GetValue(print0))
        {
            asked.Add("-0");
        }

        format = result.GetValue(csv) ? ListFormat.Csv
            : result.GetValue(print0) ? ListFormat.Print0
            : mode == OutputMode.Json ? ListFormat.JsonLines
            : mode == OutputMode.Terminal ? ListFormat.Table
            : ListFormat.Lines;
        return asked.Count > 1
            ? ErrorOutput.Usage($"{string.Join(" and ", asked)} ask for different output formats; give one.", "--json for JSON Lines, --csv for CSV, -0 for NUL-separated paths (xargs -0), none for lines (or a table on a terminal).", mode, jsonLines: true)
            : null;
    }

    /// <summary>The --kind values; null when they all parse, else the exit code of the usage error reported.</summary>
    private int? ParseKinds(ParseResult result, OutputMode mode, out HashSet<LinkKind> kinds)
    {
        kinds = [];
        foreach (var k in (result.GetValue(kind) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            LinkKind? parsed = k switch
            {
                "symbolic_link" or "symbolic" or "symlink" => LinkKind.SymbolicLink,
                "hard_link" or "hard" => LinkKind.HardLink,
                "junction" => LinkKind.Junction,
                _ => null,
            };
            if (parsed is null)
            {
                return ErrorOutput.Usage($"unknown kind '{Terminal.Visible(k)}'.", "use symbolic_link or hard_link (junction on Windows).", mode, jsonLines: true);
            }

            kinds.Add(parsed.Value);
        }

        return null;
    }

    /// <summary>
    /// <c>--volume DRIVE</c>: the NTFS $Reparse index instead of a walk. Walk-only options are
    /// refused rather than ignored, so nobody believes a filter was applied when it was not.
    /// </summary>
    private int RunVolume(Platform.LinkPlatform platform, ParseResult result, string drive, OutputMode mode, ListFormat format)
    {
        if (result.GetValue(roots) is { Length: > 0 })
        {
            return ErrorOutput.Usage("--volume lists a whole volume: give it or ROOT folders, not both.", $"linkctl list --volume {Terminal.Visible(drive)}   or   linkctl list ROOT...", mode, jsonLines: true);
        }

        var walkOnly = new (Option Option, bool Given)[]
        {
            (follow, result.GetValue(follow)),
            (hard, result.GetValue(hard)),
            (maxDepth, result.GetValue(maxDepth) is not null),
            (oneFileSystem, result.GetValue(oneFileSystem)),
        };
        if (walkOnly.FirstOrDefault(w => w.Given).Option is { } refused)
        {
            return ErrorOutput.Usage($"{refused.Name} does not apply to --volume: the $Reparse index lists reparse points, not folders or hard links.", "drop it, or walk a folder: linkctl list ROOT", mode, jsonLines: true);
        }

        if (platform.Windows is null)
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, drive, "--volume reads the NTFS whole-volume $Reparse index, which only Windows offers.", "This system is not Windows.", "walk the tree instead: linkctl list ROOT"), mode, ExitCodes.Unsupported, jsonLines: true);
        }

        if (ParseKinds(result, mode, out var kinds) is { } badKind)
        {
            return badKind;
        }

        if (kinds.Contains(LinkKind.HardLink))
        {
            return ErrorOutput.Usage("--volume finds reparse points only, not hard links.", "drop --kind hard_link, or walk a folder: linkctl list --hard ROOT", mode, jsonLines: true);
        }

        if (AbsoluteAndRelative(result, mode) is { } contradiction)
        {
            return contradiction;
        }

        var reader = new VolumeReparseIndex(platform, BuildFilter(platform, result, kinds));
        var problems = new List<ScanProblem>();
        VolumeIndexSummary summary = default!;
        var listed = Emit(format, reader.Counters, problems, (sinks, cancellation) =>
        {
            var sink = sinks();
            summary = reader.Scan(drive, sink, cancellation);
            sink.Complete();
            return summary.Succeeded;
        });
        if (listed.ReaderGone || listed.OutputFailed)
        {
            return ExitCodeOf(listed, problems, result.GetValue(broken));
        }

        if (summary.Failure is { } failure)
        {
            var (kind, code) = failure.Kind switch
            {
                VolumeIndexFailureKind.InvalidDrive => (FailureKind.InvalidInput, ExitCodes.Usage),
                VolumeIndexFailureKind.NoSuchDrive => (FailureKind.NotFound, ExitCodes.Refused),
                VolumeIndexFailureKind.NoIndex => (FailureKind.NotSupported, ExitCodes.Unsupported),
                VolumeIndexFailureKind.NeedsElevation => (FailureKind.AccessDenied, ExitCodes.Denied),
                _ => (FailureKind.Other, ExitCodes.OsError),
            };
            return ErrorOutput.Fail(new LinkctlError(kind, drive, failure.Message, string.Empty, string.Empty, failure.Error), mode, code, jsonLines: true);
        }

        if (summary.OtherTags.Count > 0)
        {
            Console.Error.WriteLine($"linkctl: {summary.Entries:N0} reparse points on the volume; not links, not opened: "
                + string.Join(", ", summary.OtherTags.Select(t => $"{t.Key} x{t.Value:N0}")));
        }

        return Finish(listed, problems, result.GetValue(broken), mode);
    }

    /// <summary>--absolute with --relative matches nothing: says so and gives the usage exit code; null when they are not both given.</summary>
    private int? AbsoluteAndRelative(ParseResult result, OutputMode mode) =>
        result.GetValue(absolute) && result.GetValue(relative)
            ? ErrorOutput.Usage("--absolute and --relative together match nothing.", "give one of them, or neither for both.", mode, jsonLines: true)
            : null;

    /// <summary>A problem met while listing: kept for the exit code, and shown on stderr under the progress line.</summary>
    private static void Report(List<ScanProblem> problems, ScanProblem p)
    {
        lock (problems)
        {
            problems.Add(p);
        }

        ProgressLine.Suspended(() => Console.Error.WriteLine($"linkctl: {p.What} {RawPath.Escape(p.Path)}: {p.Error}"));
    }

    private Func<LinkRecord, bool>? BuildFilter(Platform.LinkPlatform platform, ParseResult result, HashSet<LinkKind> kinds)
    {
        var onlyBroken = result.GetValue(broken);
        var onlyAbsolute = result.GetValue(absolute);
        var onlyRelative = result.GetValue(relative);
        var outsideText = result.GetValue(outside) is { } o ? platform.Paths.GetFullPath(o, platform.CurrentDirectory) : null;
        var outsidePath = outsideText is null ? null : RawPath.Normalize(RawPath.FromText(outsideText));
        if (!platform.IsWindows && result.GetValue(outside) is { } given
            && platform.Links.GetTargetEntry(given.StartsWith('/') ? given : platform.CurrentDirectory + "/" + given) is { Exists: true, FinalPath: { } real })
        {
            // Unix: DIR by its real path (links on the way and a ".." after one followed, as the
            // kernel does), since resolved targets are real paths too; "a/sym/.." is not "a".
            outsideText = real;
            outsidePath = RawPath.FromOsText(real);
        }

        if (!onlyBroken && !onlyAbsolute && !onlyRelative && outsidePath is null && kinds.Count == 0)
        {
            return null;
        }

        return link =>
            (kinds.Count == 0 || kinds.Contains(link.Kind))
            && (!onlyBroken || link.Status is LinkStatus.Broken or LinkStatus.Loop)
            && (!onlyAbsolute || link.IsAbsolute)
            && (!onlyRelative || link.IsRelative)
            && (outsidePath is null || (link.ResolvedTarget is { } t && !IsBelow(platform, t, outsideText!, outsidePath)));
    }

    private static bool IsBelow(Platform.LinkPlatform platform, byte[] target, string folderText, byte[] folder) => platform.IsWindows
        ? platform.Paths.IsSameOrBelow(RawPath.ToText(target), folderText)
        : RawPath.IsSameOrBelow(target, folder);

    private enum ListFormat
    {
        Table,
        Lines,
        JsonLines,
        Csv,
        Print0,
    }

    /// <summary>Counts the links that reach the output (for --broken's exit code) and passes everything on.</summary>
    private sealed class CountingSink(ILinkSink inner, Action counted) : ILinkSink
    {
        public void OnLink(LinkRecord link)
        {
            inner.OnLink(link);
            counted();
        }

        public void OnProblem(ScanProblem problem) => inner.OnProblem(problem);

        public void Complete() => inner.Complete();
    }
}
