using System.Text.Json.Serialization;

namespace Linkctl.Links;

/// <summary>Whether a link can be followed to something that exists (decided by <see cref="LinkClassifier"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkStatus>))]
public enum LinkStatus
{
    [JsonStringEnumMemberName("ok")] Ok,
    /// <summary>The target does not exist.</summary>
    [JsonStringEnumMemberName("broken")] Broken,
    /// <summary>Following it never ends (ELOOP, Win32 1921).</summary>
    [JsonStringEnumMemberName("loop")] Loop,
    /// <summary>Something on the way to the target, or the link itself, may not be read.</summary>
    [JsonStringEnumMemberName("access_denied")] AccessDenied,
    /// <summary>Windows refuses to follow it (SymlinkEvaluation, Win32 1463).</summary>
    [JsonStringEnumMemberName("evaluation_disabled")] EvaluationDisabled,
    /// <summary>Not a link, so there is nothing to follow.</summary>
    [JsonStringEnumMemberName("not_a_link")] NotALink,
    /// <summary>
    /// The OS cannot open this kind of reparse point through the link (ERROR_CANT_ACCESS_FILE,
    /// 1920): what WSL symlinks and AF_UNIX sockets always answer on Windows. Neither broken nor a loop.
    /// </summary>
    [JsonStringEnumMemberName("cannot_access")] CannotAccess,
    /// <summary>The link's stored target could not be read (readlink or FSCTL_GET_REPARSE_POINT failed, or its data does not decode).</summary>
    [JsonStringEnumMemberName("unreadable")] Unreadable,
}
