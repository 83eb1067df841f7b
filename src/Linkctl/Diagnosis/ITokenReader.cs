namespace Linkctl.Diagnosis;

/// <summary>Reads the current process token's facts (elevation, administrator, the symbolic-link privilege).</summary>
public interface ITokenReader
{
    TokenFacts Read();
}
