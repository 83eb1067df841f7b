namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A fresh tmpfs mounted in a unique temp folder (needs root): a second local file system, for
/// cross-device cases, and a mount point whose name can hold characters mountinfo escapes.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private readonly string _root;
    private bool _mounted;

    /// <param name="mountDirectoryName">The mount folder's name inside the scratch folder; spaces, tabs and backslashes test mountinfo's escapes.</param>
    /// <param name="sizeMiB">The size limit.</param>
    /// <param name="inodes">nr_inodes: a limit on files, folders and links together (a full disk for tests), or null for tmpfs's default.</param>
    public TmpfsMount(string mountDirectoryName = "mnt", int sizeMiB = 16, int? inodes = null)
    {
        _root = Directory.CreateTempSubdirectory("linkctl-tmpfs-").FullName;
        MountPath = Path.Combine(_root, mountDirectoryName);
        try
        {
            Directory.CreateDirectory(MountPath);
            ProcessRunner.Run("mount", "-t", "tmpfs", "-o", $"size={sizeMiB}m" + (inodes is { } n ? $",nr_inodes={n}" : string.Empty), "tmpfs", MountPath).EnsureSuccess();
            _mounted = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string MountPath { get; }

    public string PathOf(string relative) => Path.Combine(MountPath, relative);

    public void Dispose()
    {
        try
        {
            if (_mounted)
            {
                MountPoint.Unmount(MountPath);
                _mounted = false;
            }
        }
        finally
        {
            MountPoint.DeleteScratch(_root, _mounted);
        }
    }
}
