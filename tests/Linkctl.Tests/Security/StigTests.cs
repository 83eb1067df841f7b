using Linkctl.Security;
using Linkctl.Security.Inf;
using Linkctl.Security.Stig;
using Xunit;

namespace Linkctl.Tests.Security;

[Trait("Layer", "Pure")]
public sealed class StigTests
{
    private static readonly RightHolder Admins = new(WellKnownAccounts.Administrators, "BUILTIN\\Administrators");
    private static readonly RightHolder VirtualMachines = new(WellKnownAccounts.HyperVVirtualMachines, "NT VIRTUAL MACHINE\\Virtual Machines");
    private static readonly RightHolder Developers = new("S-1-5-21-1-2-3-1105", "CONTOSO\\developers");

    [Theory]
    [InlineData(19045, WindowsProductType.Workstation, WindowsRelease.Windows10)]
    [InlineData(10240, WindowsProductType.Workstation, WindowsRelease.Windows10)]
    [InlineData(21999, WindowsProductType.Workstation, WindowsRelease.Windows10)]
    [InlineData(22000, WindowsProductType.Workstation, WindowsRelease.Windows11)]
    [InlineData(26100, WindowsProductType.Workstation, WindowsRelease.Windows11)]
    [InlineData(14393, WindowsProductType.Server, WindowsRelease.Server2016)]
    [InlineData(17763, WindowsProductType.DomainController, WindowsRelease.Server2019)]
    [InlineData(20348, WindowsProductType.Server, WindowsRelease.Server2022)]
    [InlineData(26100, WindowsProductType.Server, WindowsRelease.Server2025)]
    [InlineData(25398, WindowsProductType.Server, WindowsRelease.OtherServer)]
    [InlineData(9600, WindowsProductType.Workstation, WindowsRelease.Unknown)]
    [InlineData(19045, WindowsProductType.Unknown, WindowsRelease.Unknown)]
    public void Release_from_build_and_product_type(int build, object type, object expected) =>
        Assert.Equal((WindowsRelease)expected, WindowsVersion.Detect(build, (WindowsProductType)type));

    [Theory]
    [InlineData(WindowsRelease.Windows10, "WN10-UR-000060", "V-220966")]
    [InlineData(WindowsRelease.Windows11, "WN11-UR-000060", "V-253489")]
    [InlineData(WindowsRelease.Server2016, "WN16-UR-000120", "V-225078")]
    [InlineData(WindowsRelease.Server2019, "WN19-UR-000090", "V-205756")]
    [InlineData(WindowsRelease.Server2022, "WN22-UR-000090", "V-254499")]
    // Microsoft Windows Server 2025 STIG V1R1, 2026-02-20 (docs/windows-facts.md, DISA STIG table).
    [InlineData(WindowsRelease.Server2025, "WN25-UR-000090", "V-278249")]
    public void Each_release_compliant_with_administrators_only_and_a_finding_otherwise(object releaseValue, string stigId, string vulnId)
    {
        var release = (WindowsRelease)releaseValue;
        var ok = SymlinkRightCheck.Evaluate(release, [Admins], hyperVInUse: false);
        Assert.Equal(StigStatus.Compliant, ok.Status);
        Assert.Equal(stigId, ok.Rule!.StigId);
        Assert.Empty(ok.Findings);

        var bad = SymlinkRightCheck.Evaluate(release, [Admins, Developers], hyperVInUse: false);
        Assert.Equal(StigStatus.Findings, bad.Status);
        var finding = Assert.Single(bad.Findings);
        Assert.Equal(("CAT II", stigId, vulnId), (finding.Severity, finding.RuleId, finding.VulnId));
        Assert.Equal(Developers, finding.Account);
        Assert.Contains("only Administrators", finding.Why, StringComparison.Ordinal);
        Assert.Contains("S-1-5-21-1-2-3-1105", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_holding_the_right_is_compliant()
    {
        Assert.Equal(StigStatus.Compliant, SymlinkRightCheck.Evaluate(WindowsRelease.Windows11, [], false).Status);
    }

    [Fact]
    public void Hyper_v_virtual_machines_allowed_only_when_hyper_v_is_in_use()
    {
        var inUse = SymlinkRightCheck.Evaluate(WindowsRelease.Server2022, [Admins, VirtualMachines], hyperVInUse: true);
        Assert.Equal(StigStatus.Compliant, inUse.Status);
        Assert.Contains(inUse.Notes, n => n.Contains("Hyper-V", StringComparison.Ordinal));

        var notInUse = SymlinkRightCheck.Evaluate(WindowsRelease.Server2022, [Admins, VirtualMachines], hyperVInUse: false);
        var finding = Assert.Single(notInUse.Findings);
        Assert.Equal(WellKnownAccounts.HyperVVirtualMachines, finding.Account.Sid);
        Assert.Contains("--hyper-v", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Hyper_v_exception_does_not_excuse_other_holders()
    {
        var result = SymlinkRightCheck.Evaluate(WindowsRelease.Windows10, [Admins, VirtualMachines, Developers], hyperVInUse: true);
        Assert.Equal(Developers, Assert.Single(result.Findings).Account);
    }

    [Fact]
    public void Unresolvable_name_is_a_finding_with_a_note()
    {
        var result = SymlinkRightCheck.Evaluate(WindowsRelease.Windows10, [Admins, new RightHolder(null, "OLDDOMAIN\\gone")], false);
        var finding = Assert.Single(result.Findings);
        Assert.Contains("cannot be resolved", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_build_outside_the_long_term_releases_has_no_rule_and_says_so_but_still_reports_deviations()
    {
        var result = SymlinkRightCheck.Evaluate(WindowsRelease.OtherServer, [Admins, Developers], false);
        Assert.Null(result.Rule);
        Assert.Contains(result.Notes, n => n.Contains("No STIG rule", StringComparison.Ordinal) && n.Contains("outside the long-term releases", StringComparison.Ordinal));
        var finding = Assert.Single(result.Findings);
        Assert.Null(finding.RuleId);
        Assert.Null(finding.VulnId);
    }

    [Fact]
    public void Exported_template_audited_with_well_known_names()
    {
        var template = SecurityTemplate.Parse(
            "[Privilege Rights]\r\nSeCreateSymbolicLinkPrivilege = Administrators,*S-1-5-83-0,CONTOSO\\devs\r\n").Template!;
        var holders = SymlinkRightCheck.HoldersFrom(template.GetRight(StigCatalog.SymlinkRight)!, WellKnownAccounts.SidOf, WellKnownAccounts.NameOf);

        var result = SymlinkRightCheck.Evaluate(WindowsRelease.Windows10, holders, hyperVInUse: true);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("CONTOSO\\devs", finding.Account.Name);
        Assert.Null(finding.Account.Sid);
    }
}
