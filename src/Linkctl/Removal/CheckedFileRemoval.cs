using Linkctl.Errors;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>
/// Removes a small regular file only while it is the file that was checked: the same identity and
/// exactly the same bytes. Used for the one kind of file linkctl can leave under its own names (a
/// git stub swapped out by a killed `repair --git-stubs`, whose bytes the undo journal also holds).
/// Unix: moved to a private name (RENAME_NOREPLACE), read again there by a no-follow open and
/// compared, then unlinked; anything else is put back. Windows: held by a handle that shares
/// reading only, compared on that handle, and deleted by it.
/// </summary>
internal static class CheckedFileRemoval
{
    /// <summary>Null when the file was removed; otherwise why it was not (it is then where it was, or where the text says).</summary>
    public static string? Remove(IPinnedFolder folder, string name, FileIdentity identity, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(bytes);
        if (folder is WindowsPinnedFolder windows)
        {
            using var held = windows.OpenFileForChange(name, out _, out var problem);
            if (held is null)
            {
                return problem ?? "it cannot be held open";
            }

            if (Mismatch(held.Facts.Identity, held.ReadContent(bytes.Length + 1), identity, bytes) is { } changed)
            {
                return changed;
            }

            var deleted = held.Delete();
            return deleted.Succeeded ? null : $"deleting it failed ({deleted.Error})";
        }

        var aside = PinnedFolders.PrivateName("rm");
        var moved = folder.Rename(name, folder, aside, RenameMode.NoReplace);
        if (!moved.Succeeded)
        {
            return $"it cannot be moved aside to be checked ({moved.Error})";
        }

        var read = folder.ReadFile(aside, bytes.Length + 1);
        if (Mismatch(read.TryGetValue(out var content) ? content.Identity : null, read, identity, bytes) is { } mismatch)
        {
            return $"{mismatch}; {CheckedRemoval.PutBack(folder, aside, name) ?? "it was put back untouched"}";
        }

        var removed = folder.RemoveName(aside);
        return removed.Succeeded ? null : $"removing it failed ({removed.Error}); {CheckedRemoval.PutBack(folder, aside, name) ?? "it was put back untouched"}";
    }

    private static string? Mismatch(FileIdentity? now, StepResult<FileContent> read, FileIdentity identity, byte[] bytes)
    {
        if (!read.TryGetValue(out var content))
        {
            return $"it cannot be read as a file any more ({read.Problem})";
        }

        if (now != identity)
        {
            return "another file is there now than the one that was checked";
        }

        return content.Size == (ulong)bytes.Length && content.Bytes.AsSpan().SequenceEqual(bytes) ? null : "its content changed since it was checked";
    }
}
