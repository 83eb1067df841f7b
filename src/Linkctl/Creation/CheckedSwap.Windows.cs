using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Creation;

internal static partial class CheckedSwap
{
    /// <summary>
    /// Windows has no RENAME_EXCHANGE. Both entries are held by their own handles (DELETE access, no
    /// FILE_SHARE_DELETE, so nobody else can rename or delete either meanwhile), the old one is
    /// checked on its handle against the plan, then: the old link is renamed by its handle to a
    /// private name (never over anything), the new link by its handle to the name (never over
    /// anything), and the old link is deleted by its handle. Every step acts on the checked objects,
    /// never on whatever a name holds by then. What remains is a window between the two renames in
    /// which the name does not exist: a reader then finds nothing (not another file), and anyone who
    /// can write the folder could create the name in that moment; then the new link cannot be moved in
    /// (no replace), the old link is moved back if the name is free again, else kept under its private
    /// name and the error names it. Nothing but the checked old link is ever deleted (docs/guarantees.md).
    /// </summary>
    private static StepResult InstallByHandle(WindowsPinnedFolder folder, string temporaryName, FileIdentity made, PlannedLink planned)
    {
        using var ours = folder.OpenForChange(temporaryName, out var oursFacts, refuseFolders: false);
        if (ours is null || ours.Facts.Identity != made)
        {
            return StepResult.Failed($"the new link at {folder.PathOf(temporaryName)} is not the one linkctl made a moment ago; nothing was replaced", oursFacts.Error);
        }

        using var old = folder.OpenForChange(planned.Name, out var oldFacts);
        if (old is null)
        {
            ours.Delete();
            return StepResult.Failed(oldFacts.Exists || oldFacts.Error is not null
                ? "the name is no longer the link that was checked (it cannot be held to be changed); it was left alone"
                : "the link that was checked is gone; nothing was replaced", oldFacts.Error);
        }

        var mismatch = CheckedRemoval.Mismatch(old.Facts, planned, old.ReadLink);
        if (mismatch is not null)
        {
            ours.Delete();
            return StepResult.Failed($"the name changed after it was checked: it was {mismatch}; it was left alone");
        }

        var aside = PinnedFolders.PrivateName("old");
        var moved = old.RenameTo(folder, aside);
        if (!moved.Succeeded)
        {
            ours.Delete();
            return StepResult.Failed("cannot move the old link aside; nothing was replaced", moved.Error);
        }

        var placed = ours.RenameTo(folder, planned.Name);
        if (!placed.Succeeded)
        {
            var back = old.RenameTo(folder, planned.Name);
            ours.Delete();
            return StepResult.Failed(back.Succeeded
                ? "cannot move the new link into place (something took the name meanwhile?); the old link was put back"
                : $"cannot move the new link into place, nor the old link back (something took the name meanwhile): the old link is kept, untouched, at {folder.PathOf(aside)}", placed.Error);
        }

        var deleted = old.Delete();
        return deleted.Succeeded
            ? StepResult.Success
            : StepResult.Failed($"the new link is in place, but the old link could not be removed: it is kept at {folder.PathOf(aside)}", deleted.Error);
    }

    /// <summary>Deletes our own new link by its handle, and only if that handle holds our identity and not a plain folder.</summary>
    private static void RemoveOursByHandle(WindowsPinnedFolder folder, string temporaryName, FileIdentity made)
    {
        using var entry = folder.OpenForChange(temporaryName, out _);
        if (entry is not null && entry.Facts.Identity == made)
        {
            entry.Delete();
        }
    }
}
