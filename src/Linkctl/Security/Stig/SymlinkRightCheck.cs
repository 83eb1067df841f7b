namespace Linkctl.Security.Stig;

/// <summary>A holder of the right as the check sees it: a SID, a name, or both.</summary>
internal sealed record RightHolder(string? Sid, string? Name)
{
    public override string ToString() =>
        Sid is not null && Name is not null ? $"{Name} ({Sid})" : Sid ?? Name ?? "?";
}

internal sealed record StigFinding(string Severity, string? RuleId, string? VulnId, RightHolder Account, string Why, string Fix);

internal enum StigStatus
{
    Compliant,
    Findings,
}

/// <summary>
/// The outcome of the check. <see cref="Rule"/> is null when our table has no rule for the
/// release: then the findings are deviations from what the other STIGs require, not STIG
/// findings, and <see cref="Notes"/> says so.
/// </summary>
internal sealed record StigCheckResult(
    WindowsRelease Release,
    StigRule? Rule,
    StigStatus Status,
    IReadOnlyList<RightHolder> Holders,
    IReadOnlyList<StigFinding> Findings,
    IReadOnlyList<string> Notes);

/// <summary>
/// The pure STIG check of SeCreateSymbolicLinkPrivilege: any holder other than
/// Administrators (S-1-5-32-544) is a finding, except Hyper-V's Virtual Machines
/// (S-1-5-83-0) when Hyper-V is in use.
/// </summary>
internal static class SymlinkRightCheck
{
    public static StigCheckResult Evaluate(WindowsRelease release, IReadOnlyList<RightHolder> holders, bool hyperVInUse)
    {
        var rule = StigCatalog.SymlinkRuleFor(release);
        var notes = new List<string>();
        if (rule is null)
        {
            notes.Add(
                $"No STIG rule in linkctl's table for {WindowsVersion.DisplayName(release)}: holders were checked against the requirement "
                + "that WN10/WN11/WN16/WN19/WN22/WN25 share (Administrators only), but they are not STIG findings."
                + (release == WindowsRelease.Unknown ? " Pass --os to name the release." : string.Empty));
        }

        var findings = new List<StigFinding>();
        var severity = rule?.Severity ?? StigCatalog.CatII;
        foreach (var holder in holders)
        {
            if (holder.Sid is null)
            {
                findings.Add(new StigFinding(
                    severity, rule?.StigId, rule?.VulnId, holder,
                    $"'{holder.Name}' holds the right but cannot be resolved to a SID, so it cannot be shown to be Administrators",
                    $"Remove '{holder.Name}' from \"Create symbolic links\" (a deleted or mistyped account), or replace it with its SID."));
                continue;
            }

            if (string.Equals(holder.Sid, WellKnownAccounts.Administrators, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(holder.Sid, WellKnownAccounts.HyperVVirtualMachines, StringComparison.OrdinalIgnoreCase))
            {
                if (hyperVInUse)
                {
                    notes.Add($"{holder} is allowed because Hyper-V is in use (the STIG's exception).");
                    continue;
                }

                findings.Add(new StigFinding(
                    severity, rule?.StigId, rule?.VulnId, holder,
                    "Hyper-V's Virtual Machines group holds the right, but Hyper-V was not declared in use",
                    "If Hyper-V is in approved use, audit with --hyper-v; otherwise remove NT VIRTUAL MACHINE\\Virtual Machines from \"Create symbolic links\"."));
                continue;
            }

            findings.Add(new StigFinding(
                severity, rule?.StigId, rule?.VulnId, holder,
                $"{holder} holds \"Create symbolic links\"; only Administrators may",
                $"Remove {holder} from \"Create symbolic links\" (linkctl rights revoke {holder.Sid}, or in the GPO that defines the right)."));
        }

        return new StigCheckResult(release, rule, findings.Count == 0 ? StigStatus.Compliant : StigStatus.Findings, holders, findings, notes);
    }

    /// <summary>
    /// Holders from a template's accounts: SIDs as given, names resolved with
    /// <paramref name="resolveName"/> (LSA on a live machine, the well-known table for a file).
    /// </summary>
    public static IReadOnlyList<RightHolder> HoldersFrom(IEnumerable<AccountReference> accounts, Func<string, string?> resolveName, Func<string, string?> nameOfSid) =>
        accounts.Select(a => a.Sid is not null
            ? new RightHolder(a.Sid, nameOfSid(a.Sid))
            : new RightHolder(resolveName(a.Name!), a.Name)).ToList();
}
