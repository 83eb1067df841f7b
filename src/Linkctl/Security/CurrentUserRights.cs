using Linkctl.Errors;

namespace Linkctl.Security;

/// <summary>
/// Whether the current user holds a right in LSA, directly or through one of its token's groups.
/// Shared by every <see cref="IAccountRights"/> so the fallback below is one piece of logic.
/// </summary>
internal static class CurrentUserRights
{
    /// <summary>
    /// Asks LSA for the right's holders (LsaEnumerateAccountsWithUserRight) and matches them
    /// against <paramref name="user"/> and <paramref name="tokenGroups"/>. When that listing is
    /// refused (an unelevated caller), each SID's own rights are asked instead
    /// (LsaEnumerateAccountRights), which an unelevated caller may do: Wine's advapi32 lsa.c
    /// test_lsa, run on Windows, opens the policy with POLICY_VIEW_LOCAL_INFORMATION when
    /// POLICY_ALL_ACCESS is denied and gets SUCCESS or STATUS_OBJECT_NAME_NOT_FOUND for the
    /// caller's SID (docs/windows-facts.md). A SID whose answer is refused too leaves the answer
    /// unknown, unless another one already holds the right.
    /// </summary>
    public static OsResult<CurrentUserRight> Resolve(IAccountRights lsa, AccountInfo user, IReadOnlyCollection<string> tokenGroups, string right)
    {
        ArgumentNullException.ThrowIfNull(lsa);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tokenGroups);
        var mine = new List<string> { user.Sid };
        mine.AddRange(tokenGroups.Where(g => !string.Equals(g, user.Sid, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase));

        var holders = lsa.ListHolders(right);
        if (holders.Succeeded)
        {
            var set = new HashSet<string>(mine, StringComparer.OrdinalIgnoreCase);
            var through = holders.Value.Where(h => set.Contains(h.Sid)).ToList();
            return OsResult<CurrentUserRight>.Of(new CurrentUserRight(user, through.Count > 0, through));
        }

        var found = new List<AccountInfo>();
        OsError? unknown = null;
        foreach (var sid in mine)
        {
            var rights = lsa.RightsOf(sid);
            if (!rights.Succeeded)
            {
                unknown ??= rights.Error;
                continue;
            }

            if (rights.Value.Contains(right, StringComparer.OrdinalIgnoreCase))
            {
                found.Add(string.Equals(sid, user.Sid, StringComparison.OrdinalIgnoreCase) ? user : lsa.LookupSid(sid).ValueOr(null) ?? new AccountInfo(sid, null));
            }
        }

        if (found.Count == 0 && unknown is not null)
        {
            return OsResult<CurrentUserRight>.Failed(holders.Error);
        }

        return OsResult<CurrentUserRight>.Of(new CurrentUserRight(user, found.Count > 0, found));
    }
}
