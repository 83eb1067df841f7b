using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary><c>linkctl list</c> from the win-x64 build under Wine: the FindFirstFileExW walker, for real.</summary>
[Collection(WineFixture.Collection)]
public sealed class WineListTests(WineFixture wine)
{
    [RequiresFact("wine")]
    public void List_hard_finds_both_names_of_a_hard_linked_file()
    {
        var folder = wine.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "one.txt"), "x");
        File.WriteAllText(Path.Combine(folder, "single.txt"), "y");
        ProcessRunner.Run("ln", Path.Combine(folder, "one.txt"), Path.Combine(folder, "sub", "two.txt")).EnsureSuccess();

        var (exit, stdout, stderr) = wine.Run("list", "--hard", "--json", WineFixture.ToWinePath(folder));

        Assert.True(exit == 0, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        var links = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["one.txt", "two.txt"], links.Select(l => l.GetProperty("path").GetString()!.Split('\\').Last()).Order());
        Assert.All(links, l =>
        {
            Assert.Equal("hard_link", l.GetProperty("kind").GetString());
            Assert.Equal(2, l.GetProperty("link_count").GetInt32());
        });
        Assert.Single(links.Select(l => (l.GetProperty("device").GetUInt64(), l.GetProperty("inode").GetUInt64())).Distinct());
    }

    [RequiresFact("wine")]
    public void List_of_a_missing_path_reports_it_without_crashing()
    {
        var missing = Path.Combine(wine.NewFolder(), "no-such-folder");

        var (exit, stdout, stderr) = wine.Run("list", WineFixture.ToWinePath(missing));

        Assert.True(exit == 4, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains("cannot read root", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [RequiresFact("wine")]
    public void List_volume_fails_cleanly_because_wine_has_no_reparse_index()
    {
        var (exit, stdout, stderr) = wine.Run("list", "--volume", "C:", "--json");

        // Wine's C: is a Unix folder: no $Extend\$Reparse behind it. Exit 6 (unsupported), not a crash.
        Assert.True(exit == 6, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains("$Reparse index", stderr, StringComparison.Ordinal);
        Assert.Contains(@"linkctl list C:\", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);

        // With --json the failure is also the documented error object, one line on stdout.
        using var json = System.Text.Json.JsonDocument.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("not_supported", error.GetProperty("kind").GetString());
        Assert.Equal("ERROR_PATH_NOT_FOUND", error.GetProperty("os_error").GetProperty("name").GetString());
    }
}
