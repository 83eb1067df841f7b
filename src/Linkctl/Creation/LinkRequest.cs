using System.Text.Json.Serialization;

namespace Linkctl.Creation;

/// <summary>The kind of link a user asks for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestedKind>))]
public enum RequestedKind
{
    [JsonStringEnumMemberName("symbolic")] Symbolic,
    [JsonStringEnumMemberName("junction")] Junction,
    [JsonStringEnumMemberName("hard")] Hard,
}

/// <summary>What may be made instead when a symbolic link is refused.</summary>
public enum FallbackPolicy
{
    /// <summary>A junction for a local folder, a hard link for a file on the same volume.</summary>
    Auto,
    /// <summary>Fail instead (--strict).</summary>
    None,
    /// <summary>A copy of the target (only when asked: a copy does not follow later changes).</summary>
    Copy,
}

/// <summary>How the target is stored in a symbolic link.</summary>
public enum TargetForm
{
    /// <summary>As the user wrote it: relative stays relative (resolved against the link's folder).</summary>
    AsGiven,
    Absolute,
    Relative,
}

/// <summary>Whether a missing target is a file or a folder (--file / --dir).</summary>
public enum TargetTypeHint
{
    Auto,
    File,
    Directory,
}

/// <summary>One <c>linkctl new LINK TARGET</c> request, in mklink's order.</summary>
public sealed record LinkRequest(string Link, string Target)
{
    public RequestedKind Kind { get; init; } = RequestedKind.Symbolic;

    public FallbackPolicy Fallback { get; init; } = FallbackPolicy.Auto;

    public TargetForm Form { get; init; } = TargetForm.AsGiven;

    public TargetTypeHint TargetType { get; init; } = TargetTypeHint.Auto;

    /// <summary>Make the link although the target does not exist (needs <see cref="TargetType"/>).</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Replace an existing link (never a file or folder that holds data).</summary>
    public bool Force { get; init; }
}
