using Linkctl.Links;

namespace Linkctl.Audit;

/// <summary>What the audit knows about the folder holding a link.</summary>
/// <param name="Path">The folder's full path.</param>
/// <param name="OwnerId">Its owner's uid (Unix); null when unknown or on Windows.</param>
/// <param name="Mode">Its permission bits (mode &amp; 07777, Unix); null when unknown.</param>
internal sealed record FolderFacts(string Path, uint? OwnerId, uint? Mode)
{
    public bool WorldWritable => Mode is { } m && (m & 0b000_000_010) != 0;

    /// <summary>The sticky bit (01000): only an entry's owner (or the folder's) may remove or rename it.</summary>
    public bool Sticky => Mode is { } m && (m & 0x200) != 0;

    /// <summary>
    /// Windows: whether ordinary users may create entries here, from its DACL
    /// (<see cref="UserWritableFolders"/>); null when unknown or on Unix.
    /// </summary>
    public bool? UserWritable { get; init; }

    /// <summary>Windows: the folder's owner SID; null when unknown or on Unix.</summary>
    public string? OwnerSid { get; init; }

    /// <summary>Windows: why the folder's DACL and owner could not be read; null when read or not tried.</summary>
    public string? FolderReadError { get; init; }
}

/// <summary>One link as the audit rules see it; every field is a fact gathered beforehand.</summary>
internal sealed record LinkAuditFacts
{
    public required string LinkPath { get; init; }

    public required LinkKind Kind { get; init; }

    public required FolderFacts Folder { get; init; }

    /// <summary>The target as stored in the link (symbolic links, junctions).</summary>
    public string? StoredTarget { get; init; }

    /// <summary>The target as a full, lexically normalized path.</summary>
    public string? ResolvedTarget { get; init; }

    public bool TargetIsAbsolute { get; init; }

    /// <summary>The target is on a network file system (NFS, CIFS, UNC share).</summary>
    public bool TargetIsRemote { get; init; }

    /// <summary>Whether the target exists; a dangling planted link is dangerous too (a victim may create the file through it).</summary>
    public bool TargetExists { get; init; }

    /// <summary>The uid owning the link itself (for a hard link: the file).</summary>
    public uint? LinkOwnerId { get; init; }

    public uint? TargetOwnerId { get; init; }

    /// <summary>Windows: the SID owning the link itself (for a hard link: the file); null when unknown or on Unix.</summary>
    public string? LinkOwnerSid { get; init; }

    /// <summary>
    /// Unix: the nearest folder, from the link's own folder up to "/" by its real path, that every
    /// user may write and that has no sticky bit (mode o+w without 01000), or null when there is
    /// none (or on Windows). Anyone may rename or replace entries in such a folder: the link
    /// itself when it is its own folder, the folders on the way to it otherwise.
    /// </summary>
    public FolderFacts? UnprotectedFolder { get; init; }

    /// <summary>How many names the file has (hard links); -1 when unknown.</summary>
    public long LinkCount { get; init; } = -1;
}
