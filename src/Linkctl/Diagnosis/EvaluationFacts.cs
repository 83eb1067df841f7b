using System.Text.Json.Serialization;

namespace Linkctl.Diagnosis;

/// <summary>The four SymlinkEvaluation classes: which side the link is on, and which side its target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationClass>))]
public enum EvaluationClass
{
    /// <summary>Local link to a local target.</summary>
    [JsonStringEnumMemberName("L2L")] L2L,
    /// <summary>Local link to a remote target.</summary>
    [JsonStringEnumMemberName("L2R")] L2R,
    /// <summary>Remote link (on a share) to a local target.</summary>
    [JsonStringEnumMemberName("R2L")] R2L,
    /// <summary>Remote link to a remote target.</summary>
    [JsonStringEnumMemberName("R2R")] R2R,
}

/// <summary>One set of the four SymlinkEvaluation DWORDs; null where the value is absent.</summary>
public sealed record EvaluationValues(
    [property: JsonPropertyName("l2l")] int? L2L,
    [property: JsonPropertyName("l2r")] int? L2R,
    [property: JsonPropertyName("r2l")] int? R2L,
    [property: JsonPropertyName("r2r")] int? R2R)
{
    public static EvaluationValues None { get; } = new(null, null, null, null);

    public int? this[EvaluationClass c] => c switch
    {
        EvaluationClass.L2L => L2L,
        EvaluationClass.L2R => L2R,
        EvaluationClass.R2L => R2L,
        _ => R2R,
    };

    /// <summary>The registry value name of a class (the same under the local key and the policy key).</summary>
    public static string ValueName(EvaluationClass c) => c switch
    {
        EvaluationClass.L2L => "SymlinkLocalToLocalEvaluation",
        EvaluationClass.L2R => "SymlinkLocalToRemoteEvaluation",
        EvaluationClass.R2L => "SymlinkRemoteToLocalEvaluation",
        _ => "SymlinkRemoteToRemoteEvaluation",
    };
}

/// <summary>
/// SymlinkEvaluation: local values (fsutil) under HKLM\SYSTEM\CurrentControlSet\Control\FileSystem,
/// and the Group Policy "Selectively allow the evaluation of a symbolic link" under
/// HKLM\Software\Policies\Microsoft\Windows\Filesystems\NTFS (SymLinkState = 1 turns it on); the policy wins.
/// </summary>
/// <param name="Local">The local values (fsutil).</param>
/// <param name="PolicyState">The policy's SymLinkState; 1 = the policy is configured.</param>
/// <param name="Policy">The policy's values.</param>
/// <param name="Error">Why the values could not be read, or null.</param>
/// <param name="Relevant">The classes that matter for PATH (and the target, when given).</param>
public sealed record EvaluationFacts(EvaluationValues Local, int? PolicyState, EvaluationValues Policy, IReadOnlyList<EvaluationClass> Relevant, string? Error = null)
{
    public const string LocalKey = @"SYSTEM\CurrentControlSet\Control\FileSystem";
    public const string PolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\Filesystems\NTFS";
    public const string PolicyStateValue = "SymLinkState";

    public bool PolicyConfigured => PolicyState == 1;

    /// <summary>Whether a class is followed, as Windows decides it: policy, then local value, then the default.</summary>
    public bool Enabled(EvaluationClass c)
    {
        var value = PolicyConfigured ? Policy[c] ?? Local[c] : Local[c];
        return (value ?? Default(c)) != 0;
    }

    /// <summary>Where the effective value of a class comes from: "policy", "local" or "default".</summary>
    public string Source(EvaluationClass c) => PolicyConfigured && Policy[c] is not null ? "policy" : Local[c] is not null ? "local" : "default";

    /// <summary>
    /// Windows' defaults when no value is set: L2L and L2R on, R2L and R2R off. UNVERIFIED on real
    /// Windows (docs/windows-facts.md); the report says "default" so a wrong guess is visible, and
    /// fsutil behavior query SymlinkEvaluation gives the truth.
    /// </summary>
    public static int Default(EvaluationClass c) => c is EvaluationClass.L2L or EvaluationClass.L2R ? 1 : 0;

    /// <summary>The classes a link at a local or remote place can fall into; one when the target's side is known.</summary>
    public static IReadOnlyList<EvaluationClass> RelevantFor(bool linkRemote, bool? targetRemote) => (linkRemote, targetRemote) switch
    {
        (false, null) => [EvaluationClass.L2L, EvaluationClass.L2R],
        (true, null) => [EvaluationClass.R2L, EvaluationClass.R2R],
        (false, false) => [EvaluationClass.L2L],
        (false, true) => [EvaluationClass.L2R],
        (true, false) => [EvaluationClass.R2L],
        (true, true) => [EvaluationClass.R2R],
    };
}
