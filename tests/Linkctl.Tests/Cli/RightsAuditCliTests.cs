using System.Text;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>The rights and audit verbs through the real CLI binary.</summary>
public sealed class RightsAuditCliTests
{
    private static string WriteInf(ScratchDirectory dir, string rightsLine)
    {
        var path = dir.PathOf("policy.inf");
        var text = "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Privilege Rights]\r\n" + rightsLine + "\r\n";
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        return path;
    }

    [Fact]
    public void Audit_policy_on_a_compliant_export_exits_0()
    {
        using var dir = new ScratchDirectory();
        var inf = WriteInf(dir, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544");
        var result = LinkctlCli.Run(dir.Path, "audit", "policy", "--stig", "--inf", inf, "--os", "win10");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("WN10-UR-000060", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("compliant", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_policy_findings_exit_1_with_json()
    {
        using var dir = new ScratchDirectory();
        var inf = WriteInf(dir, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,*S-1-5-32-545");
        var (result, json) = LinkctlCli.RunJson(dir.Path, "audit", "policy", "--inf", inf, "--os", "server2019");
        Assert.Equal(1, result.ExitCode);
        var finding = json.GetProperty("findings")[0];
        Assert.Equal("WN19-UR-000090", finding.GetProperty("rule_id").GetString());
        Assert.Equal("V-205756", finding.GetProperty("vuln_id").GetString());
        Assert.Equal("S-1-5-32-545", finding.GetProperty("account").GetProperty("sid").GetString());
    }

    [Fact]
    public void Audit_policy_rejects_a_malformed_template_with_the_line()
    {
        using var dir = new ScratchDirectory();
        var inf = WriteInf(dir, "SeCreateSymbolicLinkPrivilege *S-1-5-32-544");
        var result = LinkctlCli.Run(dir.Path, "audit", "policy", "--inf", inf);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 7", result.StdErr, StringComparison.Ordinal);
    }

    [RequiresTheory("linux")]
    [InlineData("list")]
    [InlineData("undo")]
    [InlineData("undo", "--all")]
    public void Rights_off_windows_says_it_applies_to_windows_and_exits_unsupported(params string[] verb)
    {
        using var dir = new ScratchDirectory();
        var result = LinkctlCli.Run(dir.Path, ["rights", .. verb]);
        Assert.Equal(6, result.ExitCode);
        Assert.Contains("applies to Windows", result.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("linux")]
    public void Audit_links_on_a_clean_tree_exits_0()
    {
        using var dir = new ScratchDirectory();
        File.WriteAllText(dir.PathOf("a.txt"), "a");
        File.CreateSymbolicLink(dir.PathOf("b.txt"), "a.txt");
        var result = LinkctlCli.Run(dir.Path, "audit", "links", dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 link(s) examined, 0 finding(s)", result.StdOut, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "root")]
    public void Audit_links_min_severity_keeps_only_findings_at_or_above_it()
    {
        using var dir = new ScratchDirectory();
        // Low: an absolute link leaving ROOT. High: a link planted by another user (uid 65534)
        // in a sticky world-writable folder, pointing at a file owned by root.
        var root = dir.PathOf("root");
        var shared = Path.Combine(root, "shared");
        Directory.CreateDirectory(shared);
        ProcessRunner.Run("chmod", "1777", shared).EnsureSuccess();
        File.WriteAllText(dir.PathOf("outside.txt"), "o");
        File.CreateSymbolicLink(Path.Combine(root, "escapes"), dir.PathOf("outside.txt"));
        File.WriteAllText(Path.Combine(root, "secret.txt"), "s");
        File.CreateSymbolicLink(Path.Combine(shared, "planted"), Path.Combine(root, "secret.txt"));
        ProcessRunner.Run("chown", "-h", "65534:65534", Path.Combine(shared, "planted")).EnsureSuccess();

        var all = LinkctlCli.Run(dir.Path, "audit", "links", root);
        Assert.Equal(1, all.ExitCode);
        Assert.Contains("[high]", all.StdOut, StringComparison.Ordinal);
        Assert.Contains("[low]", all.StdOut, StringComparison.Ordinal);

        var (high, json) = LinkctlCli.RunJson(dir.Path, "audit", "links", root, "--min-severity", "high");
        Assert.Equal(1, high.ExitCode);
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal("planted-link", Assert.Single(findings).GetProperty("rule").GetString());

        File.Delete(Path.Combine(shared, "planted"));
        var onlyLow = LinkctlCli.Run(dir.Path, "audit", "links", "--min-severity", "medium", root);
        Assert.Equal(0, onlyLow.ExitCode);
        Assert.Contains("1 below --min-severity medium not shown", onlyLow.StdOut, StringComparison.Ordinal);

        var bad = LinkctlCli.Run(dir.Path, "audit", "links", root, "--min-severity", "urgent");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Unknown --min-severity 'urgent'", bad.StdErr, StringComparison.Ordinal);
    }
}
