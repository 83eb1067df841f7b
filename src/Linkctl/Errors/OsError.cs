using System.Text.Json.Serialization;

namespace Linkctl.Errors;

/// <summary>Which numbering an <see cref="OsError"/> code belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OsErrorDomain>))]
public enum OsErrorDomain
{
    /// <summary>A Win32 error code (GetLastError).</summary>
    [JsonStringEnumMemberName("win32")] Win32,
    /// <summary>A POSIX errno value as the running kernel numbers it.</summary>
    [JsonStringEnumMemberName("errno")] Errno,
    /// <summary>An NTSTATUS (LSA calls).</summary>
    [JsonStringEnumMemberName("ntstatus")] NtStatus,
}

/// <summary>
/// An error exactly as the OS reported it: the number, its symbolic name and the OS's own
/// message. Kept verbatim so that users can search for it and <c>linkctl explain</c> it.
/// </summary>
public sealed record OsError(OsErrorDomain Domain, int Code, string Name, string Message)
{
    public static OsError Win32(int code) => new(OsErrorDomain.Win32, code, Win32ErrorNames.NameOf(code), Win32ErrorNames.MessageOf(code));

    public static OsError Errno(int code) => new(OsErrorDomain.Errno, code, ErrnoNames.NameOf(code), ErrnoNames.MessageOf(code));

    /// <summary>"ERROR_PRIVILEGE_NOT_HELD (1314): A required privilege is not held by the client."</summary>
    public override string ToString() => $"{Name} ({Code}): {Message}";
}
