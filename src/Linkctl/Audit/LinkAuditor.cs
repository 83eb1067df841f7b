using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Audit;

/// <summary>
/// The findings of one audit, what could not be examined, and the findings that could be
/// neither confirmed nor ruled out because a fact was unreadable.
/// </summary>
public sealed record LinkAuditReport(string Root, IReadOnlyList<LinkAuditFinding> Findings, IReadOnlyList<string> Problems, int LinksExamined)
{
    /// <summary>
    /// Findings that would hold if the facts the audit could not read were the worst
    /// (a folder's writability or an owner unknown): neither reported as findings nor ruled out.
    /// </summary>
    public IReadOnlyList<LinkAuditFinding> Undetermined { get; init; } = [];

    /// <summary>Every fact that could not be read ("writability of Z:\x unknown (...)"), whether or not a finding depends on it.</summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>No findings, and nothing left unexamined or undetermined: the only state that is "clean".</summary>
    public bool IsClean => Findings.Count == 0 && Problems.Count == 0 && Undetermined.Count == 0;
}

/// <summary>
/// Gathers facts for every link under a root (the tree scanner finds them; the link system
/// gives owners and modes, on Windows <see cref="IFileSecuritySource"/> gives DACLs and owner
/// SIDs) and applies <see cref="LinkAuditRules"/>. Nothing is followed beyond reading a link's
/// target's facts, and nothing is changed.
/// </summary>
internal sealed partial class LinkAuditor
{
    private readonly LinkPlatform platform;
    private readonly ILinkSystem links;
    private readonly IFileSecuritySource? security;

    /// <summary>
    /// The auditor of a platform: on Windows its DACL reader (<see cref="WindowsSources.Security"/>,
    /// required) and its system folders; on Unix owners and modes from the link system.
    /// </summary>
    /// <exception cref="ArgumentException">A Windows platform without a security source.</exception>
    public LinkAuditor(LinkPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (platform.IsWindows && platform.Windows?.Security is null)
        {
            throw new ArgumentException("a Windows audit needs an IFileSecuritySource (WindowsSources.Security)", nameof(platform));
        }

        this.platform = platform;
        links = platform.Links;
        security = platform.Windows?.Security;
    }

    private bool IsWindows => platform.IsWindows;

    public LinkAuditReport Audit(string root)
    {
        var full = links.Paths.GetFullPath(root, platform.CurrentDirectory);
        var scanner = new TreeScanner(platform, new ScanOptions { HardLinks = true });
        var (found, problems) = scanner.Collect([full]);
        return Examine(full, found, problems.Select(p => p.ToString()).ToList());
    }

    /// <summary>Gathers the facts of links already found under <paramref name="fullRoot"/> and applies the rules.</summary>
    public LinkAuditReport Examine(string fullRoot, IReadOnlyCollection<LinkRecord> found, IReadOnlyList<string> problems)
    {
        var context = IsWindows ? LinkAuditContext.Windows(fullRoot, platform.Windows!.Folders) : LinkAuditContext.Unix(fullRoot);
        var findings = new List<LinkAuditFinding>();
        var undetermined = new List<LinkAuditFinding>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var folders = new Dictionary<string, FolderFacts>(IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var unprotected = new Dictionary<string, FolderFacts?>(StringComparer.Ordinal);
        foreach (var record in found.OrderBy(r => r.PathText, StringComparer.Ordinal))
        {
            if (IsWindows)
            {
                var (facts, missing) = WindowsFactsOf(record, folders);
                var actual = LinkAuditRules.Evaluate(facts, context);
                findings.AddRange(actual);
                undetermined.AddRange(WorstCaseOnly(facts, actual, missing, context));
                foreach (var m in missing)
                {
                    unknown.Add(m);
                }
            }
            else
            {
                findings.AddRange(LinkAuditRules.Evaluate(UnixFactsOf(record, folders, unprotected), context));
            }
        }

        return new LinkAuditReport(fullRoot, findings, problems, found.Count) { Undetermined = undetermined, Unknown = unknown.ToList() };
    }

    private LinkAuditFacts UnixFactsOf(LinkRecord record, Dictionary<string, FolderFacts> folders, Dictionary<string, FolderFacts?> unprotectedByFolder)
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
        if (!unprotectedByFolder.TryGetValue(folder.Path, out var unprotected))
        {
            unprotected = UnprotectedFolderAbove(folder, folders);
            unprotectedByFolder[folder.Path] = unprotected;
        }

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
            UnprotectedFolder = unprotected,
        };
    }

    /// <summary>
    /// The nearest folder from <paramref name="folder"/> up to "/" that is o+w without the sticky
    /// bit. The chain is the folder's real path (realpath), every folder on which the kernel
    /// passes to reach the link by it; each folder's facts are read once per audit.
    /// </summary>
    private FolderFacts? UnprotectedFolderAbove(FolderFacts folder, Dictionary<string, FolderFacts> folders)
    {
        if (folder.WorldWritable && !folder.Sticky)
        {
            return folder;
        }

        var real = links.GetTargetEntry(folder.Path).FinalPath ?? folder.Path;
        for (var path = real; ;)
        {
            if (!folders.TryGetValue(path, out var facts))
            {
                var entry = links.GetEntry(path);
                facts = new FolderFacts(path, entry.OwnerId, entry.Mode);
                folders[path] = facts;
            }

            if (facts.WorldWritable && !facts.Sticky)
            {
                return facts;
            }

            var parent = links.Paths.GetDirectoryName(path);
            if (parent is null || parent == path)
            {
                return null;
            }

            path = parent;
        }
    }
}
