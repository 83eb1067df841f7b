using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Audit;

/// <summary>The findings of one audit, and what could not be examined.</summary>
public sealed record LinkAuditReport(string Root, IReadOnlyList<LinkAuditFinding> Findings, IReadOnlyList<string> Problems, int LinksExamined);

/// <summary>
/// Gathers facts for every link under a root (the tree scanner finds them; the link system
/// gives owners and modes) and applies <see cref="LinkAuditRules"/>. Nothing is followed
/// beyond reading a link's target's owner, and nothing is changed.
/// </summary>
public sealed class LinkAuditor(ILinkSystem links)
{
    /// <summary>Null when this OS can be audited; otherwise why not.</summary>
    public static string? UnsupportedReason => TreeScanner.UnsupportedReason;

    public LinkAuditReport Audit(string root)
    {
        if (TreeScanner.UnsupportedReason is { } reason)
        {
            throw new PlatformNotSupportedException(reason);
        }

        var full = links.Paths.GetFullPath(root, Environment.CurrentDirectory);
        var context = LinkAuditContext.Unix(full);
        var scanner = new TreeScanner(new ScanOptions { HardLinks = true });
        var (found, problems) = scanner.Collect([full]);
        var findings = new List<LinkAuditFinding>();
        var folders = new Dictionary<string, FolderFacts>(StringComparer.Ordinal);
        foreach (var record in found.OrderBy(r => r.PathText, StringComparer.Ordinal))
        {
            var facts = FactsOf(record, folders);
            findings.AddRange(LinkAuditRules.Evaluate(facts, context));
        }

        return new LinkAuditReport(full, findings, problems.Select(p => p.ToString()).ToList(), found.Count);
    }

    private LinkAuditFacts FactsOf(LinkRecord record, Dictionary<string, FolderFacts> folders)
    {
        var path = record.PathText;
        var folderPath = links.Paths.GetDirectoryName(path) ?? path;
        if (!folders.TryGetValue(folderPath, out var folder))
        {
            var entry = links.GetEntry(folderPath);
            folder = new FolderFacts(folderPath, entry.OwnerId, entry.Mode);
            folders[folderPath] = folder;
        }

        var self = links.GetEntry(path);
        EntryFacts? target = record.Kind == LinkKind.HardLink ? null : links.GetTargetEntry(path);
        return new LinkAuditFacts
        {
            LinkPath = path,
            Kind = record.Kind,
            Folder = folder,
            StoredTarget = record.StoredTargetText,
            ResolvedTarget = record.ResolvedTargetText,
            TargetIsAbsolute = record.IsAbsolute,
            TargetIsRemote = (record.Flags & LinkFlags.Remote) != 0,
            TargetExists = target?.Exists ?? false,
            LinkOwnerId = self.OwnerId,
            TargetOwnerId = target?.OwnerId,
            LinkCount = record.LinkCount >= 0 ? record.LinkCount : self.LinkCount,
        };
    }
}
