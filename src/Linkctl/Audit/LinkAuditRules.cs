using System.Text.Json.Serialization;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Audit;

[JsonConverter(typeof(JsonStringEnumConverter<AuditSeverity>))]
public enum AuditSeverity
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}

/// <summary>One risky link: how bad, which rule, and a one-line why.</summary>
public sealed record LinkAuditFinding(AuditSeverity Severity, string Path, string Rule, string Why, string? Target);

/// <summary>Where the audit runs: the ROOT given, the path rules, and the folders users must not control.</summary>
/// <param name="Root">The tree audited, as a full path.</param>
/// <param name="Paths">The path rules of the audited system.</param>
/// <param name="SystemFolders">Windows: C:\Windows, C:\Program Files, C:\Program Files (x86), C:\ProgramData. Empty on Unix.</param>
/// <param name="ProfilesRoot">Windows: the folder holding user profiles (C:\Users); null on Unix.</param>
internal sealed record LinkAuditContext(string Root, PathSyntax Paths, IReadOnlyList<string> SystemFolders, string? ProfilesRoot)
{
    public static LinkAuditContext Unix(string root) => new(root, PathSyntax.Unix, [], null);

    /// <summary>Windows rules, with the system's folders (a default installation on C: unless given).</summary>
    public static LinkAuditContext Windows(string root, WindowsKnownFolders? folders = null)
    {
        var known = folders ?? WindowsKnownFolders.Default;
        return new(root, PathSyntax.Windows, known.SystemFolders, known.ProfilesRoot);
    }
}

/// <summary>
/// The risky-link rules, pure over <see cref="LinkAuditFacts"/>. Each rule is one attack or
/// hazard; a link may meet several.
/// </summary>
internal static class LinkAuditRules
{
    public const string PlantedLink = "planted-link";
    public const string LinkIntoSystemFolder = "link-into-system-folder";
    public const string LinkIntoOtherProfile = "link-into-other-profile";
    public const string RemoteTarget = "remote-target";
    public const string EscapesRoot = "absolute-link-escapes-root";
    public const string ForeignHardLink = "hard-link-to-foreign-file";
    public const string UnprotectedFolder = "link-in-unprotected-folder";

    public static IReadOnlyList<LinkAuditFinding> Evaluate(LinkAuditFacts link, LinkAuditContext context)
    {
        var findings = new List<LinkAuditFinding>();
        var isNameLink = link.Kind is LinkKind.SymbolicLink or LinkKind.Junction or LinkKind.WslSymlink;

        if (isNameLink && link.Folder.Sticky && link.Folder.WorldWritable && link.LinkOwnerId is { } linkOwner
            && linkOwner != link.Folder.OwnerId && (link.TargetOwnerId is null || linkOwner != link.TargetOwnerId))
        {
            var target = link.TargetExists
                ? $"a file owned by uid {link.TargetOwnerId}"
                : "a path that does not exist yet (a victim writing there would create it)";
            findings.Add(new LinkAuditFinding(AuditSeverity.High, link.LinkPath, PlantedLink,
                $"uid {linkOwner} planted this link in a shared sticky folder owned by uid {link.Folder.OwnerId}, pointing at {target}: "
                + "a program of the folder's owner or the target's owner that opens it writes through it.",
                link.ResolvedTarget ?? link.StoredTarget));
        }

        if (link.UnprotectedFolder is { } open)
        {
            // Without the sticky bit, o+w lets every user rename or delete any entry (unlink(2),
            // rename(2): write and search permission on the folder suffice), so the link, or a
            // folder on its way, can be swapped for one leading anywhere at any moment.
            var own = string.Equals(open.Path, link.Folder.Path, StringComparison.Ordinal);
            var mode = open.Mode is { } m ? $"mode {Convert.ToString(m, 8).PadLeft(4, '0')}" : "world-writable";
            findings.Add(new LinkAuditFinding(own ? AuditSeverity.High : AuditSeverity.Medium, link.LinkPath, UnprotectedFolder,
                own
                    ? $"its folder {open.Path} is writable by every user and not sticky ({mode}): anyone may replace this link with one leading anywhere, at any moment, and a program that follows it goes there."
                    : $"the folder {open.Path} on its way is writable by every user and not sticky ({mode}): anyone may rename the folder below it and put another in its place, so what this link is and where it leads is anyone's choice.",
                link.ResolvedTarget ?? link.StoredTarget));
        }

        // A link owned by SYSTEM or TrustedInstaller was made by Windows itself (the compatibility
        // junctions in ProgramData and every profile: Learn, "Junction Points"): no user planted it.
        if (isNameLink && link.Folder.UserWritable == true && link.ResolvedTarget is { } resolved && !MadeByWindows(link))
        {
            var system = context.SystemFolders.FirstOrDefault(s => context.Paths.IsSameOrBelow(resolved, s));
            if (system is not null)
            {
                findings.Add(new LinkAuditFinding(AuditSeverity.High, link.LinkPath, LinkIntoSystemFolder,
                    $"a {Describe(link.Kind)} in a folder users may write points into {system}: a privileged program that "
                    + "writes or deletes through it changes system files (the classic junction redirect).",
                    resolved));
            }
            else if (OtherProfile(link.LinkPath, resolved, context) is { } other)
            {
                findings.Add(new LinkAuditFinding(AuditSeverity.High, link.LinkPath, LinkIntoOtherProfile,
                    $"a {Describe(link.Kind)} in a folder users may write points into another user's profile ({other}).",
                    resolved));
            }
        }

        if (isNameLink && (link.TargetIsRemote || (link.StoredTarget is { } stored && context.Paths.IsUnc(stored))))
        {
            findings.Add(new LinkAuditFinding(AuditSeverity.Medium, link.LinkPath, RemoteTarget,
                "the link points to a network location: whoever controls that server or share controls what is read or run through it.",
                link.ResolvedTarget ?? link.StoredTarget));
        }

        if (isNameLink && link.TargetIsAbsolute && link.ResolvedTarget is { } abs && !context.Paths.IsSameOrBelow(abs, context.Root))
        {
            findings.Add(new LinkAuditFinding(AuditSeverity.Low, link.LinkPath, EscapesRoot,
                $"an absolute link leads out of {context.Root}: the tree's content depends on a place outside it.",
                abs));
        }

        if (link.Kind == LinkKind.HardLink && link.LinkCount > 1 && ForeignOwners(link) is var (fileOwner, folderOwner))
        {
            var shared = link.Folder.WorldWritable || link.Folder.UserWritable == true;
            findings.Add(new LinkAuditFinding(shared ? AuditSeverity.High : AuditSeverity.Medium, link.LinkPath, ForeignHardLink,
                $"a name in a {(shared ? (link.Folder.Mode is null ? "user-writable " : "world-writable ") : string.Empty)}folder of {folderOwner} for a file of {fileOwner} with {link.LinkCount} names: "
                + "its creator linked a file it does not own, and writing or changing permissions through this name changes that file.",
                null));
        }

        return findings;
    }

