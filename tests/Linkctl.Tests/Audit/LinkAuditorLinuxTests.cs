using Linkctl.Audit;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Audit;

/// <summary>The auditor on the real kernel: a link really created by another uid.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LinkAuditorLinuxTests
{
    [RequiresFact("root", "linux", "setpriv")]
    public void Finds_a_link_planted_by_another_uid_in_a_sticky_world_writable_folder()
    {
        using var scratch = new ScratchDirectory();
        // nobody (65534) must be able to reach the shared folder, as it would reach /tmp.
        File.SetUnixFileMode(scratch.Path, (UnixFileMode)0x1ED); // 0755
        var shared = scratch.PathOf("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0x3FF); // 01777, owned by root
        var secret = scratch.PathOf("root-owned.conf");
        File.WriteAllText(secret, "root's file\n");

        var planted = Path.Combine(shared, "daily-report.txt");
        ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "ln", "-s", secret, planted]).EnsureSuccess();
        var own = Path.Combine(shared, "root-made");
        File.CreateSymbolicLink(own, secret);

        var report = new LinkAuditor(LinkPlatform.ForCurrentOS()).Audit(scratch.Path);

        var finding = Assert.Single(report.Findings, f => f.Rule == LinkAuditRules.PlantedLink);
        Assert.Equal(planted, finding.Path);
        Assert.Equal(AuditSeverity.High, finding.Severity);
        Assert.Contains("uid 65534", finding.Why, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Path == own);
    }

    [RequiresFact("linux")]
    public void Links_in_or_below_a_world_writable_folder_without_the_sticky_bit_are_risky()
    {
        using var scratch = new ScratchDirectory();
        var drop = scratch.PathOf("drop");
        Directory.CreateDirectory(Path.Combine(drop, "app"));
        File.SetUnixFileMode(drop, (UnixFileMode)0x1FF); // 0777: no sticky bit
        File.WriteAllText(scratch.PathOf("data"), "x");
        File.CreateSymbolicLink(Path.Combine(drop, "in-drop"), "../data");
        File.CreateSymbolicLink(Path.Combine(drop, "app", "below-drop"), "../../data");
        Directory.CreateDirectory(scratch.PathOf("safe"));
        File.CreateSymbolicLink(scratch.PathOf("safe/fine"), "../data");

        var report = new LinkAuditor(LinkPlatform.ForCurrentOS()).Audit(scratch.Path);

        var own = Assert.Single(report.Findings, f => f.Path == Path.Combine(drop, "in-drop"));
        Assert.Equal(LinkAuditRules.UnprotectedFolder, own.Rule);
        Assert.Equal(AuditSeverity.High, own.Severity);
        var below = Assert.Single(report.Findings, f => f.Path == Path.Combine(drop, "app", "below-drop"));
        Assert.Equal(AuditSeverity.Medium, below.Severity);
        Assert.Contains(drop, below.Why, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Path == scratch.PathOf("safe/fine"));

        // With the sticky bit (as /tmp has) nobody may replace another's entries: no finding.
        File.SetUnixFileMode(drop, (UnixFileMode)0x3FF); // 01777
        Assert.DoesNotContain(new LinkAuditor(LinkPlatform.ForCurrentOS()).Audit(scratch.Path).Findings, f => f.Rule == LinkAuditRules.UnprotectedFolder);
    }

    [RequiresFact("linux")]
    public void Clean_tree_gives_no_findings()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch.PathOf("releases/3"));
        File.WriteAllText(scratch.PathOf("releases/3/app.txt"), "v3\n");
        File.CreateSymbolicLink(scratch.PathOf("current"), "releases/3");
        File.CreateSymbolicLink(scratch.PathOf("app.txt"), "current/app.txt");

        var report = new LinkAuditor(LinkPlatform.ForCurrentOS()).Audit(scratch.Path);

        Assert.Equal(2, report.LinksExamined);
        Assert.Empty(report.Findings);
    }

    [RequiresFact("linux")]
    public void Absolute_link_leaving_the_root_is_reported()
    {
        using var scratch = new ScratchDirectory();
        File.CreateSymbolicLink(scratch.PathOf("hosts"), "/etc/hosts");

        var report = new LinkAuditor(LinkPlatform.ForCurrentOS()).Audit(scratch.Path);

        Assert.Equal(LinkAuditRules.EscapesRoot, Assert.Single(report.Findings).Rule);
    }
}
