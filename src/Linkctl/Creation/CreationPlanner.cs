using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Decides what <c>linkctl new</c> makes, from a request and the facts about the disk. Pure:
/// no I/O, so that every decision (kind, file or folder, stored text, refusal, fallback) is
/// a unit test and <c>--dry-run</c> shows exactly what would happen.
/// </summary>
internal static class CreationPlanner
{
    /// <summary>Either a plan to carry out or the reason nothing will be made.</summary>
    public readonly record struct Decision(CreationPlan? Plan, LinkctlError? Refusal)
    {
        public static implicit operator Decision(CreationPlan plan) => new(plan, null);

        public static implicit operator Decision(LinkctlError refusal) => new(null, refusal);
    }

    public static Decision Plan(LinkRequest request, CreationFacts facts, PathSyntax paths)
    {
        var link = facts.LinkPath;
        var target = facts.TargetPath;

        if (paths.PathEquals(link, target))
        {
            return Refuse(FailureKind.InvalidInput, link, "LINK and TARGET are the same path.",
                "A link cannot point at itself.",
                "Give the link a new name: linkctl new LINK TARGET (mklink's order: the new link first).");
        }

        if (facts.LinkNotADirectory is { } linkFile)
        {
            return Refuse(FailureKind.Conflict, link, $"The path of the link runs through a file as if it were a folder: {linkFile} is a file (ENOTDIR).",
                "Only a folder can hold a link; the OS refuses a path that continues below a file.",
                "Check LINK: one of the names before its last one is a file, not a folder.");
        }

        if (facts.TargetNotADirectory is { } targetFile && !request.AllowMissing)
        {
            return Refuse(FailureKind.Conflict, link, $"The target runs through a file as if it were a folder: {targetFile} is a file (ENOTDIR){(request.Target.EndsWith(paths.Separator) ? "; a trailing slash asks for a folder" : string.Empty)}.",
                "The OS would not open the link: a path that continues below a file (or ends in a slash after one) leads nowhere.",
                request.Target.EndsWith(paths.Separator) ? $"Drop the trailing slash to link to the file: linkctl new {Quote(request.Link)} {Quote(request.Target.TrimEnd(paths.Separator))}" : "Check TARGET: one of the names before its last one is a file, not a folder.");
        }

        // ENAMETOOLONG from the kernel (a full path over PATH_MAX, a name over this file system's
        // NAME_MAX): not "does not exist", which it may well do.
        foreach (var (entry, role) in new[] { (facts.LinkParent, "the folder for the link"), (facts.LinkEntry, "LINK"), (facts.TargetEntry, "the target") })
        {
            if (entry.ErrorKind == FailureKind.NameTooLong && entry.Error is { } tooLong)
            {
                return new LinkctlError(FailureKind.NameTooLong, link, $"The path of {role} is too long for the OS: {tooLong.Name} ({tooLong.Code}) for {entry.Path}.",
                    "A name in it is longer than the file system allows, or the whole path (with the current folder, and the targets of links on the way) is longer than the kernel takes (PATH_MAX, 4096 bytes on Linux).",
                    "Run linkctl from a folder nearer to LINK and TARGET and give shorter relative paths, or choose shorter names.", tooLong);
            }
        }

        if (!facts.LinkParent.Exists || !facts.LinkParent.IsDirectory)
        {
            var parent = paths.GetDirectoryName(link) ?? link;
            return Refuse(FailureKind.NotFound, link, $"The folder for the link does not exist: {parent}",
                "A link is made inside an existing folder.",
                $"Create the folder first, or check the spelling of LINK.");
        }

        if (facts.LinkEntry.Exists)
        {
            var existing = ExistingLinkOrNull(facts.LinkEntry);
            if (request.Force && existing is not null)
            {
                // Replacing a link loses nothing: the data it pointed to stays where it is.
            }
            else if (request.Force)
            {
                return Refuse(FailureKind.Conflict, link, $"{link} is {Describe(facts.LinkEntry)}, not a link; --force replaces only links.",
                    "Replacing it would destroy data, and linkctl never does that unasked.",
                    "Move or delete it yourself if you really mean to, then run the command again.");
            }
            else if (!facts.TargetEntry.Exists && !facts.TargetFromCurrentDirectory.Exists)
            {
                return Refuse(FailureKind.Conflict, link, $"LINK {link} exists and TARGET {request.Target} does not: the arguments look swapped.",
                    "mklink's order, which linkctl uses, is LINK TARGET (the new name first); ln's order is TARGET LINK.",
                    $"Swap them: linkctl new {Quote(request.Target)} {Quote(request.Link)}");
            }
            else
            {
                var what = existing is null ? Describe(facts.LinkEntry) : "a link";
                var next = existing is null
                    ? "Choose another name for the link."
                    : "Add --force to replace that link (atomically; its old target is not touched), or choose another name.";
                return Refuse(FailureKind.Conflict, link, $"{link} already exists ({what}).",
                    "linkctl never overwrites an existing path unless asked.", next);
            }
        }

        bool isDirectory;
        if (facts.TargetEntry.Exists)
        {
            isDirectory = facts.TargetEntry.IsDirectory;
            if (request.TargetType == TargetTypeHint.File && isDirectory)
            {
                return Refuse(FailureKind.InvalidInput, link, $"--file was given but the target {target} is a folder.",
                    "The link's type must match its target on Windows, or it will not open.",
                    "Drop --file: linkctl decides file or folder from the target.");
            }

            if (request.TargetType == TargetTypeHint.Directory && !isDirectory)
            {
                return Refuse(FailureKind.InvalidInput, link, $"--dir was given but the target {target} is a file.",
                    "The link's type must match its target on Windows, or it will not open.",
                    "Drop --dir: linkctl decides file or folder from the target.");
            }
        }
        else if (facts.TargetEntry.ErrorKind is FailureKind.AccessDenied or FailureKind.CannotFollow && facts.TargetEntry.Error is not null && !request.AllowMissing)
        {
            return Refuse(facts.TargetEntry.ErrorKind.Value, link, $"The target {target} cannot be examined: {facts.TargetEntry.Error.Message}",
                "linkctl decides file or folder from the target, so it must be able to look at it.",
                "Fix access to the target, or pass --allow-missing with --file or --dir to make the link anyway.");
        }
        else if (!request.AllowMissing)
        {
            return Refuse(FailureKind.NotFound, link, $"The target does not exist: {target}",
                request.Form == TargetForm.AsGiven && !paths.IsFullyQualified(request.Target)
                    ? $"A relative target is resolved from the link's real folder ({paths.GetDirectoryName(link)}, links on the way followed), as the OS will resolve it, not from the current folder."
                    : "A link to nothing is usually a mistake.",
                "Check the path, or pass --allow-missing with --file or --dir to make a link to a target that will exist later.");
        }
        else if (request.TargetType == TargetTypeHint.Auto)
        {
            return Refuse(FailureKind.InvalidInput, link, "--allow-missing needs --file or --dir.",
                "With no target to look at, linkctl cannot tell whether the link is to a file or a folder, and on Windows the two kinds differ.",
                "Add --file or --dir.");
        }
        else
        {
            isDirectory = request.TargetType == TargetTypeHint.Directory;
        }

        var replace = facts.LinkEntry.Exists;
        return request.Kind switch
        {
            RequestedKind.Symbolic => PlanSymbolic(request, facts, paths, isDirectory, replace),
            RequestedKind.Junction => PlanJunction(request, facts, paths, isDirectory, replace),
            _ => PlanHard(facts, isDirectory, replace),
        };
    }

