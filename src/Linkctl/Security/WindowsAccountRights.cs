using System.Runtime.Versioning;
using System.Security.Principal;
using Linkctl.Errors;
using Linkctl.Interop.Windows;

namespace Linkctl.Security;

/// <summary>
/// User rights through the real LSA (advapi32). Every call opens the policy with only the
/// access that call needs (docs/windows-facts.md), so that listing works where granting may not.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WindowsAccountRights : IAccountRights
{
    public OsResult<IReadOnlyList<AccountInfo>> ListHolders(string right)
    {
        var open = OpenPolicy(Advapi32.POLICY_LOOKUP_NAMES | Advapi32.POLICY_VIEW_LOCAL_INFORMATION, out var policy);
        if (!open.Succeeded)
        {
            return OsResult<IReadOnlyList<AccountInfo>>.Failed(open.Error);
        }

        try
        {
            void* buffer = null;
            uint count = 0;
            uint status;
            fixed (char* p = right)
            {
                var name = Counted(p, right);
                status = Advapi32.LsaEnumerateAccountsWithUserRight(policy, &name, &buffer, &count);
            }

            if (status == Advapi32.STATUS_NO_MORE_ENTRIES)
            {
                return OsResult<IReadOnlyList<AccountInfo>>.Of([]);
            }

            if (status != 0)
            {
                return OsResult<IReadOnlyList<AccountInfo>>.Failed(StatusError(status));
            }

            try
            {
                var sids = new List<string>((int)count);
                for (var i = 0; i < count; i++)
                {
                    // LSA_ENUMERATION_INFORMATION is a struct holding one PSID.
                    var sid = ((void**)buffer)[i];
                    var text = SidToString(sid);
                    if (text is not null)
                    {
                        sids.Add(text);
                    }
                }

                return OsResult<IReadOnlyList<AccountInfo>>.Of(sids.Select(s => new AccountInfo(s, LookupSid(s).ValueOr(null)?.Name)).ToList());
            }
            finally
            {
                _ = Advapi32.LsaFreeMemory(buffer);
            }
        }
        finally
        {
            _ = Advapi32.LsaClose(policy);
        }
    }

    public OsResult Grant(string sid, string right) =>
        ChangeRight(sid, right, Advapi32.POLICY_LOOKUP_NAMES | Advapi32.POLICY_CREATE_ACCOUNT, grant: true);

    public OsResult Revoke(string sid, string right) =>
        ChangeRight(sid, right, Advapi32.POLICY_LOOKUP_NAMES, grant: false);

    public OsResult<IReadOnlyList<string>> RightsOf(string sid)
    {
        var psid = StringToSid(sid, out var convertError);
        if (psid == null)
        {
            return OsResult<IReadOnlyList<string>>.Failed(convertError!);
        }

        try
        {
            var open = OpenPolicy(Advapi32.POLICY_LOOKUP_NAMES, out var policy);
            if (!open.Succeeded)
            {
                return OsResult<IReadOnlyList<string>>.Failed(open.Error);
            }

            try
            {
                Advapi32.LSA_UNICODE_STRING* rights = null;
                uint count = 0;
                var status = Advapi32.LsaEnumerateAccountRights(policy, psid, &rights, &count);
                if (status == Advapi32.STATUS_OBJECT_NAME_NOT_FOUND)
                {
                    // LSA has no account object for a SID that holds nothing.
                    return OsResult<IReadOnlyList<string>>.Of([]);
                }

                if (status != 0)
                {
                    return OsResult<IReadOnlyList<string>>.Failed(StatusError(status));
                }

                try
                {
                    var list = new List<string>((int)count);
                    for (var i = 0; i < count; i++)
                    {
                        list.Add(new string(rights[i].Buffer, 0, rights[i].Length / 2));
                    }

                    return OsResult<IReadOnlyList<string>>.Of(list);
                }
                finally
                {
                    _ = Advapi32.LsaFreeMemory(rights);
                }
            }
            finally
            {
                _ = Advapi32.LsaClose(policy);
            }
        }
        finally
        {
            _ = Kernel32.LocalFree((nint)psid);
        }
    }

    public OsResult<AccountInfo> LookupName(string name)
    {
        uint sidSize = 0, domainSize = 0;
        int use;
        _ = Advapi32.LookupAccountName(null, name, null, &sidSize, null, &domainSize, &use);
        var error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (error != Advapi32.ERROR_INSUFFICIENT_BUFFER)
        {
            return OsResult<AccountInfo>.Failed(OsError.Win32(error == 0 ? Win32ErrorNames.NoneMapped : error));
        }

        var sid = new byte[sidSize];
        var domain = new char[Math.Max(domainSize, 1)];
        fixed (byte* s = sid)
        fixed (char* d = domain)
        {
            if (!Advapi32.LookupAccountName(null, name, s, &sidSize, d, &domainSize, &use))
            {
                return OsResult<AccountInfo>.Failed(OsError.Win32(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
            }

            var text = SidToString(s);
            if (text is null)
            {
                return OsResult<AccountInfo>.Failed(OsError.Win32(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
            }

            // The SID's own lookup gives the canonical DOMAIN\name whatever form was typed.
            var canonical = LookupSid(text).ValueOr(null)?.Name;
            var domainName = new string(d, 0, (int)domainSize);
            return OsResult<AccountInfo>.Of(new AccountInfo(text, canonical ?? (domainName.Length > 0 ? $"{domainName}\\{name}" : name)));
        }
    }

    public OsResult<AccountInfo> LookupSid(string sid)
    {
        var psid = StringToSid(sid, out var convertError);
        if (psid == null)
        {
            return OsResult<AccountInfo>.Failed(convertError!);
        }

        try
        {
            uint nameSize = 0, domainSize = 0;
            int use;
            _ = Advapi32.LookupAccountSid(null, psid, null, &nameSize, null, &domainSize, &use);
            var error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (error == Advapi32.ERROR_NONE_MAPPED)
            {
                // A SID nobody maps (a deleted account) is still a valid holder: it has no name.
                return OsResult<AccountInfo>.Of(new AccountInfo(sid.ToUpperInvariant(), null));
            }

            if (error != Advapi32.ERROR_INSUFFICIENT_BUFFER)
            {
                return OsResult<AccountInfo>.Failed(OsError.Win32(error));
            }

            var name = new char[Math.Max(nameSize, 1)];
            var domain = new char[Math.Max(domainSize, 1)];
            fixed (char* n = name)
            fixed (char* d = domain)
            {
                if (!Advapi32.LookupAccountSid(null, psid, n, &nameSize, d, &domainSize, &use))
                {
                    return OsResult<AccountInfo>.Failed(OsError.Win32(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()));
                }

                var account = new string(n, 0, (int)nameSize);
                var domainName = new string(d, 0, (int)domainSize);
                return OsResult<AccountInfo>.Of(new AccountInfo(sid.ToUpperInvariant(), domainName.Length > 0 ? $"{domainName}\\{account}" : account));
            }
        }
        finally
        {
            _ = Kernel32.LocalFree((nint)psid);
        }
    }

    public OsResult<CurrentUserRight> CurrentUser(string right)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var userSid = identity.User?.Value;
        if (userSid is null)
        {
            return OsResult<CurrentUserRight>.Failed(OsError.Win32(Win32ErrorNames.NoneMapped));
        }

        // Groups leaves out deny-only groups, so an unelevated administrator's filtered token
        // does not count Administrators: exactly the token that CreateSymbolicLinkW checks.
        var groups = new List<string>();
        foreach (var group in identity.Groups ?? [])
        {
            if (group is SecurityIdentifier s)
            {
                groups.Add(s.Value);
            }
        }

        // identity.Name translates the SID (LsaLookupSids) and throws when it maps to no name; the SID
        // itself is what the rights are checked by, so it stands in for the name then.
        string name;
        try
        {
            name = identity.Name;
        }
        catch (Exception e) when (e is IdentityNotMappedException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            name = userSid;
        }

        return CurrentUserRights.Resolve(this, new AccountInfo(userSid, name), groups, right);
    }

    public GpoRightState GroupPolicy(string right) => GroupPolicyRightsCache.ReadMachine(right);

    private static OsResult ChangeRight(string sid, string right, uint access, bool grant)
    {
        var psid = StringToSid(sid, out var convertError);
        if (psid == null)
        {
            return OsResult.Failed(convertError!);
        }

        try
        {
            var open = OpenPolicy(access, out var policy);
            if (!open.Succeeded)
            {
                return open;
            }

            try
            {
                uint status;
                fixed (char* p = right)
                {
                    var name = Counted(p, right);
                    status = grant
                        ? Advapi32.LsaAddAccountRights(policy, psid, &name, 1)
                        : Advapi32.LsaRemoveAccountRights(policy, psid, 0, &name, 1);
                }

                return status == 0 ? OsResult.Success : OsResult.Failed(StatusError(status));
            }
            finally
            {
                _ = Advapi32.LsaClose(policy);
            }
        }
        finally
        {
            _ = Kernel32.LocalFree((nint)psid);
        }
    }

    private static OsResult OpenPolicy(uint access, out nint policy)
    {
        var attributes = new Advapi32.LSA_OBJECT_ATTRIBUTES { Length = (uint)sizeof(Advapi32.LSA_OBJECT_ATTRIBUTES) };
        nint handle = 0;
        var status = Advapi32.LsaOpenPolicy(null, &attributes, access, &handle);
        policy = handle;
        return status == 0 ? OsResult.Success : OsResult.Failed(StatusError(status));
    }

    private static Advapi32.LSA_UNICODE_STRING Counted(char* buffer, string text) => new()
    {
        Length = checked((ushort)(text.Length * 2)),
        MaximumLength = checked((ushort)(text.Length * 2)),
        Buffer = buffer,
    };

    /// <summary>
    /// Our table names the statuses LSA is known to return; for any other, LSA's own mapping
    /// to a Win32 error gives the user a message to search for.
    /// </summary>
    private static OsError StatusError(uint status)
    {
        var error = NtStatusNames.ToOsError(status);
        if (error.Name.StartsWith("NTSTATUS_", StringComparison.Ordinal))
        {
            var win32 = (int)Advapi32.LsaNtStatusToWinError(status);
            error = error with { Message = $"{Win32ErrorNames.MessageOf(win32)} ({Win32ErrorNames.NameOf(win32)})" };
        }

        return error;
    }

    private static string? SidToString(void* sid)
    {
        char* text = null;
        if (!Advapi32.ConvertSidToStringSid(sid, &text))
        {
            return null;
        }

        try
        {
            return new string(text);
        }
        finally
        {
            _ = Kernel32.LocalFree((nint)text);
        }
    }

    private static void* StringToSid(string sid, out OsError? error)
    {
        void* psid = null;
        if (!Advapi32.ConvertStringSidToSid(sid, &psid))
        {
            error = OsError.Win32(System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
            return null;
        }

        error = null;
        return psid;
    }
}
