using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Creation;

/// <summary>
/// Puts a new link, already made under a private name in a pinned folder, in the place of the
/// planned link, and deletes only the planned link: RENAME_EXCHANGE swaps the two names atomically,
/// then what came out (now under the private name) is checked against the plan. If it is not the
/// planned link (a file swapped in after the check), the names are exchanged back, the new link is
/// removed, and the entry that was there stays under its name untouched. Used by <c>new --force</c>
/// and <c>repair</c>; on Windows, which has no exchange of two names, see CheckedSwap.Windows.cs.
/// </summary>
internal static partial class CheckedSwap
{
    /// <summary>Success when <paramref name="temporaryName"/> (our new link, identity <paramref name="made"/>) replaced <paramref name="planned"/>; else why nothing changed.</summary>
    public static StepResult Install(IPinnedFolder folder, string temporaryName, FileIdentity made, PlannedLink planned)
    {
        if (folder is WindowsPinnedFolder windows)
        {
            return InstallByHandle(windows, temporaryName, made, planned);
        }

        var exchanged = folder.Rename(temporaryName, folder, planned.Name, RenameMode.Exchange);
        if (exchanged.Error is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.EINVAL })
        {
            return MoveAsideThenIn(folder, temporaryName, made, planned);
        }

        if (!exchanged.Succeeded)
        {
            RemoveOurs(folder, temporaryName, made);
            return StepResult.Failed("cannot exchange the new link with the old one", exchanged.Error);
        }

        var cameOut = folder.GetEntry(temporaryName);
        var mismatch = CheckedRemoval.Mismatch(folder, temporaryName, cameOut, planned);
        if (mismatch is null)
        {
            var removed = folder.RemoveName(temporaryName);
            return removed.Succeeded
                ? StepResult.Success
                : StepResult.Failed($"the new link is in place, but the old link could not be removed: it is kept at {folder.PathOf(temporaryName)}", removed.Error);
        }

        var back = folder.Rename(temporaryName, folder, planned.Name, RenameMode.Exchange);
        if (!back.Succeeded)
        {
            return StepResult.Failed($"the name changed after it was checked (it was {mismatch}) and exchanging back failed: that entry is kept, untouched, at {folder.PathOf(temporaryName)}, and the new link is at {folder.PathOf(planned.Name)}; put them back yourself", back.Error);
        }

        RemoveOurs(folder, temporaryName, made);
        return StepResult.Failed($"the name changed after it was checked: it was {mismatch}; it was left alone");
    }

    /// <summary>
    /// Where the file system has no RENAME_EXCHANGE (EINVAL: some FUSE and network file systems): the
    /// old link is moved to a private name (NOREPLACE) and checked, then the new one is moved in
    /// (NOREPLACE). The name is missing for the moment between, never replaced by anything unchecked.
    /// </summary>
    private static StepResult MoveAsideThenIn(IPinnedFolder folder, string temporaryName, FileIdentity made, PlannedLink planned)
    {
        var aside = PinnedFolders.PrivateName("old");
        var moved = folder.Rename(planned.Name, folder, aside, RenameMode.NoReplace);
        if (!moved.Succeeded)
        {
            RemoveOurs(folder, temporaryName, made);
            return StepResult.Failed("cannot move the old link aside", moved.Error);
        }

        var mismatch = CheckedRemoval.Mismatch(folder, aside, folder.GetEntry(aside), planned);
        if (mismatch is not null)
        {
            var restored = CheckedRemoval.PutBack(folder, aside, planned.Name);
            RemoveOurs(folder, temporaryName, made);
            return StepResult.Failed($"the name changed after it was checked: it was {mismatch}; {restored ?? "it was put back and left alone"}");
        }

        var placed = folder.Rename(temporaryName, folder, planned.Name, RenameMode.NoReplace);
        if (!placed.Succeeded)
        {
            var restored = CheckedRemoval.PutBack(folder, aside, planned.Name);
            RemoveOurs(folder, temporaryName, made);
            return StepResult.Failed(restored ?? "cannot move the new link into place; the old link was kept", placed.Error);
        }

        var removed = folder.RemoveName(aside);
        return removed.Succeeded ? StepResult.Success : StepResult.Failed($"the new link is in place, but the old one is kept at {folder.PathOf(aside)}", removed.Error);
    }

    /// <summary>Removes our own new link under its private name, and only if it is still ours (same identity).</summary>
    internal static void RemoveOurs(IPinnedFolder folder, string temporaryName, FileIdentity made)
    {
        if (folder is WindowsPinnedFolder windows)
        {
            RemoveOursByHandle(windows, temporaryName, made);
            return;
        }

        var entry = folder.GetEntry(temporaryName);
        // Our identity and not a folder: a symbolic link we made, or a hard-link name we added (the file keeps its other name).
        if (entry.Exists && entry.Type != EntryType.Directory && entry.Identity == made)
        {
            folder.RemoveName(temporaryName);
        }
    }
}
