using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Reparse;
using Linkctl.Scanning;

namespace Linkctl.Inspection;

/// <summary>Answers "what is this path, where does it lead, and does it work?" for <c>linkctl show</c>.</summary>
internal sealed class LinkInspector(LinkPlatform platform)
{
    private readonly ILinkSystem system = platform.Links;

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
                    Names = names.ValueOr(null),
                    NamesUnavailable = names.Succeeded ? null : $"not available: {names}",
                }, null);
            default:
                return (report, null);
        }
    }

    private LinkReport Linked(LinkReport report, EntryFacts entry)
    {
        // A reparse point that is not a link (cloud placeholder, dedup...) is data: name its tag,
        // never read or follow it (list does not list it either).
        if (entry.Type == EntryType.OtherReparsePoint && !ReparseTag.IsLinkLike(entry.ReparseTag))
        {
            return report with { Kind = LinkKind.OtherReparsePoint, Status = LinkStatus.NotALink };
        }

        var read = system.ReadLink(report.Path);
        if (!read.TryGetValue(out var link))
        {
            // As list reports a link it cannot read: access_denied or unreadable, with the error.
            var unreadable = LinkClassifier.Unreadable(read.Error);
            return report with
            {
                Kind = KindOf(entry),
                Status = unreadable.Status,
                StatusError = unreadable.Error,
                Problem = read.Error is null ? read.Problem : null,
            };
        }

        var paths = system.Paths;
        var folder = paths.GetDirectoryName(report.Path) ?? report.Path;

        // A WSL symlink's absolute target is a Linux path, which Windows rules cannot make full.
        // An absolute WSL target is a Linux path; under /mnt/<drive> it names a Windows path (WslTarget).
        // Otherwise the target is resolved as the OS follows it: from the link's real folder,
        // through the links on the way (never "name/.." edited out of the text).
        var full = link.Kind == LinkKind.WslSymlink && !link.IsRelative
            ? WslTarget.WindowsPathOf(link.Target) ?? link.Target
            : link.Kind is LinkKind.VolumeMountPoint
                ? link.Target
                : PhysicalPaths.Resolve(system, link.Target, PhysicalPaths.Resolve(system, folder, "/").Path).Path;
        report = report with
        {
            Kind = link.Kind,
            // Exactly as read: on Unix a lone U+DC80..U+DCFF is a byte that is not UTF-8
            // (surrogateescape, RawPath.ToOsText), so the report names the bytes the disk holds (rm
            // compares it with the link's text again before removing; U+FFFD would name another
            // file, issue 10). The CLI shows such a byte as \xNN; on Windows a lone surrogate is a
            // real UTF-16 unit of the name (NTFS keeps them), written as \uXXXX.
            StoredTarget = link.Target,
            IsRelative = link.IsRelative,
            TargetFullPath = full,
            PackageId = link.PackageId,
            AppId = link.AppId,
            Problem = NotUtf8(link.Target),
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

        // The one classifier, as list uses it: follow the link itself, except an app execution
        // alias, whose target exe is what tells whether it works.
        var follows = LinkClassifier.FollowsThroughLink(link.Kind);
        var target = follows ? system.GetTargetEntry(report.Path) : system.GetTargetEntry(full);
        var verdict = LinkClassifier.Follow(target);

        // A Windows symbolic link's type is fixed when it is made (FILE_ATTRIBUTE_DIRECTORY on the
        // entry); one whose type is not its target's does not work for programs (LinkFlags.WrongType).
        if (system.Paths.Flavour == Paths.OsFlavour.Windows && link.Kind == LinkKind.SymbolicLink && target.Exists && report.IsDirectory != target.IsDirectory)
        {
            report = report with
            {
                Notes =
                [
                    .. report.Notes,
                    report.IsDirectory
                        ? "This is a folder symbolic link, but its target is a file: Windows programs do not follow it as a file. `linkctl repair --fix-type FOLDER --apply` makes it again as a file link (same target)."
                        : "This is a file symbolic link, but its target is a folder: Windows programs do not list or enter it as a folder. `linkctl repair --fix-type FOLDER --apply` makes it again as a folder link (same target).",
                ],
            };
        }

        return report with
        {
            Status = verdict.Status,
            StatusError = verdict.Error,
            FinalPath = !target.Exists ? null : follows ? target.FinalPath : full,
            IsDirectory = report.IsDirectory || (follows && target.Exists && target.IsDirectory),
        };
    }

    /// <summary>What kind of link an entry is when its data could not be read: from its type and tag.</summary>
    private static LinkKind KindOf(EntryFacts entry) => entry.Type switch
    {
        EntryType.Junction => LinkKind.Junction,
        EntryType.OtherReparsePoint when entry.ReparseTag == Reparse.ReparseTag.AppExecLink => LinkKind.AppExecutionAlias,
        EntryType.OtherReparsePoint when entry.ReparseTag == Reparse.ReparseTag.LxSymlink => LinkKind.WslSymlink,
        _ => LinkKind.SymbolicLink,
    };

    /// <summary>The note for a Unix target that is not UTF-8: its exact bytes, which are kept.</summary>
    private static string? NotUtf8(string target)
    {
        var bytes = RawPath.FromOsText(target);
        return RawPath.IsValidUtf8(bytes)
            ? null
            : $"the stored target is not valid UTF-8; its bytes are {Convert.ToHexString(bytes)} (shown with \\xNN for each byte that is not UTF-8, and kept exactly)";
    }
}
