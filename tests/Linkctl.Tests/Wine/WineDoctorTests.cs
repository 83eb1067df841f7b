using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary>doctor and fix on the win-x64 build under Wine: Wine's real token, volume, registry and link calls.</summary>
[Collection(WineFixture.Collection)]
public sealed class WineDoctorTests(WineFixture wine)
{
    private (int ExitCode, JsonElement Json, string StdErr) Doctor(params string[] args)
    {
        var (exit, stdout, stderr) = wine.Run(["doctor", "--json", .. args]);
        using var document = JsonDocument.Parse(stdout);
        return (exit, document.RootElement.Clone(), stderr);
    }

    private void Reg(params string[] args)
    {
        var result = ProcessRunner.Run("env", ["WINEPREFIX=" + wine.Prefix, "WINEDEBUG=-all", wine.Wine, "reg", .. args], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"wine reg {string.Join(' ', args)}: {result.StdErr}");
    }

    [RequiresFact("wine")]
    public void Doctor_reports_wines_real_token_and_volume_and_the_probe_finds_no_symbolic_link()
    {
        var folder = WineFixture.ToWinePath(wine.NewFolder());
        var (exit, json, _) = Doctor("--probe", folder);
        Assert.Equal(1, exit);
        var facts = json.GetProperty("facts");
        var token = facts.GetProperty("windows").GetProperty("token");
        Assert.Equal("full", token.GetProperty("elevation_type").GetString());
        Assert.False(token.GetProperty("holds_symlink_privilege").GetBoolean());
        Assert.False(facts.GetProperty("volume").GetProperty("supports_reparse_points").GetBoolean());
        var probes = facts.GetProperty("probe").EnumerateArray().ToDictionary(p => p.GetProperty("kind").GetString()!);
        Assert.False(probes["symbolic_link_to_file"].GetProperty("created").GetBoolean());
        Assert.Equal("read_back_failed", probes["symbolic_link_to_file"].GetProperty("error").GetProperty("kind").GetString());
        Assert.True(probes["hard_link"].GetProperty("created").GetBoolean());
        Assert.All(probes.Values, p => Assert.True(p.GetProperty("removed").GetBoolean()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder[2..].Replace('\\', '/')));
    }

