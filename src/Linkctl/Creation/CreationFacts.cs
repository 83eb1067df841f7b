using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Everything the creation planner needs to know about the disk, gathered in one place so
/// that the planner itself is pure and every decision can be tested without a disk.
/// </summary>
public sealed record CreationFacts
{
    /// <summary>The link's full path.</summary>
    public required string LinkPath { get; init; }

    /// <summary>What is at the link's path now (not followed).</summary>
    public required EntryFacts LinkEntry { get; init; }

    /// <summary>The link's folder (followed).</summary>
    public required EntryFacts LinkParent { get; init; }

    /// <summary>The target's full path, resolved against the link's folder as the OS will resolve it.</summary>
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
