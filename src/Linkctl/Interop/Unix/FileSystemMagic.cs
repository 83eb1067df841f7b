namespace Linkctl.Interop.Unix;

/// <summary>statfs(2)'s f_type magic numbers (linux/magic.h and the file systems' own headers).</summary>
internal static class FileSystemMagic
{
    internal const long Ext4 = 0xEF53; // also ext2 and ext3
    internal const long Tmpfs = 0x01021994;
    internal const long Btrfs = 0x9123683E;
    internal const long Xfs = 0x58465342;
    internal const long Fuse = 0x65735546; // fuse and fuseblk alike
    internal const long Vfat = 0x4d44; // MSDOS_SUPER_MAGIC
    internal const long Exfat = 0x2011BAB0; // the in-kernel exfat driver
    internal const long Ntfs = 0x5346544e; // ntfs and ntfs3
    internal const long Nfs = 0x6969;
    internal const long Cifs = 0xFF534D42;
    internal const long Smb2 = 0xFE534D42;
    internal const long Smb = 0x517B;
    internal const long Overlayfs = 0x794c7630;
    internal const long V9fs = 0x01021997; // 9p: WSL2's /mnt/c (drvfs) and hypervisor shares
    internal const long WslDrvfs = 0x53464846; // WSL1's drvfs ("FHFS")
    internal const long Zfs = 0x2FC12FC1;
    internal const long F2fs = 0xF2F52010;
    internal const long Proc = 0x9fa0;
    internal const long Sysfs = 0x62656572;
    internal const long Ramfs = 0x858458f6;
    internal const long Squashfs = 0x73717368;
    internal const long Iso9660 = 0x9660;

    internal static string? NameOf(long magic) => (magic & 0xFFFFFFFF) switch
    {
        Ext4 => "ext4",
        Tmpfs => "tmpfs",
        Btrfs => "btrfs",
        Xfs => "xfs",
        Fuse => "fuse",
        Vfat => "vfat",
        Exfat => "exfat",
        Ntfs => "ntfs",
        Nfs => "nfs",
        Cifs => "cifs",
        Smb2 => "smb2",
        Smb => "smb",
        Overlayfs => "overlay",
        V9fs => "9p",
        WslDrvfs => "drvfs",
        Zfs => "zfs",
        F2fs => "f2fs",
        Proc => "proc",
        Sysfs => "sysfs",
        Ramfs => "ramfs",
        Squashfs => "squashfs",
        Iso9660 => "iso9660",
        _ => null,
    };
}
