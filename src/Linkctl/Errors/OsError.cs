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

    /// <summary>
    /// The OS error behind an exception that a .NET API threw instead of returning it: on Windows
    /// an IOException's HRESULT keeps the Win32 code in its low word; on Unix .NET puts the errno
    /// in it. Access refusals (UnauthorizedAccessException, SecurityException) become
    /// ERROR_ACCESS_DENIED or EACCES; anything else keeps the exception's own words.
    /// </summary>
    /// <param name="exception">What the API threw.</param>
    /// <param name="windows">Whether the API ran on Windows (the numbering of its codes).</param>
    public static OsError FromException(Exception exception, bool windows)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var denied = exception is UnauthorizedAccessException or System.Security.SecurityException;
        if (windows)
        {
            // FACILITY_WIN32 HRESULTs are 0x8007xxxx; a bare Win32 code is small and positive.
            var hr = exception.HResult;
            var code = denied ? Win32ErrorNames.AccessDenied
                : (hr & 0xFFFF0000) == 0x80070000 ? hr & 0xFFFF
                : hr is > 0 and < 0x10000 ? hr
                : 0;
            return code != 0 ? Win32(code) : Described(OsErrorDomain.Win32, exception);
        }

        if (denied)
        {
            return Errno(ErrnoNames.CodeOf("EACCES") ?? 13);
        }

        // .NET throws these with Win32 HRESULTs on every OS; any other IOException carries the errno.
        if (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Errno(ErrnoNames.CodeOf("ENOENT") ?? 2);
        }

        return exception is IOException && exception.HResult is > 0 and < 4096 ? Errno(exception.HResult) : Described(OsErrorDomain.Errno, exception);
    }

    /// <summary>
    /// <see cref="FromException(Exception, bool)"/> for an exception from a .NET file API on this
    /// machine's own files (the undo journal), numbered as this host numbers them.
    /// </summary>
    public static OsError FromHostException(Exception exception) => FromException(exception, OperatingSystem.IsWindows());

    private static OsError Described(OsErrorDomain domain, Exception exception) =>
        new(domain, 0, exception.GetType().Name, exception.Message);

    /// <summary>"ERROR_PRIVILEGE_NOT_HELD (1314): A required privilege is not held by the client."</summary>
    public override string ToString() => $"{Name} ({Code}): {Message}";
}