    /// <summary>
    /// What to make instead when the first attempt failed, or the reason there is no fallback.
    /// Only a refused symbolic link (no privilege, or a file system that cannot store one) falls back.
    /// </summary>
    public static Decision PlanFallback(LinkRequest request, CreationPlan failed, FailureKind failure, CreationFacts facts, PathSyntax paths)
    {
        var refusedSymlink = failed.Kind == MadeKind.SymbolicLink && failure is FailureKind.PrivilegeNotHeld or FailureKind.NotSupported;
        if (!refusedSymlink || request.Fallback == FallbackPolicy.None)
        {
            return Refuse(failure, failed.LinkPath, "No fallback applies.", "Only a symbolic link refused for lack of privilege or file system support falls back, and not with --strict.", string.Empty);
        }

        if (request.Fallback == FallbackPolicy.Copy)
        {
            if (!facts.TargetEntry.Exists)
            {
                return Refuse(FailureKind.NotFound, failed.LinkPath, "There is nothing to copy: the target does not exist.", "--fallback copy copies the target.", "Create the target first.");
            }

            return failed with { Kind = MadeKind.Copy, StoredTarget = failed.TargetPath };
        }

        if (failed.IsDirectory)
        {
            if (!facts.IsWindows)
            {
                return Refuse(failure, failed.LinkPath, "No fallback for a folder here.", "Junctions exist only on Windows; a hard link cannot point to a folder.", "Use --fallback copy to copy the folder instead.");
            }

            if (!facts.TargetEntry.Exists)
            {
                return Refuse(failure, failed.LinkPath, "No junction fallback for a missing folder.", "A junction is made to an existing local folder.", "Create the target folder first, or use --fallback copy once it exists.");
            }

            if (paths.IsUnc(failed.TargetPath) || facts.TargetVolume.Location == VolumeLocation.Remote)
            {
                return Refuse(failure, failed.LinkPath, "No junction fallback: the target is on a network share.", "Junctions can only point to folders on local volumes.", "Get the right to create symbolic links (linkctl doctor says how), or use --fallback copy.");
            }

            if (facts.LinkVolume.SupportsReparsePoints == false)
            {
                return Refuse(failure, failed.LinkPath, $"No junction fallback: the volume {facts.LinkVolume.Root} ({facts.LinkVolume.DisplayName}) cannot store reparse points.", "FAT and exFAT volumes store no links of any kind.", "Put the link on an NTFS or ReFS volume, or use --fallback copy.");
            }

            return failed with { Kind = MadeKind.Junction, StoredTarget = failed.TargetPath };
        }

        if (!facts.TargetEntry.Exists)
        {
            return Refuse(failure, failed.LinkPath, "No hard-link fallback for a missing file.", "A hard link is another name of an existing file.", "Create the target first.");
        }

        if (!SameVolume(facts))
        {
            return Refuse(failure, failed.LinkPath, "No hard-link fallback: the target is on another volume.", "A hard link must be on the same volume as its file.", "Use --fallback copy, or get the right to create symbolic links (linkctl doctor says how).");
        }

        if (facts.LinkVolume.SupportsHardLinks == false)
        {
            return Refuse(failure, failed.LinkPath, $"No hard-link fallback: the file system at {facts.LinkVolume.Root} ({facts.LinkVolume.DisplayName}) cannot store hard links.", "FAT and exFAT store no links of any kind.", "Use --fallback copy, or put the link on a file system that supports links.");
        }

        return failed with { Kind = MadeKind.HardLink, StoredTarget = failed.TargetPath };
    }

