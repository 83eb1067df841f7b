using Linkctl.Interop.Unix;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// Which devices hold network file systems, read once from /proc/self/mountinfo (the Unix
/// backend's parser and its list of network types), so that a link's target can be called
/// remote with one lookup by device instead of a statfs per link.
/// </summary>
internal sealed class MountTable
{
    private readonly HashSet<ulong> remoteDevices;

    private MountTable(HashSet<ulong> remoteDevices) => this.remoteDevices = remoteDevices;

    public static MountTable Load() => From(MountInfo.ReadSelf());

    public static MountTable From(IEnumerable<MountEntry> entries)
    {
        var remote = new HashSet<ulong>();
        foreach (var e in entries)
        {
            if (UnixFileSystemCapabilities.For(e.FileSystemType, e, null).Location == VolumeLocation.Remote)
            {
                remote.Add(((ulong)e.Major << 32) | e.Minor);
            }
        }

        return new MountTable(remote);
    }

    /// <summary>Whether the device (packed as major &lt;&lt; 32 | minor, as statx gives them) holds a network file system.</summary>
    public bool IsRemote(ulong device) => remoteDevices.Contains(device);
}
