using Linkctl.Errors;

namespace Linkctl.Copying;

/// <summary>What <c>linkctl copy SRC DST</c> was asked to do.</summary>
internal sealed record CopyRequest(string Source, string Destination)
{
    public OuterLinkMode Outer { get; init; } = OuterLinkMode.Keep;

    /// <summary>Descend into folders on other file systems (mount points) too; by default they are skipped and named.</summary>
    public bool CrossFileSystems { get; init; }

    /// <summary>Make every link with the text it has in SRC (linkctl move: a copy that stands for a rename). Off: inner links are led into DST.</summary>
    internal bool VerbatimLinks { get; init; }

    /// <summary>Walk SRC and decide every entry, but make nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>What one entry became (or would become, in a dry run).</summary>
internal enum CopyStepKind
{
    Folder,
    File,
    HardLink,
    InnerLink,
    OuterLink,
    ContentOfLink,
    Skipped,
    Failed,
}

/// <summary>One entry decided (and, unless dry, made): for --dry-run's plan and for progress.</summary>
internal sealed record CopyStep(CopyStepKind Kind, string Source, string Destination, string? Text, string? Reason);

/// <summary>An entry of SRC that is not in DST, and why. <paramref name="OnRequest"/>: left out because the user asked (--outer drop).</summary>
internal sealed record CopySkip(string Path, string Reason, bool OnRequest);

/// <summary>An entry that could not be copied (or not wholly: its metadata), with the error.</summary>
internal sealed record CopyFailure(string Path, LinkctlError Error);

/// <summary>A hard-link set with names outside SRC: the names inside were made one set in DST, the others could not be.</summary>
internal sealed record PartialHardLinkSet(string FirstName, long NamesInside, long LinkCount);

/// <summary>
/// The outcome of a copy: counts, and every entry left out or failed by name. Its size grows with
/// the problems only, never with the tree.
/// </summary>
internal sealed class CopyReport
{
    public required string Source { get; init; }

    public required string Destination { get; init; }

    public bool DryRun { get; init; }

    /// <summary>The copy was refused before anything was made (DST exists, SRC missing...).</summary>
    public LinkctlError? Refusal { get; internal set; }

    public long Folders { get; internal set; }

    public long Files { get; internal set; }

    public long Bytes { get; internal set; }

    public long InnerLinks { get; internal set; }

    public long OuterLinks { get; internal set; }

    /// <summary>Links made with a text other than the original's (inner absolute, inner relative that climbs out of SRC, --outer point-to-original).</summary>
    public long RewrittenLinks { get; internal set; }

    /// <summary>Outer links replaced by a copy of the file they lead to (--outer copy-content).</summary>
    public long ContentCopies { get; internal set; }

    /// <summary>Hard-link sets found (files with more than one name) and the further names made as links.</summary>
    public long HardLinkSets { get; internal set; }

    public long HardLinkNames { get; internal set; }

    public List<CopySkip> Skipped { get; } = [];

    public List<CopyFailure> Failed { get; } = [];

    public List<PartialHardLinkSet> PartialHardLinkSets { get; } = [];

    /// <summary>Every entry of SRC is in DST, except those the user asked to leave out.</summary>
    public bool Complete => Refusal is null && Failed.Count == 0 && Skipped.TrueForAll(s => s.OnRequest);
}
