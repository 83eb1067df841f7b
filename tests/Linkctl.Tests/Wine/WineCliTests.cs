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

        var made = wine.Run("new", WineFixture.ToWinePath(link), WineFixture.ToWinePath(target), "--kind", "hard", "--json");

        Assert.True(made.ExitCode == 0, Describe(made));
        Assert.Equal("2", ProcessRunner.Run("stat", "-c", "%h", target).EnsureSuccess().StdOut.Trim());
        Assert.Equal(
            ProcessRunner.Run("stat", "-c", "%i", target).EnsureSuccess().StdOut.Trim(),
            ProcessRunner.Run("stat", "-c", "%i", link).EnsureSuccess().StdOut.Trim());

        var shown = wine.Run("show", WineFixture.ToWinePath(link), "--json");

        Assert.True(shown.ExitCode == 0, Describe(shown));
        using var json = ParseJson(shown.StdOut, shown);
        Assert.Equal("hard_link", FindProperty(json.RootElement, "kind")?.GetString());
        Assert.Equal(2, FindProperty(json.RootElement, "link_count")?.GetInt64());
    }

    [RequiresFact("wine")]
    public void NewSymbolicLink_WineCreatesNothing_FailsWithReadBackAndLeavesNothing()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        var link = Path.Combine(folder, "link.txt");
        File.WriteAllText(target, "linkctl");

        var made = wine.Run("new", WineFixture.ToWinePath(link), WineFixture.ToWinePath(target), "--json");

        Assert.True(made.ExitCode != 0, "Wine's CreateSymbolicLinkW makes nothing, so success is a lie.\n" + Describe(made));
        using var json = ParseJson(string.IsNullOrWhiteSpace(made.StdOut) ? made.StdErr : made.StdOut, made);
        // The failure's kind, not the kind of link that was asked for.
        var error = FindProperty(json.RootElement, "error") ?? json.RootElement;
        var kind = FindProperty(error, "kind")?.GetString() ?? string.Empty;
        Assert.Equal("readbackfailed", kind.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant());

        var entry = new FileInfo(link);
        Assert.False(entry.Exists || Directory.Exists(link) || entry.LinkTarget is not null, $"something was left at {link}");
        Assert.Equal("linkctl", File.ReadAllText(target));
    }

    [RequiresFact("wine")]
    public void ShowHardLinkedFile_WithoutFindFirstFileNameW_DoesNotCrash()
    {
        var folder = wine.NewFolder();
        var target = Path.Combine(folder, "target.txt");
        File.WriteAllText(target, "linkctl");
        ProcessRunner.Run("ln", target, Path.Combine(folder, "second-name.txt")).EnsureSuccess();

        var shown = wine.Run("show", WineFixture.ToWinePath(target), "--json");

        Assert.True(shown.ExitCode == 0, Describe(shown));
        Assert.DoesNotContain("EntryPointNotFoundException", shown.StdErr + shown.StdOut);
        Assert.DoesNotContain("Unhandled exception", shown.StdErr + shown.StdOut);
        using var json = ParseJson(shown.StdOut, shown);
        Assert.Equal("hard_link", FindProperty(json.RootElement, "kind")?.GetString());
        Assert.Equal(2, FindProperty(json.RootElement, "link_count")?.GetInt64());
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

    /// <summary>
    /// The first property of that name, top level first, then depth-first: the JSON layout
    /// of show and new is the CLI's to choose, the names of its fields are the contract.
    /// </summary>
    private static JsonElement? FindProperty(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty(name, out var direct))
            {
                return direct;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (FindProperty(property.Value, name) is { } nested)
                {
                    return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindProperty(item, name) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }
}
