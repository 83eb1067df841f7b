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

/// <summary>Which set of SymlinkEvaluation values Windows follows.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationSet>))]
public enum EvaluationSet
{
    /// <summary>All four policy values are present: they decide.</summary>
    [JsonStringEnumMemberName("policy")] Policy,
    /// <summary>No complete policy set, and all four local (fsutil) values are present: they decide.</summary>
    [JsonStringEnumMemberName("local")] Local,
    /// <summary>Neither set is complete: Windows' built-in defaults decide.</summary>
    [JsonStringEnumMemberName("default")] Default,
}

/// <summary>One set of the four SymlinkEvaluation DWORDs; null where the value is absent.</summary>
public sealed record EvaluationValues(
    [property: JsonPropertyName("l2l")] int? L2L,
    [property: JsonPropertyName("l2r")] int? L2R,
    [property: JsonPropertyName("r2l")] int? R2L,
    [property: JsonPropertyName("r2r")] int? R2R)
{
    public static EvaluationValues None { get; } = new(null, null, null, null);

    /// <summary>How many of the four values are present.</summary>
    [JsonIgnore]
    public int Count => (L2L is null ? 0 : 1) + (L2R is null ? 0 : 1) + (R2L is null ? 0 : 1) + (R2R is null ? 0 : 1);

    /// <summary>All four present: the only way Windows uses a set at all.</summary>
    [JsonIgnore]
    public bool IsComplete => Count == 4;

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
/// HKLM\Software\Policies\Microsoft\Windows\Filesystems\NTFS. Read as the kernel reads them
/// (IopSymlinkQueryEnabledClasses, decompiled in the team's review; docs/windows-facts.md, UNVERIFIED
/// on a live machine): the four policy values are used only if all four are present, and
/// SymLinkState (which the ADMX also writes) is not read; otherwise the four local values, again
/// all or nothing; any non-zero value enables its class; with neither set complete, the defaults.
/// A partial set is ignored, which is why <c>fix evaluation</c> writes all four.
/// </summary>
/// <param name="Local">The local values (fsutil).</param>
/// <param name="PolicyState">The policy's SymLinkState, reported only: Windows does not read it.</param>
/// <param name="Policy">The policy's values.</param>
/// <param name="Error">Why the values could not be read, or null.</param>
/// <param name="Relevant">The classes that matter for PATH (and the target, when given).</param>
public sealed record EvaluationFacts(EvaluationValues Local, int? PolicyState, EvaluationValues Policy, IReadOnlyList<EvaluationClass> Relevant, string? Error = null)
{
    public const string LocalKey = @"SYSTEM\CurrentControlSet\Control\FileSystem";
    public const string PolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\Filesystems\NTFS";
    public const string PolicyStateValue = "SymLinkState";

    /// <summary>The set Windows follows: the policy's if complete, else the local one if complete, else the defaults.</summary>
    public EvaluationSet InForce => Policy.IsComplete ? EvaluationSet.Policy : Local.IsComplete ? EvaluationSet.Local : EvaluationSet.Default;

    /// <summary>The policy sets all four classes, so local changes have no effect.</summary>
    public bool PolicyConfigured => InForce == EvaluationSet.Policy;

    /// <summary>Whether a class is followed, as Windows decides it from the set in force.</summary>
    internal bool Enabled(EvaluationClass c) => InForce switch
    {
        EvaluationSet.Policy => Policy[c]!.Value != 0,
        EvaluationSet.Local => Local[c]!.Value != 0,
        _ => Default(c) != 0,
    };

    /// <summary>Where the effective value of a class comes from: "policy", "local" or "default" (the same for every class).</summary>
    internal string Source(EvaluationClass c) => InForce switch
    {
        EvaluationSet.Policy => "policy",
        EvaluationSet.Local => "local",
        _ => "default",
    };

    /// <summary>Sets that hold some values but not all four, which Windows therefore ignores, in words; empty when none.</summary>
    public IReadOnlyList<string> Ignored
    {
        get
        {
            var ignored = new List<string>();
            if (Policy.Count is > 0 and < 4)
            {
                ignored.Add($"the policy sets only {Policy.Count} of the four values (HKLM\\{PolicyKey}), so Windows ignores them all");
            }

            if (Local.Count is > 0 and < 4 && !Policy.IsComplete)
            {
                ignored.Add($"only {Local.Count} of the four local values are set (HKLM\\{LocalKey}), so Windows ignores them all and uses its defaults");
            }

            return ignored;
        }
    }

    /// <summary>
    /// Windows' defaults when no complete set exists: L2L and L2R on, R2L and R2R off. UNVERIFIED on
    /// real Windows (docs/windows-facts.md); the report says "default" so a wrong guess is visible, and
    /// fsutil behavior query SymlinkEvaluation gives the truth.
    /// </summary>
    internal static int Default(EvaluationClass c) => c is EvaluationClass.L2L or EvaluationClass.L2R ? 1 : 0;

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
