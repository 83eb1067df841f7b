using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// The OS's limits get their own reasons (issue 10): ENAMETOOLONG is "too long" with exit 6, not
/// "the folder does not exist" nor the usage code; ENOSPC is "no space left", and doctor --probe
/// on a full disk says the disk is full instead of "this file system cannot store links".
/// </summary>
public sealed class OsLimitTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => ProcessRunner.Run("rm", "-rf", "--", scratch.Path).EnsureSuccess();

    [RequiresFact("linux")]
    public void A_name_over_NAME_MAX_is_too_long_exit_6_not_usage()
    {
        File.WriteAllText(scratch.PathOf("x"), "x");
        var (result, json) = LinkctlCli.RunJson(scratch.Path, "new", new string('n', 300), "x");
        Assert.Equal(6, result.ExitCode);
        Assert.Equal("name_too_long", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("300 bytes", result.StdErr);
    }

    [RequiresFact("linux")]
    public void A_full_path_over_PATH_MAX_is_the_kernels_ENAMETOOLONG_not_a_missing_folder()
    {
        // 18 folders of 250 bytes, made one step at a time (the whole path is over PATH_MAX), and
        // linkctl run from the deepest with short relative names: its full paths are too long.
        var name = new string('d', 250);
        var chain = string.Join(" && ", Enumerable.Repeat($"mkdir {name} && cd {name}", 18));
        var script = $"{chain} && echo x > x && {LinkctlCli.ShellCommand("new", "l", "x")}";
        var result = ProcessRunner.Run("bash", ["-c", script], null, scratch.Path);
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("ENAMETOOLONG", result.StdErr);
        Assert.Contains("too long", result.StdErr);
        Assert.DoesNotContain("does not exist", result.StdErr);
    }

    /// <summary>A tmpfs whose inodes are all used: every new name fails with ENOSPC (leaving <paramref name="free"/> inodes).</summary>
    private static TmpfsMount FullTmpfs(int free)
    {
        var tmpfs = new TmpfsMount(inodes: 32);
        File.WriteAllText(tmpfs.PathOf("target"), "x");
        var made = new List<string>();
        for (var i = 0; ; i++)
        {
            try
            {
                File.WriteAllText(tmpfs.PathOf($"fill{i}"), string.Empty);
                made.Add(tmpfs.PathOf($"fill{i}"));
            }
            catch (IOException)
            {
                break;
            }
        }

        foreach (var f in made.Take(free))
        {
            File.Delete(f);
        }

        return tmpfs;
    }

    [RequiresFact("linux", "root")]
    public void New_on_a_full_disk_says_no_space_left()
    {
        using var tmpfs = FullTmpfs(free: 0);
        var (result, json) = LinkctlCli.RunJson(tmpfs.MountPath, "new", "l", "target");
        Assert.Equal(8, result.ExitCode);
        Assert.Equal("no_space", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("ENOSPC", json.GetProperty("error").GetProperty("os_error").GetProperty("name").GetString());
        Assert.Contains("no space left", result.StdErr);
        Assert.False(File.Exists(tmpfs.PathOf("l")));
    }

    [RequiresTheory("linux", "root")]
    [InlineData(0)] // the probe's own folder cannot be made
    [InlineData(3)] // its folder and targets are made, the links are not
    public void Doctor_probe_on_a_full_disk_says_the_disk_is_full_not_that_links_cannot_be_stored(int free)
    {
        using var tmpfs = FullTmpfs(free);
        var result = LinkctlCli.Run(tmpfs.MountPath, "doctor", "--probe", ".");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the disk is full", result.StdOut);
        Assert.Contains("Free space on that file system", result.StdOut);
        Assert.DoesNotContain("cannot store", result.StdOut);
        Assert.Empty(Directory.GetFileSystemEntries(tmpfs.MountPath, ".linkctl-probe-*"));
    }
}
