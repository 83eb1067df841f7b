using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Scanning;

namespace Linkctl.Audit;

// The Windows facts: a folder is user-writable from its DACL, owners are SIDs. A fact that
// cannot be read stays null, and the rules are then run again with the worst value in its
// place: what only the worst case finds is reported as undetermined, never dropped.
internal sealed partial class LinkAuditor
{
    /// <summary>Stands for an owner that could not be read, in the worst case: someone else than the folder's owner.</summary>
    private const string UnreadableOwner = "(owner unreadable)";

    private (LinkAuditFacts Facts, List<string> Missing) WindowsFactsOf(LinkRecord record, Dictionary<string, FolderFacts> folders)
    {
        var path = record.PathText;
        var missing = new List<string>();
        var folderPath = links.Paths.GetDirectoryName(path) ?? path;
        if (!folders.TryGetValue(folderPath, out var folder))
        {
            var read = security!.ReadFolder(folderPath);
            folder = read.TryGetValue(out var acl)
                ? new FolderFacts(folderPath, null, null) { UserWritable = UserWritableFolders.IsUserWritable(acl, security.NonAdminUserSid), OwnerSid = acl.OwnerSid }
                : new FolderFacts(folderPath, null, null) { FolderReadError = read.Error.ToString() };
            folders[folderPath] = folder;
        }

        if (folder.UserWritable is null)
        {
            missing.Add($"writability of {folderPath} unknown ({folder.FolderReadError ?? "its DACL was not read"})");
        }

        if (folder.OwnerSid is null && record.Kind == LinkKind.HardLink)
        {
            missing.Add($"owner of {folderPath} unknown ({folder.FolderReadError ?? "the DACL read gave no owner"})");
        }

        var owner = security!.ReadOwner(path);
        var ownerSid = owner.ValueOr(null);
        if (ownerSid is null && record.Kind == LinkKind.HardLink)
        {
            missing.Add($"owner of {path} unknown ({(owner.Succeeded ? "its security descriptor names no owner" : owner.Error.ToString())})");
        }

        var stored = record.StoredTargetText;
        var facts = new LinkAuditFacts
        {
            LinkPath = path,
            Kind = record.Kind,
            Folder = folder,
            StoredTarget = stored,
            ResolvedTarget = record.ResolvedTargetText,
            TargetIsAbsolute = record.IsAbsolute,
            TargetIsRemote = (record.Flags & LinkFlags.Remote) != 0 || (stored is not null && PathSyntax.Windows.IsUnc(stored)),
            TargetExists = record.Kind != LinkKind.HardLink && record.TargetType != EntryType.None,
            LinkOwnerSid = ownerSid,
            LinkCount = record.LinkCount,
        };
        return (facts, missing);
    }

    /// <summary>Findings that appear only when every unread fact takes its worst value, with why they could not be decided.</summary>
    private static IEnumerable<LinkAuditFinding> WorstCaseOnly(LinkAuditFacts facts, IReadOnlyList<LinkAuditFinding> actual, List<string> missing, LinkAuditContext context)
    {
        if (missing.Count == 0)
        {
            return [];
        }

        var worst = facts with
        {
            Folder = facts.Folder with
            {
                UserWritable = facts.Folder.UserWritable ?? true,
                OwnerSid = facts.Folder.OwnerSid ?? (facts.LinkOwnerSid is null ? "(folder owner unreadable)" : UnreadableOwner),
            },
            LinkOwnerSid = facts.LinkOwnerSid ?? UnreadableOwner,
        };
        var reasons = string.Join("; ", missing);
        return LinkAuditRules.Evaluate(worst, context)
            .Where(w => !actual.Any(a => a.Rule == w.Rule))
            .Select(w => w with { Why = $"undetermined: {reasons}. If so: {w.Why}" })
            .ToList();
    }
}
