namespace Linkctl.Diagnosis;

/// <summary>
/// What an error code or message means for links: in plain words, its likely causes (most
/// likely first) and concrete fixes (linkctl's own commands and the Windows ones).
/// </summary>
/// <param name="Id">Stable identifier ("win32-1314", "errno-eperm", "node-eperm-symlink"), used in --json.</param>
/// <param name="Title">The error as users meet it, e.g. "ERROR_PRIVILEGE_NOT_HELD (1314)".</param>
/// <param name="Meaning">What it means.</param>
/// <param name="Causes">Likely causes, most likely first.</param>
/// <param name="Fixes">What to do, least intrusive first.</param>
internal sealed record Explanation(string Id, string Title, string Meaning, IReadOnlyList<string> Causes, IReadOnlyList<string> Fixes)
{
    /// <summary>Where the wording and the facts come from (a Learn page, a project's source file, an issue that shows the message); null for the older entries that cite theirs in docs/windows-facts.md.</summary>
    public string? Source { get; init; }
}

/// <summary>One explanation found in the input, and the text that matched it.</summary>
/// <param name="MatchedText">The part of the input that was recognised ("WinError 1314", "EPERM").</param>
/// <param name="Explanation">What it means.</param>
internal sealed record ExplanationMatch(string MatchedText, Explanation Explanation);

/// <summary>The answer to <c>linkctl explain</c>: every explanation found, or none ("not known").</summary>
internal sealed record ExplainResult(string Input, IReadOnlyList<ExplanationMatch> Matches)
{
    public bool Known => Matches.Count > 0;
}
