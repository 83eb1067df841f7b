namespace Linkctl.Security.Stig;

/// <summary>One DISA STIG requirement as the STIG names it.</summary>
internal sealed record StigRule(WindowsRelease Release, string StigId, string VulnId, string Severity, string Title);

/// <summary>
/// The "Create symbolic links" rule of each Windows STIG (source: docs/windows-facts.md, DISA
/// STIG viewer). All are CAT II and say the same thing: only Administrators.
/// </summary>
internal static class StigCatalog
{
    public const string CatII = "CAT II";
    public const string SymlinkRight = "SeCreateSymbolicLinkPrivilege";

    private const string Title = "The Create symbolic links user right must only be assigned to the Administrators group.";

    public static IReadOnlyList<StigRule> SymlinkRules { get; } =
    [
        new(WindowsRelease.Windows10, "WN10-UR-000060", "V-220966", CatII, Title),
        new(WindowsRelease.Windows11, "WN11-UR-000060", "V-253489", CatII, Title),
        new(WindowsRelease.Server2016, "WN16-UR-000120", "V-225078", CatII, Title),
        new(WindowsRelease.Server2019, "WN19-UR-000090", "V-205756", CatII, Title),
        new(WindowsRelease.Server2022, "WN22-UR-000090", "V-254499", CatII, Title),

        // Microsoft Windows Server 2025 STIG V1R1 (2026-02-20), rule SV-278249r1182217_rule; its
        // title names the release ("The Windows Server 2025 ...") but the requirement is the same.
        new(WindowsRelease.Server2025, "WN25-UR-000090", "V-278249", CatII, Title),
    ];

    /// <summary>The rule for a release, or null when our table has none (non-long-term server builds, unknown releases).</summary>
    public static StigRule? SymlinkRuleFor(WindowsRelease release) =>
        SymlinkRules.FirstOrDefault(r => r.Release == release);
}
