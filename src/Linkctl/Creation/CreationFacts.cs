using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Everything the creation planner needs to know about the disk, gathered in one place so
/// that the planner itself is pure and every decision can be tested without a disk.
/// </summary>
public sealed record CreationFacts
{
    /// <summary>The link's full path: its folder's real path (links on the way resolved), then its own name.</summary>
    public required string LinkPath { get; init; }

    /// <summary>What is at the link's path now (not followed).</summary>
    public required EntryFacts LinkEntry { get; init; }

    /// <summary>The link's folder (followed).</summary>
    public required EntryFacts LinkParent { get; init; }

    /// <summary>A file that LINK's path runs through as if it were a folder (ENOTDIR), or null.</summary>
    public string? LinkNotADirectory { get; init; }

    /// <summary>A file that TARGET's path runs through as if it were a folder ("file/", ENOTDIR), or null.</summary>
    public string? TargetNotADirectory { get; init; }

    /// <summary>The target's full path, resolved from the link's real folder as the OS will resolve it (folders on the way followed, the last name not).</summary>
    public required string TargetPath { get; init; }

    /// <summary>What the target finally is (followed).</summary>
    public required EntryFacts TargetEntry { get; init; }

    /// <summary>
    /// The target as the user typed it, resolved against the current folder instead: used only to
    /// recognise swapped arguments (people type paths relative to where they stand).
    /// </summary>
    public required EntryFacts TargetFromCurrentDirectory { get; init; }

    public required VolumeFacts LinkVolume { get; init; }

    public required VolumeFacts TargetVolume { get; init; }

    /// <summary>True when the link is being made by the Windows rules (junctions exist).</summary>
    public required bool IsWindows { get; init; }
}
