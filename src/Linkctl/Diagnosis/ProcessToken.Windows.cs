using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Diagnosis;

/// <summary>The real token of this process, through OpenProcessToken and GetTokenInformation.</summary>
[SupportedOSPlatform("windows")]
internal sealed class ProcessToken : ITokenReader
{
    private const int ErrorNoSuchPrivilege = 1313;

    public TokenFacts Read()
    {
        var user = UserName();
        if (!Advapi32.OpenProcessToken(Advapi32.CurrentProcess, Advapi32.TOKEN_QUERY, out var raw))
        {
            var error = OsError.Win32(Marshal.GetLastPInvokeError());
            return new TokenFacts(user, ElevationType.Unknown, null, null, null, $"OpenProcessToken failed: {error}");
        }

        using var token = new SafeAccessTokenHandle(raw);
        var problems = new List<string>();
        var type = ReadDword(token, Advapi32.TokenElevationType, problems) is { } t && Enum.IsDefined((ElevationType)t) ? (ElevationType)t : ElevationType.Unknown;
        var elevated = ReadDword(token, Advapi32.TokenElevation, problems) is { } e ? e != 0 : (bool?)null;
        var holds = HoldsSymlinkPrivilege(token, problems);

        // A limited token exists only for an administrator (its linked token is the full one);
        // otherwise the effective token's own membership answers (a deny-only group answers false).
        bool? admin = type == ElevationType.Limited ? true : IsMemberOfAdministrators(problems);
        return new TokenFacts(user, type, elevated, admin, holds, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    /// <summary>
    /// DOMAIN\user, or the bare user name when the domain cannot be looked up: .NET's
    /// Environment.UserDomainName throws InvalidOperationException when LookupAccountNameW fails
    /// (dotnet/runtime, Environment.UserDomainName on Windows, which falls back to LookupAccountNameW; seen under Wine 8 with USER empty: ERROR_NONE_MAPPED, 1332, in the hosted CI run),
    /// and a name for display must never stop a command.
    /// </summary>
    private static string UserName()
    {
        try
        {
            return $"{Environment.UserDomainName}\\{Environment.UserName}";
        }
        catch (InvalidOperationException)
        {
            return Environment.UserName;
        }
    }

    public string? UserSid()
    {
        try
        {
            using var identity = System.Security.Principal.WindowsIdentity.GetCurrent();
            return identity.User?.Value;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static unsafe int? ReadDword(SafeAccessTokenHandle token, int infoClass, List<string> problems)
    {
        int value;
        if (!Advapi32.GetTokenInformation(token, infoClass, (byte*)&value, sizeof(int), out _))
        {
            problems.Add($"GetTokenInformation({infoClass}) failed: {OsError.Win32(Marshal.GetLastPInvokeError())}");
            return null;
        }

        return value;
    }

    /// <summary>Present in the token is enough: CreateSymbolicLinkW enables the privilege itself (docs/windows-facts.md).</summary>
    private static unsafe bool? HoldsSymlinkPrivilege(SafeAccessTokenHandle token, List<string> problems)
    {
        if (!Advapi32.LookupPrivilegeValue(null, Advapi32.SE_CREATE_SYMBOLIC_LINK_NAME, out var luid))
        {
            var code = Marshal.GetLastPInvokeError();

            // ERROR_NO_SUCH_PRIVILEGE: the system does not know the privilege at all (Wine 8 answers
            // this), so no token can hold it.
            if (code == ErrorNoSuchPrivilege)
            {
                problems.Add("LookupPrivilegeValueW: this system does not know SeCreateSymbolicLinkPrivilege (ERROR_NO_SUCH_PRIVILEGE, 1313)");
                return false;
            }

            problems.Add($"LookupPrivilegeValueW failed: {OsError.Win32(code)}");
            return null;
        }

        Advapi32.GetTokenInformation(token, Advapi32.TokenPrivileges, null, 0, out var needed);
        if (needed == 0)
        {
            problems.Add($"GetTokenInformation(TokenPrivileges) failed: {OsError.Win32(Marshal.GetLastPInvokeError())}");
            return null;
        }

        var buffer = new byte[needed];
        fixed (byte* p = buffer)
        {
            if (!Advapi32.GetTokenInformation(token, Advapi32.TokenPrivileges, p, needed, out _))
            {
                problems.Add($"GetTokenInformation(TokenPrivileges) failed: {OsError.Win32(Marshal.GetLastPInvokeError())}");
                return null;
            }
        }

        var count = BitConverter.ToUInt32(buffer, 0);
        for (var i = 0; i < count; i++)
        {
            var offset = 4 + (i * Advapi32.LuidAndAttributesSize);
            if (offset + 8 > buffer.Length)
            {
                break;
            }

            if (BitConverter.ToInt64(buffer, offset) == luid)
            {
                return true;
            }
        }

        return false;
    }

    private static unsafe bool? IsMemberOfAdministrators(List<string> problems)
    {
        fixed (byte* sid = Advapi32.AdministratorsSid)
        {
            if (!Advapi32.CheckTokenMembership(0, sid, out var member))
            {
                problems.Add($"CheckTokenMembership failed: {OsError.Win32(Marshal.GetLastPInvokeError())}");
                return null;
            }

            return member;
        }
    }
}
