using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>
/// What was checked about a link that is to be removed or replaced: its name in a pinned folder,
/// its identity and kind, and for a symbolic link its stored target. Acting compares the entry
/// it is about to delete with exactly these facts.
/// </summary>
internal sealed record PlannedLink(string Name, EntryType Type, FileIdentity Identity, string? StoredTarget)
{
    /// <summary>The plan for what <paramref name="facts"/> and <paramref name="stored"/> say is at <paramref name="name"/> now.</summary>
    public static PlannedLink? Of(string name, EntryFacts facts, StoredLink? stored) =>
        facts.Identity is { } identity ? new PlannedLink(name, facts.Type, identity, stored?.Target) : null;
}

/// <summary>The result of <see cref="CheckedRemoval.Remove"/>: removed, or why not and where the entry is.</summary>
internal sealed record CheckedRemovalOutcome(bool Removed, LinkctlError? Error);

/// <summary>
/// Removes only what was checked. Linux has no "unlink if it is still this symbolic link", so the
/// name is first moved to a private name in the same pinned folder (RENAME_NOREPLACE: never over
/// anything), the moved entry is checked against the plan (identity, kind, stored target; for a
/// hard link that the file still has another name), and only then is the private name removed. If
/// the moved entry is anything else (a file or folder swapped in after the check), it is put back
/// (RENAME_NOREPLACE again) and the run reports it: nothing but the planned link is ever deleted,
/// and the private name never outlives the call unless putting back fails, which is reported with
/// the exact place of the entry.
/// </summary>
internal static partial class CheckedRemoval
{
    public static CheckedRemovalOutcome Remove(IPinnedFolder folder, PlannedLink planned)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(planned);
        if (folder is WindowsPinnedFolder windows)
        {
            return RemoveByHandle(windows, planned);
        }

        var path = folder.PathOf(planned.Name);
        var privateName = PinnedFolders.PrivateName("rm");
        var moved = folder.Rename(planned.Name, folder, privateName, RenameMode.NoReplace);
        if (moved.Error is { } moveError)
        {
            if (moveError is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.ENOENT })
            {
                return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.NotFound, path,
                    $"{path} is gone: it was there when linkctl checked it, and no longer when it acted.",
                    "Something else removed or renamed it in between.", "Run `linkctl show` on it to see what is there now.", moveError));
            }

            var kind = LinkClassifier.Classify(moveError, LinkOperation.Remove);
            return new CheckedRemovalOutcome(false, FailureAdvice.For(kind, LinkOperation.Remove, path, moveError, null, isWindows: false));
        }

        var now = folder.GetEntry(privateName);
        var mismatch = Mismatch(folder, privateName, now, planned);
        if (mismatch is null)
        {
            var removed = folder.RemoveName(privateName);
            if (removed.Succeeded)
            {
                return new CheckedRemovalOutcome(true, null);
            }

            var back = PutBack(folder, privateName, planned.Name);
            var kind = LinkClassifier.Classify(removed.Error, LinkOperation.Remove);
            var advice = FailureAdvice.For(kind, LinkOperation.Remove, path, removed.Error, null, isWindows: false);
            return new CheckedRemovalOutcome(false, back is null ? advice : advice with { Why = $"{advice.Why} {back}" });
        }

        var restored = PutBack(folder, privateName, planned.Name);
        return new CheckedRemovalOutcome(false, new LinkctlError(FailureKind.Conflict, path,
            $"{path} changed after linkctl checked it: it is now {mismatch}, so linkctl did not remove it.",
            restored ?? "It was put back under its name untouched; nothing was removed.",
            "Someone is changing this folder; run `linkctl show` on the path and try again when it is stable."));
    }

    /// <summary>Why <paramref name="now"/> is not the planned link, or null when it is.</summary>
    internal static string? Mismatch(IPinnedFolder folder, string name, EntryFacts now, PlannedLink planned) =>
        Mismatch(now, planned, () => folder.ReadLink(name));

    /// <summary>
    /// Why <paramref name="now"/> is not the planned link, or null when it is: same identity and type,
    /// the same stored target for a link (read only then, by <paramref name="readLink"/>), and for a
    /// hard-link name that the file still has another name.
    /// </summary>
    internal static string? Mismatch(EntryFacts now, PlannedLink planned, Func<StepResult<StoredLink>> readLink)
    {
        if (!now.Exists)
        {
            return now.Error is { } error ? $"unreadable ({error})" : "missing";
        }

        if (now.Identity != planned.Identity || now.Type != planned.Type)
        {
            return now.Type switch
            {
                EntryType.Directory => "a folder, not the link that was checked",
                EntryType.File => "a file, not the link that was checked",
                EntryType.SymbolicLink or EntryType.Junction => "another link than the one that was checked",
                _ => "another entry than the link that was checked",
            };
        }

        if (planned.Type is EntryType.SymbolicLink or EntryType.Junction or EntryType.OtherReparsePoint)
        {
            var stored = readLink();
            if (!stored.TryGetValue(out var link))
            {
                return $"a link whose target cannot be read ({stored})";
            }

            if (!string.Equals(link.Target, planned.StoredTarget, StringComparison.Ordinal))
            {
                return "the same link with another target (it was retargeted)";
            }
        }
        else if (planned.Type == EntryType.File && now.LinkCount < 2)
        {
            // The kernel has no "unlink only if nlink > 1": between this check and the unlink another
            // process can remove the file's other names. This check narrows that window to two calls.
            return "a file whose other names are gone (removing this name would delete its data)";
        }

        return null;
    }

    /// <summary>Moves <paramref name="privateName"/> back to <paramref name="name"/>; null when done, else where the entry is and why.</summary>
    internal static string? PutBack(IPinnedFolder folder, string privateName, string name)
    {
        var back = folder.Rename(privateName, folder, name, RenameMode.NoReplace);
        return back.Succeeded
            ? null
            : $"Putting it back failed ({back.Error}: a new entry took its name meanwhile?), so it is kept, untouched, at {folder.PathOf(privateName)}; move it back yourself (mv -n).";
    }
}
