using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Scanning;

namespace Linkctl.Journal;

/// <summary>
/// How <see cref="LinkUndo"/> acts: inside a pinned folder reached from the root one name at a time
/// without following a link (Linux: O_PATH descriptors and openat O_NOFOLLOW from "/"; Windows:
/// handles opened relative to the drive's root with FILE_OPEN_REPARSE_POINT, WindowsPinnedFolder),
/// and only if it is the folder recorded. A link is made again only where nothing holds the name
/// (symlinkat / a new entry by handle never replace one), as the kind it was (on Windows a file or
/// folder symbolic link or a junction, from the record's link type), and the link
/// <c>new --force</c> made is removed only through <see cref="CheckedSwap"/>, which checks it is that
/// very link before deleting it.
/// </summary>
internal sealed partial class LinkUndo
{
    /// <summary>The folders already swept of temporary links a killed linkctl left (<see cref="StaleTemporaries"/>).</summary>
    private readonly HashSet<FileIdentity> swept = [];

    private JournalTargets? journalTargets;

    private LinkUndoOutcome ReversePinned(JournalEntry change, string path)
    {
        if (change.Action is not (RemoveLinkAction or ReplaceLinkAction))
        {
            return Failed(change, FailureKind.InvalidInput, path, $"the journal records an unknown change '{change.Action}' for {path}; left alone.",
                "This linkctl does not know how to reverse it (a newer linkctl wrote it?).", "Undo it with the linkctl that made it, or by hand.");
        }

        var paths = platform.Paths;
        var folderPath = paths.GetDirectoryName(path);
        var name = paths.GetFileName(path);
        if (!paths.IsFullyQualified(path) || folderPath is null || name.Length == 0 || name is "." or "..")
        {
            return Failed(change, FailureKind.InvalidInput, path, $"the journal records {path}, which is not a full path to a name in a folder; left alone.",
                "Undo acts only on a name inside a folder it can reach from the root.", "Undo it by hand.");
        }

        if (platform.IsWindows && change.LinkType is not (FileSymlinkType or DirectorySymlinkType or JunctionType or HardLinkType))
        {
            return Failed(change, FailureKind.InvalidInput, path, $"{path} was not put back: the journal does not say whether it was a file link, a folder link or a junction.",
                "On Windows a link is made as one of those three, and guessing could make one that does not work.", $"Make it again by hand: linkctl new {path} {Text(change.Before ?? string.Empty, change.BeforeBase64)} (add --kind junction for a junction).");
        }

        var reached = Reach(folderPath, change.FolderIdentity);
        if (!reached.TryGetValue(out var folder))
        {
            return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: {reached.Problem}.",
                "Undo acts only in the folder the change was made in, reached without following a link, so that it cannot be steered elsewhere.",
                "Check the folder (linkctl show); if it was moved, make the link again by hand with linkctl new.", reached.Error);
        }

