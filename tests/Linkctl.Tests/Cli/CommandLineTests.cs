using System.Text;
using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// The command line people type (issue 10): unknown options, names with dashes, many operands,
/// options after operands, contradictory formats, exit codes. The real CLI on a real Linux folder.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    private string Dir => scratch.Path;

    public void Dispose() => scratch.Dispose();

    private string Make(string relative, string content = "data")
    {
        var path = scratch.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private void Link(string relative, string target)
    {
        var path = scratch.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [RequiresFact("linux")]
    public void A_mistyped_option_is_a_usage_error_and_makes_nothing()
    {
        Make("x");
        var result = LinkctlCli.Run(Dir, "new", "--forse", "x");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--forse'", result.StdErr);
        Assert.Contains("did you mean --force?", result.StdErr);
        Assert.Contains("-- --forse", result.StdErr);
        Assert.False(Path.Exists(scratch.PathOf("--forse")));
        Assert.Equal(["x"], Directory.EnumerateFileSystemEntries(Dir).Select(Path.GetFileName));
    }

    [RequiresTheory("linux")]
    [InlineData("new", "--forse")]
    [InlineData("show", "x", "--bogus")]
    [InlineData("list", ".", "--brokn")]
    [InlineData("doctor", "--prob")]
    public void An_unknown_option_is_named_wherever_it_stands(params string[] arguments)
    {
        var result = LinkctlCli.Run(Dir, arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown option '{arguments[^1]}'", result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [RequiresFact("linux")]
    public void Rm_dash_rf_is_a_usage_error_and_removes_nothing()
    {
        Make("x");
        File.CreateSymbolicLink(scratch.PathOf("-rf"), "x");
        var result = LinkctlCli.Run(Dir, "rm", "-rf");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '-rf'", result.StdErr);
        Assert.True(new FileInfo(scratch.PathOf("-rf")).LinkTarget is "x");

        // After `--` it is a name like any other.
        Assert.Equal(0, LinkctlCli.Run(Dir, "rm", "--", "-rf").ExitCode);
        Assert.False(Path.Exists(scratch.PathOf("-rf")));
        Assert.True(File.Exists(scratch.PathOf("x")));
    }

    [RequiresFact("linux")]
    public void An_operand_starting_with_at_is_a_name_not_a_response_file()
    {
        // System.CommandLine would read the file "types" for "@types" (npm's scoped folders).
        Make("types", "--dry-run");
        Make("target");
        var made = LinkctlCli.Run(Dir, "new", "@types", "target");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal("target", new FileInfo(scratch.PathOf("@types")).LinkTarget);
        var (shown, json) = LinkctlCli.RunJson(Dir, "show", "@types");
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(scratch.PathOf("@types"), json.GetProperty("path").GetString());
    }

    [RequiresFact("linux")]
    public void Explain_takes_a_negative_libuv_number_without_dash_dash()
    {
        var result = LinkctlCli.Run(Dir, "explain", "-4048");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("libuv", result.StdOut);
    }

    [RequiresFact("linux")]
    public void Rm_removes_each_operand_reports_each_and_exits_with_the_worst()
    {
        Make("keep.txt", "keep");
        Link("a", "keep.txt");
        Link("b", "keep.txt");
        Directory.CreateDirectory(scratch.PathOf("folder"));

        var result = LinkctlCli.Run(Dir, "rm", "a", "folder", "missing", "b");
        // Removed, refused (4: a folder), refused (4: nothing there), removed: the worst is 4.
        Assert.Equal(4, result.ExitCode);
        Assert.False(Path.Exists(scratch.PathOf("a")));
        Assert.False(Path.Exists(scratch.PathOf("b")));
        Assert.True(Directory.Exists(scratch.PathOf("folder")));
        Assert.Equal("keep", File.ReadAllText(scratch.PathOf("keep.txt")));
        Assert.Equal(2, Lines(result.StdOut).Count(l => l.StartsWith("Removed symbolic link", StringComparison.Ordinal)));
        Assert.Contains("a folder (not a link)", result.StdErr);
        Assert.Contains("Nothing exists at", result.StdErr);
        Assert.Contains("removed 2 of 4; 2 not removed", result.StdErr);
    }

    [RequiresFact("linux", "root")]
    public void Rm_worst_code_is_the_highest_one_met()
    {
        // A link in a read-only folder (5, denied) and one that is a folder (4): 5 wins, and the
        // link that could be removed still is.
        using var ro = new ReadOnlyBindMount();
        File.CreateSymbolicLink(Path.Combine(ro.SourcePath, "stuck"), "x");
        Link("free", "x");
        Directory.CreateDirectory(scratch.PathOf("folder"));
        var result = LinkctlCli.Run(Dir, "rm", Path.Combine(ro.MountPath, "stuck"), "folder", "free");
        Assert.Equal(5, result.ExitCode);
        Assert.False(Path.Exists(scratch.PathOf("free")));
        Assert.Equal("x", new FileInfo(Path.Combine(ro.SourcePath, "stuck")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Rm_json_is_one_object_per_operand_one_per_line()
    {
        Link("a", "gone");
        Link("b", "gone");
        var result = LinkctlCli.Run(Dir, "rm", "--json", "a", "nothing", "b");
        Assert.Equal(4, result.ExitCode);
        var objects = Lines(result.StdOut).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, objects.Count);
        Assert.True(objects[0].GetProperty("removed").GetBoolean());
        Assert.False(objects[1].GetProperty("removed").GetBoolean());
        Assert.Equal("not_found", objects[1].GetProperty("error").GetProperty("kind").GetString());
        Assert.True(objects[2].GetProperty("removed").GetBoolean());

        // One operand: one line that is one JSON document, as before.
        Link("c", "gone");
        var (single, json) = LinkctlCli.RunJson(Dir, "rm", "c");
        Assert.Equal(0, single.ExitCode);
        Assert.True(json.GetProperty("removed").GetBoolean());
    }

    [RequiresFact("linux")]
    public void Rm_dry_run_with_many_operands_changes_nothing()
    {
        Link("a", "gone");
        Link("b", "gone");
        var result = LinkctlCli.Run(Dir, "rm", "--dry-run", "a", "b");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Lines(result.StdOut).Count(l => l.StartsWith("Would remove", StringComparison.Ordinal)));
        Assert.NotNull(new FileInfo(scratch.PathOf("a")).LinkTarget);
        Assert.NotNull(new FileInfo(scratch.PathOf("b")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void List_takes_options_before_or_after_the_roots()
    {
        Make("t/file");
        Link("t/link", "file");
        var before = LinkctlCli.Run(Dir, "list", "--kind", "symbolic", "t");
        var after = LinkctlCli.Run(Dir, "list", "t", "--kind", "symbolic");
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(["t/link"], Lines(before.StdOut).Select(l => l.Split('\t')[0]));
        Assert.Equal(before.StdOut, after.StdOut);
    }

    [RequiresFact("linux")]
    public void List_max_depth_0_is_the_roots_only_as_find()
    {
        Make("t/file");
        Link("t/inside", "file");
        Link("rootlink", "t");
        var zero = LinkctlCli.Run(Dir, "list", "--max-depth", "0", "t", "rootlink");
        Assert.Equal(0, zero.ExitCode);
        Assert.Equal(["rootlink"], Lines(zero.StdOut).Select(l => l.Split('\t')[0]));
        var find = ProcessRunner.Run("find", ["t", "rootlink", "-maxdepth", "0", "-type", "l"], null, Dir).EnsureSuccess();
        Assert.Equal(Lines(find.StdOut), Lines(zero.StdOut).Select(l => l.Split('\t')[0]));

        var one = LinkctlCli.Run(Dir, "list", "--max-depth", "1", "t");
        Assert.Equal(["t/inside"], Lines(one.StdOut).Select(l => l.Split('\t')[0]));
    }

    [RequiresTheory("linux")]
    [InlineData("--json", "--csv")]
    [InlineData("--csv", "-0")]
    [InlineData("--json", "--print0")]
    public void List_with_two_output_formats_is_a_usage_error(string first, string second)
    {
        var result = LinkctlCli.Run(Dir, "list", first, second, ".");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ask for different output formats", result.StdErr);
        if (first == "--json")
        {
            // With --json the usage error is also the one JSON line on stdout.
            var error = JsonDocument.Parse(Lines(result.StdOut).Single()).RootElement.GetProperty("error");
            Assert.Equal("invalid_input", error.GetProperty("kind").GetString());
        }
        else
        {
            Assert.Equal(string.Empty, result.StdOut);
        }
    }

    [RequiresFact("linux")]
    public void List_print0_writes_raw_paths_separated_by_nul_for_xargs()
    {
        Make("t/file");
        Link("t/new\nline", "file");
        Link("t/plain", "file");
        var bytes = Encoding.UTF8.GetBytes(LinkctlCli.Run(Dir, "list", "-0", "t").EnsureSuccess().StdOut);
        var names = Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["t/new\nline", "t/plain"], names);
        Assert.EndsWith("\0", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // The pipeline the option is for: every listed link removed by rm through xargs -0.
        var dll = Path.Combine(AppContext.BaseDirectory, "linkctl.dll");
        var piped = ProcessRunner.Run("sh", ["-c", $"dotnet '{dll}' list -0 t | xargs -0 dotnet '{dll}' rm --"], TimeSpan.FromSeconds(60), Dir);
        Assert.Equal(0, piped.ExitCode);
        Assert.False(Path.Exists(scratch.PathOf("t/new\nline")));
        Assert.False(Path.Exists(scratch.PathOf("t/plain")));
        Assert.True(File.Exists(scratch.PathOf("t/file")));
    }

    [RequiresFact("linux")]
    public void List_broken_exits_1_when_it_listed_broken_links_and_0_when_none()
    {
        Make("t/file");
        Link("t/ok", "file");
        var none = LinkctlCli.Run(Dir, "list", "--broken", "t");
        Assert.Equal(0, none.ExitCode);
        Assert.Equal(string.Empty, none.StdOut);

        Link("t/dangling", "nothing");
        var some = LinkctlCli.Run(Dir, "list", "--broken", "--json", "t");
        Assert.Equal(1, some.ExitCode);
        Assert.Equal("broken", JsonDocument.Parse(Lines(some.StdOut).Single()).RootElement.GetProperty("status").GetString());

        // Without --broken, broken links among the others are not a negative answer.
        Assert.Equal(0, LinkctlCli.Run(Dir, "list", "t").ExitCode);
    }

    [RequiresFact("linux")]
    public void Explain_reads_the_text_from_standard_input_with_a_dash()
    {
        var log = "npm ERR! code EPERM\nnpm ERR! errno -4048\nsomething else\nerror: unable to create symlink x: Permission denied\n";
        var result = LinkctlCli.RunWithInput(Dir, log, "explain", "-");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("libuv / Node: errno -4048", result.StdOut);
        Assert.Contains("git: \"unable to create symlink", result.StdOut);
    }

    [RequiresTheory("linux")]
    [InlineData("")]
    [InlineData("   ")]
    public void Explain_of_an_empty_text_is_a_usage_error(string text)
    {
        var result = LinkctlCli.Run(Dir, "explain", text);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("empty text", result.StdErr);
        var fromStdin = LinkctlCli.RunWithInput(Dir, "\n", "explain", "-");
        Assert.Equal(2, fromStdin.ExitCode);
    }

    [RequiresFact("linux")]
    public void Explain_several_codes_on_the_command_line_explains_each_and_cites_sources()
    {
        var result = LinkctlCli.Run(Dir, "explain", "2", "3", "50", "1920", "1921");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "ERROR_FILE_NOT_FOUND (2)", "ERROR_PATH_NOT_FOUND (3)", "ERROR_NOT_SUPPORTED (50)", "ERROR_CANT_ACCESS_FILE (1920)", "ERROR_CANT_RESOLVE_FILENAME (1921)" })
        {
            Assert.Contains(name, result.StdOut);
        }

        Assert.Contains("  source: learn.microsoft.com/windows/win32/debug/system-error-codes", result.StdOut);
    }
}
