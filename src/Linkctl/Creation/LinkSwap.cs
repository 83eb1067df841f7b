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
    /// Moves <paramref name="temporary"/> onto <paramref name="destination"/>. On failure the OS
    /// error with the old link back at <paramref name="destination"/> and the new one removed,
    /// and the problem says where the old link is when even moving it back failed.
    /// </summary>
    public static StepResult Install(ILinkSystem system, string temporary, string destination)
    {
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

        // The old link is a link (the callers checked): removing it never touches its target.
        system.RemoveLink(aside);
        return StepResult.Success;
    }

    private const string KeptOld = "cannot move the new link into place; the old link was kept";
}
