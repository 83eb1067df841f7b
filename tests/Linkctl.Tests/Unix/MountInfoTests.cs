using System.Text;
using Linkctl.Interop.Unix;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>The /proc/self/mountinfo parser, on lines in the kernel's format (proc(5)).</summary>
public sealed class MountInfoTests
{
    [Fact]
    public void A_line_with_optional_fields_is_split_at_the_separator()
    {
        var entry = MountInfo.ParseLine("36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 - ext3 /dev/root rw,errors=continue")!;

        Assert.Equal(36, entry.MountId);
        Assert.Equal(35, entry.ParentId);
        Assert.Equal(98u, entry.Major);
        Assert.Equal(0u, entry.Minor);
        Assert.Equal("/mnt1", entry.Root);
        Assert.Equal("/mnt/parent", entry.MountPoint);
        Assert.Equal("rw,noatime", entry.MountOptions);
        Assert.Equal(["master:1", "shared:7"], entry.OptionalFields);
        Assert.Equal("ext3", entry.FileSystemType);
        Assert.Equal("/dev/root", entry.Source);
        Assert.Equal("rw,errors=continue", entry.SuperOptions);
        Assert.False(entry.ReadOnly);
    }

    [Fact]
    public void Escaped_space_tab_newline_and_backslash_are_decoded()
    {
        var entry = MountInfo.ParseLine(@"42 27 7:0 / /media/My\040Stick\011x\012y\134z ro,nosuid - fuseblk /dev/loop0 rw,user_id=0")!;

        Assert.Equal("/media/My Stick\tx\ny\\z", entry.MountPoint);
        Assert.Empty(entry.OptionalFields);
        Assert.Equal("fuseblk", entry.FileSystemType);
        Assert.True(entry.ReadOnly);
    }

    [Fact]
    public void Escapes_standing_for_UTF8_bytes_decode_as_one_character()
    {
        Assert.Equal("/mnt/caf\u00e9 x", MountInfo.Unescape(@"/mnt/caf\303\251\040x"));
        Assert.Equal(@"\x", MountInfo.Unescape(@"\x"));
        Assert.Equal(@"end\04", MountInfo.Unescape(@"end\04"));
    }

    [Fact]
    public void Malformed_lines_are_skipped()
    {
        var text = Encoding.UTF8.GetBytes("garbage\n\n1 2 3\n36 35 98:0 / / rw - ext4 /dev/sda1 rw\nx y 1:2 / /a rw - ext4 s rw\n");

        var entries = MountInfo.Parse(text);

        Assert.Single(entries);
        Assert.Equal("/", entries[0].MountPoint);
    }

    [Fact]
    public void The_deepest_mount_holding_a_path_wins_and_a_later_mount_on_the_same_point_hides_the_earlier()
    {
        var mounts = MountInfo.Parse(Encoding.UTF8.GetBytes(string.Join('\n',
            "1 0 8:1 / / rw - ext4 /dev/sda1 rw",
            "2 1 0:30 / /mnt rw - tmpfs tmpfs rw",
            "3 1 0:31 / /mnt/data rw - xfs /dev/sdb1 rw",
            "4 1 0:32 / /mnt/data rw - btrfs /dev/sdc1 rw",
            "5 1 0:33 / /mnt/dat rw - vfat /dev/sdd1 rw")));

        Assert.Equal("btrfs", MountInfo.FindFor(mounts, "/mnt/data/x/y")!.FileSystemType);
        Assert.Equal("btrfs", MountInfo.FindFor(mounts, "/mnt/data")!.FileSystemType);
        Assert.Equal("tmpfs", MountInfo.FindFor(mounts, "/mnt/database")!.FileSystemType);
        Assert.Equal("ext4", MountInfo.FindFor(mounts, "/home")!.FileSystemType);
    }

    [RequiresFact("linux")]
    public void The_real_mount_table_of_this_process_parses_every_line_and_has_a_root()
    {
        var text = File.ReadAllBytes(MountInfo.SelfPath);

        var mounts = MountInfo.Parse(text);

        Assert.Equal(Encoding.UTF8.GetString(text).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, mounts.Count);
        Assert.Contains(mounts, m => m.MountPoint == "/");
    }

    [Theory]
    [InlineData("ext4", true, true)]
    [InlineData("tmpfs", true, true)]
    [InlineData("xfs", true, true)]
    [InlineData("btrfs", true, true)]
    [InlineData("vfat", false, false)]
    [InlineData("exfat", false, false)]
    [InlineData("msdos", false, false)]
    [InlineData("cifs", null, null)]
    [InlineData("fuseblk", null, null)]
    public void What_a_file_system_type_can_store(string type, bool? symbolic, bool? hard)
    {
        var capabilities = UnixFileSystemCapabilities.For(type, null, null);

        Assert.Equal(symbolic, capabilities.SymbolicLinks);
        Assert.Equal(hard, capabilities.HardLinks);
    }

    [Fact]
    public void A_FUSE_mount_is_judged_by_its_on_disk_format()
    {
        Assert.Equal(false, UnixFileSystemCapabilities.For("fuseblk", null, "exfat").SymbolicLinks);
        Assert.Equal(true, UnixFileSystemCapabilities.For("fuseblk", null, "ntfs").HardLinks);
    }

    [Fact]
    public void Network_mounts_are_remote_and_cifs_with_mfsymlinks_stores_symbolic_links()
    {
        var cifs = MountInfo.ParseLine(@"50 1 0:40 / /mnt/share rw - cifs //server/share rw,vers=3.1.1,mfsymlinks")!;
        var plain = MountInfo.ParseLine(@"51 1 0:41 / /mnt/share2 rw - cifs //server/share2 rw,vers=3.1.1")!;

        Assert.Equal(VolumeLocation.Remote, UnixFileSystemCapabilities.For("cifs", cifs, null).Location);
        Assert.Equal(true, UnixFileSystemCapabilities.For("cifs", cifs, null).SymbolicLinks);
        Assert.Null(UnixFileSystemCapabilities.For("cifs", plain, null).SymbolicLinks);
        Assert.Equal(VolumeLocation.Remote, UnixFileSystemCapabilities.For("nfs4", null, null).Location);
        Assert.Equal(VolumeLocation.Local, UnixFileSystemCapabilities.For("ext4", null, null).Location);
    }

    [Fact]
    public void WSL2_drives_are_9p_served_by_drvfs_and_local()
    {
        var drive = MountInfo.ParseLine(@"80 60 0:52 / /mnt/c rw,noatime - 9p C:\134 rw,dirsync,aname=drvfs;path=C:\;uid=1000,trans=virtio")!;

        Assert.Equal(VolumeLocation.Local, UnixFileSystemCapabilities.For("9p", drive, null).Location);
    }
}
