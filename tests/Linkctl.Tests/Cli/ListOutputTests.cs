using System.IO.Pipes;
using System.Text;
using System.Text.RegularExpressions;
using Linkctl.Cli.Output;
using Linkctl.Links;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Scanning;
using Microsoft.Win32.SafeHandles;
using Spectre.Console;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// `list` on a terminal (a real pseudo-terminal from script(1), 80 columns) and into a pipe whose
/// reader goes away (issue 10, "Output on a terminal").
/// </summary>
public sealed partial class ListOutputTests : IClassFixture<GeneratedTree>, IDisposable
{
    private readonly GeneratedTree tree;
    private readonly ScratchDirectory scratch = new();

    public ListOutputTests(GeneratedTree tree)
    {
        this.tree = tree;
    }

    public void Dispose() => scratch.Dispose();

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "linkctl.dll");

    /// <summary>Runs linkctl with its standard output and error on a pseudo-terminal of the given width; returns what the terminal received, escapes removed.</summary>
    private static (int ExitCode, string[] Lines, string Raw) OnTerminal(string workingDirectory, int columns, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var command = $"stty cols {columns} rows 24; exec dotnet '{Dll}' {string.Join(' ', arguments.Select(a => "'" + a.Replace("'", "'\\''") + "'"))}";
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["TERM"] = "xterm" };
        // script -e returns the child's exit code; the typescript goes to /dev/null, the terminal's output to stdout.
        var result = ProcessRunner.Run("script", ["-qec", command, "/dev/null"], TimeSpan.FromSeconds(120), workingDirectory, env);
        var raw = result.StdOut;

        // As the terminal shows it: escapes take no room, and after a carriage return (the
        // progress line's "\r\e[K") only what follows is left on the line.
        var lines = Escapes().Replace(raw, string.Empty).Replace("\r\n", "\n")
            .Split('\n')
            .Select(l => l[(l.LastIndexOf('\r') + 1)..])
            .Where(l => l.Length > 0)
            .ToArray();
        return (result.ExitCode, lines, raw);
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")]
    private static partial Regex Escapes();

    [RequiresFact("linux", "script")]
    public void On_an_80_column_terminal_every_row_fits_and_nothing_wraps()
    {
        var (exit, lines, raw) = OnTerminal(tree.Root, 80, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "list", ".");
        Assert.Equal(0, exit);
        Assert.StartsWith("status   kind      path", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).SkipLast(1).ToList();
        Assert.Equal(tree.Summary.GetProperty("symlinks").GetInt32(), rows.Count);
        Assert.All(lines, l => Assert.True(l.GetCellWidth() <= 79, $"{l.GetCellWidth()} columns: {l}"));
        Assert.All(rows, r => Assert.Matches(@"^(ok|broken|loop|denied|blocked)\s+(symlink|hard)\s", r));
        Assert.Matches(@"^[\d,]+ links", lines[^1]);
        Assert.DoesNotContain("\u001b[3", raw, StringComparison.Ordinal); // NO_COLOR: no colour codes
        // The generated tree has long names: they are cut in the middle, and the last line says so.
        Assert.Contains(rows, r => r.Contains('\u2026'));
        Assert.Contains("\u2026 marks values cut to fit: pipe or --json shows them in full", lines[^1]);
    }

    [RequiresFact("linux", "script")]
    public void Status_is_coloured_on_a_terminal_unless_no_color()
    {
        Directory.CreateDirectory(scratch.PathOf("t"));
        File.WriteAllText(scratch.PathOf("t/file"), "x");
        File.CreateSymbolicLink(scratch.PathOf("t/ok"), "file");
        File.CreateSymbolicLink(scratch.PathOf("t/gone"), "missing");
        var (exit, lines, raw) = OnTerminal(scratch.Path, 80, null, "list", "t");
        Assert.Equal(0, exit);
        Assert.Contains("\u001b[32mok\u001b[0m", raw, StringComparison.Ordinal);
        Assert.Contains("\u001b[31mbroken\u001b[0m", raw, StringComparison.Ordinal);
        Assert.Equal("2 links", lines[^1]);
    }

    [RequiresFact("linux", "script")]
    public void Wide_and_narrow_terminals_size_the_columns_once_from_the_width()
    {
        foreach (var columns in new[] { 60, 80, 132 })
        {
            var (exit, lines, _) = OnTerminal(tree.Root, columns, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "list", "--broken", ".");
            Assert.Equal(1, exit);
            Assert.All(lines, l => Assert.True(l.GetCellWidth() <= columns - 1, $"{columns}: {l}"));
            var targetColumn = lines[0].IndexOf("target", StringComparison.Ordinal);
            Assert.Equal(LinkTable.Layout.For(columns).Path + 21, targetColumn);
        }
    }

    [Fact]
    public void The_progress_line_is_cut_to_the_terminal_width()
    {
        Assert.Equal(39, ProgressLine.Format(1_000_000, 1_234_567.8, 59_785, 46_764, 40).Length);
        Assert.Equal("1,000,000 entries (1,234,568/s), 59,785 folders, 46,764 links", ProgressLine.Format(1_000_000, 1_234_567.8, 59_785, 46_764, 200));
    }

    [Fact]
    public void Fit_cuts_in_the_middle_by_terminal_columns_keeping_the_end()
    {
        Assert.Equal("short", LinkTable.Fit("short", 10, out var cut));
        Assert.False(cut);
        var fitted = LinkTable.Fit("./node_modules/.pnpm/react@18.2.0/node_modules/react", 24, out cut);
        Assert.True(cut);
        Assert.Equal(24, fitted.GetCellWidth());
        Assert.StartsWith("./node_", fitted, StringComparison.Ordinal);
        Assert.EndsWith("modules/react", fitted, StringComparison.Ordinal);

        // Wide characters take two columns: the result never passes the width.
        var wide = LinkTable.Fit("./名前/名前/名前/名前/名前/file", 11, out cut);
        Assert.True(cut);
        Assert.True(wide.GetCellWidth() <= 11, wide);
    }

    [Fact]
    public void A_row_uses_short_names_and_keeps_the_notes()
    {
        var layout = LinkTable.Layout.For(80);
        var link = new LinkRecord
        {
            Path = "./a/very/long/path/that/does/not/fit/in/its/column/at/all/link"u8.ToArray(),
            Root = "."u8.ToArray(),
            Kind = LinkKind.SymbolicLink,
            StoredTarget = "/somewhere/else/entirely/far/away/from/the/root/target"u8.ToArray(),
            Status = LinkStatus.AccessDenied,
            Flags = LinkFlags.Absolute | LinkFlags.OutsideRoot,
        };
        var row = LinkTable.Row(link, layout, out var cut);
        Assert.True(cut);
        Assert.StartsWith("denied   symlink   ./a/very/", row, StringComparison.Ordinal);
        Assert.EndsWith("/target (outside)", row, StringComparison.Ordinal);
        Assert.True(row.GetCellWidth() <= 79, row);
    }

    [Fact]
    public void Rows_reach_the_terminal_before_the_walk_ends_and_memory_holds_one_batch()
    {
        var output = new StringWriter();
        using var table = new LinkTable(output, 80, colour: false);
        var sink = table.CreateSink();
        var link = new LinkRecord { Path = "./l"u8.ToArray(), Root = "."u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = "t"u8.ToArray(), Status = LinkStatus.Ok };
        for (var i = 0; i < 1000; i++)
        {
            sink.OnLink(link);
        }

        // 1,000 rows of 80 columns pass the 16 KiB batch: most are written already, before Finish.
        var written = output.ToString().Split('\n').Length;
        Assert.True(written > 900, $"{written} lines written before the end");
        table.Finish();
        Assert.EndsWith("1,000 links\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_rows_prints_no_header()
    {
        var output = new StringWriter();
        using (var table = new LinkTable(output, 80, colour: false))
        {
            table.Finish();
        }

        Assert.Equal("0 links\n", output.ToString());
    }

    [RequiresFact("linux")]
    public void A_closed_pipe_cancels_the_walk_through_its_token()
    {
        // The reading end closes before the walk starts: the first write fails with EPIPE, which
        // cancels the scan; it stops long before the tree's end instead of writing into nothing.
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var writeEnd = new SafeFileHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false);
        pipe.DisposeLocalCopyOfClientHandle(); // the only reading end
        using var output = new StandardOutput(new FileStream(writeEnd, FileAccess.Write, bufferSize: 0), 0);

        var scanner = new TreeScanner(Linkctl.Platform.LinkPlatform.ForCurrentOS(), new ScanOptions { Workers = 1 });
        var writer = new LinkWriter(output, LinkOutputFormat.JsonLines, _ => { });
        Assert.ThrowsAny<OperationCanceledException>(() => scanner.Scan([tree.Root], writer.CreateSink, output.ReaderGone));
        Assert.True(output.IsReaderGone);
        var total = tree.Summary.GetProperty("symlinks").GetInt32();
        Assert.True(scanner.Counters.Links < total, $"{scanner.Counters.Links} of {total} links examined after the pipe closed");
    }

    [RequiresFact("linux")]
    public void List_into_head_exits_quietly_with_0()
    {
        var result = ProcessRunner.Run("bash", ["-c", $"set -o pipefail; dotnet '{Dll}' list --json . | head -1"], TimeSpan.FromSeconds(60), tree.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\"path\":", result.StdOut, StringComparison.Ordinal);
        Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, result.StdErr);
    }

    [RequiresFact("linux")]
    public void List_appended_to_a_file_keeps_what_is_already_there()
    {
        // A seekable standard output is written at the descriptor's offset, not over the start.
        var file = scratch.PathOf("out.txt");
        var result = ProcessRunner.Run("sh", ["-c", $"(echo first; dotnet '{Dll}' list .; echo last) > '{file}'"], TimeSpan.FromSeconds(60), tree.Root);
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(file);
        Assert.Equal("first", lines[0]);
        Assert.Equal("last", lines[^1]);
        Assert.Equal(tree.Summary.GetProperty("symlinks").GetInt32(), lines.Length - 2);
    }

    [RequiresFact("linux")]
    public void A_full_disk_is_an_error_not_a_quiet_end()
    {
        var result = ProcessRunner.Run("sh", ["-c", $"dotnet '{Dll}' list . > /dev/full"], TimeSpan.FromSeconds(60), tree.Root);
        Assert.Equal(8, result.ExitCode);
        Assert.Contains("cannot write the listing to standard output", result.StdErr);
    }
}
