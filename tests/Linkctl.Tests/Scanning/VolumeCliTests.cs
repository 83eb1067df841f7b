using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary><c>linkctl list --volume</c> off Windows: refused plainly, with the exit codes docs/list.md gives.</summary>
public sealed class VolumeCliTests
{
    [RequiresFact("linux")]
    public void Volume_off_Windows_says_what_it_is_and_exits_unsupported()
    {
        var result = LinkctlCli.Run(Path.GetTempPath(), "list", "--volume", "C:");

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("NTFS whole-volume $Reparse index", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("linkctl list ROOT", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [RequiresFact("linux")]
    public void Volume_with_roots_or_walk_only_options_is_a_usage_error()
    {
        var withRoot = LinkctlCli.Run(Path.GetTempPath(), "list", "--volume", "C:", ".");
        Assert.Equal(2, withRoot.ExitCode);
        Assert.Contains("not both", withRoot.StdErr, StringComparison.Ordinal);

        var withFollow = LinkctlCli.Run(Path.GetTempPath(), "list", "--volume", "C:", "--follow");
        Assert.Equal(2, withFollow.ExitCode);
        Assert.Contains("--follow does not apply to --volume", withFollow.StdErr, StringComparison.Ordinal);
    }
}
