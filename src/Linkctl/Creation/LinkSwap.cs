using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;

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
    /// Moves <paramref name="temporary"/> onto <paramref name="destination"/>. On failure the OS
    /// error with the old link back at <paramref name="destination"/> and the new one removed,
    /// and the problem says where the old link is when even moving it back failed.
    /// </summary>
    public static StepResult Install(ILinkSystem system, string temporary, string destination)
    {
        if (system.Paths.Flavour != Paths.OsFlavour.Windows)
        {
            return InstallPinned(system, temporary, destination);
        }

        // The rename itself is no guard: MoveFileExW(MOVEFILE_REPLACE_EXISTING) replaces a file
        // even with a folder (docs/windows-facts.md; Wine's ntdll test_file_rename_information, run
        // on Windows), as rename(2) replaces a file with a symbolic link. So what is at the
        // destination is checked again right before, and only a link is ever replaced.
        var current = system.GetEntry(destination);
        if (current.Exists && current.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            system.RemoveLink(temporary);
            return StepResult.Failed("the name is no longer the link that was checked (something that is not a link took its place); it was left alone", NotALink(system));
        }

        var renamed = system.Rename(temporary, destination);
        if (renamed.Succeeded)
        {
            return StepResult.Success;
        }

        var paths = system.Paths;
        var aside = paths.Combine(paths.GetDirectoryName(destination)!, BesideName(paths.GetFileName(destination), "old"));
        var movedAside = system.Rename(destination, aside);
        if (!movedAside.Succeeded)
        {
            system.RemoveLink(temporary);
            return StepResult.Failed(KeptOld, movedAside.Error);
        }

        renamed = system.Rename(temporary, destination);
        if (!renamed.Succeeded)
        {
            var movedBack = system.Rename(aside, destination);
            system.RemoveLink(temporary);
            return StepResult.Failed(movedBack.Succeeded ? KeptOld : $"cannot move the new link into place, nor the old link back: it is at {aside}", renamed.Error);
        }

        // The old link is a link (checked above): removing it never touches its target.
        system.RemoveLink(aside);
        return StepResult.Success;
    }

    /// <summary>
    /// Linux: both names are acted on inside their pinned folder, and the old link is exchanged out
    /// and checked before it is deleted (<see cref="CheckedSwap"/>), so a file swapped in at the last
    /// moment is never replaced.
    /// </summary>
    private static StepResult InstallPinned(ILinkSystem system, string temporary, string destination)
    {
        var paths = system.Paths;
        var folderPath = paths.GetDirectoryName(destination)!;
        var name = paths.GetFileName(destination);
        var temporaryName = paths.GetFileName(temporary);
        var pinned = system.PinFolder(folderPath);
        if (!pinned.TryGetValue(out var folder))
        {
            system.RemoveLink(temporary);
            return StepResult.Failed($"cannot hold the link's folder open: {pinned.Problem}", pinned.Error);
        }

        using (folder)
        {
            var made = folder.GetEntry(temporaryName);
            if (made.Identity is not { } madeIdentity || !string.Equals(paths.GetDirectoryName(temporary), folderPath, StringComparison.Ordinal))
            {
                return StepResult.Failed($"the new link is not in the pinned folder {folderPath}; nothing was replaced", made.Error);
            }

            var current = folder.GetEntry(name);
            if (current.Type != EntryType.SymbolicLink)
            {
                CheckedSwap.RemoveOurs(folder, temporaryName, madeIdentity);
                return StepResult.Failed("the name is no longer the link that was checked (something that is not a link took its place); it was left alone", NotALink(system));
            }

            var planned = PlannedLink.Of(name, current, folder.ReadLink(name).ValueOr(null))!;
            var result = CheckedSwap.Install(folder, temporaryName, madeIdentity, planned);
            return result.Succeeded || result.Error is not null ? result : StepResult.Failed(result.Problem!, NotALink(system));
        }
    }

    private const string KeptOld = "cannot move the new link into place; the old link was kept";

    // ERROR_NOT_A_REPARSE_POINT on Windows; EEXIST where names are plain inodes. Both classify as a conflict.
    private static OsError NotALink(ILinkSystem system) =>
        system.Paths.Flavour == Paths.OsFlavour.Windows ? OsError.Win32(Win32ErrorNames.NotAReparsePoint) : OsError.Errno(Interop.Unix.LibC.EEXIST);
}
