using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Tests.Diagnosis;

/// <summary>
/// LSA as doctor sees it in one scenario: who holds "Create symbolic links" (directly or through
/// which group) and whether a GPO defines it. Grants and revokes change the holder list, so
/// `fix right` planning reads what it would read on Windows.
/// </summary>
internal sealed class SimulatedDoctorLsa : IAccountRights
{
    private readonly List<AccountInfo> holders = [new("S-1-5-32-544", @"BUILTIN\Administrators")];

    public SimulatedDoctorLsa(AccountInfo user, params AccountInfo[] groups)
    {
        User = user;
        Groups = groups;
    }

    public AccountInfo User { get; }

    public IReadOnlyList<AccountInfo> Groups { get; }

    public GpoRightState Gpo { get; set; } = GpoRightState.NotDefined;

    public static SimulatedDoctorLsa ForUser(string name = "user") => new(new AccountInfo("S-1-5-21-1-2-3-1001", $@"PC\{name}"), new AccountInfo("S-1-5-32-545", @"BUILTIN\Users"));

    public SimulatedDoctorLsa Assign(AccountInfo account)
    {
        holders.Add(account);
        return this;
    }

    public OsResult<IReadOnlyList<AccountInfo>> ListHolders(string right) => OsResult<IReadOnlyList<AccountInfo>>.Of(holders.ToList());

    public OsResult Grant(string sid, string right)
    {
        if (holders.All(h => h.Sid != sid))
        {
            holders.Add(new AccountInfo(sid, sid == User.Sid ? User.Name : null));
        }

        return OsResult.Success;
    }

    public OsResult Revoke(string sid, string right)
    {
        holders.RemoveAll(h => h.Sid == sid);
        return OsResult.Success;
    }

    public OsResult<IReadOnlyList<string>> RightsOf(string sid) =>
        OsResult<IReadOnlyList<string>>.Of(holders.Any(h => h.Sid == sid) ? ["SeCreateSymbolicLinkPrivilege"] : []);

    public OsResult<AccountInfo> LookupName(string name)
    {
        var all = new[] { User }.Concat(Groups).Concat(holders);
        var found = all.FirstOrDefault(a => a.Name is { } n && (string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || n.EndsWith("\\" + name, StringComparison.OrdinalIgnoreCase)));
        return found is null ? OsResult<AccountInfo>.Failed(OsError.Win32(Win32ErrorNames.NoneMapped)) : OsResult<AccountInfo>.Of(found);
    }

    public OsResult<AccountInfo> LookupSid(string sid)
    {
        var all = new[] { User }.Concat(Groups).Concat(holders);
        return OsResult<AccountInfo>.Of(all.FirstOrDefault(a => a.Sid == sid) ?? new AccountInfo(sid, null));
    }

    public OsResult<CurrentUserRight> CurrentUser(string right)
    {
        var mine = new[] { User }.Concat(Groups).Where(a => holders.Any(h => h.Sid == a.Sid)).ToList();
        return OsResult<CurrentUserRight>.Of(new CurrentUserRight(User, mine.Count > 0, mine));
    }

    public GpoRightState GroupPolicy(string right) => Gpo;
}
