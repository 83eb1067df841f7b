using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Journal;

/// <summary>What undo did (or would do) with one recorded change of <c>rm</c> or <c>new --force</c>.</summary>
internal enum LinkUndoStatus
{
    /// <summary>The link that was removed or replaced is back, read back.</summary>
    Restored,

    /// <summary>The link already stores what it stored before (the change was never made, or was reversed already).</summary>
    AlreadyAsBefore,

    /// <summary>Dry run: this change would be reversed.</summary>
    WouldRestore,

    /// <summary>Not reversed; <see cref="LinkUndoOutcome.Error"/> says what is there and why it was left alone.</summary>
    Failed,
}

/// <summary>One recorded change and what its undo came to.</summary>
internal sealed record LinkUndoOutcome(JournalEntry Change, LinkUndoStatus Status, LinkctlError? Error)
{
    public bool Reversed => Status is LinkUndoStatus.Restored or LinkUndoStatus.AlreadyAsBefore;
}

/// <summary>An undo of one run: which run, each change, and whether the run is now marked undone.</summary>
internal sealed record LinkUndoRun(string? RunId, IReadOnlyList<LinkUndoOutcome> Outcomes, bool MarkedUndone)
{
    /// <summary>Why the journal could not record what was reversed (a full disk): the run then stays open.</summary>
    public LinkctlError? MarkError { get; init; }
}

/// <summary>
/// Records what <c>rm</c> removes and what <c>new --force</c> replaces, and undoes such a run
/// (docs/journal.md). The records are written, and made durable, before the change they describe.
/// Undo acts in the link's folder reached from "/" name by name without following any link, and
/// only if that folder is the one the change was made in (its recorded identity); it never
/// replaces anything that now holds the name, except the very link <c>new --force</c> made.
/// </summary>
internal sealed partial class LinkUndo(LinkPlatform platform, UndoJournal journal)
{
    /// <summary>The journal command of <c>linkctl rm</c>.</summary>
    public const string RmCommand = "rm";

    /// <summary>The journal command of <c>linkctl new</c> (only <c>--force</c> replacements are recorded).</summary>
    public const string NewCommand = "new";

    /// <summary>An <c>rm</c> record: the link at <c>path</c>, storing <c>before</c>, was removed.</summary>
    public const string RemoveLinkAction = "remove_link";

    /// <summary>A <c>new --force</c> record: the link at <c>path</c> stored <c>before</c>; the link made in its place stores <c>after</c>.</summary>
    public const string ReplaceLinkAction = "replace_link";

    /// <summary>The <see cref="JournalEntry.LinkType"/> of a removed hard link's name (undo cannot make it again: see docs/journal.md).</summary>
    public const string HardLinkType = "hard_link";

    /// <summary>Windows link types in the journal (the same names repair records).</summary>
    public const string FileSymlinkType = "file_symlink";

    public const string DirectorySymlinkType = "directory_symlink";

    public const string JunctionType = "junction";

    /// <summary>
    /// Undoes the run <paramref name="runId"/> of <paramref name="command"/> (<see cref="RmCommand"/>
    /// or <see cref="NewCommand"/>), or the latest one not undone when null, newest change first.
    /// When every change is reversed the run is marked undone; otherwise the reversed ones are marked
    /// one by one and the run stays open with what remains. Throws <see cref="LinkctlException"/> when
    /// the journal cannot be read or trusted.
    /// </summary>
    public LinkUndoRun Undo(string command, string? runId, bool dryRun)
    {
        var run = journal.OpenRun(command, runId);
        if (run.Count == 0)
        {
            return new LinkUndoRun(runId, [], false);
        }

        var id = run[0].RunId;
        var outcomes = new List<LinkUndoOutcome>(run.Count);
        for (var i = run.Count - 1; i >= 0; i--)
        {
            var change = run[i];
            outcomes.Add(dryRun ? new LinkUndoOutcome(change, LinkUndoStatus.WouldRestore, null) : Reverse(change));
        }

        if (dryRun)
        {
            return new LinkUndoRun(id, outcomes, false);
        }

        try
        {
            if (outcomes.All(o => o.Reversed))
            {
                journal.MarkUndone(command, id);
                return new LinkUndoRun(id, outcomes, true);
            }

            journal.MarkSteps(command, id, outcomes.Where(o => o.Reversed).Select(o => o.Change));
        }
        catch (LinkctlException e)
        {
            // The links are back; only the mark is missing: the run stays open, and the next undo
            // finds them as before and marks it then.
            return new LinkUndoRun(id, outcomes, false) { MarkError = e.Error };
        }

        return new LinkUndoRun(id, outcomes, false);
    }

