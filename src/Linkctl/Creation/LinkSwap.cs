using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Puts a new link, already made beside an old one, in the old one's place, so that at every
/// moment the name is either the old link or the new one. Shared by <c>new --force</c> and
/// <c>repair</c>. Windows cannot rename onto a folder (directory links and junctions are
/// folders), so there the old link is first moved aside, and moved back if the new one cannot
/// take its place.
/// </summary>
internal static class LinkSwap
{
    /// <summary>A hidden name beside <paramref name="name"/> for a link in transit (<paramref name="role"/>: new, old, repair).</summary>
    public static string BesideName(string name, string role) =>
        $".{name}.linkctl-{role}-{Guid.NewGuid():N}"[..Math.Min(name.Length + role.Length + 25, 240)];

    /// <summary>
    /// Moves <paramref name="temporary"/> onto <paramref name="destination"/>. Null on success;
    /// otherwise the OS error, with the old link back at <paramref name="destination"/> and the
    /// new one removed (<see cref="SwapFailure.OldLinkLeftAt"/> says where the old link is when
    /// even moving it back failed).
    /// </summary>
    public static SwapFailure? Install(ILinkSystem system, string temporary, string destination)
    {
        // The rename itself is no guard: MoveFileExW(MOVEFILE_REPLACE_EXISTING) replaces a file
        // even with a folder (docs/windows-facts.md; Wine's ntdll test_file_rename_information, run
        // on Windows), as rename(2) replaces a file with a symbolic link. So what is at the
        // destination is checked again right before, and only a link is ever replaced.
        var current = system.GetEntry(destination);
        if (current.Exists && current.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            system.RemoveLink(temporary);
            return new SwapFailure(NotALink(system), null);
        }

        var renamed = system.Rename(temporary, destination);
        if (renamed is null)
        {
            return null;
        }

        var paths = system.Paths;
        var aside = paths.Combine(paths.GetDirectoryName(destination)!, BesideName(paths.GetFileName(destination), "old"));
        var movedAside = system.Rename(destination, aside);
        if (movedAside is not null)
        {
            system.RemoveLink(temporary);
            return new SwapFailure(movedAside, null);
        }

        renamed = system.Rename(temporary, destination);
        if (renamed is not null)
        {
            var movedBack = system.Rename(aside, destination);
            system.RemoveLink(temporary);
            return new SwapFailure(renamed, movedBack is null ? null : aside);
        }

        // The old link is a link (checked above): removing it never touches its target.
        system.RemoveLink(aside);
        return null;
    }

    // ERROR_NOT_A_REPARSE_POINT on Windows; EEXIST where names are plain inodes. Both classify as a conflict.
    private static OsError NotALink(ILinkSystem system) =>
        system.Paths.Separator == '\\' ? OsError.Win32(Win32ErrorNames.NotAReparsePoint) : OsError.Errno(Interop.Unix.LibC.EEXIST);
}

/// <summary>Why a swap failed, and where the old link was left if it could not be moved back.</summary>
internal sealed record SwapFailure(OsError Error, string? OldLinkLeftAt);
