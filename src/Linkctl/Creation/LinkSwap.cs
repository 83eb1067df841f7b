using Linkctl.Errors;
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

        // The old link is a link (the callers checked): removing it never touches its target.
        system.RemoveLink(aside);
        return null;
    }
}

/// <summary>Why a swap failed, and where the old link was left if it could not be moved back.</summary>
internal sealed record SwapFailure(OsError Error, string? OldLinkLeftAt);