    private static bool MadeByWindows(LinkAuditFacts link) =>
        link.LinkOwnerSid is { } sid
        && (string.Equals(sid, Security.WellKnownAccounts.LocalSystem, StringComparison.OrdinalIgnoreCase)
            || string.Equals(sid, Security.WellKnownAccounts.TrustedInstaller, StringComparison.OrdinalIgnoreCase));

    /// <summary>The file's and the folder's owners when both are known and differ: uids on Unix, SIDs on Windows.</summary>
    private static (string File, string Folder)? ForeignOwners(LinkAuditFacts link)
    {
        if (link.LinkOwnerId is { } fileUid && link.Folder.OwnerId is { } folderUid)
        {
            return fileUid == folderUid ? null : ($"uid {fileUid}", $"uid {folderUid}");
        }

        if (link.LinkOwnerSid is { } fileSid && link.Folder.OwnerSid is { } folderSid)
        {
            return string.Equals(fileSid, folderSid, StringComparison.OrdinalIgnoreCase) ? null : (fileSid, folderSid);
        }

        return null;
    }

    private static string Describe(LinkKind kind) => kind == LinkKind.Junction ? "junction" : "symbolic link";

    /// <summary>The profile folder of the target when it differs from the link's own (C:\Users\bob from C:\Users\ann\x).</summary>
    private static string? OtherProfile(string linkPath, string target, LinkAuditContext context)
    {
        if (context.ProfilesRoot is not { } profiles || !context.Paths.IsSameOrBelow(target, profiles))
        {
            return null;
        }

        var targetProfile = ProfileOf(target, profiles, context.Paths);
        if (targetProfile is null || IsShared(targetProfile, context.Paths))
        {
            return null;
        }

        var linkProfile = ProfileOf(linkPath, profiles, context.Paths);
        return linkProfile is not null && context.Paths.PathEquals(linkProfile, targetProfile) ? null : targetProfile;
    }

    private static string? ProfileOf(string path, string profiles, PathSyntax paths)
    {
        if (!paths.IsSameOrBelow(path, profiles) || paths.PathEquals(path, profiles))
        {
            return null;
        }

        var relative = paths.GetRelativePath(profiles, path);
        if (relative is null)
        {
            return null;
        }

        var first = relative.Split(paths.Separator)[0];
        return paths.Combine(profiles, first);
    }

    private static bool IsShared(string profile, PathSyntax paths)
    {
        var name = paths.GetFileName(profile);
        return string.Equals(name, "Public", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Default", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "All Users", StringComparison.OrdinalIgnoreCase);
    }
}
