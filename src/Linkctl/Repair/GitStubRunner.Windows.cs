using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Repair;

// Windows has no RENAME_EXCHANGE (docs/windows-facts.md, "Acting on handles"): the stub and its new
// link are both held by their own handles, the stub checked on its handle (identity, no reparse tag,
// exactly the link text read on that handle), then renamed aside, the new link renamed in, and the
// stub deleted, all by handle. The stub is held shared for reading only, so between the check and the
// delete nobody can write, rename or delete it. Runs on the simulated Windows too (over IWindowsApi).
public sealed partial class GitStubRunner
{
    /// <summary>
    /// Puts <paramref name="ours"/> (identity <paramref name="oursIdentity"/>, made by this run a moment
    /// ago) in the place of <paramref name="name"/>, held and checked by <paramref name="holdOld"/>:
    /// what is at the name is renamed aside by its handle, ours renamed in by its handle (never over
    /// anything), and the old entry deleted by its handle. The name is missing between the two renames
    /// (docs/guarantees.md); if something takes it then, the old entry is renamed back when it can be,
    /// else kept under its private name and the error says where. Ours is deleted on every failure.
    /// </summary>
    private static StepResult SwapByHandle(WindowsPinnedFolder folder, string ours, FileIdentity oursIdentity, string name, Func<string, (WindowsPinnedEntry? Entry, string? Problem)> holdOld)
    {
        using var mine = folder.OpenForChange(ours, out var mineFacts, refuseFolders: false);
        if (mine is null || mine.Facts.Identity != oursIdentity)
        {
            return StepResult.Failed($"the new entry at {folder.PathOf(ours)} is not the one linkctl made a moment ago; nothing was replaced", mineFacts.Error);
        }

        var (held, problem) = holdOld(name);
        if (held is null)
        {
            mine.Delete();
            return StepResult.Failed($"it changed after it was checked ({problem}); it was left alone");
        }

        using (held)
        {
            var aside = PinnedFolders.PrivateName("old");
            var moved = held.RenameTo(folder, aside);
            if (!moved.Succeeded)
            {
                mine.Delete();
                return StepResult.Failed("cannot move the old entry aside; nothing was replaced", moved.Error);
            }

            var placed = mine.RenameTo(folder, name);
            if (!placed.Succeeded)
            {
                var back = held.RenameTo(folder, name);
                mine.Delete();
                return StepResult.Failed(back.Succeeded
                    ? "cannot move the new entry into place (something took the name meanwhile?); the old one was put back"
                    : $"cannot move the new entry into place, nor the old one back (something took the name meanwhile): the old one is kept, untouched, at {folder.PathOf(aside)}", placed.Error);
            }

            var deleted = held.Delete();
            return deleted.Succeeded
                ? StepResult.Success
                : StepResult.Failed($"the new entry is in place, but the old one could not be removed: it is kept at {folder.PathOf(aside)}", deleted.Error);
        }
    }

    /// <summary>The stub at <paramref name="name"/> held (read-shared only) when it is still the file checked holding exactly <paramref name="text"/>; else why not.</summary>
    private static (WindowsPinnedEntry? Entry, string? Problem) HoldStub(WindowsPinnedFolder folder, string name, byte[] text, FileIdentity identity)
    {
        var entry = folder.OpenFileForChange(name, out var facts, out var problem);
        if (entry is null)
        {
            return (null, $"it is no longer the stub file, or another program has it open ({problem}{(facts.Error is { } error ? $": {error}" : string.Empty)})");
        }

        if (entry.Facts.Identity != identity)
        {
            entry.Dispose();
            return (null, "another file than the stub that was checked is there now");
        }

        var read = entry.ReadContent(text.Length + 1);
        if (!read.TryGetValue(out var content) || content.Size != (ulong)text.Length || !content.Bytes.AsSpan().SequenceEqual(text))
        {
            entry.Dispose();
            return (null, read.Succeeded ? "the stub was edited since it was checked" : $"it cannot be read ({read.Problem})");
        }

        return (entry, null);
    }

    /// <summary>The link at <paramref name="name"/> held when it is still the one this run made (identity) storing <paramref name="stored"/>; else why not.</summary>
    private static (WindowsPinnedEntry? Entry, string? Problem) HoldLink(WindowsPinnedFolder folder, string name, FileIdentity made, string stored)
    {
        var entry = folder.OpenForChange(name, out var facts);
        if (entry is null)
        {
            return (null, facts.Exists ? "it is not the link this run made any more" : "nothing is there now");
        }

        if (entry.Facts.Type is not (EntryType.SymbolicLink or EntryType.Junction) || entry.Facts.Identity != made)
        {
            entry.Dispose();
            return (null, "it is not the link this run made any more");
        }

        if (!entry.ReadLink().TryGetValue(out var link) || link.Target != stored)
        {
            entry.Dispose();
            return (null, "the link this run made was retargeted since");
        }

        return (entry, null);
    }

    /// <summary>
    /// The journal's full Windows path as a '/'-separated path below <paramref name="root"/> (names
    /// compared as Windows compares them, case-insensitively), or null when it is not plainly below
    /// it: no empty, "." or ".." component (never resolved as strings: such a record is left alone).
    /// </summary>
    private static byte[]? BelowOnWindows(string path, string root)
    {
        var prefix = root.EndsWith('\\') ? root : root + "\\";
        if (path.Length <= prefix.Length || !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = path[prefix.Length..].Split('\\');
        return parts.Any(p => p.Length == 0 || p is "." or ".." || p.Contains('/'))
            ? null
            : RawPath.FromText(string.Join('/', parts));
    }
}