    private static Decision PlanSymbolic(LinkRequest request, CreationFacts facts, PathSyntax paths, bool isDirectory, bool replace)
    {
        var linkFolder = paths.GetDirectoryName(facts.LinkPath)!;
        string stored;
        switch (request.Form)
        {
            case TargetForm.Absolute:
                stored = facts.TargetPath;
                break;
            case TargetForm.Relative:
                var relative = paths.GetRelativePath(linkFolder, facts.TargetPath);
                if (relative is null)
                {
                    return Refuse(FailureKind.InvalidInput, facts.LinkPath, $"There is no relative path from {linkFolder} to {facts.TargetPath}.",
                        "They are on different drives or shares, and a relative link cannot cross volumes.",
                        "Drop --relative (the link will store the absolute path).");
                }

                stored = relative;
                break;
            default:
                // A relative target is stored verbatim so that it keeps working when the tree moves;
                // only the separator is made native, since Windows does not resolve '/' in stored links.
                stored = paths.IsFullyQualified(request.Target) ? facts.TargetPath : NativeSeparators(request.Target, paths);
                break;
        }

        return new CreationPlan(MadeKind.SymbolicLink, facts.LinkPath, stored, facts.TargetPath, isDirectory, replace);
    }

    private static Decision PlanJunction(LinkRequest request, CreationFacts facts, PathSyntax paths, bool isDirectory, bool replace)
    {
        if (!facts.IsWindows)
        {
            return Refuse(FailureKind.NotSupported, facts.LinkPath, "Junctions exist only on Windows (NTFS).",
                "This OS has symbolic links for folders instead.",
                "Use --kind symbolic (the default).");
        }

        if (!isDirectory)
        {
            return Refuse(FailureKind.InvalidInput, facts.LinkPath, $"A junction must point to a folder; {facts.TargetPath} is a file.",
                "Junctions are folder links only.",
                "Use --kind hard (same volume) or --kind symbolic for a file.");
        }

        if (request.Form == TargetForm.Relative)
        {
            return Refuse(FailureKind.InvalidInput, facts.LinkPath, "A junction cannot store a relative target.",
                "Windows stores junction targets as absolute local paths.",
                "Drop --relative, or use --kind symbolic for a relative folder link.");
        }

        if (paths.IsUnc(facts.TargetPath) || facts.TargetVolume.Location == VolumeLocation.Remote)
        {
            return Refuse(FailureKind.InvalidInput, facts.LinkPath, $"A junction cannot point to a network location ({facts.TargetPath}).",
                "Junctions only point to folders on local volumes.",
                "Use --kind symbolic (linkctl doctor says whether you may), or point at a local folder.");
        }

        return new CreationPlan(MadeKind.Junction, facts.LinkPath, facts.TargetPath, facts.TargetPath, true, replace);
    }

