using System.Text.Json.Serialization;

namespace Linkctl.Creation;

/// <summary>What is actually made: the requested kinds plus the copy fallback.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MadeKind>))]
public enum MadeKind
{
    [JsonStringEnumMemberName("symbolic_link")] SymbolicLink,
    [JsonStringEnumMemberName("junction")] Junction,
    [JsonStringEnumMemberName("hard_link")] HardLink,
    [JsonStringEnumMemberName("copy")] Copy,
}

/// <summary>One concrete step the effects layer carries out.</summary>
/// <param name="Kind">What to make.</param>
/// <param name="LinkPath">The link's full path.</param>
/// <param name="StoredTarget">What the link stores (a symbolic link's text; the full path for the others).</param>
/// <param name="TargetPath">The target's full path.</param>
/// <param name="IsDirectory">Whether the target is (or is declared to be) a folder.</param>
/// <param name="ReplaceExisting">Whether an existing link at LinkPath is to be replaced atomically.</param>
public sealed record CreationPlan(MadeKind Kind, string LinkPath, string StoredTarget, string TargetPath, bool IsDirectory, bool ReplaceExisting);
