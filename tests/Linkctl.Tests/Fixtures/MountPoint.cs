namespace Linkctl.Tests.Fixtures;

/// <summary>Unmounting for the mount fixtures, which must leave nothing mounted even after a failed test.</summary>
internal static class MountPoint
{
    /// <summary>Unmounts, retrying while FUSE or a lingering handle says "busy", then detaches lazily.</summary>
    public static void Unmount(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (ProcessRunner.Run("umount", path).ExitCode == 0)
            {
                return;
            }

            Thread.Sleep(200 * (attempt + 1));
        }

        var lazy = ProcessRunner.Run("umount", "-l", path);
        if (lazy.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not unmount {path}: {lazy.StdErr.Trim()}");
        }
    }

    /// <summary>Deletes a fixture's scratch folder, but never through a live mount (that would empty the mounted file system).</summary>
    public static void DeleteScratch(string root, bool stillMounted)
    {
        if (!stillMounted && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
