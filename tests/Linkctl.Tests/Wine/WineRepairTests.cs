using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary>
/// <c>linkctl repair</c> from the win-x64 build under Wine: the Windows walk, planner and runner
/// start and answer. Wine 8 shows Unix symlinks as plain files and folders and makes no links of
/// its own (CreateSymbolicLinkW succeeds without creating anything), so no link can be repaired
/// here: changes themselves are tested against the simulated Windows (RepairOnSimulatedWindowsTests).
/// </summary>
[Collection(WineFixture.Collection)]
public sealed class WineRepairTests(WineFixture wine)
{
    [RequiresFact("wine")]
    public void Repair_runs_on_the_windows_build_instead_of_refusing()
    {
        var folder = wine.NewFolder();
        File.WriteAllText(Path.Combine(folder, "file.txt"), "x");

        var (exit, stdout, stderr) = wine.Run("repair", "--relative", "--prune-broken", WineFixture.ToWinePath(folder));

        Assert.True(exit == 0, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains("0 change(s) planned", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not available on this OS", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }

    [RequiresFact("wine")]
    public void Undo_with_an_empty_journal_says_there_is_nothing_to_undo()
    {
        var journal = Path.Combine(wine.NewFolder(), "journal.jsonl");

        var (exit, stdout, stderr) = wine.RunWith(["LINKCTL_JOURNAL=" + WineFixture.ToWinePath(journal)], "repair", "--undo", "--apply");

        Assert.True(exit == 1, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains("nothing to undo: the journal holds no repair run", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }
}
