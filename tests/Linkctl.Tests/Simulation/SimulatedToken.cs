namespace Linkctl.Tests.Simulation;

/// <summary>TOKEN_ELEVATION_TYPE (GetTokenInformation class 18).</summary>
internal enum TokenElevationType
{
    /// <summary>No linked token: UAC off, or a standard user.</summary>
    Default = 1,
    /// <summary>The elevated half of a split administrator token.</summary>
    Full = 2,
    /// <summary>The filtered ("limited") half: Administrators is deny-only and admin privileges are gone.</summary>
    Limited = 3,
}

/// <summary>
/// The calling process's access token, as far as links care. Kept as plain facts so the
/// doctor can later add groups, the LSA assignment and "assigned but not yet in the token".
/// </summary>
internal sealed record SimulatedToken(
    string UserName,
    bool IsAdministratorsMember,
    TokenElevationType ElevationType,
    bool HoldsCreateSymbolicLinkPrivilege)
{
    /// <summary>
    /// TokenElevation's TokenIsElevated. Usually what the type says (Full), but a Default-type
    /// token, which has no linked token, is elevated when UAC is off or for the built-in
    /// Administrator: the type alone does not tell (Learn: TOKEN_ELEVATION_TYPE, "the token does not
    /// have a linked token"; docs/windows-facts.md, after Wine's advapi32 security.c).
    /// </summary>
    public bool IsElevated { get; init; } = ElevationType == TokenElevationType.Full;

    /// <summary>The built-in Administrator (or any administrator with UAC off): Default type, elevated, privilege held.</summary>
    public static SimulatedToken BuiltInAdministrator { get; } = new("Administrator", true, TokenElevationType.Default, true) { IsElevated = true };
    /// <summary>The user's SID (the one <see cref="SimulatedLsa"/> calls the current user by default).</summary>
    public string UserSid { get; init; } = "S-1-5-21-1-2-3-1001";

    public static SimulatedToken StandardUser { get; } = new("user", false, TokenElevationType.Default, false);

    /// <summary>An administrator's filtered token: UAC removed SeCreateSymbolicLinkPrivilege.</summary>
    public static SimulatedToken AdminUnelevated { get; } = new("admin", true, TokenElevationType.Limited, false);

    public static SimulatedToken AdminElevated { get; } = new("admin", true, TokenElevationType.Full, true);

    /// <summary>A standard user who was granted "Create symbolic links" and has logged on since.</summary>
    public static SimulatedToken GrantedUser { get; } = new("user", false, TokenElevationType.Default, true);
}

/// <summary>
/// The four SymlinkEvaluation classes (fsutil behavior set SymlinkEvaluation): whether a
/// symbolic link on a local or remote volume may be followed to a local or remote target.
/// </summary>
internal sealed record SymlinkEvaluation(bool LocalToLocal, bool LocalToRemote, bool RemoteToLocal, bool RemoteToRemote)
{
    /// <summary>The believed Windows defaults L2L:1 L2R:1 R2L:0 R2R:0 (UNVERIFIED, per docs/windows-facts.md).</summary>
    public static SymlinkEvaluation Default { get; } = new(true, true, false, false);

    public static SymlinkEvaluation All { get; } = new(true, true, true, true);

    public bool Allows(bool linkIsRemote, bool targetIsRemote) => (linkIsRemote, targetIsRemote) switch
    {
        (false, false) => LocalToLocal,
        (false, true) => LocalToRemote,
        (true, false) => RemoteToLocal,
        (true, true) => RemoteToRemote,
    };
}

/// <summary>One CreateSymbolicLinkW call as the simulated Windows received it.</summary>
internal sealed record SymbolicLinkCall(string Link, string Target, Linkctl.Platform.Windows.SymbolicLinkFlags Flags, int Result);
