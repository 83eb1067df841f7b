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
    public void Fix_devmode_dry_run_plans_the_value_and_the_real_run_refuses_without_an_undo_journal()
    {
        var (dryExit, dryOut, _) = wine.Run("fix", "devmode", "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.Contains(@"AllowDevelopmentWithoutDevLicense: absent -> 1", dryOut);

        var (exit, _, stderr) = wine.Run("fix", "devmode");
        Assert.Equal(6, exit);
        Assert.Contains("undo journal is not available", stderr);
    }
}
