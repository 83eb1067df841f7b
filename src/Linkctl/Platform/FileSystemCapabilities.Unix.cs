using Linkctl.Interop.Unix;

namespace Linkctl.Platform;

/// <summary>What a Linux file system type can store, decided from its name, mount options and on-disk format.</summary>
internal sealed record UnixFileSystemCapabilities(bool? SymbolicLinks, bool? HardLinks, VolumeLocation Location, string? Note)
{
    private static readonly HashSet<string> Native = new(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "ramfs", "zfs", "f2fs", "jfs", "reiserfs", "nilfs2", "bcachefs",
        "ntfs3", // the kernel's NTFS driver stores both kinds
    };

    private static readonly HashSet<string> WithoutLinks = new(StringComparer.Ordinal) { "vfat", "msdos", "exfat", "fat" };

    private static readonly HashSet<string> Network = new(StringComparer.Ordinal)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "afs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "davfs", "fuse.davfs2",
    };

    /// <param name="fileSystemType">The mountinfo type ("ext4", "fuseblk", "cifs"), or statfs's name when mountinfo had none.</param>
    /// <param name="mount">The mount, for its source and options; null when /proc/self/mountinfo was unreadable.</param>
    /// <param name="onDiskFormat">For FUSE block mounts: the format read from the device's boot sector ("exfat", "ntfs", "vfat"), or null.</param>
    internal static UnixFileSystemCapabilities For(string fileSystemType, MountEntry? mount, string? onDiskFormat)
    {
        var location = Network.Contains(fileSystemType) ? VolumeLocation.Remote : VolumeLocation.Local;
        if (Native.Contains(fileSystemType))
        {
            return new(true, true, location, null);
        }

        if (WithoutLinks.Contains(fileSystemType))
        {
            return new(false, false, location, $"{fileSystemType} stores neither symbolic nor hard links");
        }

        switch (fileSystemType)
        {
            case "fuse" or "fuseblk":
                return onDiskFormat switch
                {
                    "exfat" or "vfat" => new(false, false, location, $"a FUSE driver for {onDiskFormat}, which stores neither symbolic nor hard links"),
                    "ntfs" => new(true, true, location, "ntfs-3g stores symbolic links as Windows reparse points and makes hard links"),
                    _ => new(null, null, VolumeLocation.Unknown, "a FUSE file system: what it can store depends on its driver, so linkctl tries and reads the result back"),
                };
            case "cifs" or "smb3":
                return mount is not null && mount.HasMountOption("mfsymlinks")
                    ? new(true, null, location, "SMB mount with mfsymlinks: symbolic links are stored as Minshall+French files; hard links depend on the server")
                    : new(null, null, location, "SMB mount: symbolic links need the mfsymlinks option or a server with Unix extensions; hard links depend on the server");
            case "nfs" or "nfs4":
                return new(null, null, location, "NFS: links are made by the server's file system");
            case "9p":
                // WSL2 mounts Windows drives (/mnt/c) as 9p served by "drvfs"; other 9p shares come from a hypervisor.
                var drvfs = mount is not null && (mount.Source == "drvfs" || mount.SuperOptions.Contains("aname=drvfs", StringComparison.Ordinal));
                return new(null, null, drvfs ? VolumeLocation.Local : VolumeLocation.Unknown, drvfs
                    ? "WSL2 drvfs (a Windows drive): symbolic links work when the Windows side allows them; hard links only within NTFS"
                    : "9p share: what it can store depends on the host");
            case "drvfs":
                return new(null, null, VolumeLocation.Local, "WSL1 drvfs (a Windows drive): symbolic links work when the Windows side allows them");
            case "overlay":
                return new(true, true, location, "overlayfs: links are stored in its upper layer");
            default:
                return new(null, null, location == VolumeLocation.Remote ? location : VolumeLocation.Unknown, $"{fileSystemType}: not a file system linkctl knows; it tries and reads the result back");
        }
    }

    /// <summary>
    /// The file system format from the first sector of a device or image: FUSE mounts report only
    /// "fuse"/"fuseblk", which cannot tell exFAT (no links) from NTFS (links). Null when unknown.
    /// </summary>
    internal static string? FormatFromBootSector(ReadOnlySpan<byte> sector)
    {
        if (sector.Length < 90)
        {
            return null;
        }

        if (sector[3..11].SequenceEqual("EXFAT   "u8))
        {
            return "exfat";
        }

        if (sector[3..11].SequenceEqual("NTFS    "u8))
        {
            return "ntfs";
        }

        if (sector[82..87].SequenceEqual("FAT32"u8) || sector[54..59].SequenceEqual("FAT12"u8) || sector[54..59].SequenceEqual("FAT16"u8))
        {
            return "vfat";
        }

        return null;
    }
}
