using System.Text.Json.Serialization;

namespace Linkctl.Diagnosis;

/// <summary>GetTokenInformation(TokenElevationType): 1 Default, 2 Full, 3 Limited.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ElevationType>))]
public enum ElevationType
{
    [JsonStringEnumMemberName("unknown")] Unknown = 0,
    /// <summary>No linked token: UAC off, the built-in Administrator, or a standard user.</summary>
    [JsonStringEnumMemberName("default")] Default = 1,
    /// <summary>Elevated: the full token of an administrator.</summary>
    [JsonStringEnumMemberName("full")] Full = 2,
    /// <summary>An administrator's filtered (non-elevated) token.</summary>
    [JsonStringEnumMemberName("limited")] Limited = 3,
}

/// <summary>Windows facts for doctor. Null members mean "could not be read", with the reason beside them.</summary>
public sealed record WindowsFacts
{
    /// <summary>The first build that accepts SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE (Windows 10 1703 line).</summary>
    public const int UnprivilegedFlagBuild = 14972;

    /// <summary>The OS build (RtlGetVersion); 0 when unknown.</summary>
    public required int OsBuild { get; init; }

    /// <summary>Whether this build knows the 0x2 flag that lets Developer Mode work.</summary>
    public bool UnprivilegedFlagSupported => OsBuild >= UnprivilegedFlagBuild;

    public required DeveloperModeFacts DeveloperMode { get; init; }

    public required TokenFacts Token { get; init; }

    public required RightFacts Right { get; init; }

    public required EvaluationFacts Evaluation { get; init; }

    /// <summary>Windows' own sudo (Windows 11 24H2+): whether `sudo linkctl ...` can be advised.</summary>
    public SudoFacts Sudo { get; init; } = SudoFacts.Absent;

    /// <summary>PATH's drive letter is mapped to a network share.</summary>
    public bool MappedDrive { get; init; }

    /// <summary>
    /// PATH's drive letter exists only in this logon session (a mapped network drive or a subst
    /// drive), so an elevated window does not see it; null for a real volume's letter or a UNC path.
    /// </summary>
    public Platform.SessionDrive? SessionDrive { get; init; }
}

/// <summary>
/// Developer Mode: HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\AppModelUnlock
/// AllowDevelopmentWithoutDevLicense, and its policy copy under
/// HKLM\Software\Policies\Microsoft\Windows\Appx. A policy value wins.
/// </summary>
/// <param name="LocalValue">The local value; null when absent.</param>
/// <param name="PolicyValue">The policy value; null when no policy sets it.</param>
/// <param name="Error">Why the values could not be read, or null.</param>
public sealed record DeveloperModeFacts(int? LocalValue, int? PolicyValue, string? Error = null)
{
    public const string LocalKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\AppModelUnlock";
    public const string PolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\Appx";
    public const string ValueName = "AllowDevelopmentWithoutDevLicense";

    public bool Enabled => (PolicyValue ?? LocalValue) == 1;

    /// <summary>A policy sets it: local changes (Settings, linkctl fix devmode) have no effect.</summary>
    public bool SetByPolicy => PolicyValue is not null;
}

/// <summary>What the current process token says.</summary>
/// <param name="User">"DOMAIN\name" of the token's user, when known.</param>
/// <param name="ElevationType">TokenElevationType (18).</param>
/// <param name="Elevated">TokenElevation (20).</param>
/// <param name="IsAdministrator">A member of Administrators (S-1-5-32-544), in this token or its linked full token.</param>
/// <param name="HoldsSymlinkPrivilege">SeCreateSymbolicLinkPrivilege is in the token's privilege list (TokenPrivileges, 3): present is enough.</param>
/// <param name="Error">Why the token could not be read, or null.</param>
public sealed record TokenFacts(string? User, ElevationType ElevationType, bool? Elevated, bool? IsAdministrator, bool? HoldsSymlinkPrivilege, string? Error = null);

/// <summary>Who LSA and Group Policy give "Create symbolic links" (SeCreateSymbolicLinkPrivilege).</summary>
/// <param name="AssignedToUser">LSA assigns it to the user or one of the token's groups; null when unknown.</param>
/// <param name="AssignedThrough">The accounts (the user or groups) through which it is assigned.</param>
/// <param name="GpoDefines">A Group Policy defines the right (local grants are overwritten at refresh); null when unknown.</param>
/// <param name="GpoName">The winning GPO's name or id.</param>
/// <param name="GpoAccounts">The accounts the GPO gives the right to.</param>
/// <param name="UnknownReason">Why LSA or Group Policy could not be read, or null.</param>
public sealed record RightFacts(bool? AssignedToUser, IReadOnlyList<string> AssignedThrough, bool? GpoDefines, string? GpoName, IReadOnlyList<string> GpoAccounts, string? UnknownReason = null)
{
    public const string Privilege = "SeCreateSymbolicLinkPrivilege";

    public static RightFacts Unknown(string why) => new(null, [], null, null, [], why);
}
