using Linkctl.Errors;

namespace Linkctl.Security;

/// <summary>An account as LSA knows it: the SID always, the name when it could be looked up.</summary>
internal sealed record AccountInfo(string Sid, string? Name)
{
    public override string ToString() => Name is null ? Sid : $"{Name} ({Sid})";
}

/// <summary>A Group Policy object that defines a right, and the accounts it gives it to.</summary>
/// <param name="GpoId">The GPO's GUID, e.g. "{31B2F340-016D-11D2-945F-00C04FB984F9}".</param>
/// <param name="GpoName">Its display name when the machine recorded one.</param>
/// <param name="Accounts">The accounts the GPO gives the right to (empty: nobody).</param>
/// <param name="Source">Where the definition was read (the cached template's path).</param>
internal sealed record GpoRightDefinition(string GpoId, string? GpoName, IReadOnlyList<AccountReference> Accounts, string Source);

/// <summary>What Group Policy says about a right: the GPOs that define it, winner first, or why that is unknown.</summary>
internal sealed record GpoRightState(IReadOnlyList<GpoRightDefinition> Definitions, string? UnknownReason)
{
    public bool IsDefined => Definitions.Count > 0;

    /// <summary>The GPO whose definition applies (the last one applied).</summary>
    public GpoRightDefinition? Winner => Definitions.Count > 0 ? Definitions[0] : null;

    public static GpoRightState NotDefined { get; } = new([], null);

    public static GpoRightState Unknown(string why) => new([], why);
}

/// <summary>How the current user holds a right: directly, through a group, or not at all.</summary>
/// <param name="User">The current user.</param>
/// <param name="Holds">Whether the user or one of its token's groups holds the right in LSA.</param>
/// <param name="Through">The accounts (the user or its groups) to which LSA assigns the right.</param>
internal sealed record CurrentUserRight(AccountInfo User, bool Holds, IReadOnlyList<AccountInfo> Through)
{
    public bool Directly => Through.Any(t => string.Equals(t.Sid, User.Sid, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// User rights as the Local Security Authority stores them. The live implementation calls
/// LSA (Windows); the tests use a simulated LSA that answers as docs/windows-facts.md says.
/// Changes are never assumed: callers read back with <see cref="ListHolders"/>.
/// </summary>
internal interface IAccountRights
{
    /// <summary>Accounts that hold <paramref name="right"/> directly (LsaEnumerateAccountsWithUserRight); empty when nobody does.</summary>
    OsResult<IReadOnlyList<AccountInfo>> ListHolders(string right);

    /// <summary>LsaAddAccountRights.</summary>
    OsResult Grant(string sid, string right);

    /// <summary>LsaRemoveAccountRights.</summary>
    OsResult Revoke(string sid, string right);

    /// <summary>The rights assigned directly to an account; empty when it holds none.</summary>
    OsResult<IReadOnlyList<string>> RightsOf(string sid);

    /// <summary>LookupAccountNameW: "CONTOSO\ann", "ann" or "Administrators" to its SID and full name.</summary>
    OsResult<AccountInfo> LookupName(string name);

    /// <summary>LookupAccountSidW: the account's "DOMAIN\name"; Name null when the SID maps to nobody.</summary>
    OsResult<AccountInfo> LookupSid(string sid);

    /// <summary>Whether the current user's groups (as its token has them) or the user itself hold the right in LSA.</summary>
    OsResult<CurrentUserRight> CurrentUser(string right);

    /// <summary>Which Group Policy objects define the right on this machine.</summary>
    GpoRightState GroupPolicy(string right);
}
