namespace Linkctl.Platform;

/// <summary>
/// A drive letter that exists only in the logon session that made it: a network drive mapped
/// with `net use` (or Explorer) or a `subst` drive. An elevated window is another logon session
/// and does not see it (KB 937624, unless EnableLinkedConnections is set), nor do services or other
/// users; a junction that stores such a letter leads nowhere for them (docs/windows-facts.md).
/// </summary>
/// <param name="Drive">"Z:".</param>
/// <param name="Real">What the letter stands for: "\\server\share\" or the subst folder ("C:\work\").</param>
/// <param name="IsNetwork">A mapped network drive (else a subst drive).</param>
public sealed record SessionDrive(string Drive, string Real, bool IsNetwork)
{
    /// <summary>The session drive <paramref name="path"/> is written on, or null (not a drive letter, or a real volume's).</summary>
    internal static SessionDrive? Of(ILinkSystem system, string path)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(path);
        var paths = system.Paths;
        if (paths.Flavour != Paths.OsFlavour.Windows || path.Length < 2 || !char.IsAsciiLetter(path[0]) || path[1] != ':')
        {
            return null;
        }

        var drive = char.ToUpperInvariant(path[0]) + ":";
        var root = drive + "\\";

        // The letter's root, opened: a real volume's root is its own final path; a subst drive's is
        // the folder it stands for, a mapped drive's the share (GetFinalPathNameByHandleW,
        // VOLUME_NAME_DOS). When the final path cannot be had, the volume still says "remote".
        var final = system.GetTargetEntry(root).FinalPath;
        if (final is not null)
        {
            return paths.PathEquals(paths.GetRoot(final), root)
                ? null
                : new SessionDrive(drive, final.EndsWith('\\') ? final : final + "\\", paths.IsUnc(final));
        }

        var volume = system.GetVolume(root);
        return volume.Location == VolumeLocation.Remote && paths.IsUnc(volume.Root) ? new SessionDrive(drive, volume.Root, true) : null;
    }

    /// <summary><paramref name="path"/> (on this drive) written with what the drive stands for.</summary>
    public string RealPathOf(string path) => Real + path[Math.Min(3, path.Length)..];

    /// <summary>"a network drive mapped in this session" or "a subst drive of this session".</summary>
    public string Describe() => IsNetwork
        ? $"{Drive} is a network drive mapped in this logon session (to {Real.TrimEnd('\\')})"
        : $"{Drive} is a subst drive of this logon session (for {Real.TrimEnd('\\')})";
}