    [RequiresFact("wine")]
    public void Doctor_reports_developer_mode_and_symlink_evaluation_values_set_with_reg_add()
    {
        Reg("add", @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AppModelUnlock", "/v", "AllowDevelopmentWithoutDevLicense", "/t", "REG_DWORD", "/d", "1", "/f");
        Reg("add", @"HKLM\SYSTEM\CurrentControlSet\Control\FileSystem", "/v", "SymlinkRemoteToLocalEvaluation", "/t", "REG_DWORD", "/d", "1", "/f");
        Reg("add", @"HKLM\SYSTEM\CurrentControlSet\Control\FileSystem", "/v", "SymlinkLocalToRemoteEvaluation", "/t", "REG_DWORD", "/d", "0", "/f");
        try
        {
            var (_, json, _) = Doctor(WineFixture.ToWinePath(wine.NewFolder()));
            var windows = json.GetProperty("facts").GetProperty("windows");
            var dev = windows.GetProperty("developer_mode");
            Assert.Equal(1, dev.GetProperty("local_value").GetInt32());
            Assert.True(dev.GetProperty("enabled").GetBoolean());
            var local = windows.GetProperty("evaluation").GetProperty("local");
            Assert.Equal(1, local.GetProperty("r2l").GetInt32());
            Assert.Equal(0, local.GetProperty("l2r").GetInt32());
            Assert.Equal(JsonValueKind.Null, local.GetProperty("l2l").ValueKind);
        }
        finally
        {
            Reg("delete", @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AppModelUnlock", "/v", "AllowDevelopmentWithoutDevLicense", "/f");
            Reg("delete", @"HKLM\SYSTEM\CurrentControlSet\Control\FileSystem", "/v", "SymlinkRemoteToLocalEvaluation", "/f");
            Reg("delete", @"HKLM\SYSTEM\CurrentControlSet\Control\FileSystem", "/v", "SymlinkLocalToRemoteEvaluation", "/f");
        }
    }

    [RequiresFact("wine")]
    public void Fix_devmode_writes_the_value_reads_it_back_journals_it_and_undo_restores_absent()
    {
        const string Key = @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AppModelUnlock";
        const string Name = "AllowDevelopmentWithoutDevLicense";
        var journalFile = Path.Combine(wine.NewFolder(), "journal.jsonl");
        string[] env = ["LINKCTL_JOURNAL=" + WineFixture.ToWinePath(journalFile)];
        Assert.NotEqual(0, wine.RunWineProgram("reg", "query", Key, "/v", Name).ExitCode);

        var (dryExit, dryOut, _) = wine.RunWith(env, "fix", "devmode", "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains($"would set {Key}\\{Name}: absent -> 1", dryOut);
        Assert.False(File.Exists(journalFile));

        var (exit, stdout, stderr) = wine.RunWith(env, "fix", "devmode");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"set {Key}\\{Name}: absent -> 1 (read back)", stdout);
        var query = wine.RunWineProgram("reg", "query", Key, "/v", Name);
        Assert.Equal(0, query.ExitCode);
        Assert.Matches(@"REG_DWORD\s+0x1\b", query.StdOut);
        var line = Assert.Single(new Linkctl.Journal.UndoJournal(journalFile).ReadAll());
        Assert.Equal(("fix", "set_registry_value", $"{Key}\\{Name}", (string?)null, "1"), (line.Command, line.Action, line.Path, line.Before, line.After));

        var (_, json, _) = Doctor(WineFixture.ToWinePath(wine.NewFolder()));
        var dev = json.GetProperty("facts").GetProperty("windows").GetProperty("developer_mode");
        Assert.Equal(1, dev.GetProperty("local_value").GetInt32());
        Assert.True(dev.GetProperty("enabled").GetBoolean());
        // LSA's live answer (Wine: nobody holds the right), no longer "unknown".
        var right = json.GetProperty("facts").GetProperty("windows").GetProperty("right");
        Assert.True(right.GetProperty("assigned_to_user").ValueKind == JsonValueKind.False, right.ToString());

        var (undoExit, undoOut, undoErr) = wine.RunWith(env, "fix", "--undo");
        Assert.True(undoExit == 0, undoErr);
        Assert.Contains($"restored {Key}\\{Name} to absent (read back)", undoOut);
        Assert.NotEqual(0, wine.RunWineProgram("reg", "query", Key, "/v", Name).ExitCode);
        Assert.Equal("undo_run", new Linkctl.Journal.UndoJournal(journalFile).ReadAll()[^1].Action);
    }

    [RequiresFact("wine")]
    public void Rights_list_reports_lsas_real_answer_nobody()
    {
        var (exit, stdout, stderr) = wine.Run("rights", "list", "--json");
        Assert.True(exit == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal("SeCreateSymbolicLinkPrivilege", root.GetProperty("right").GetString());
        Assert.Equal(0, root.GetProperty("holders").GetArrayLength());
        Assert.False(root.GetProperty("current_user").GetProperty("holds").GetBoolean());
    }

    [RequiresFact("wine")]
    public void Rights_grant_that_lsa_does_not_keep_fails_read_back_and_journals_nothing_as_done()
    {
        var journalFile = Path.Combine(wine.NewFolder(), "journal.jsonl");
        string[] env = ["LINKCTL_JOURNAL=" + WineFixture.ToWinePath(journalFile)];
        var (exit, stdout, stderr) = wine.RunWith(env, "rights", "grant", "S-1-5-32-545", "--json");
        Assert.True(exit == 7, $"exit {exit}: {stderr}");
        using var document = JsonDocument.Parse(stdout);
        var outcome = document.RootElement.GetProperty("outcomes").EnumerateArray().Single();
        Assert.False(outcome.GetProperty("confirmed").GetBoolean());
        Assert.Null(document.RootElement.GetProperty("reminder").GetString());

        var journal = new Linkctl.Journal.UndoJournal(journalFile);
        Assert.Equal(["grant_right", "not_made"], journal.ReadAll().Select(e => e.Action));
        Assert.Empty(new Linkctl.Journal.SettingsJournal(journal, "rights").Pending());
    }
}
