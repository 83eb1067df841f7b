using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>
/// The backend on file systems mounted for the test (root): tmpfs for cross-device links, a
/// read-only bind mount for EROFS, and exFAT through FUSE, which stores no links at all.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnixMountedFileSystemTests : IDisposable
{
    private static Linkctl.Copying.UnixTreeCopier Copier => UnixBackend.Copier();

    private readonly ScratchDirectory _disk = new("linkctl-unix-mnt-");

    public void Dispose() => _disk.Dispose();

    [RequiresFact("linux", "root")]
    public void Tmpfs_is_reported_as_tmpfs_with_both_kinds_of_links()
    {
        using var tmpfs = new TmpfsMount();

        var volume = UnixBackend.Create().GetVolume(tmpfs.MountPath);

        Assert.Equal("tmpfs", volume.FileSystem);
        Assert.Equal(tmpfs.MountPath, volume.Root);
        Assert.Equal(true, volume.SupportsSymbolicLinks);
        Assert.Equal(true, volume.SupportsHardLinks);
        Assert.Equal(VolumeLocation.Local, volume.Location);
        Assert.False(volume.ReadOnly);
        Assert.NotEqual(UnixBackend.Create().GetVolume(_disk.Path).VolumeId, volume.VolumeId);
    }

    [RequiresFact("linux", "root")]
    public void A_mount_point_whose_name_mountinfo_escapes_is_found_by_its_real_name()
    {
        using var tmpfs = new TmpfsMount("odd mount\twith\\escapes");
        Directory.CreateDirectory(tmpfs.PathOf("inner"));

        var volume = UnixBackend.Create().GetVolume(tmpfs.PathOf("inner"));

        Assert.Equal("tmpfs", volume.FileSystem);
        Assert.Equal(tmpfs.MountPath, volume.Root);
    }

    [RequiresFact("linux", "root")]
    public void A_hard_link_from_disk_to_tmpfs_is_EXDEV_cross_device_and_rename_too()
    {
        using var tmpfs = new TmpfsMount();
        var onDisk = _disk.PathOf("file");
        File.WriteAllText(onDisk, "x");
        var system = UnixBackend.Create();

        var link = system.CreateHardLink(tmpfs.PathOf("link"), onDisk);
        var rename = system.Rename(onDisk, tmpfs.PathOf("moved"));

        Assert.Equal("EXDEV", link.Error!.Name);
        Assert.Equal(FailureKind.CrossDevice, LinkClassifier.Classify(link.Error!, LinkOperation.CreateHardLink));
        Assert.Equal("EXDEV", rename.Error!.Name);
        Assert.Equal(FailureKind.CrossDevice, LinkClassifier.Classify(rename.Error!, LinkOperation.Rename));
        Assert.True(File.Exists(onDisk));
    }

    [RequiresFact("linux", "root")]
    public void A_symbolic_link_across_devices_works_and_copy_crosses_too()
    {
        using var tmpfs = new TmpfsMount();
        File.WriteAllText(_disk.PathOf("file"), "across");
        var system = UnixBackend.Create();

        OsAssert.Succeeded(system.CreateSymbolicLink(tmpfs.PathOf("link"), _disk.PathOf("file"), isDirectory: false));
        OsAssert.Succeeded(Copier.Copy(_disk.PathOf("file"), tmpfs.PathOf("copy"), isDirectory: false));

        Assert.Equal(_disk.PathOf("file"), system.GetTargetEntry(tmpfs.PathOf("link")).FinalPath);
        Assert.Equal("across", File.ReadAllText(tmpfs.PathOf("copy")));
    }

    [RequiresFact("linux", "root")]
    public void A_read_only_mount_refuses_every_change_with_EROFS_and_says_it_is_read_only()
    {
        using var ro = new ReadOnlyBindMount();
        File.WriteAllText(ro.SourcePathOf("file"), "x");
        File.CreateSymbolicLink(ro.SourcePathOf("link"), "file");
        var system = UnixBackend.Create();

        var volume = system.GetVolume(ro.MountPath);
        OsResult[] errors =
        [
            system.CreateSymbolicLink(ro.PathOf("new"), "file", isDirectory: false),
            system.CreateHardLink(ro.PathOf("hard"), ro.PathOf("file")),
            system.RemoveLink(ro.PathOf("link")),
            system.Rename(ro.PathOf("link"), ro.PathOf("renamed")),
            Copier.Copy(ro.PathOf("file"), ro.PathOf("copy"), isDirectory: false),
        ];
        LinkOperation[] operations = [LinkOperation.CreateSymbolicLink, LinkOperation.CreateHardLink, LinkOperation.Remove, LinkOperation.Rename, LinkOperation.Copy];

        Assert.True(volume.ReadOnly);
        Assert.False(system.GetVolume(ro.SourcePath).ReadOnly);
        for (var i = 0; i < errors.Length; i++)
        {
            Assert.Equal("EROFS", errors[i].Error!.Name);
            Assert.Equal(FailureKind.ReadOnly, LinkClassifier.Classify(errors[i].Error!, operations[i]));
        }

        Assert.Equal(EntryType.SymbolicLink, system.GetEntry(ro.PathOf("link")).Type);
        Assert.Equal("file", OsAssert.Link(system.ReadLink(ro.PathOf("link"))).Target);
    }

    [RequiresFact("linux", "root", "fuse", "losetup", "mkfs.exfat", "mount.exfat-fuse")]
    public void Exfat_through_FUSE_is_fuseblk_without_links_read_from_its_boot_sector()
    {
        using var exfat = new ExfatVolume();

        var volume = UnixBackend.Create().GetVolume(exfat.MountPath);

        Assert.Equal("fuseblk", volume.FileSystem);
        Assert.Equal(exfat.MountPath, volume.Root);
        Assert.Equal(false, volume.SupportsSymbolicLinks);
        Assert.Equal(false, volume.SupportsHardLinks);
        Assert.Contains("on-disk format exfat", volume.Detail);
        Assert.Contains(exfat.LoopDevice!, volume.Detail);
    }

    [RequiresFact("linux", "root", "fuse", "losetup", "mkfs.exfat", "mount.exfat-fuse")]
    public void Exfat_symlink_is_ENOSYS_and_link_is_EPERM_both_not_supported()
    {
        using var exfat = new ExfatVolume();
        File.WriteAllText(exfat.PathOf("file.txt"), "on the stick");
        var system = UnixBackend.Create();

        var symbolic = system.CreateSymbolicLink(exfat.PathOf("link"), "file.txt", isDirectory: false);
        var hard = system.CreateHardLink(exfat.PathOf("hard"), exfat.PathOf("file.txt"));

        Assert.Equal("ENOSYS", symbolic.Error!.Name);
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(symbolic.Error!, LinkOperation.CreateSymbolicLink));
        Assert.Equal("EPERM", hard.Error!.Name);
        // The same errno is AccessDenied elsewhere: the classifier decides with the volume's facts.
        var volume = system.GetVolume(exfat.PathOf("file.txt"));
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(symbolic.Error!, LinkOperation.CreateSymbolicLink, volume));
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(hard.Error!, LinkOperation.CreateHardLink, volume));
        Assert.Equal(FailureKind.AccessDenied, LinkClassifier.Classify(hard.Error!, LinkOperation.CreateHardLink));
        Assert.False(system.GetEntry(exfat.PathOf("link")).Exists);
        Assert.False(system.GetEntry(exfat.PathOf("hard")).Exists);
    }

    [RequiresFact("linux", "root", "fuse", "losetup", "mkfs.exfat", "mount.exfat-fuse")]
    public void Exfat_takes_copies_and_RemoveLink_still_refuses_its_files()
    {
        using var exfat = new ExfatVolume();
        Directory.CreateDirectory(_disk.PathOf("tree/sub"));
        File.WriteAllText(_disk.PathOf("tree/sub/f.txt"), "copied");
        var system = UnixBackend.Create();

        OsAssert.Succeeded(Copier.Copy(_disk.PathOf("tree"), exfat.PathOf("tree"), isDirectory: true));

        Assert.Equal("copied", File.ReadAllText(exfat.PathOf("tree/sub/f.txt")));
        Assert.Equal("EINVAL", system.RemoveLink(exfat.PathOf("tree/sub/f.txt")).Error!.Name);
        Assert.True(File.Exists(exfat.PathOf("tree/sub/f.txt")));
    }

    [RequiresFact("linux", "root", "fuse", "losetup", "mkfs.exfat", "mount.exfat-fuse")]
    public void Exfat_fixture_leaves_no_mount_and_no_loop_device_behind()
    {
        string mountPath;
        using (var exfat = new ExfatVolume())
        {
            mountPath = exfat.MountPath;
            Assert.Contains(MountInfo(), m => m == mountPath);
        }

        Assert.DoesNotContain(MountInfo(), m => m == mountPath);
        // losetup -a names each loop device's backing image, which lived next to the mount folder.
        Assert.DoesNotContain(Path.GetDirectoryName(mountPath)!, ProcessRunner.Run("losetup", "-a").EnsureSuccess().StdOut);
        Assert.False(Directory.Exists(mountPath));
    }

    private static IEnumerable<string> MountInfo() =>
        Linkctl.Interop.Unix.MountInfo.ReadSelf().Select(m => m.MountPoint);
}
