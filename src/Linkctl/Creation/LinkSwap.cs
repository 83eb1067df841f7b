using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Creation;

/// <summary>
/// Puts a new link, already made beside an old one, in the old one's place, so that at every
/// moment the name is the old link or the new one (on Linux; on Windows it is missing for the
/// moment between two renames: <see cref="CheckedSwap"/>). Shared by <c>new --force</c> and <c>repair</c>.
/// </summary>
internal static class LinkSwap
{
    /// <summary>
    /// Moves <paramref name="temporary"/> (a link just made in the same folder) onto
    /// <paramref name="destination"/>, which must still be the link that was checked. On failure the
    /// old link is back at <paramref name="destination"/> and the new one removed, and the problem says
    /// where the old link is when even moving it back failed.
    /// </summary>
    public static StepResult Install(ILinkSystem system, string temporary, string destination) => InstallPinned(system, temporary, destination);

    /// <summary>
    /// Both names are acted on inside their pinned folder, and the old link is checked before it is
    /// deleted (<see cref="CheckedSwap"/>: exchanged out and checked on Linux; held by its handle,
    /// checked, moved aside and deleted by that handle on Windows), so a file swapped in at the last
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
            if (made.Identity is not { } madeIdentity || !paths.PathEquals(paths.GetDirectoryName(temporary)!, folderPath))
            {
                return StepResult.Failed($"the new link is not in the pinned folder {folderPath}; nothing was replaced", made.Error);
            }

            var current = folder.GetEntry(name);
            if (current.Type is not (EntryType.SymbolicLink or EntryType.Junction))
            {
                CheckedSwap.RemoveOurs(folder, temporaryName, madeIdentity);
                return StepResult.Failed("the name is no longer the link that was checked (something that is not a link took its place); it was left alone", NotALink(system));
            }

            var planned = PlannedLink.Of(name, current, folder.ReadLink(name).ValueOr(null))!;
            var result = CheckedSwap.Install(folder, temporaryName, madeIdentity, planned);
            return result.Succeeded || result.Error is not null ? result : StepResult.Failed(result.Problem!, NotALink(system));
        }
    }

    // ERROR_NOT_A_REPARSE_POINT on Windows; EEXIST where names are plain inodes. Both classify as a conflict.
    private static OsError NotALink(ILinkSystem system) =>
        system.Paths.Flavour == Paths.OsFlavour.Windows ? OsError.Win32(Win32ErrorNames.NotAReparsePoint) : OsError.Errno(Interop.Unix.LibC.EEXIST);
}
