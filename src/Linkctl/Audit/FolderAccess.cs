using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Audit;

/// <summary>One access-control entry of a folder's DACL, reduced to what the audit needs.</summary>
/// <param name="Sid">The trustee, as a string SID (S-1-1-0).</param>
/// <param name="Allow">An allow entry; false for a deny entry.</param>
/// <param name="Rights">The access mask (FileSystemRights bits, possibly generic rights).</param>
/// <param name="InheritOnly">The entry applies only to children, not to the folder itself.</param>
internal sealed record AccessEntry(string Sid, bool Allow, uint Rights, bool InheritOnly = false);

/// <summary>A folder's owner and DACL as read from the OS.</summary>
internal sealed record FolderSecurity(string? OwnerSid, IReadOnlyList<AccessEntry> Entries);

/// <summary>The Windows security facts of the audit; behind an interface so the audit runs on constructed ACLs.</summary>
internal interface IFileSecuritySource
{
    /// <summary>The folder's owner and DACL.</summary>
    OsResult<FolderSecurity> ReadFolder(string folder);

    /// <summary>The owner SID of the entry itself (a link is not followed); null when its descriptor names no owner.</summary>
    OsResult<string?> ReadOwner(string path);

    /// <summary>The SID of the user running the audit when it is not an administrator; null otherwise.</summary>
    string? NonAdminUserSid { get; }
}

/// <summary>
/// Whether ordinary (non-admin) users may create entries in a folder, from its DACL: the
/// principals every interactive user's token holds, and the current user when not an admin.
/// </summary>
internal static class UserWritableFolders
{
    public const string Everyone = WellKnownAccounts.Everyone;
    public const string AuthenticatedUsers = WellKnownAccounts.AuthenticatedUsers;
    public const string BuiltinUsers = WellKnownAccounts.Users;
    public const string Interactive = "S-1-5-4";

    // FILE_ADD_FILE (WriteData/CreateFiles) and FILE_ADD_SUBDIRECTORY (AppendData/CreateDirectories)
    // are what planting a link needs; Write, Modify and FullControl include them. WRITE_DAC and
    // WRITE_OWNER let the holder grant itself those, and generic rights appear in entries that
    // were never mapped (GENERIC_WRITE maps to both create rights on a folder).
    private const uint CreateFiles = 0x2;
    private const uint CreateDirectories = 0x4;
    private const uint WriteDac = 0x40000;
    private const uint WriteOwner = 0x80000;
    private const uint GenericAll = 0x10000000;
    private const uint GenericWrite = 0x40000000;

    public const uint WriteRights = CreateFiles | CreateDirectories | WriteDac | WriteOwner | GenericAll | GenericWrite;

    /// <summary>The SIDs an ordinary user's token holds, plus <paramref name="nonAdminUserSid"/>.</summary>
    public static IReadOnlySet<string> OrdinaryUserSids(string? nonAdminUserSid)
    {
        var sids = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Everyone, AuthenticatedUsers, BuiltinUsers, Interactive };
        if (nonAdminUserSid is not null)
        {
            sids.Add(nonAdminUserSid);
        }

        return sids;
    }

    /// <summary>
    /// True when an allow entry for one of those principals grants a write right that no deny
    /// entry for them takes back. Deny entries win, as they do in a canonical DACL (denies
    /// first). .NET reads a null DACL as one entry giving Everyone full control.
    /// </summary>
    public static bool IsUserWritable(FolderSecurity security, string? nonAdminUserSid)
    {
        var sids = OrdinaryUserSids(nonAdminUserSid);
        uint allowed = 0;
        uint denied = 0;
        foreach (var entry in security.Entries)
        {
            if (entry.InheritOnly || !sids.Contains(entry.Sid))
            {
                continue;
            }

            var rights = Expand(entry.Rights);
            if (entry.Allow)
            {
                allowed |= rights;
            }
            else
            {
                denied |= rights;
            }
        }

        return (allowed & ~denied & WriteRights) != 0;
    }

    /// <summary>Generic rights as the file-object mapping gives them, so a deny of GENERIC_WRITE cancels an allow of CreateFiles.</summary>
    private static uint Expand(uint rights)
    {
        if ((rights & GenericAll) != 0)
        {
            rights |= CreateFiles | CreateDirectories | WriteDac | WriteOwner;
        }

        if ((rights & GenericWrite) != 0)
        {
            rights |= CreateFiles | CreateDirectories;
        }

        return rights;
    }
}
