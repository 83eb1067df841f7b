using System.Globalization;
using Linkctl.Links;
using Linkctl.Scanning;
using Linkctl.Platform;

namespace Linkctl.Removal;

/// <summary>What a run did with one temporary name that an earlier, killed run left in a folder it acts in.</summary>
/// <param name="Path">The temporary entry's full path.</param>
/// <param name="Removed">True when it was provably linkctl's and removed; false when it was left alone.</param>
/// <param name="Reason">Why, in words (the process that made it, what it is, what proves it).</param>
public sealed record StaleTemporary(string Path, bool Removed, string Reason);

/// <summary>The facts about one temporary name that <see cref="StaleTemporaries.Decide"/> judges.</summary>
/// <param name="Name">The entry's name.</param>
/// <param name="Purpose">What made it: "rm", "new", "repair", "old" (from the name), or null for the older Windows name <c>.linkctl-repair-&lt;32 hex&gt;</c>.</param>
/// <param name="ProcessId">The process id in the name, or null when the name carries none.</param>
/// <param name="ProcessRunning">Whether a process with that id runs now.</param>
/// <param name="Entry">What the entry is, not following it.</param>
/// <param name="StoredTarget">Its stored target when it is a link that could be read.</param>
/// <param name="CurrentUser">The effective user id running now (Unix), or null (Windows: owners are not compared).</param>
/// <param name="JournalTargets">Targets the undo journal records for links in this folder (before and after each change).</param>
/// <param name="SiblingTargets">Targets stored by the plainly named links of this folder.</param>
/// <param name="FileBytes">All the bytes of a small regular file under a "stub" or "old" name (read by a no-follow open), else null.</param>
internal sealed record StaleFacts(
    string Name,
    string? Purpose,
    int? ProcessId,
    bool ProcessRunning,
    EntryFacts Entry,
    string? StoredTarget,
    uint? CurrentUser,
    IReadOnlySet<string> JournalTargets,
    IReadOnlySet<string> SiblingTargets,
    byte[]? FileBytes = null);

/// <summary>
/// Cleans up the temporary names a killed run left (issue 9): <c>.linkctl-tmp-&lt;purpose&gt;-&lt;pid&gt;-&lt;64 random bits&gt;</c>
/// (<see cref="PinnedFolders.PrivateName"/>) and the older Windows repair name <c>.linkctl-repair-&lt;32 hex&gt;</c>.
/// A run that pins a folder to act in it looks for them there, and removes one ONLY when it is
/// provably linkctl's own leftover (<see cref="Decide"/>); anything else is left alone and reported.
/// Removal goes through <see cref="CheckedRemoval"/>, so what is removed is what was judged.
/// </summary>
internal static class StaleTemporaries
{
    /// <summary>The older Windows repair temporary's prefix (before pinned folders): a new link that was never moved into place.</summary>
    public const string LegacyRepairPrefix = ".linkctl-repair-";

    /// <summary>
    /// Pure: remove or keep, and why. Removed only when every one holds: the name is ours (our prefix,
    /// purpose, process id and 64 random bits, or the older repair name); the process it names is not
    /// running (a live run's names are its own business); it is a link (symbolic link, or junction on
    /// Windows), never a file or folder; on Unix it belongs to the user running now; and it is
    /// disposable: a link linkctl made and never moved into place ("new", "repair", whose loss changes
    /// nothing the user had) proven ours by its owner on Unix or by its target recorded in the journal
    /// or stored by a plainly named link beside it; or a checked link moved aside ("rm", "old")
    /// whose target the journal records for this folder or a plainly named link beside it still
    /// stores (so no link's only copy is ever removed).
    /// </summary>
    public static (bool Remove, string Reason) Decide(StaleFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var who = facts.ProcessId is { } pid ? $"process {pid.ToString(CultureInfo.InvariantCulture)}" : "an earlier linkctl";
        if (facts.ProcessRunning)
        {
            return (false, $"{who} that made it is still running");
        }

        if (facts.Entry.Type == EntryType.File && facts.Purpose is "stub" or "old")
        {
            return DecideStubFile(facts, who);
        }

        if (facts.Entry.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            return (false, $"left by {who}, but it is {(facts.Entry.Exists ? "not a link" : "unreadable")}: linkctl only ever leaves links under its names, so it is left for you to look at");
        }

        if (facts.StoredTarget is not { } target)
        {
            return (false, $"left by {who}, but its target cannot be read; left alone");
        }

        var recorded = facts.JournalTargets.Contains(target);
        var copied = facts.SiblingTargets.Contains(target);
        var ownedByUs = facts.CurrentUser is { } me && facts.Entry.OwnerId == me;
        if (facts.CurrentUser is { } user && facts.Entry.OwnerId is { } owner && owner != user)
        {
            return (false, $"left by {who}, but it belongs to user {owner.ToString(CultureInfo.InvariantCulture)}, not to the user running now; left alone");
        }

        var madeByUs = facts.Purpose is "new" or "repair" or "stub" || (facts.Purpose is null && facts.Name.StartsWith(LegacyRepairPrefix, StringComparison.Ordinal));
        if (madeByUs && (recorded || copied || (ownedByUs && facts.ProcessId is not null)))
        {
            return (true, $"a new link {who} made and never moved into place (killed?); {(recorded ? "its target is in the undo journal" : copied ? "a link beside it stores the same target" : "it belongs to you")}");
        }

        if (!madeByUs && (recorded || copied))
        {
            return (true, $"a link {who} checked and moved aside (killed before it finished); {(recorded ? "the undo journal records its target for this folder" : "a link beside it stores the same target")}, so nothing is lost");
        }

        return (false, madeByUs
            ? $"left by {who}, but nothing proves it linkctl's (its target is in no journal record and no link beside it): left alone"
            : $"a link {who} moved aside; its target is recorded nowhere else, so it may be the only copy: left alone (rename it back if you want it)");
    }