        using (folder)
        {
            var before = Text(change.Before ?? string.Empty, change.BeforeBase64);
            if (change.Action == RemoveLinkAction && change.LinkType == HardLinkType)
            {
                return Failed(change, FailureKind.NotSupported, path, $"{path} was a hard link (another name of a file) and cannot be made again from the journal.",
                    "The journal records names, and a removed name of a file can only be made again from one of its other names, which are not recorded; the file's data is still there under them.",
                    platform.IsWindows
                        ? $"Find another name of the file (fsutil hardlink list OTHER-NAME) and run: linkctl new --kind hard {path} OTHER-NAME"
                        : $"Find another name of the file (find / -samefile ...) and run: ln OTHER-NAME {path}");
            }

            var there = folder.GetEntry(name);
            if (IsLink(there) && folder.ReadLink(name).TryGetValue(out var now) && Stores(now, before, change.LinkType))
            {
                return new LinkUndoOutcome(change, LinkUndoStatus.AlreadyAsBefore, null);
            }

            if (!there.Exists && there.Error is null)
            {
                return MakeAgain(change, folder, name, before, platform.IsWindows);
            }

            if (change.Action == ReplaceLinkAction && JournalIdentity.Parse(change.MadeIdentity) is { } made && there.Identity == made)
            {
                return PutBackReplaced(change, folder, name, there, before);
            }

            return Failed(change, FailureKind.Conflict, path,
                $"{path} was not put back: {Describe(folder, name, there)} is there now.",
                change.Action == ReplaceLinkAction
                    ? "It is not the link `linkctl new --force` made, and undo replaces nothing else: it never overwrites what someone put there since."
                    : "Undo never overwrites what holds the name now.",
                platform.IsWindows
                    ? $"If that can go, move it away (move {path} ELSEWHERE) and run the undo again; only what remains is tried."
                    : $"If that can go, move it away (mv -n {path} ELSEWHERE) and run the undo again; only what remains is tried.");
        }
    }

    /// <summary>The folder pinned from the root ("/", or the drive's "C:\\") one name at a time, following no link, and only if it is the folder recorded (when one was).</summary>
    private StepResult<IPinnedFolder> Reach(string folderPath, string? recorded)
    {
        var rootPath = platform.IsWindows ? platform.Paths.GetRoot(folderPath) : "/";
        var top = platform.Links.PinFolder(rootPath);
        if (!top.TryGetValue(out var slash))
        {
            return top;
        }

        var components = folderPath[rootPath.Length..].Split(platform.IsWindows ? '\\' : '/', StringSplitOptions.RemoveEmptyEntries);
        StepResult<IPinnedFolder> reached;
        if (components.Any(c => c is "." or ".."))
        {
            slash.Dispose();
            return StepResult<IPinnedFolder>.Failed($"the recorded folder {folderPath} is not a plain path");
        }

        if (components.Length == 0)
        {
            reached = top;
        }
        else
        {
            reached = PinnedFolders.Descend(slash, components);
            slash.Dispose();
        }

        if (!reached.TryGetValue(out var folder))
        {
            return StepResult<IPinnedFolder>.Failed($"its folder {folderPath} cannot be reached without following a link ({reached.Problem})", reached.Error);
        }

        if (recorded is not null && JournalIdentity.Parse(recorded) != folder.Identity)
        {
            folder.Dispose();
            return StepResult<IPinnedFolder>.Failed(PinnedFolders.Swapped(folderPath));
        }

        if (swept.Add(folder.Identity))
        {
            // A moved-aside link of a killed rm or new --force goes only when this journal records its target there.
            journalTargets ??= new JournalTargets(journal, platform.Paths, RmCommand, NewCommand);
            StaleTemporaries.Sweep(folder, () => journalTargets.In(folder.Path), StaleTemporaries.CurrentUserOf(platform));
        }

        return reached;
    }

    private static LinkUndoOutcome MakeAgain(JournalEntry change, IPinnedFolder folder, string name, string target, bool isWindows)
    {
        var path = folder.PathOf(name);
        var made = Make(folder, name, target, change.LinkType);
        if (made.Error is { } error)
        {
            if (error is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.EEXIST } or { Domain: OsErrorDomain.Win32, Code: Win32ErrorNames.AlreadyExists or Win32ErrorNames.FileExists })
            {
                return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: something took the name just now.",
                    "Undo never overwrites what holds the name.", "Check what is there (linkctl show) and run the undo again.", error);
            }

            var kind = LinkClassifier.Classify(error, LinkOperation.CreateSymbolicLink);
            return new LinkUndoOutcome(change, LinkUndoStatus.Failed, FailureAdvice.For(kind, LinkOperation.CreateSymbolicLink, path, error, null, isWindows));
        }

        return ReadBack(change, folder, name, target);
    }

    /// <summary>A link as the record says it was: on Windows a folder link or junction where it was one; on Unix a symbolic link (it has no type).</summary>
    private static OsResult Make(IPinnedFolder folder, string name, string target, string? linkType) => linkType switch
    {
        JunctionType when folder is WindowsPinnedFolder windows => windows.CreateJunction(name, target),
        DirectorySymlinkType => folder.CreateSymbolicLink(name, target, isDirectory: true),
        _ => folder.CreateSymbolicLink(name, target, isDirectory: false),
    };

    private static bool IsLink(EntryFacts entry) => entry.Type is EntryType.SymbolicLink or EntryType.Junction;

    /// <summary>Whether <paramref name="link"/> stores <paramref name="target"/> as the record's kind: a junction's text compared as a Windows path (it comes back as the full path it was given).</summary>
    private static bool Stores(StoredLink link, string target, string? linkType) => linkType == JunctionType
        ? link.Kind == LinkKind.Junction && Paths.PathSyntax.Windows.PathEquals(link.Target, target)
        : link.Kind == LinkKind.SymbolicLink && link.Target == target;

    /// <summary>
    /// <c>new --force</c>'s link is still there: the old link is made under a private name and
    /// exchanged in; what came out is deleted only if it is the very link that was made (identity,
    /// kind, stored target), else exchanged back.
    /// </summary>
    private static LinkUndoOutcome PutBackReplaced(JournalEntry change, IPinnedFolder folder, string name, EntryFacts there, string before)
    {
        var path = folder.PathOf(name);
        var stored = IsLink(there) ? folder.ReadLink(name).ValueOr(null) : null;
        var after = change.After is null ? null : Text(change.After, change.AfterBase64);
        if (there.Type == EntryType.SymbolicLink && stored?.Target != after)
        {
            return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: the link `linkctl new --force` made was retargeted since (it stores {RawPath.Displayable(stored?.Target ?? "?")}).",
                "Undo replaces only the link exactly as it was made.", "Remove or change it yourself if it can go, then run the undo again.");
        }

        var planned = PlannedLink.Of(name, there, stored);
        var temporary = PinnedFolders.PrivateName("undo");
        var made = Make(folder, temporary, before, change.LinkType);
        var ours = folder.GetEntry(temporary);
        if (!made.Succeeded || planned is null || ours.Identity is not { } identity)
        {
            return Failed(change, FailureKind.Other, path, $"{path} was not put back: the old link could not be made beside the new one.",
                made.Error is null ? "The OS gave no identity for one of the two links." : "The OS refused to make it.", "Fix the cause the OS names and run the undo again.", made.Error);
        }

        var installed = CheckedSwap.Install(folder, temporary, identity, planned);
        if (!installed.Succeeded)
        {
            return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: {installed.Problem}.",
                "Undo removes only the link `linkctl new --force` made, checked after it is exchanged out.", "Check what is there (linkctl show) and run the undo again.", installed.Error);
        }

        return ReadBack(change, folder, name, before);
    }

    private static LinkUndoOutcome ReadBack(JournalEntry change, IPinnedFolder folder, string name, string target) =>
        IsLink(folder.GetEntry(name)) && folder.ReadLink(name).TryGetValue(out var back) && Stores(back, target, change.LinkType)
            ? new LinkUndoOutcome(change, LinkUndoStatus.Restored, null)
            : Failed(change, FailureKind.ReadBackFailed, folder.PathOf(name), $"The OS reported that the link {folder.PathOf(name)} was made again, but reading it back did not find it storing {RawPath.Displayable(target)}.",
                "A link that is not there or stores something else must not be reported as restored.", "Run `linkctl show` on it and make it by hand if needed.");
}
