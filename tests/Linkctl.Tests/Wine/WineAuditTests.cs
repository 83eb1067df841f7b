using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary>
/// <c>linkctl audit links</c> from the win-x64 build under Wine: the Windows walker, the DACL
/// reader and the owner reader, for real. Wine's security support is partial, so what the
/// audit cannot read it must call unknown, and never call the tree clean on a guess.
/// </summary>
[Collection(WineFixture.Collection)]
public sealed class WineAuditTests(WineFixture wine)
{
    [RequiresFact("wine")]
    public void Audit_links_of_a_tree_with_a_hard_linked_file_examines_it_and_exits_by_what_it_found()
    {
        var folder = wine.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "one.txt"), "x");
        File.WriteAllText(Path.Combine(folder, "single.txt"), "y");
        ProcessRunner.Run("ln", Path.Combine(folder, "one.txt"), Path.Combine(folder, "sub", "two.txt")).EnsureSuccess();

        var (exit, stdout, stderr) = wine.Run("audit", "links", "--json", WineFixture.ToWinePath(folder));

        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, report.GetProperty("links_examined").GetInt32());
        var findings = report.GetProperty("findings").GetArrayLength();
        var undetermined = report.GetProperty("undetermined").EnumerateArray().ToList();
        var problems = report.GetProperty("problems").GetArrayLength();
        var unknown = report.GetProperty("unknown").EnumerateArray().Select(u => u.GetString()!).ToList();
        var expected = findings > 0 ? 1 : undetermined.Count > 0 || problems > 0 ? 8 : 0;
        Assert.True(exit == expected, $"exit {exit}, expected {expected}\nstdout: {stdout}\nstderr: {stderr}");

        // Each name is in a folder made by this user and owned by it: the only way to a finding
        // or an undetermined one is a fact Wine would not give, and then it must be named.
        Assert.Equal(0, findings);
        Assert.All(undetermined, u => Assert.Contains("unknown", u.GetProperty("why").GetString()!, StringComparison.Ordinal));
        if (undetermined.Count > 0)
        {
            Assert.NotEmpty(unknown);
        }

        // The text form says the same thing, with the verdict in the last line.
        var text = wine.Run("audit", "links", WineFixture.ToWinePath(folder));
        Assert.Equal(exit, text.ExitCode);
        Assert.Contains("2 link(s) examined", text.StdOut, StringComparison.Ordinal);
        Assert.Equal(unknown.Count, text.StdErr.Split('\n').Count(l => l.StartsWith("linkctl: unknown: ", StringComparison.Ordinal)));
        Assert.Contains(exit == 0 ? "0 finding(s)" : "not clean", text.StdOut, StringComparison.Ordinal);
        Assert.Equal(exit == 8, text.StdOut.Contains("not clean", StringComparison.Ordinal));
    }

    [RequiresFact("wine")]
    public void Audit_links_of_a_missing_path_is_refused_without_crashing()
    {
        var missing = Path.Combine(wine.NewFolder(), "no-such-folder");

        var (exit, stdout, stderr) = wine.Run("audit", "links", WineFixture.ToWinePath(missing));

        Assert.True(exit == 4, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }
}