    /// <summary>
    /// A regular file under a "stub" or "old" name: `repair --git-stubs` leaves one when killed after it
    /// exchanged a stub for its link (the stub swapped out, not yet removed) or while its undo wrote a
    /// stub back (not yet swapped in). It is removed only when its exact bytes are a text the undo
    /// journal records for this folder, so undo can always write it again; otherwise it may be the
    /// user's, and it is left.
    /// </summary>
    private static (bool Remove, string Reason) DecideStubFile(StaleFacts facts, string who)
    {
        if (facts.CurrentUser is { } user && facts.Entry.OwnerId is { } owner && owner != user)
        {
            return (false, $"a file left by {who}, but it belongs to user {owner.ToString(CultureInfo.InvariantCulture)}, not to the user running now; left alone");
        }

        if (facts.FileBytes is not { } bytes)
        {
            return (false, $"a file left by {who} that could not be read whole; left alone");
        }

        return RawPath.IsValidUtf8(bytes) && facts.JournalTargets.Contains(RawPath.ToText(bytes))
            ? (true, $"a git stub {who} swapped out or wrote back (killed before it finished); its exact bytes are in the undo journal, so nothing is lost")
            : (false, $"a file left by {who} whose bytes are in no journal record for this folder: it may be yours, so it is left alone");
    }

    /// <summary>
    /// Looks in <paramref name="folder"/> for our temporaries, judges each (<see cref="Decide"/>) and
    /// removes the provable ones through <see cref="CheckedRemoval"/>. <paramref name="journalTargets"/>
    /// is asked only when a temporary is found.
    /// </summary>
    public static IReadOnlyList<StaleTemporary> Sweep(IPinnedFolder folder, Func<IReadOnlySet<string>> journalTargets, uint? currentUser, Func<int, bool>? isRunning = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(journalTargets);
        isRunning ??= ProcessIsRunning;
        if (!folder.ListNames().TryGetValue(out var names))
        {
            return [];
        }

        var found = names.Where(n => Parse(n) is not null).ToList();
        if (found.Count == 0)
        {
            return [];
        }

        var journal = journalTargets();
        var siblings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !n.StartsWith(".linkctl-", StringComparison.Ordinal)))
        {
            if (folder.GetEntry(name).Type is EntryType.SymbolicLink or EntryType.Junction && folder.ReadLink(name).TryGetValue(out var sibling))
            {
                siblings.Add(sibling.Target);
            }
        }

        var results = new List<StaleTemporary>();
        foreach (var name in found)
        {
            var (purpose, pid) = Parse(name)!.Value;
            var entry = folder.GetEntry(name);
            var stored = entry.Type is EntryType.SymbolicLink or EntryType.Junction ? folder.ReadLink(name).ValueOr(null) : null;
            var file = entry.Type == EntryType.File && purpose is "stub" or "old" ? folder.ReadFile(name, MaxStubBytes).ValueOr(null) : null;
            var whole = file is { Truncated: false } && file.Identity == entry.Identity ? file : null;
            var facts = new StaleFacts(name, purpose, pid, pid is { } p && (p == Environment.ProcessId || isRunning(p)),
                entry, stored?.Target, currentUser, journal, siblings, whole?.Bytes);
            var (remove, reason) = Decide(facts);
            if (remove && whole is not null)
            {
                var why = CheckedFileRemoval.Remove(folder, name, whole.Identity, whole.Bytes);
                results.Add(new StaleTemporary(folder.PathOf(name), why is null, why is null ? reason : $"{reason}, but it was not removed: {why}"));
            }
            else if (remove && PlannedLink.Of(name, entry, stored) is { } planned)
            {
                var removed = CheckedRemoval.Remove(folder, planned);
                results.Add(new StaleTemporary(folder.PathOf(name), removed.Removed, removed.Removed ? reason : $"{reason}, but removing it failed: {removed.Error?.What}"));
            }
            else
            {
                results.Add(new StaleTemporary(folder.PathOf(name), false, reason));
            }
        }

        return results;
    }

    /// <summary>The most a stub file's bytes can be: a link text (PATH_MAX, or Windows' 32,767 UTF-16 units as UTF-8) with room to spare.</summary>
    private const int MaxStubBytes = 128 * 1024;

    /// <summary>The effective user running now on Unix (owners are compared there); null on Windows.</summary>
    internal static uint? CurrentUserOf(LinkPlatform platform) => platform.IsWindows ? null : Interop.Unix.LibC.Geteuid();

    /// <summary>No journal: for verbs that keep none (rm).</summary>
    internal static IReadOnlySet<string> NoJournal() => new HashSet<string>();

    /// <summary>The purpose and process id of one of our temporary names, or null when the name is not ours.</summary>
    internal static (string? Purpose, int? ProcessId)? Parse(string name)
    {
        if (PinnedFolders.OwnerProcessOf(name) is { } pid)
        {
            var purpose = name[PinnedFolders.PrivatePrefix.Length..].Split('-')[0];
            return purpose.Length > 0 && purpose.All(char.IsAsciiLetterLower) && name[^16..].All(char.IsAsciiHexDigitLower) ? (purpose, pid) : null;
        }

        return name.StartsWith(LegacyRepairPrefix, StringComparison.Ordinal) && name.Length == LegacyRepairPrefix.Length + 32
            && name[LegacyRepairPrefix.Length..].All(char.IsAsciiHexDigitLower) ? (null, null) : null;
    }

    /// <summary>Whether a process with this id runs now (a reused id counts as running: the name is then kept, which loses nothing).</summary>
    private static bool ProcessIsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
