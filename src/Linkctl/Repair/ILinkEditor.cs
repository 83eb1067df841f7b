using Linkctl.Errors;

namespace Linkctl.Repair;

/// <summary>
/// The disk side of repair (<see cref="LinkEditor"/>). Paths and targets are the raw bytes of the
/// repair records. Every change first checks that the link still stores what the plan saw, calls
/// <c>beforeChange</c> (which writes the journal; a failure there stops the change) only once
/// nothing is left but the change itself, and reads the result back.
/// </summary>
internal interface ILinkEditor
{
    /// <summary>
    /// Makes the link at <paramref name="path"/> store <paramref name="after"/> instead of
    /// <paramref name="expected"/>, atomically, and reads back both its text and where it now
    /// leads (the object <paramref name="after"/> led to from its folder right before, or nothing).
    /// </summary>
    /// <param name="path">The link.</param>
    /// <param name="expected">What it must still store.</param>
    /// <param name="after">What it is to store.</param>
    /// <param name="beforeChange">Writes the journal; a failure stops the change.</param>
    /// <param name="keepsObject">The change must keep the link on the same object (--relative and its undo): checked again right before the change.</param>
    /// <param name="flipType">Windows: make the new link as the other type (folder link for a file link and back), for --fix-type and its undo.</param>
    StepResult Replace(byte[] path, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange, bool keepsObject = false, bool flipType = false);

    /// <summary>Removes the link itself (never its target, never recursively) if it still stores <paramref name="expected"/>.</summary>
    StepResult Remove(byte[] path, byte[] expected, Func<string?, OsResult> beforeChange);

    /// <summary>
    /// From now until the result is disposed, acts only on links below <paramref name="root"/>: the
    /// root is pinned once, and each link's folder is reached from it name by name following no link
    /// (Linux), so a folder swapped for a link out of the root is refused, never entered.
    /// </summary>
    StepResult<IDisposable> ConfineTo(string root);

    /// <summary>
    /// Temporary names killed runs had left in the folders acted in so far (each folder looked at
    /// once): removed when provably linkctl's (<see cref="Removal.StaleTemporaries.Decide"/>), else left and said why.
    /// </summary>
    IReadOnlyList<Removal.StaleTemporary> StaleTemporaries { get; }

    /// <summary>The targets the undo journal records for links in a folder (by the folder's path), for judging stale temporaries.</summary>
    Func<string, IReadOnlySet<string>>? JournalTargets { get; set; }

    /// <summary>Undo of a removal: makes the link again when nothing is at <paramref name="path"/> now.</summary>
    /// <param name="path">Where the link was.</param>
    /// <param name="target">What it stored.</param>
    /// <param name="linkType">The <see cref="Journal.JournalEntry.LinkType"/> recorded when it was removed.</param>
    StepResult Restore(byte[] path, byte[] target, string? linkType);

    /// <summary>Whether the link at <paramref name="path"/> stores <paramref name="target"/> now (checked in its pinned folder on Linux).</summary>
    bool StoresNow(byte[] path, byte[] target);

    /// <summary>
    /// Windows: replaces the WSL symbolic link at <paramref name="path"/> (still storing
    /// <paramref name="expected"/>) with an NT symbolic link storing <paramref name="after"/>, a file
    /// or folder link as its target is, or a junction where no symbolic link may be made and the
    /// target is a local folder; checked, swapped by handle, read back (text, kind, where it leads).
    /// The value says what was made.
    /// </summary>
    StepResult<string> ToNative(byte[] path, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange);

    /// <summary>Undo of <see cref="ToNative"/>: the link made (still storing <paramref name="expected"/>) becomes the WSL symbolic link storing <paramref name="linuxTarget"/> again.</summary>
    StepResult BackToWsl(byte[] path, byte[] expected, byte[] linuxTarget);

    /// <summary>The journal link type of the link at <paramref name="path"/> now (file_symlink, directory_symlink, junction), or null when it is no such link.</summary>
    string? LinkTypeNow(byte[] path);
}
