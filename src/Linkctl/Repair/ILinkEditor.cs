using Linkctl.Errors;

namespace Linkctl.Repair;

/// <summary>
/// The disk side of repair, one implementation per OS (LinkEditor.Unix.cs, LinkEditor.Windows.cs).
/// Paths and targets are the raw bytes of the repair records. Every change first checks that the
/// link still stores what the plan saw, calls <c>beforeChange</c> (which writes the journal)
/// only once nothing is left but the change itself, and reads the result back. Each method
/// answers (null, null) on success, else the OS error and/or what went wrong.
/// </summary>
internal interface ILinkEditor
{
    /// <summary>Makes the link at <paramref name="path"/> store <paramref name="after"/> instead of <paramref name="expected"/>, atomically.</summary>
    (OsError? Error, string? Problem) Replace(byte[] path, byte[] expected, byte[] after, Action<string?> beforeChange);

    /// <summary>Removes the link itself (never its target, never recursively) if it still stores <paramref name="expected"/>.</summary>
    (OsError? Error, string? Problem) Remove(byte[] path, byte[] expected, Action<string?> beforeChange);

    /// <summary>Undo of a removal: makes the link again when nothing is at <paramref name="path"/> now.</summary>
    /// <param name="path">Where the link was.</param>
    /// <param name="target">What it stored.</param>
    /// <param name="linkType">The <see cref="Journal.JournalEntry.LinkType"/> recorded when it was removed.</param>
    (OsError? Error, string? Problem) Restore(byte[] path, byte[] target, string? linkType);
}
