using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary>
/// The published win-x64 CLI under Wine: proves the P/Invoke layer loads and marshals,
/// and that the tool tells the truth where Wine lies (CreateSymbolicLinkW answers TRUE and
/// makes nothing) or lacks an entry point (FindFirstFileNameW). Checks on the Linux side
/// use the kernel's view, independent of what linkctl reports.
/// </summary>
[Collection(WineFixture.Collection)]
public sealed class WineCliTests(WineFixture wine)
{
    /// <summary>ExitCodes.ReadBackFailed: the OS said yes, reading back said no, nothing left behind.</summary>
    private const int ReadBackFailedExit = 7;

    [RequiresFact("wine")]
    public void Version_RunsUnderWine()
    {
        var (exit, stdout, stderr) = wine.Run("--version");

        Assert.True(exit == 0, $"exit {exit}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Matches(@"\d+\.\d+\.\d+", stdout);
    }

    [RequiresFact("wine")]
    public void NewHardLink_ThenShow_ReportsHardLinkWithTwoNames()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        var link = Path.Combine(folder, "link.txt");
        File.WriteAllText(target, "linkctl");

        var made = wine.Run("new", "--json", WineFixture.ToWinePath(link), WineFixture.ToWinePath(target), "--kind", "hard");

        Assert.True(made.ExitCode == 0, Describe(made));
        Assert.Equal("2", ProcessRunner.Run("stat", "-c", "%h", target).EnsureSuccess().StdOut.Trim());
        Assert.Equal(
            ProcessRunner.Run("stat", "-c", "%i", target).EnsureSuccess().StdOut.Trim(),
            ProcessRunner.Run("stat", "-c", "%i", link).EnsureSuccess().StdOut.Trim());

        var shown = wine.Run("show", "--json", WineFixture.ToWinePath(link));

        Assert.True(shown.ExitCode == 0, Describe(shown));
        using var json = ParseJson(shown.StdOut, shown);
        Assert.Equal("hard_link", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("link_count").GetInt64());
    }

    /// <summary>
    /// rm on Windows acts through a pinned folder (issue 9): the folder opened by CreateFileW with
    /// FILE_FLAG_BACKUP_SEMANTICS, the name by NtCreateFile relative to it (RootDirectory,
    /// FILE_OPEN_REPARSE_POINT), checked on that handle (FileAttributeTagInfo, FILE_ID_INFO, link
    /// count) and deleted by it (FileDispositionInfoEx, or FileDispositionInfo where refused). Wine 8
    /// runs that whole chain for a hard-link name; the kernel's view afterwards is the evidence.
    /// </summary>
    [RequiresFact("wine")]
    public void RmHardLinkName_ActsByHandleInThePinnedFolder_AndKeepsTheOtherName()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        var second = Path.Combine(folder, "second.txt");
        File.WriteAllText(target, "linkctl");
        ProcessRunner.Run("ln", target, second).EnsureSuccess();

        var removed = wine.Run("rm", "--json", WineFixture.ToWinePath(second));

        Assert.True(removed.ExitCode == 0, Describe(removed));
        Assert.False(File.Exists(second), $"{second} is still there\n{Describe(removed)}");
        Assert.Equal("linkctl", File.ReadAllText(target));
        Assert.Equal("1", ProcessRunner.Run("stat", "-c", "%h", target).EnsureSuccess().StdOut.Trim());
        Assert.Equal(["target.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));

        // The last name is refused: removing it would delete the data.
        var refused = wine.Run("rm", "--json", WineFixture.ToWinePath(target));
        Assert.True(refused.ExitCode != 0, Describe(refused));
        Assert.Equal("linkctl", File.ReadAllText(target));
    }

    [RequiresFact("wine")]
    public void NewSymbolicLink_WineCreatesNothing_FailsWithReadBackAndLeavesNothing()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        var link = Path.Combine(folder, "link.txt");
        File.WriteAllText(target, "linkctl");

        var made = wine.Run("new", "--json", WineFixture.ToWinePath(link), WineFixture.ToWinePath(target));

        Assert.True(made.ExitCode == ReadBackFailedExit, "expected exit 7 (read_back_failed): Wine's CreateSymbolicLinkW answers TRUE and makes nothing.\n" + Describe(made));
        using var json = ParseJson(made.StdOut, made);
        Assert.Equal("read_back_failed", json.RootElement.GetProperty("error").GetProperty("kind").GetString());

        var entry = new FileInfo(link);
        Assert.False(entry.Exists || Directory.Exists(link) || entry.LinkTarget is not null, $"something was left at {link}");
        Assert.Equal("linkctl", File.ReadAllText(target));
    }

    [RequiresFact("wine")]
    public void New_WhenTheUserNameMapsToNoAccount_StillAnswersWithItsOwnVerdict()
    {
        // A clean CI machine ran with USER empty: Wine's LookupAccountNameW then fails
        // (ERROR_NONE_MAPPED) and .NET's Environment.UserDomainName throws; linkctl crashed with
        // "an error it did not expect" instead of its read-back verdict.
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        var link = Path.Combine(folder, "link.txt");
        File.WriteAllText(target, "linkctl");

        var made = wine.RunWith(["USER=", "LOGNAME="], "new", "--json", WineFixture.ToWinePath(link), WineFixture.ToWinePath(target));

        Assert.True(made.ExitCode == ReadBackFailedExit, "expected exit 7 (read_back_failed) with USER empty.\n" + Describe(made));
        using var json = ParseJson(made.StdOut, made);
        Assert.Equal("read_back_failed", json.RootElement.GetProperty("error").GetProperty("kind").GetString());

        var doctor = wine.RunWith(["USER=", "LOGNAME="], "doctor", "--json", WineFixture.ToWinePath(folder));
        Assert.DoesNotContain("did not expect", doctor.StdOut + doctor.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("wine")]
    public void ShowHardLinkedFile_WithoutFindFirstFileNameW_DoesNotCrash()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        File.WriteAllText(target, "linkctl");
        ProcessRunner.Run("ln", target, Path.Combine(folder, "second-name.txt")).EnsureSuccess();

        var shown = wine.Run("show", "--json", WineFixture.ToWinePath(target));

        Assert.True(shown.ExitCode == 0, Describe(shown));
        Assert.DoesNotContain("EntryPointNotFoundException", shown.StdErr + shown.StdOut);
        Assert.DoesNotContain("Unhandled exception", shown.StdErr + shown.StdOut);
        using var json = ParseJson(shown.StdOut, shown);
        Assert.Equal("hard_link", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("link_count").GetInt64());

        // Wine cannot list the names: the report must say so rather than invent them.
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("names_unavailable").GetString()), Describe(shown));
    }

    private static string Describe((int ExitCode, string StdOut, string StdErr) result) =>
        $"exit {result.ExitCode}\nstdout: {result.StdOut}\nstderr: {result.StdErr}";

    private static JsonDocument ParseJson(string text, (int ExitCode, string StdOut, string StdErr) result)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"--json printed no JSON ({e.Message})\n{Describe(result)}");
        }
    }
}
