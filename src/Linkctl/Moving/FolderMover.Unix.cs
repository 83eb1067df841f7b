using Linkctl.Interop.Unix;

namespace Linkctl.Moving;

/// <summary>The mover's Linux facts: free space from statfs(2).</summary>
internal sealed partial class FolderMover
{
    /// <summary>Bytes free for an unprivileged user on the file system holding <paramref name="folder"/> (statfs f_bavail x f_bsize); null off Linux or on failure.</summary>
    private static long? FreeBytes(string folder) =>
        OperatingSystem.IsLinux() && LibC.Statfs(folder, out var status, out _) ? status.AvailableBytes : null;
}
