using System.CommandLine;
using System.Diagnostics;
using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Scanning;
using Spectre.Console;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl list [ROOT...]</c>: every link under the roots, with its target and status (docs/list.md).</summary>
internal sealed class ListCommand : Command
{
    private readonly Argument<string[]> roots = new("ROOT") { Description = "Folders to walk (default: the current folder). Links are never followed unless --follow.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> follow = new("--follow", "-L") { Description = "Go into folder links' targets, stopping at any folder already on the current path (no loops)." };
    private readonly Option<bool> broken = new("--broken") { Description = "Only links whose target is missing or that loop." };
    private readonly Option<string[]> kind = new("--kind", "-k") { Description = "Only these kinds: symbolic_link, hard_link (comma-separated or repeated).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> absolute = new("--absolute") { Description = "Only links that store a full path." };
    private readonly Option<bool> relative = new("--relative") { Description = "Only links that store a path relative to their folder." };
    private readonly Option<string> outside = new("--outside") { Description = "Only links whose target (resolved lexically) is not below this folder." };
    private readonly Option<bool> hard = new("--hard") { Description = "Only files with more than one name (hard links). Costs a stat per file." };
    private readonly Option<int?> maxDepth = new("--max-depth") { Description = "Look at most this deep (1 = only entries directly in ROOT)." };
    private readonly Option<bool> oneFileSystem = new("--one-file-system", "-x") { Description = "Do not go into folders on other file systems." };
    private readonly Option<bool> csv = new("--csv") { Description = "Write CSV (RFC 4180, header row) instead of lines." };
    private readonly Option<string> volume = new("--volume") { Description = "Windows, elevated: every link on an NTFS volume (e.g. C:) from its $Reparse index, without walking folders. Not with ROOT." };
    private readonly Option<int> threads = new("--threads") { Description = "Folders listed in parallel (default: the number of processors).", Hidden = true };

    public ListCommand()
        : base("list", "List every link under folders: kind, stored and resolved target, status (ok, broken, loop, ancestor, other file system, remote, access denied).")
    {
        Arguments.Add(roots);
        foreach (var option in new Option[] { follow, broken, kind, absolute, relative, outside, hard, maxDepth, oneFileSystem, csv, volume, threads })
        {
            Options.Add(option);
        }

        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        if (result.GetValue(volume) is { } drive)
        {
            return RunVolume(platform, result, drive, mode);
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
            return ErrorOutput.Usage("--max-depth must be 0 or more.", "give a depth of 0 or more (1 = only entries directly in ROOT).", mode, jsonLines: true);
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
        var problems = new List<Scanning.ScanProblem>();
        void OnProblem(Scanning.ScanProblem p) => Report(problems, p);

        using var progress = Terminal.ProgressAllowed ? new Progress(scanner.Counters) : null;
        try
        {
            if (mode == OutputMode.Terminal && !result.GetValue(csv))
            {
                var (links, found) = scanner.Collect(given);
                foreach (var p in found)
                {
                    OnProblem(p);
                }

                progress?.Dispose();
                RenderTable(links);
            }
            else
            {
                using var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
                var writer = new LinkWriter(stdout, FormatOf(result, mode), OnProblem);
                scanner.Scan(given, writer.CreateSink);
            }
        }
        catch (IOException e) when (e.HResult == 32 || e.Message.Contains("pipe", StringComparison.OrdinalIgnoreCase))
        {
            // The reader went away (| head): stop quietly, as find does.
            return ExitCodes.Ok;
        }

        return FinishWalk(problems, mode);
    }

    /// <summary>
    /// A walk that met problems fails with the code their kind gives; with --json it ends with the
    /// error object as the last line, after the links it did list (each problem was on stderr).
    /// </summary>
    private static int FinishWalk(List<Scanning.ScanProblem> problems, OutputMode mode)
    {
        if (problems.Count == 0)
        {
            return ExitCodes.Ok;
        }

        if (mode == OutputMode.Json)
        {
            CliJson.WriteLine(new ErrorEnvelope(ErrorOutput.ForProblems(problems, "listing")), CliJson.Default.ErrorEnvelope);
        }

        return ExitCodes.ForScanProblems(problems);
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
    private int RunVolume(Platform.LinkPlatform platform, ParseResult result, string drive, OutputMode mode)
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
        var problems = new List<Scanning.ScanProblem>();
        void OnProblem(Scanning.ScanProblem p) => Report(problems, p);

        VolumeIndexSummary summary;
        using (var progress = Terminal.ProgressAllowed ? new Progress(reader.Counters) : null)
        {
            try
            {
                if (mode == OutputMode.Terminal && !result.GetValue(csv))
                {
                    var links = new List<LinkRecord>();
                    summary = reader.Scan(drive, new CollectingSink(links, OnProblem));
                    progress?.Dispose();
                    if (summary.Succeeded)
                    {
                        RenderTable(links);
                    }
                }
                else
                {
                    using var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
                    var writer = new LinkWriter(stdout, FormatOf(result, mode), OnProblem);
                    var sink = writer.CreateSink();
                    summary = reader.Scan(drive, sink);
                    sink.Complete();
                }
            }
            catch (IOException e) when (e.HResult == 32 || e.Message.Contains("pipe", StringComparison.OrdinalIgnoreCase))
            {
                return ExitCodes.Ok;
            }
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

        return FinishWalk(problems, mode);
    }

    /// <summary>--absolute with --relative matches nothing: says so and gives the usage exit code; null when they are not both given.</summary>
    private int? AbsoluteAndRelative(ParseResult result, OutputMode mode) =>
        result.GetValue(absolute) && result.GetValue(relative)
            ? ErrorOutput.Usage("--absolute and --relative together match nothing.", "give one of them, or neither for both.", mode, jsonLines: true)
            : null;

    private LinkOutputFormat FormatOf(ParseResult result, OutputMode mode) =>
        result.GetValue(csv) ? LinkOutputFormat.Csv : mode == OutputMode.Json ? LinkOutputFormat.JsonLines : LinkOutputFormat.Lines;

    /// <summary>A problem met while listing: kept for the exit code, and shown on stderr under the progress line.</summary>
    private static void Report(List<Scanning.ScanProblem> problems, Scanning.ScanProblem p)
    {
        problems.Add(p);
        Progress.Clear();
        Console.Error.WriteLine($"linkctl: {p.What} {RawPath.Escape(p.Path)}: {p.Error}");
    }

    private Func<LinkRecord, bool>? BuildFilter(Platform.LinkPlatform platform, ParseResult result, HashSet<LinkKind> kinds)
    {
        var onlyBroken = result.GetValue(broken);
        var onlyAbsolute = result.GetValue(absolute);
        var onlyRelative = result.GetValue(relative);
        var outsideText = result.GetValue(outside) is { } o ? platform.Paths.GetFullPath(o, platform.CurrentDirectory) : null;
        var outsidePath = outsideText is null ? null : RawPath.Normalize(RawPath.FromText(outsideText));
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

    private static void RenderTable(List<LinkRecord> links)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("status").AddColumn("kind").AddColumn("path").AddColumn("target").AddColumn("notes");
        foreach (var l in links.OrderBy(l => l.Path, ByteOrder.Instance))
        {
            var status = LinkWriter.NameOf(l.Status);
            var colour = l.Status switch { LinkStatus.Ok => "green", LinkStatus.Broken or LinkStatus.Loop => "red", _ => "yellow" };
            var target = l.StoredTarget is { } t ? RawPath.Escape(t) : l.LinkCount >= 0 ? $"{l.LinkCount} names" : string.Empty;
            table.AddRow(
                new Markup($"[{colour}]{Terminal.Escape(status)}[/]"),
                new Text(LinkWriter.NameOf(l.Kind)),
                new Text(RawPath.Escape(l.Path)),
                new Text(target),
                new Text(LinkWriter.Notes(l)));
        }

        Terminal.Rich.Write(table);
        Terminal.Rich.WriteLine($"{links.Count} link(s)");
    }

    private sealed class CollectingSink(List<LinkRecord> links, Action<Scanning.ScanProblem> onProblem) : ILinkSink
    {
        public void OnLink(LinkRecord link) => links.Add(link);

        public void OnProblem(Scanning.ScanProblem problem) => onProblem(problem);

        public void Complete()
        {
        }
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    /// <summary>A line on stderr, redrawn a few times a second, while a walk takes longer than half a second.</summary>
    private sealed class Progress : IDisposable
    {
        private static Progress? current;
        private readonly ScanCounters counters;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Timer timer;
        private bool drawn;

        public Progress(ScanCounters counters)
        {
            this.counters = counters;
            current = this;
            timer = new Timer(_ => Draw(), null, 500, 250);
        }

        public static void Clear()
        {
            if (current is { } p)
            {
                lock (p)
                {
                    p.Erase();
                }
            }
        }

        public void Dispose()
        {
            timer.Dispose();
            lock (this)
            {
                Erase();
                current = null;
            }
        }

        private void Draw()
        {
            lock (this)
            {
                if (current != this)
                {
                    return;
                }

                var entries = counters.Entries;
                var rate = entries / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
                Console.Error.Write($"\r\u001b[K{entries:N0} entries ({rate:N0}/s), {counters.Directories:N0} folders, {counters.Links:N0} links");
                drawn = true;
            }
        }

        private void Erase()
        {
            if (drawn)
            {
                Console.Error.Write("\r\u001b[K");
                drawn = false;
            }
        }
    }
}
