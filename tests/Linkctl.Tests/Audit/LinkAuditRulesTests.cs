using Linkctl.Audit;
using Linkctl.Links;
using Xunit;

namespace Linkctl.Tests.Audit;

[Trait("Layer", "Pure")]
public sealed class LinkAuditRulesTests
{
    private static readonly LinkAuditContext Tmp = LinkAuditContext.Unix("/tmp");
    private static readonly LinkAuditContext Win = LinkAuditContext.Windows(@"C:\Users");

    private static LinkAuditFacts Symlink(string path, string target, FolderFacts folder, uint? owner, uint? targetOwner, bool exists = true) => new()
    {
        LinkPath = path,
        Kind = LinkKind.SymbolicLink,
        Folder = folder,
        StoredTarget = target,
        ResolvedTarget = target,
        TargetIsAbsolute = target.StartsWith('/') || (target.Length > 1 && target[1] == ':'),
        TargetExists = exists,
        LinkOwnerId = owner,
        TargetOwnerId = targetOwner,
    };

    private static readonly FolderFacts SharedTmp = new("/tmp", 0, 0x3FF); // 01777

    [Fact]
    public void Planted_link_in_sticky_world_writable_folder_is_high()
    {
        var findings = LinkAuditRules.Evaluate(Symlink("/tmp/report.log", "/etc/passwd", SharedTmp, 1001, 0), Tmp);
        var f = Assert.Single(findings, x => x.Rule == LinkAuditRules.PlantedLink);
        Assert.Equal(AuditSeverity.High, f.Severity);
        Assert.Contains("uid 1001", f.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Dangling_planted_link_is_high_too()
    {
        var findings = LinkAuditRules.Evaluate(Symlink("/tmp/x", "/root/.bashrc-new", SharedTmp, 1001, null, exists: false), Tmp);
        Assert.Contains(findings, x => x.Rule == LinkAuditRules.PlantedLink && x.Severity == AuditSeverity.High);
    }

    [Theory]
    [InlineData(0u, 1001u)]     // made by the folder's owner
    [InlineData(1001u, 1001u)]  // a user linking to their own file
    public void Link_by_folder_or_target_owner_is_not_planted(uint linkOwner, uint targetOwner)
    {
        var findings = LinkAuditRules.Evaluate(Symlink("/tmp/mine", "/tmp/x", SharedTmp, linkOwner, targetOwner), Tmp);
        Assert.DoesNotContain(findings, x => x.Rule == LinkAuditRules.PlantedLink);
    }

    [Fact]
    public void Link_in_a_folder_without_the_sticky_bit_is_not_planted()
    {
        var folder = new FolderFacts("/srv/drop", 0, 0x1FF); // 0777
        var findings = LinkAuditRules.Evaluate(Symlink("/srv/drop/x", "/etc/passwd", folder, 1001, 0), LinkAuditContext.Unix("/srv/drop"));
        Assert.DoesNotContain(findings, x => x.Rule == LinkAuditRules.PlantedLink);
    }

    [Fact]
    public void Link_in_a_world_writable_folder_without_the_sticky_bit_is_high_with_the_reason()
    {
        var folder = new FolderFacts("/srv/drop", 0, 0x1FF); // 0777
        var findings = LinkAuditRules.Evaluate(Symlink("/srv/drop/x", "/srv/drop/y", folder, 0, 0) with { UnprotectedFolder = folder }, LinkAuditContext.Unix("/srv"));
        var f = Assert.Single(findings, x => x.Rule == LinkAuditRules.UnprotectedFolder);
        Assert.Equal(AuditSeverity.High, f.Severity);
        Assert.Contains("mode 0777", f.Why, StringComparison.Ordinal);
        Assert.Contains("not sticky", f.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_below_a_world_writable_non_sticky_folder_is_medium_and_names_that_folder()
    {
        var folder = new FolderFacts("/srv/drop/app", 0, 0x1ED); // 0755
        var above = new FolderFacts("/srv/drop", 0, 0x1FF);
        var findings = LinkAuditRules.Evaluate(Symlink("/srv/drop/app/x", "/srv/drop/app/y", folder, 0, 0) with { UnprotectedFolder = above }, LinkAuditContext.Unix("/srv"));
        var f = Assert.Single(findings, x => x.Rule == LinkAuditRules.UnprotectedFolder);
        Assert.Equal(AuditSeverity.Medium, f.Severity);
        Assert.Contains("/srv/drop ", f.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_or_private_chain_is_not_unprotected()
    {
        Assert.DoesNotContain(LinkAuditRules.Evaluate(Symlink("/tmp/x", "/tmp/y", SharedTmp, 0, 0), Tmp), x => x.Rule == LinkAuditRules.UnprotectedFolder);
    }

    [Theory]
    [InlineData(@"C:\Windows\System32\drivers\etc", LinkAuditRules.LinkIntoSystemFolder)]
    [InlineData(@"C:\Program Files\App", LinkAuditRules.LinkIntoSystemFolder)]
    [InlineData(@"c:\program files (x86)\App", LinkAuditRules.LinkIntoSystemFolder)]
    [InlineData(@"C:\Users\bob\Documents", LinkAuditRules.LinkIntoOtherProfile)]
    public void Windows_junction_in_user_writable_folder_into_system_or_other_profile_is_high(string target, string rule)
    {
        var link = new LinkAuditFacts
        {
            LinkPath = @"C:\Users\ann\AppData\Local\Temp\cache",
            Kind = LinkKind.Junction,
            Folder = new FolderFacts(@"C:\Users\ann\AppData\Local\Temp", null, null) { UserWritable = true },
            StoredTarget = target,
            ResolvedTarget = target,
            TargetIsAbsolute = true,
            TargetExists = true,
        };

        var f = Assert.Single(LinkAuditRules.Evaluate(link, Win), x => x.Rule == rule);
        Assert.Equal(AuditSeverity.High, f.Severity);
    }

    [Theory]
    [InlineData(@"C:\Users\ann\Documents")]
    [InlineData(@"C:\Users\Public\Documents")]
    [InlineData(@"D:\data")]
    public void Windows_links_within_own_profile_or_public_or_data_are_fine(string target)
    {
        var link = new LinkAuditFacts
        {
            LinkPath = @"C:\Users\ann\docs",
            Kind = LinkKind.SymbolicLink,
            Folder = new FolderFacts(@"C:\Users\ann", null, null) { UserWritable = true },
            StoredTarget = target,
            ResolvedTarget = target,
            TargetIsAbsolute = true,
            TargetExists = true,
        };

        Assert.DoesNotContain(LinkAuditRules.Evaluate(link, LinkAuditContext.Windows(@"C:\")), x => x.Severity == AuditSeverity.High);
    }

    [Fact]
    public void Unc_target_is_a_remote_finding()
    {
        var link = new LinkAuditFacts
        {
            LinkPath = @"C:\build\tools",
            Kind = LinkKind.SymbolicLink,
            Folder = new FolderFacts(@"C:\build", null, null),
            StoredTarget = @"\\fileserver\tools",
            ResolvedTarget = @"\\fileserver\tools",
            TargetIsAbsolute = true,
        };

        var findings = LinkAuditRules.Evaluate(link, LinkAuditContext.Windows(@"C:\build"));
        Assert.Contains(findings, x => x.Rule == LinkAuditRules.RemoteTarget && x.Severity == AuditSeverity.Medium);
    }

    [Fact]
    public void Absolute_link_out_of_root_is_low_and_relative_inside_is_nothing()
    {
        var folder = new FolderFacts("/srv/site", 0, 0x1ED);
        var root = LinkAuditContext.Unix("/srv/site");
        var outside = LinkAuditRules.Evaluate(Symlink("/srv/site/conf", "/etc/site.conf", folder, 0, 0), root);
        Assert.Equal(AuditSeverity.Low, Assert.Single(outside).Severity);
        Assert.Equal(LinkAuditRules.EscapesRoot, outside[0].Rule);

        var inside = Symlink("/srv/site/current", "/srv/site/releases/3", folder, 0, 0) with { TargetIsAbsolute = false };
        Assert.Empty(LinkAuditRules.Evaluate(inside, root));
    }

    [Fact]
    public void Hard_link_to_a_file_of_another_owner()
    {
        var link = new LinkAuditFacts
        {
            LinkPath = "/tmp/shadow-copy",
            Kind = LinkKind.HardLink,
            Folder = SharedTmp,
            LinkOwnerId = 0,
            LinkCount = 2,
        };
        var tmpFolderOwnedByUser = new FolderFacts("/home/ann/x", 1001, 0x1ED);

        Assert.Equal(AuditSeverity.High, Assert.Single(LinkAuditRules.Evaluate(link with { Folder = new FolderFacts("/tmp", 1001, 0x3FF) }, Tmp)).Severity);
        Assert.Equal(AuditSeverity.Medium, Assert.Single(LinkAuditRules.Evaluate(link with { Folder = tmpFolderOwnedByUser, LinkPath = "/home/ann/x/s" }, Tmp)).Severity);
        Assert.Empty(LinkAuditRules.Evaluate(link with { LinkOwnerId = 1001, Folder = tmpFolderOwnedByUser }, Tmp));
        Assert.Empty(LinkAuditRules.Evaluate(link with { LinkCount = 1, Folder = tmpFolderOwnedByUser }, Tmp));
    }
}
