using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Reparse;

namespace Linkctl.Inspection;

/// <summary>Answers "what is this path, where does it lead, and does it work?" for <c>linkctl show</c>.</summary>
public sealed class LinkInspector(ILinkSystem system)
{
    /// <summary>Inspects a full path. Returns an error only when the path itself cannot be examined.</summary>
    public (LinkReport? Report, LinkctlError? Error) Inspect(string path)
    {
        var entry = system.GetEntry(path);
        if (!entry.Exists)
        {
            return entry.Error is null
                ? (null, new LinkctlError(FailureKind.NotFound, path, $"Nothing exists at {path}.", "There is no file, folder or link with that name.", "Check the spelling; names with spaces need quotes, and names starting with '-' need `--` before them."))
                : (null, new LinkctlError(entry.ErrorKind ?? FailureKind.Other, path, $"Cannot examine {path}.", entry.Error.Message, "Check that you may read the folder that holds it.", entry.Error));
        }

        var report = new LinkReport(path, entry.Type, LinkKind.None, LinkStatus.NotALink)
        {
            IsDirectory = entry.IsDirectory,
            ReparseTag = entry.ReparseTag == 0 ? null : entry.ReparseTag,
            ReparseTagName = entry.ReparseTag == 0 ? null : ReparseTag.NameOf(entry.ReparseTag),
            LinkCount = entry.LinkCount >= 0 ? entry.LinkCount : null,
        };

        switch (entry.Type)
        {
            case EntryType.SymbolicLink:
            case EntryType.Junction:
            case EntryType.OtherReparsePoint:
                return (Linked(report, entry), null);
            case EntryType.File when entry.LinkCount > 1:
                var names = system.GetHardLinkNames(path);
                return (report with
                {
                    Kind = LinkKind.HardLink,
                    Status = LinkStatus.Ok,
                    Names = names.Names,
                    NamesUnavailable = names.Names is null ? $"not available: {names.UnavailableReason}" : null,
                }, null);
            default:
                return (report, null);
        }
    }

    private LinkReport Linked(LinkReport report, EntryFacts entry)
    {
        var read = system.ReadLink(report.Path);
        if (read.Link is null)
        {
            // A reparse point that is not a link (cloud placeholder, dedup...) is data: name its tag, do not follow it.
            return entry.Type == EntryType.OtherReparsePoint && read.Problem is null
                ? report with { Kind = LinkKind.OtherReparsePoint, Status = LinkStatus.NotALink }
                : report with { Kind = entry.Type == EntryType.Junction ? LinkKind.Junction : LinkKind.SymbolicLink, Status = LinkStatus.Broken, Problem = read.Problem ?? read.Error?.ToString(), StatusError = read.Error };
        }

        var link = read.Link;
        var paths = system.Paths;
        var folder = paths.GetDirectoryName(report.Path) ?? report.Path;
        var full = link.Kind is LinkKind.VolumeMountPoint || link.Kind == LinkKind.WslSymlink && !OperatingSystem.IsWindows() && !link.IsRelative
            ? link.Target
            : paths.GetFullPath(link.Target, folder);
        report = report with
        {
            Kind = link.Kind,
            StoredTarget = link.Target,
            IsRelative = link.IsRelative,
            TargetFullPath = full,
            PackageId = link.PackageId,
            AppId = link.AppId,
        };

        if (link.Kind == LinkKind.Junction && SessionDrive.Of(system, full) is { } drive)
        {
            // A junction stores \??\Z:\...; the letter is looked up in the session of whoever follows it.
            report = report with
            {
                Notes =
                [
                    $"This junction stores a drive letter, and {drive.Describe()}: other sessions, elevated windows, services and other users do not have {drive.Drive}, so for them it leads nowhere (or elsewhere). "
                    + (drive.IsNetwork
                        ? $"A junction cannot point at a share at all: replace it with a symbolic link to {drive.RealPathOf(full)} (`linkctl new --force LINK \"{drive.RealPathOf(full)}\"`)."
                        : $"Repoint it at {drive.RealPathOf(full)} (`linkctl repair FOLDER --retarget {drive.Drive}\\ \"{drive.Real}\" --apply`)."),
                ],
            };
        }

        if (link.Kind is LinkKind.AppExecutionAlias or LinkKind.WslSymlink)
        {
            // Windows itself does not follow these as paths: report whether the target exists.
            var target = system.GetTargetEntry(full);
            return report with { Status = target.Exists ? LinkStatus.Ok : LinkStatus.Broken, FinalPath = target.Exists ? full : null };
        }

        var final = system.GetTargetEntry(report.Path);
        if (final.Exists)
        {
            return report with { Status = LinkStatus.Ok, FinalPath = final.FinalPath, IsDirectory = report.IsDirectory || final.IsDirectory };
        }

        var status = final.ErrorKind switch
        {
            FailureKind.CannotFollow when final.Error is { Domain: OsErrorDomain.Win32, Code: Win32ErrorNames.SymlinkClassDisabled } => LinkStatus.EvaluationDisabled,
            FailureKind.CannotFollow => LinkStatus.Loop,
            FailureKind.AccessDenied => LinkStatus.AccessDenied,
            _ => LinkStatus.Broken,
        };
        return report with { Status = status, StatusError = final.Error };
    }
}
