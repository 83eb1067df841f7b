namespace Linkctl.Diagnosis;

/// <summary>Reads the current process token's facts (elevation, administrator, the symbolic-link privilege).</summary>
internal interface ITokenReader
{
    TokenFacts Read();

    /// <summary>The SID of the token's user ("S-1-5-21-..."), or null when it cannot be read.</summary>
    string? UserSid();
}
