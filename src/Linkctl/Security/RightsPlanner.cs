using Linkctl.Errors;
using Linkctl.Security.Inf;

namespace Linkctl.Security;

/// <summary>What a rights command would do: the changes, what needs none, and a refusal when it must not run.</summary>
internal sealed record RightsPlan(
    IReadOnlyList<RightsChange> Changes,
    IReadOnlyList<string> Notes,
    LinkctlError? Refusal)
{
    public bool Refused => Refusal is not null;
}

/// <summary>
/// Plans grants, revokes and template imports against what LSA and Group Policy say now.
/// Nothing here changes the machine; <see cref="RightsApplier"/> does, one change at a time.
/// </summary>
internal static class RightsPlanner
{
    public const string SymlinkRight = "SeCreateSymbolicLinkPrivilege";

    public static RightsPlan PlanGrant(IAccountRights lsa, string account, string right, bool localAnyway) =>
        PlanOne(lsa, account, right, RightsChangeKind.Grant, localAnyway);

    public static RightsPlan PlanRevoke(IAccountRights lsa, string account, string right, bool localAnyway) =>
        PlanOne(lsa, account, right, RightsChangeKind.Revoke, localAnyway);

    /// <summary>
    /// The changes that make LSA match the template's [Privilege Rights] for each right it
    /// defines (or only <paramref name="onlyRights"/>): grants for accounts missing, revokes
    /// for accounts the template leaves out.
    /// </summary>
    public static RightsPlan PlanImport(IAccountRights lsa, SecurityTemplate template, IReadOnlyCollection<string>? onlyRights, bool localAnyway)
    {
        var changes = new List<RightsChange>();
        var notes = new List<string>();
        var rights = template.RightNames
            .Where(r => onlyRights is null || onlyRights.Contains(r, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (rights.Count == 0)
        {
            return new RightsPlan([], [], new LinkctlError(
                FailureKind.InvalidInput, string.Empty, "The template defines none of the rights asked for.",
                "Its [Privilege Rights] section has no matching line.",
                "Check the file with 'linkctl rights export --inf FILE' for the expected form."));
        }

        foreach (var right in rights)
        {
            var refusal = GpoRefusal(lsa, right, localAnyway, notes);
            if (refusal is not null)
            {
                return new RightsPlan([], notes, refusal);
            }

            var wanted = new List<AccountInfo>();
            foreach (var account in template.GetRight(right)!)
            {
                var resolved = account.Sid is not null ? ResolveSid(lsa, account.Sid) : lsa.LookupName(account.Name!);
                if (!resolved.Succeeded)
                {
                    return new RightsPlan([], notes, new LinkctlError(
                        FailureKind.NotFound, string.Empty, $"The template names '{account}' for {right}, and this machine cannot resolve it.",
                        $"LookupAccountNameW answered {resolved.Error}.",
                        "Use the account's SID (*S-1-5-...) in the template, or fix the name.", resolved.Error));
                }

                wanted.Add(resolved.Value);
            }

            var holders = lsa.ListHolders(right);
            if (!holders.Succeeded)
            {
                return new RightsPlan([], notes, ListFailure(right, holders.Error));
            }

            foreach (var w in wanted.Where(w => !holders.Value.Any(h => SameSid(h.Sid, w.Sid))))
            {
                changes.Add(new RightsChange(RightsChangeKind.Grant, right, w.Sid, w.Name));
            }

            foreach (var h in holders.Value.Where(h => !wanted.Any(w => SameSid(h.Sid, w.Sid))))
            {
                changes.Add(new RightsChange(RightsChangeKind.Revoke, right, h.Sid, h.Name));
            }

            if (!changes.Any(c => c.Right == right))
            {
                notes.Add($"{right}: already as the template says.");
            }
        }

        return new RightsPlan(changes, notes, null);
    }

    private static RightsPlan PlanOne(IAccountRights lsa, string account, string right, RightsChangeKind kind, bool localAnyway)
    {
        var notes = new List<string>();
        if (!SecurityTemplate.IsRightName(right))
        {
            return new RightsPlan([], notes, new LinkctlError(
                FailureKind.InvalidInput, string.Empty, $"'{right}' is not a right name.",
                "Rights are named SeXxxPrivilege or SeXxxRight, e.g. SeCreateSymbolicLinkPrivilege.",
                "Pass --right with a right's name."));
        }

        var resolved = Resolve(lsa, account);
        if (!resolved.Succeeded)
        {
            return new RightsPlan([], notes, new LinkctlError(
                FailureKind.NotFound, string.Empty, $"No account '{account}' is known to this machine.",
                $"Looking it up answered {resolved.Error}.",
                "Give DOMAIN\\name, a local name, or the SID (S-1-5-...).", resolved.Error));
        }

        var refusal = GpoRefusal(lsa, right, localAnyway, notes);
        if (refusal is not null)
        {
            return new RightsPlan([], notes, refusal);
        }

        var holders = lsa.ListHolders(right);
        if (!holders.Succeeded)
        {
            return new RightsPlan([], notes, ListFailure(right, holders.Error));
        }

        var who = resolved.Value;
        var holds = holders.Value.Any(h => SameSid(h.Sid, who.Sid));
        if (kind == RightsChangeKind.Grant && holds)
        {
            notes.Add($"{who} already holds {right}: nothing to do.");
            return new RightsPlan([], notes, null);
        }

        if (kind == RightsChangeKind.Revoke && !holds)
        {
            notes.Add($"{who} does not hold {right} directly: nothing to revoke (a right held through a group is revoked from the group).");
            return new RightsPlan([], notes, null);
        }

        return new RightsPlan([new RightsChange(kind, right, who.Sid, who.Name)], notes, null);
    }

    /// <summary>Accepts a SID ("S-1-5-32-544", "*S-1-5-32-544") or a name.</summary>
    public static OsResult<AccountInfo> Resolve(IAccountRights lsa, string account)
    {
        var text = account.Trim();
        if (text.StartsWith('*'))
        {
            text = text[1..];
        }

        return SidSyntax.IsValid(text) ? ResolveSid(lsa, text) : lsa.LookupName(text);
    }

    /// <summary>A SID needs no lookup to be granted; its name is only for the report.</summary>
    private static OsResult<AccountInfo> ResolveSid(IAccountRights lsa, string sid)
    {
        var looked = lsa.LookupSid(sid);
        return OsResult<AccountInfo>.Of(new AccountInfo(sid.ToUpperInvariant(), looked.ValueOr(null)?.Name));
    }

    private static LinkctlError? GpoRefusal(IAccountRights lsa, string right, bool localAnyway, List<string> notes)
    {
        var gpo = lsa.GroupPolicy(right);
        if (gpo.UnknownReason is not null)
        {
            notes.Add($"Could not tell whether a Group Policy object defines {right}: {gpo.UnknownReason}");
            return null;
        }

        if (!gpo.IsDefined)
        {
            return null;
        }

        var winner = gpo.Winner!;
        var gpoName = winner.GpoName is null ? winner.GpoId : $"'{winner.GpoName}' {winner.GpoId}";
        var accounts = winner.Accounts.Count == 0 ? "nobody" : string.Join(", ", winner.Accounts);
        if (localAnyway)
        {
            notes.Add($"Group Policy object {gpoName} defines {right} ({accounts}): this local change will be undone at the next policy refresh.");
            return null;
        }

        return new LinkctlError(
            FailureKind.Conflict, string.Empty,
            $"Group Policy object {gpoName} defines {right} (given to {accounts}).",
            "A local change would be overwritten at the next Group Policy refresh (at boot and about every 90 minutes), so it would silently revert.",
            "Change the right in that GPO (Computer Configuration > Windows Settings > Security Settings > Local Policies > User Rights Assignment, "
            + "or its GptTmpl.inf), or pass --local-anyway to change it here until the next refresh.");
    }

    private static LinkctlError ListFailure(string right, OsError error) => new(
        RightsApplier.KindOf(error), string.Empty, $"LSA did not list the holders of {right}.",
        $"LsaEnumerateAccountsWithUserRight answered {error}.",
        RightsApplier.NextStepFor(error), error);

    private static bool SameSid(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
