using System.Text.Json.Serialization;
using Linkctl.Errors;

namespace Linkctl.Platform;

[JsonConverter(typeof(JsonStringEnumConverter<VolumeLocation>))]
public enum VolumeLocation
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("local")] Local,
    [JsonStringEnumMemberName("removable")] Removable,
    /// <summary>A network share (UNC path, mapped drive, NFS, CIFS/SMB mount).</summary>
    [JsonStringEnumMemberName("remote")] Remote,
}

/// <summary>What the file system holding a path can do.</summary>
public sealed record VolumeFacts
{
    /// <summary>The volume's root or mount point ("C:\", "/mnt/usb").</summary>
    public required string Root { get; init; }

    /// <summary>The file system's name as the OS reports it ("NTFS", "exFAT", "ext4", "fuseblk").</summary>
    public required string FileSystem { get; init; }

    /// <summary>
    /// For a FUSE block mount, which reports only "fuseblk": the format read from the device's
    /// boot sector ("exfat", "ntfs", "vfat"); null when the OS names the file system itself.
    /// </summary>
    public string? OnDiskFormat { get; init; }

    /// <summary>The name to show people: the on-disk format where FUSE hides it ("exFAT", not "fuseblk"), else <see cref="FileSystem"/>.</summary>
    public string DisplayName => OnDiskFormat switch
    {
        null => FileSystem,
        "exfat" => "exFAT",
        "vfat" => "FAT",
        "ntfs" => "NTFS",
        var other => other,
    };

    public VolumeLocation Location { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>Whether symbolic links can be stored here; null when not known without trying.</summary>
    public bool? SupportsSymbolicLinks { get; init; }

    public bool? SupportsHardLinks { get; init; }

    /// <summary>Windows FILE_SUPPORTS_REPARSE_POINTS; null on Unix.</summary>
    public bool? SupportsReparsePoints { get; init; }

    /// <summary>Identifies the volume (volume serial, st_dev) to tell same-volume from cross-volume.</summary>
    public ulong? VolumeId { get; init; }

    /// <summary>Raw FileSystemFlags (Windows) or mount options (Unix) for reports.</summary>
    public string? Detail { get; init; }

    public OsError? Error { get; init; }
}
