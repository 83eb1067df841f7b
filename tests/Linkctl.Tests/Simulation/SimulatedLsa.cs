using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// An LSA that answers as docs/windows-facts.md says the real one does: direct holders only,
/// STATUS_NO_SUCH_PRIVILEGE for an unknown right, unknown names fail with ERROR_NONE_MAPPED, SIDs
/// nobody maps have no name. Not elevated, changes and the holder list are refused with
/// STATUS_ACCESS_DENIED, but an account's own rights answer (LsaEnumerateAccountRights on a
/// POLICY_LOOKUP_NAMES / POLICY_VIEW_LOCAL_INFORMATION handle, which an unelevated caller may open:
/// Wine's advapi32 lsa.c test_lsa and test_LsaLookupSids, run on Windows).
/// </summary>
internal sealed class SimulatedLsa : IAccountRights
{
    private readonly Dictionary<string, string> namesBySid = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GpoRightDefinition> gpoRights = new(StringComparer.Ordinal);
    private readonly HashSet<string> knownRights = new(StringComparer.Ordinal)
    {
        "SeCreateSymbolicLinkPrivilege", "SeBackupPrivilege", "SeRestorePrivilege", "SeDebugPrivilege",
        "SeNetworkLogonRight", "SeInteractiveLogonRight", "SeServiceLogonRight", "SeChangeNotifyPrivilege",
    };

    public SimulatedLsa()
    {
        AddAccount(WellKnownAccounts.Administrators, "BUILTIN\\Administrators");
        AddAccount(WellKnownAccounts.Users, "BUILTIN\\Users");
        AddAccount(WellKnownAccounts.Everyone, "Everyone");
        Holders("SeCreateSymbolicLinkPrivilege").Add(WellKnownAccounts.Administrators);
    }

    /// <summary>Whether the caller's token is elevated: without it changes and the holder list are refused.</summary>
    public bool Elevated { get; set; } = true;

    /// <summary>
    /// Unelevated, whether LsaEnumerateAccountRights also answers for SIDs other than the caller's
    /// own (groups). UNVERIFIED: Wine's test_lsa asks only for the caller's SID; the code under test
    /// must cope with either, so tests set this both ways.
    /// </summary>
    public bool OtherAccountsReadableUnelevated { get; set; } = true;

    /// <summary>The current user's SID and the groups in its token.</summary>
    public string CurrentUserSid { get; set; } = "S-1-5-21-1-2-3-1001";

    public List<string> CurrentUserGroups { get; } = [WellKnownAccounts.Everyone, WellKnownAccounts.Users];

    /// <summary>Every call that changed the policy, for tests that must see no change was made.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Simulates a broken LSA that reports success without doing anything (as Wine's stubs do elsewhere).</summary>
    public bool IgnoreWrites { get; set; }

    public SimulatedLsa AddAccount(string sid, string name)
    {
        namesBySid[sid] = name;
        return this;
    }

    public SimulatedLsa Assign(string right, string sid)
    {
        Holders(right).Add(sid);
        return this;
    }

    public SimulatedLsa DefineByGpo(string right, string gpoId, string gpoName, params AccountReference[] accounts)
    {
        gpoRights[right] = new GpoRightDefinition(gpoId, gpoName, accounts, $@"C:\Windows\security\templates\policies\gpt00001.inf");
        return this;
    }

    public OsResult<IReadOnlyList<AccountInfo>> ListHolders(string right)
    {
        if (!Elevated)
        {
            return OsResult<IReadOnlyList<AccountInfo>>.Failed(NtStatusNames.ToOsError(NtStatusNames.AccessDenied));
        }

        if (!knownRights.Contains(right))
        {
            return OsResult<IReadOnlyList<AccountInfo>>.Failed(NtStatusNames.ToOsError(NtStatusNames.NoSuchPrivilege));
        }

        return OsResult<IReadOnlyList<AccountInfo>>.Of(
            Holders(right).Order(StringComparer.Ordinal).Select(s => new AccountInfo(s, namesBySid.GetValueOrDefault(s))).ToList());
    }

    public OsResult Grant(string sid, string right) => Change(sid, right, grant: true);

    public OsResult Revoke(string sid, string right) => Change(sid, right, grant: false);

    public OsResult<IReadOnlyList<string>> RightsOf(string sid)
    {
        if (!Elevated && !OtherAccountsReadableUnelevated && !string.Equals(sid, CurrentUserSid, StringComparison.OrdinalIgnoreCase))
        {
            return OsResult<IReadOnlyList<string>>.Failed(NtStatusNames.ToOsError(NtStatusNames.AccessDenied));
        }

        return OsResult<IReadOnlyList<string>>.Of(
            holders.Where(kv => kv.Value.Contains(sid)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList());
    }

    public OsResult<AccountInfo> LookupName(string name)
    {
        // Like LookupAccountNameW: "DOMAIN\name" or just "name".
        foreach (var (sid, full) in namesBySid)
        {
            var bare = full.Contains('\\') ? full[(full.IndexOf('\\') + 1)..] : full;
            if (string.Equals(full, name, StringComparison.OrdinalIgnoreCase) || string.Equals(bare, name, StringComparison.OrdinalIgnoreCase))
            {
                return OsResult<AccountInfo>.Of(new AccountInfo(sid, full));
            }
        }

        return OsResult<AccountInfo>.Failed(OsError.Win32(Win32ErrorNames.NoneMapped));
    }

    public OsResult<AccountInfo> LookupSid(string sid)
    {
        if (!SidSyntax.IsValid(sid))
        {
            return OsResult<AccountInfo>.Failed(OsError.Win32(Win32ErrorNames.InvalidParameter));
        }

        return OsResult<AccountInfo>.Of(new AccountInfo(sid.ToUpperInvariant(), namesBySid.GetValueOrDefault(sid)));
    }

    public OsResult<CurrentUserRight> CurrentUser(string right) =>
        CurrentUserRights.Resolve(this, new AccountInfo(CurrentUserSid, namesBySid.GetValueOrDefault(CurrentUserSid)), CurrentUserGroups, right);

    public GpoRightState GroupPolicy(string right) =>
        gpoRights.TryGetValue(right, out var d) ? new GpoRightState([d], null) : GpoRightState.NotDefined;

    private OsResult Change(string sid, string right, bool grant)
    {
        if (!Elevated)
        {
            return OsResult.Failed(NtStatusNames.ToOsError(NtStatusNames.AccessDenied));
        }

        if (!knownRights.Contains(right))
        {
            return OsResult.Failed(NtStatusNames.ToOsError(NtStatusNames.NoSuchPrivilege));
        }

        if (!SidSyntax.IsValid(sid))
        {
            return OsResult.Failed(NtStatusNames.ToOsError(NtStatusNames.InvalidParameter));
        }

        Calls.Add($"{(grant ? "add" : "remove")} {right} {sid}");
        if (IgnoreWrites)
        {
            return OsResult.Success;
        }

        if (grant)
        {
            Holders(right).Add(sid.ToUpperInvariant());
        }
        else
        {
            Holders(right).Remove(sid.ToUpperInvariant());
        }

        return OsResult.Success;
    }

    private HashSet<string> Holders(string right)
    {
        if (!holders.TryGetValue(right, out var set))
        {
            set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            holders[right] = set;
        }

        return set;
    }
}
