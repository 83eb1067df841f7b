using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary><c>linkctl copy</c> as a user runs it: summary, --json, --dry-run and exit codes.</summary>
public sealed class CopyCliTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-copycli-");

    private string Dir => scratch.Path;

    public void Dispose() => scratch.Dispose();

    [RequiresFact("linux")]
    public void Copy_prints_JSON_and_exits_0_when_complete_and_4_when_DST_exists()
    {
        Directory.CreateDirectory(scratch.PathOf("src/a"));
        File.WriteAllText(scratch.PathOf("src/a/f"), "abc");
        File.CreateSymbolicLink(scratch.PathOf("src/l"), "a/f");
        File.CreateSymbolicLink(scratch.PathOf("src/out"), "/etc");

        var (copied, json) = LinkctlCli.RunJson(Dir, "copy", "src", "dst");
        var again = LinkctlCli.Run(Dir, "copy", "src", "dst");

        Assert.Equal(0, copied.ExitCode);
        Assert.True(json.GetProperty("complete").GetBoolean());
        Assert.Equal((1, 3, 1, 1), (json.GetProperty("files").GetInt32(), json.GetProperty("bytes").GetInt32(), json.GetProperty("inner_links").GetInt32(), json.GetProperty("outer_links").GetInt32()));
        Assert.Equal("a/f", new FileInfo(scratch.PathOf("dst/l")).LinkTarget);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("DST exists already", again.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("linux")]
    public void A_dry_run_prints_the_plan_and_makes_nothing_and_a_bad_outer_mode_is_a_usage_error()
    {
        Directory.CreateDirectory(scratch.PathOf("src"));
        File.CreateSymbolicLink(scratch.PathOf("src/out"), "../elsewhere");

        var dry = LinkctlCli.Run(Dir, "copy", "--dry-run", "--outer", "drop", "src", "dst");
        var bad = LinkctlCli.Run(Dir, "copy", "--outer", "splice", "src", "dst");

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("skip ", dry.StdOut, StringComparison.Ordinal);
        Assert.Contains("Would copy", dry.StdOut, StringComparison.Ordinal);
        Assert.False(Path.Exists(scratch.PathOf("dst")));
        Assert.Equal(2, bad.ExitCode);
    }
}
