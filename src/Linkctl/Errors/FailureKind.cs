using System.Text.Json.Serialization;

namespace Linkctl.Errors;

/// <summary>
/// What kind of failure an operation met. The CLI maps each to a documented exit code,
/// and the creation logic decides on fallbacks from it, so it must not depend on the OS.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailureKind>))]
public enum FailureKind
{
    /// <summary>The input itself is unusable (bad name, reserved name, empty path).</summary>
    [JsonStringEnumMemberName("invalid_input")] InvalidInput,
    /// <summary>What is on disk conflicts with the request (already exists, not a link, swapped arguments).</summary>
    [JsonStringEnumMemberName("conflict")] Conflict,
    /// <summary>A path that must exist does not.</summary>
    [JsonStringEnumMemberName("not_found")] NotFound,
    /// <summary>The caller lacks the privilege to make a symbolic link (Win32 1314).</summary>
    [JsonStringEnumMemberName("privilege_not_held")] PrivilegeNotHeld,
    /// <summary>The caller may not write or read here (Win32 5, EACCES, EPERM from permissions).</summary>
    [JsonStringEnumMemberName("access_denied")] AccessDenied,
    /// <summary>The file system is mounted read-only (EROFS, Win32 19).</summary>
    [JsonStringEnumMemberName("read_only")] ReadOnly,
    /// <summary>The file system or OS cannot make this kind of link at all (Win32 1, 50; ENOSYS; EPERM on exFAT/vfat). Not 1464, which is about the calling program, not the file system.</summary>
    [JsonStringEnumMemberName("not_supported")] NotSupported,
    /// <summary>A hard link across volumes or file systems (Win32 17, EXDEV).</summary>
    [JsonStringEnumMemberName("cross_device")] CrossDevice,
    /// <summary>The file already has the most names its file system allows (Win32 1142, EMLINK).</summary>
    [JsonStringEnumMemberName("too_many_links")] TooManyLinks,
    /// <summary>The OS reported success but reading the link back did not find it as asked.</summary>
    [JsonStringEnumMemberName("read_back_failed")] ReadBackFailed,
    /// <summary>Following a link is blocked (Win32 1463, SymlinkEvaluation; 448, Redirection Guard) or loops (ELOOP, Win32 1921).</summary>
    [JsonStringEnumMemberName("cannot_follow")] CannotFollow,
    /// <summary>Anything else the OS reported.</summary>
    [JsonStringEnumMemberName("other")] Other,
    // Added after Other, so the numbers of the kinds before stay as they were.
    /// <summary>A name or path longer than the file system or the OS takes (ENAMETOOLONG, Win32 206), also through the links on the way.</summary>
    [JsonStringEnumMemberName("name_too_long")] NameTooLong,
    /// <summary>No space left on the disk, or the user's quota is used up (ENOSPC, EDQUOT, Win32 112 and 39).</summary>
    [JsonStringEnumMemberName("no_space")] NoSpace,
}
