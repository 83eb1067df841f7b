using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Linkctl.Paths;

namespace Linkctl.Audit;

/// <summary>
/// Folder DACLs through .NET's FileSystemAclExtensions.GetAccessControl, owners through
/// GetSecurityInfo on a handle opened on the entry itself. Every failure becomes an
/// <see cref="OsError"/> (the audit then says "unknown"), never an exception: Wine implements little of this.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsFileSecuritySource : IFileSecuritySource
{
    public WindowsFileSecuritySource()
    {
        try
        {
            using var identity = WindowsIdentity.GetCurrent();
            var admin = new WindowsPrincipal(identity).IsInRole(new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null));
            NonAdminUserSid = admin ? null : identity.User?.Value;
        }
        catch (Exception e) when (e is SystemException)
        {
            // Without the current user the ordinary principals (Everyone, Users...) still decide.
            NonAdminUserSid = null;
        }
    }

    public string? NonAdminUserSid { get; }

    public OsResult<FolderSecurity> ReadFolder(string folder)
    {
        try
        {
            var security = new DirectoryInfo(PathSyntax.Windows.ToOsPath(folder)).GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
            var owner = (security.GetOwner(typeof(SecurityIdentifier)) as SecurityIdentifier)?.Value;
            var entries = new List<AccessEntry>();
            foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
            {
                entries.Add(new AccessEntry(
                    rule.IdentityReference.Value,
                    rule.AccessControlType == AccessControlType.Allow,
                    (uint)rule.FileSystemRights,
                    (rule.PropagationFlags & PropagationFlags.InheritOnly) != 0));
            }

            return OsResult<FolderSecurity>.Of(new FolderSecurity(owner, entries));
        }
        catch (Exception e) when (e is SystemException)
        {
            return OsResult<FolderSecurity>.Failed(OsError.FromException(e, windows: true));
        }
    }

    public unsafe OsResult<string?> ReadOwner(string path)
    {
        using var handle = Kernel32.CreateFile(
            PathSyntax.Windows.ToOsPath(path),
            Advapi32.READ_CONTROL,
            Kernel32.FILE_SHARE_READ | Kernel32.FILE_SHARE_WRITE | Kernel32.FILE_SHARE_DELETE,
            0,
            Kernel32.OPEN_EXISTING,
            Kernel32.FILE_FLAG_BACKUP_SEMANTICS | Kernel32.FILE_FLAG_OPEN_REPARSE_POINT,
            0);
        if (handle.IsInvalid)
        {
            return OsResult<string?>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
        }

        void* owner = null;
        void* descriptor = null;
        var error = Advapi32.GetSecurityInfo(handle.DangerousGetHandle(), Advapi32.SE_FILE_OBJECT, Advapi32.OWNER_SECURITY_INFORMATION, &owner, null, null, null, &descriptor);
        try
        {
            if (error != 0)
            {
                return OsResult<string?>.Failed(OsError.Win32((int)error));
            }

            if (owner is null)
            {
                return OsResult<string?>.Of(null);
            }

            char* text = null;
            if (!Advapi32.ConvertSidToStringSid(owner, &text))
            {
                return OsResult<string?>.Failed(OsError.Win32(Marshal.GetLastPInvokeError()));
            }

            try
            {
                return OsResult<string?>.Of(new string(text));
            }
            finally
            {
                Kernel32.LocalFree((nint)text);
            }
        }
        finally
        {
            if (descriptor is not null)
            {
                Kernel32.LocalFree((nint)descriptor);
            }
        }
    }
}
