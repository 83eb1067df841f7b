using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// One link found by <see cref="TreeScanner"/>. Names are kept as the OS's raw bytes (Unix names
/// need not be UTF-8) until they are written out; <see cref="RawPath"/> turns them into text.
/// </summary>
public sealed record LinkRecord
{
    /// <summary>The link's path: the root as given, then the names below it.</summary>
    public required byte[] Path { get; init; }

    /// <summary>The root, as given, under which the link was found.</summary>
    public required byte[] Root { get; init; }

    public required LinkKind Kind { get; init; }

    /// <summary>The target exactly as stored in the link; null for a hard link.</summary>
    public byte[]? StoredTarget { get; init; }

    /// <summary>
    /// The stored target made absolute against the link's folder and with "." and ".." removed
    /// lexically: where the link points after one hop, not following further links. Null for a hard link.
    /// </summary>
    public byte[]? ResolvedTarget { get; init; }

    public required LinkStatus Status { get; init; }

    /// <summary>What the link finally leads to (following every link); None when it leads nowhere.</summary>
    public EntryType TargetType { get; init; }

    public LinkFlags Flags { get; init; }

    /// <summary>Depth below the root: 1 for an entry directly in the root.</summary>
    public int Depth { get; init; }

    /// <summary>How many names the file has (hard links); -1 when not asked.</summary>
    public long LinkCount { get; init; } = -1;

    /// <summary>The file's identity (hard links), to group the names of one file.</summary>
    public FileIdentity? Identity { get; init; }

    /// <summary>Why the target could not be examined (access denied, ...), or null.</summary>
    public OsError? Error { get; init; }

    public bool IsAbsolute => (Flags & LinkFlags.Absolute) != 0;

    public bool IsRelative => (Flags & LinkFlags.Relative) != 0;

    /// <summary>The path as text (bytes that are not UTF-8 become U+FFFD); see <see cref="RawPath"/> for lossless forms.</summary>
    public string PathText => RawPath.ToText(Path);

    public string? StoredTargetText => StoredTarget is null ? null : RawPath.ToText(StoredTarget);

    public string? ResolvedTargetText => ResolvedTarget is null ? null : RawPath.ToText(ResolvedTarget);
}