    private static Decision PlanHard(CreationFacts facts, bool isDirectory, bool replace)
    {
        if (isDirectory)
        {
            return Refuse(FailureKind.InvalidInput, facts.LinkPath, $"A hard link cannot point to a folder ({facts.TargetPath}).",
                "Hard links are extra names of one file; no mainstream file system allows them for folders.",
                facts.IsWindows ? "Use --kind junction or --kind symbolic for a folder." : "Use --kind symbolic for a folder.");
        }

        if (!facts.TargetEntry.Exists)
        {
            return Refuse(FailureKind.NotFound, facts.LinkPath, $"A hard link needs an existing file; {facts.TargetPath} does not exist.",
                "A hard link is another name of a file that exists now.",
                "Create the file first.");
        }

        return new CreationPlan(MadeKind.HardLink, facts.LinkPath, facts.TargetPath, facts.TargetPath, false, replace);
    }

    private static bool SameVolume(CreationFacts facts) =>
        facts.LinkVolume.VolumeId is { } a && facts.TargetVolume.VolumeId is { } b
            ? a == b
            : string.Equals(facts.LinkVolume.Root, facts.TargetVolume.Root, StringComparison.OrdinalIgnoreCase);

    private static LinkKind? ExistingLinkOrNull(EntryFacts entry) => entry.Type switch
    {
        EntryType.SymbolicLink => LinkKind.SymbolicLink,
        EntryType.Junction => LinkKind.Junction,
        _ => null,
    };

    internal static string Describe(EntryFacts entry) => entry.Type switch
    {
        EntryType.Directory => "a folder",
        EntryType.File => entry.LinkCount > 1 ? $"a file with {entry.LinkCount} names (hard links)" : "a file",
        EntryType.SymbolicLink => "a symbolic link",
        EntryType.Junction => "a junction",
        EntryType.OtherReparsePoint => "a reparse point that is not a link",
        EntryType.Special => "a device, FIFO or socket",
        _ => "missing",
    };

    private static string NativeSeparators(string path, PathSyntax paths) =>
        paths.Flavour == OsFlavour.Windows ? path.Replace('/', '\\') : path;

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '\\' or ':') && s[0] != '-' ? s : $"\"{s}\"";

    private static LinkctlError Refuse(FailureKind kind, string path, string what, string why, string next) => new(kind, path, what, why, next);
}
