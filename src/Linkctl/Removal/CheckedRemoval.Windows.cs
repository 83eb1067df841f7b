using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Removal;

internal static partial class CheckedRemoval
{
    /// <summary>
    /// Windows: no private name is needed. The entry is opened by its name relative to the pinned
    /// folder without following it (DELETE access, no FILE_SHARE_DELETE: while it is held nobody else
    /// can delete or rename it), checked on that handle against the plan (identity, type, tag's stored
    /// target, names count), and deleted by that same handle (FileDispositionInfoEx, POSIX semantics).
    /// So whatever happens to the name meanwhile, the object deleted is the one that was checked.
    /// </summary>
    private static CheckedRemovalOutcome RemoveByHandle(WindowsPinnedFolder folder, PlannedLink planned)
    {
        var path = folder.PathOf(planned.Name);
        using var entry = folder.OpenForChange(planned.Name, out var facts);
        if (entry is null)
        {
            if (!facts.Exists && facts.Error is null)
            {
                return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.NotFound, path,
                    $"{path} is gone: it was there when linkctl checked it, and no longer when it acted.",
                    "Something else removed or renamed it in between.", "Run `linkctl show` on it to see what is there now."));
            }

            if (facts.Error is { Domain: OsErrorDomain.Win32, Code: Win32ErrorNames.SharingViolation } held)
            {
                return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.Conflict, path,
                    $"{path} is held open by another program for deleting or renaming, so linkctl did not remove it.",
                    "linkctl removes a link only while it holds it so that nobody can change it in between.",
                    "Close the program that holds it (or wait) and try again.", held));
            }

            var error = facts.Error!;
            if (error is { Domain: OsErrorDomain.Win32, Code: Win32ErrorNames.NotAReparsePoint or Win32ErrorNames.ReparseTagMismatch })
            {
                return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.Conflict, path,
                    $"{path} changed after linkctl checked it: it is now {(error.Code == Win32ErrorNames.NotAReparsePoint ? "a folder" : "a folder a volume is mounted in")}, so linkctl did not remove it.",
                    "Nothing was moved or removed.", "Run `linkctl show` on the path and try again when it is stable.", error));
            }

            var kind = LinkClassifier.Classify(error, LinkOperation.Remove);
            return new CheckedRemovalOutcome(false, FailureAdvice.For(kind, LinkOperation.Remove, path, error, null, isWindows: true));
        }

        var mismatch = Mismatch(entry.Facts, planned, entry.ReadLink);
        if (mismatch is not null)
        {
            return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.Conflict, path,
                $"{path} changed after linkctl checked it: it is now {mismatch}, so linkctl did not remove it.",
                "Nothing was moved or removed: linkctl checks the entry on the same handle it would delete it by.",
                "Someone is changing this folder; run `linkctl show` on the path and try again when it is stable."));
        }

        var deleted = entry.Delete();
        if (deleted.Error is { } failed)
        {
            var kind = LinkClassifier.Classify(failed, LinkOperation.Remove);
            return new CheckedRemovalOutcome(false, FailureAdvice.For(kind, LinkOperation.Remove, path, failed, null, isWindows: true));
        }

        // The name leaves the folder when the handle closes (FILE_DISPOSITION_INFO_EX), at the end of this call.
        return new CheckedRemovalOutcome(true, null);
    }
}
