using System.Text.Json.Serialization;
using Linkctl.Errors;

namespace Linkctl.Creation;

[JsonConverter(typeof(JsonStringEnumConverter<CreationResult>))]
public enum CreationResult
{
    /// <summary>Made as asked, and read back.</summary>
    [JsonStringEnumMemberName("created")] Created,
    /// <summary>The requested kind was refused; a declared fallback was made and read back.</summary>
    [JsonStringEnumMemberName("created_fallback")] CreatedFallback,
    /// <summary>Dry run: this is what would be made; nothing was changed.</summary>
    [JsonStringEnumMemberName("would_create")] WouldCreate,
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>What <see cref="LinkMaker"/> did, or why it did nothing.</summary>
public sealed record CreationOutcome(CreationResult Result, RequestedKind Requested, CreationPlan? Plan, LinkctlError? Error)
{
    /// <summary>Why the requested kind was not made, when a fallback was (or would have been) tried.</summary>
    public LinkctlError? FallbackReason { get; init; }

    /// <summary>True when an existing link was replaced (--force).</summary>
    public bool Replaced { get; init; }

    /// <summary>Things true of what was (or would be) made that its user should know: it works, but not everywhere.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
