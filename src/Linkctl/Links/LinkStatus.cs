using System.Text.Json.Serialization;

namespace Linkctl.Links;

/// <summary>Whether a link can be followed to something that exists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkStatus>))]
public enum LinkStatus
{
    [JsonStringEnumMemberName("ok")] Ok,
    /// <summary>The target does not exist.</summary>
    [JsonStringEnumMemberName("broken")] Broken,
    /// <summary>Following it never ends (ELOOP, Win32 1921).</summary>
    [JsonStringEnumMemberName("loop")] Loop,
    /// <summary>Something on the way to the target may not be read.</summary>
    [JsonStringEnumMemberName("access_denied")] AccessDenied,
    /// <summary>Windows refuses to follow it (SymlinkEvaluation, Win32 1463).</summary>
    [JsonStringEnumMemberName("evaluation_disabled")] EvaluationDisabled,
    /// <summary>Not a link, so there is nothing to follow.</summary>
    [JsonStringEnumMemberName("not_a_link")] NotALink,
}
