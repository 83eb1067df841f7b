namespace Linkctl.Scanning;

/// <summary>
/// Which devices hold network file systems, read once from /proc/self/mountinfo, so that a link's
/// target device can be called remote without a statfs per link.
/// </summary>
internal sealed class MountTable
{
    // Network and cluster file systems as /proc/self/mountinfo names them.
    private static readonly HashSet<string> RemoteTypes = new(StringComparer.Ordinal)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre", "gpfs",
        "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs", "fuse.cephfs",
    };

    private readonly Dictionary<ulong, string> fileSystemByDevice;

    private MountTable(Dictionary<ulong, string> fileSystemByDevice) => this.fileSystemByDevice = fileSystemByDevice;

    public static MountTable Empty { get; } = new([]);

    public static MountTable Load(string mountInfoPath = "/proc/self/mountinfo")
    {
        try
        {
            return Parse(File.ReadAllLines(mountInfoPath));
        }
        catch (IOException)
        {
            return Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// mountinfo lines: "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw";
    /// field 3 is major:minor, and the type follows the "-" that ends the optional fields.
    /// </summary>
    public static MountTable Parse(IEnumerable<string> lines)
    {
        var map = new Dictionary<ulong, string>();
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 7 || dash < 0 || dash + 1 >= fields.Length)
            {
                continue;
            }

            var devParts = fields[2].Split(':');
            if (devParts.Length != 2 || !uint.TryParse(devParts[0], out var major) || !uint.TryParse(devParts[1], out var minor))
            {
                continue;
            }

            map[((ulong)major << 32) | minor] = fields[dash + 1];
        }

        return new MountTable(map);
    }

    /// <summary>The file system type of a device (packed as major &lt;&lt; 32 | minor), or null.</summary>
    public string? FileSystemOf(ulong device) => fileSystemByDevice.GetValueOrDefault(device);

    public bool IsRemote(ulong device) => fileSystemByDevice.TryGetValue(device, out var type) && RemoteTypes.Contains(type);
}
