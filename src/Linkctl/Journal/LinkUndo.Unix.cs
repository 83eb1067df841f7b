using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Scanning;

namespace Linkctl.Journal;

/// <summary>
/// The Linux side of <see cref="LinkUndo"/>: every undo acts inside a pinned folder (O_PATH
/// descriptors, openat O_NOFOLLOW per component from "/"), makes links with symlinkat (which never
/// replaces a name) and removes the link <c>new --force</c> made only through
/// <see cref="CheckedSwap"/>, which exchanges it out and checks it is that very link before deleting it.
/// </summary>
public sealed partial class LinkUndo
{
    /// <summary>The folders already swept of temporary links a killed linkctl left (<see cref="StaleTemporaries"/>).</summary>
    private readonly HashSet<FileIdentity> swept = [];

    private JournalTargets? journalTargets;

    private LinkUndoOutcome ReverseUnix(JournalEntry change, string path)
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
                "Undo acts only on a name inside a folder it can reach from /.", "Undo it by hand.");
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
                    $"Find another name of the file (find / -samefile ...) and run: ln OTHER-NAME {path}");
            }

            var there = folder.GetEntry(name);
            if (there.Type == EntryType.SymbolicLink && folder.ReadLink(name).TryGetValue(out var now) && now.Target == before)
            {
                return new LinkUndoOutcome(change, LinkUndoStatus.AlreadyAsBefore, null);
            }

            if (!there.Exists && there.Error is null)
            {
                return MakeAgain(change, folder, name, before);
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
                $"If that can go, move it away (mv -n {path} ELSEWHERE) and run the undo again; only what remains is tried.");
        }
    }

    /// <summary>The folder pinned from "/" one name at a time, following no link, and only if it is the folder recorded (when one was).</summary>
    private StepResult<IPinnedFolder> Reach(string folderPath, string? recorded)
    {
        var top = platform.Links.PinFolder("/");
        if (!top.TryGetValue(out var slash))
        {
            return top;
        }

        var components = folderPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
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
            StaleTemporaries.Sweep(folder, () => journalTargets.In(folder.Path), Interop.Unix.LibC.Geteuid());
        }

        return reached;
    }

    private static LinkUndoOutcome MakeAgain(JournalEntry change, IPinnedFolder folder, string name, string target)
    {
        var path = folder.PathOf(name);
        var made = folder.CreateSymbolicLink(name, target, isDirectory: false);
        if (made.Error is { } error)
        {
            if (error is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.EEXIST })
            {
                return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: something took the name just now.",
                    "Undo never overwrites what holds the name.", "Check what is there (linkctl show) and run the undo again.", error);
            }

            var kind = LinkClassifier.Classify(error, LinkOperation.CreateSymbolicLink);
            return new LinkUndoOutcome(change, LinkUndoStatus.Failed, FailureAdvice.For(kind, LinkOperation.CreateSymbolicLink, path, error, null, isWindows: false));
        }

        return ReadBack(change, folder, name, target);
    }

    /// <summary>
    /// <c>new --force</c>'s link is still there: the old link is made under a private name and
    /// exchanged in; what came out is deleted only if it is the very link that was made (identity,
    /// kind, stored target), else exchanged back.
    /// </summary>
    private static LinkUndoOutcome PutBackReplaced(JournalEntry change, IPinnedFolder folder, string name, EntryFacts there, string before)
    {
        var path = folder.PathOf(name);
        var stored = there.Type == EntryType.SymbolicLink ? folder.ReadLink(name).ValueOr(null) : null;
        var after = change.After is null ? null : Text(change.After, change.AfterBase64);
        if (there.Type == EntryType.SymbolicLink && stored?.Target != after)
        {
            return Failed(change, FailureKind.Conflict, path, $"{path} was not put back: the link `linkctl new --force` made was retargeted since (it stores {RawPath.Displayable(stored?.Target ?? "?")}).",
                "Undo replaces only the link exactly as it was made.", "Remove or change it yourself if it can go, then run the undo again.");
        }

        var planned = PlannedLink.Of(name, there, stored);
        var temporary = PinnedFolders.PrivateName("undo");
        var made = folder.CreateSymbolicLink(temporary, before, isDirectory: false);
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
        folder.GetEntry(name).Type == EntryType.SymbolicLink && folder.ReadLink(name).TryGetValue(out var back) && back.Target == target
            ? new LinkUndoOutcome(change, LinkUndoStatus.Restored, null)
            : Failed(change, FailureKind.ReadBackFailed, folder.PathOf(name), $"The OS reported that the link {folder.PathOf(name)} was made again, but reading it back did not find it storing {RawPath.Displayable(target)}.",
                "A link that is not there or stores something else must not be reported as restored.", "Run `linkctl show` on it and make it by hand if needed.");
}