    private LinkUndoOutcome Reverse(JournalEntry change)
    {
        var path = Text(change.Path, change.PathBase64);
        return ReversePinned(change, path);
    }

    private static LinkUndoOutcome Failed(JournalEntry change, FailureKind kind, string path, string what, string why, string next, OsError? error = null) =>
        new(change, LinkUndoStatus.Failed, new LinkctlError(kind, path, what, why, next, error));

    /// <summary>A path or target as the OS text it was recorded from (exact bytes where they were not UTF-8).</summary>
    private static string Text(string text, string? base64) => base64 is null ? text : RawPath.ToOsText(Convert.FromBase64String(base64));

    /// <summary>
    /// The record of one change of <paramref name="command"/>'s run <paramref name="runId"/>: OS
    /// texts kept exactly (base64 where they are not UTF-8), with the folder's identity and the made
    /// link's identity that undo checks.
    /// </summary>
    public static JournalEntry Record(string runId, string command, string action, string path, string? before, string? after, string? linkType, FileIdentity? folder, FileIdentity? made)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pathBytes = RawPath.FromOsText(path);
        var beforeBytes = before is null ? null : RawPath.FromOsText(before);
        var afterBytes = after is null ? null : RawPath.FromOsText(after);
        return new JournalEntry
        {
            RunId = runId,
            Time = DateTimeOffset.UtcNow,
            Command = command,
            Action = action,
            Root = null,
            Path = RawPath.ToText(pathBytes),
            PathBase64 = Base64IfNeeded(pathBytes),
            Before = beforeBytes is null ? null : RawPath.ToText(beforeBytes),
            BeforeBase64 = Base64IfNeeded(beforeBytes),
            After = afterBytes is null ? null : RawPath.ToText(afterBytes),
            AfterBase64 = Base64IfNeeded(afterBytes),
            LinkType = linkType,
            FolderIdentity = folder is { } f ? JournalIdentity.Format(f) : null,
            MadeIdentity = made is { } m ? JournalIdentity.Format(m) : null,
        };
    }

    /// <summary>
    /// Writes (and syncs) <paramref name="record"/> before the change it describes: null when
    /// written (or there is no journal), else the error that must stop the change, worded as
    /// "<paramref name="path"/> was not <paramref name="notDone"/>: why".
    /// </summary>
    internal static LinkctlError? RecordBefore(UndoJournal? journal, JournalEntry record, string path, string notDone)
    {
        if (journal is null)
        {
            return null;
        }

        try
        {
            journal.Append(record);
            return null;
        }
        catch (LinkctlException e)
        {
            return e.Error with { What = $"{path} was not {notDone}: {e.Error.What}" };
        }
    }

    /// <summary>
    /// Marks a recorded change as not made, so undo leaves it alone. Not synced, and a failure is
    /// tolerated: if the mark is lost, undo finds the link still as it was and counts it as reversed.
    /// </summary>
    internal static void MarkNotMade(UndoJournal? journal, string runId, string command, string path)
    {
        try
        {
            journal?.AppendBatch([Record(runId, command, UndoJournal.NotMadeAction, path, null, null, null, null, null)], sync: false);
        }
        catch (LinkctlException)
        {
            // Tolerated, as said above.
        }
    }

    /// <summary>The journal type of a link that is about to be removed or replaced: needed to make it again on Windows (file or folder link, junction) and to know a hard link's name.</summary>
    public static string? LinkTypeOf(LinkKind kind, bool isDirectory, bool isWindows) => kind switch
    {
        LinkKind.HardLink => HardLinkType,
        LinkKind.Junction => JunctionType,
        LinkKind.SymbolicLink when isWindows => isDirectory ? DirectorySymlinkType : FileSymlinkType,
        _ => null,
    };

    private static string? Base64IfNeeded(byte[]? bytes) => bytes is null || RawPath.IsValidUtf8(bytes) ? null : Convert.ToBase64String(bytes);

    /// <summary>What is at <paramref name="name"/>, in words, for a refusal.</summary>
    internal static string Describe(IPinnedFolder folder, string name, EntryFacts entry) => entry.Type switch
    {
        _ when !entry.Exists => entry.Error is { } error ? $"unreadable: {error}" : "nothing",
        EntryType.SymbolicLink => folder.ReadLink(name).TryGetValue(out var link) ? $"a symbolic link to {RawPath.Displayable(link.Target)}" : "a symbolic link",
        EntryType.Directory => "a folder",
        EntryType.File => entry.LinkCount > 1 ? "a file with other names (hard-linked)" : "a file",
        _ => "a device, FIFO or socket",
    };
}
