namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A scratch exFAT volume through FUSE, the Linux twin of a USB stick (needs root, fuse, losetup,
/// mkfs.exfat, mount.exfat-fuse): an image file, a loop device, mount.exfat-fuse. It stores no
/// links: symlink(2) fails with ENOSYS and link(2) with EPERM. Dispose always unmounts and
/// detaches the loop device, even after a failed test.
/// </summary>
internal sealed class ExfatVolume : IDisposable
{
    private readonly string _root;
    private readonly string _image;
    private bool _mounted;

    public ExfatVolume(int sizeMiB = 16)
    {
        _root = Directory.CreateTempSubdirectory("linkctl-exfat-").FullName;
        _image = Path.Combine(_root, "exfat.img");
        MountPath = Path.Combine(_root, "mnt");
        try
        {
            Directory.CreateDirectory(MountPath);
            using (var image = File.Create(_image))
            {
                image.SetLength((long)sizeMiB * 1024 * 1024);
            }

            ProcessRunner.Run("mkfs.exfat", _image).EnsureSuccess();
            LoopDevice = ProcessRunner.Run("losetup", "-f", "--show", _image).EnsureSuccess().StdOut.Trim();
            ProcessRunner.Run("mount.exfat-fuse", LoopDevice, MountPath).EnsureSuccess();
            _mounted = true;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string MountPath { get; }

    /// <summary>The loop device holding the image, e.g. /dev/loop0; null until attached.</summary>
    public string? LoopDevice { get; }

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
            try
            {
                if (!_mounted && !string.IsNullOrEmpty(LoopDevice))
                {
                    ProcessRunner.Run("losetup", "-d", LoopDevice).EnsureSuccess();
                }
            }
            finally
            {
                MountPoint.DeleteScratch(_root, _mounted);
            }
        }
    }
}
