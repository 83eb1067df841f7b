using Linkctl.Errors;
using Linkctl.Links;

namespace Linkctl.Platform;

/// <summary>
/// What the OS says about one path. Produced by <see cref="ILinkSystem"/>; consumed by the
/// pure decision code, which never touches the disk itself.
/// </summary>
public sealed record EntryFacts(string Path, EntryType Type)
{
    public bool Exists => Type != EntryType.None;

    /// <summary>
    /// True for a folder, and on Windows for a link flagged as a directory link (junctions,
    /// directory symbolic links). A Unix symbolic link is never a directory itself.
    /// </summary>
    public bool IsDirectory { get; init; }

    /// <summary>The reparse tag (Windows) when the entry is a reparse point; 0 otherwise.</summary>
    public uint ReparseTag { get; init; }

    /// <summary>How many names the file has; -1 when the OS did not say.</summary>
    public long LinkCount { get; init; } = -1;

    public FileIdentity? Identity { get; init; }

    /// <summary>The size in bytes of a file (from a pinned folder's GetEntry on Linux); null when not asked or unknown.</summary>
    public long? Size { get; init; }

    /// <summary>
    /// True when the entry is the root of a mount (Linux STATX_ATTR_MOUNT_ROOT: bind mounts too,
    /// which keep their parent's device number). Only a pinned folder's GetEntry says; false otherwise.
    /// </summary>
    public bool IsMountRoot { get; init; }

    /// <summary>Owner's numeric user id on Unix; null on Windows or when unknown.</summary>
    public uint? OwnerId { get; init; }

    /// <summary>Unix permission bits (mode &amp; 07777); null when unknown.</summary>
    public uint? Mode { get; init; }

    /// <summary>Owner's numeric group id on Unix (from a pin's <see cref="IPinnedFolder.GetEntry"/>); null otherwise.</summary>
    public uint? GroupId { get; init; }

    /// <summary>Access and modification times to the nanosecond (from a pin's <see cref="IPinnedFolder.GetEntry"/> on Linux); null when unknown.</summary>
    public EntryTimes? Times { get; init; }

    /// <summary>
    /// The full path after following every link (only from <see cref="ILinkSystem.GetTargetEntry"/>).
    /// </summary>
    public string? FinalPath { get; init; }

    /// <summary>
    /// Why the entry could not be examined, when <see cref="Type"/> is None for a reason other
    /// than "does not exist" (access denied, loop, evaluation disabled), or null.
    /// </summary>
    public OsError? Error { get; init; }

    public FailureKind? ErrorKind { get; init; }

    public static EntryFacts Missing(string path) => new(path, EntryType.None);
}

/// <summary>A file's access and modification times as the OS stores them: seconds since 1970 and nanoseconds.</summary>
public readonly record struct EntryTimes(long AccessSeconds, uint AccessNanoseconds, long ModifySeconds, uint ModifyNanoseconds);
