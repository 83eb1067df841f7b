namespace Linkctl.Scanning;

/// <summary>How <see cref="TreeScanner"/> walks.</summary>
public sealed record ScanOptions
{
    /// <summary>Go into the targets of folder links, stopping where a target is already on the current path.</summary>
    public bool Follow { get; init; }

    /// <summary>Report entries at most this deep, like find -maxdepth: 1 = directly in the root, 0 = the roots themselves only (a root that is a link is reported; a folder root is not listed).</summary>
    public int MaxDepth { get; init; } = int.MaxValue;

    /// <summary>Do not go into folders on another file system than their root.</summary>
    public bool OneFileSystem { get; init; }

    /// <summary>Report symbolic links (and on Windows junctions and other link reparse points).</summary>
    public bool SymbolicLinks { get; init; } = true;

    /// <summary>Report files with more than one name. Costs one stat per ordinary file, so it is off unless asked.</summary>
    public bool HardLinks { get; init; }

    /// <summary>Threads walking folders in parallel; 0 picks from the processor count.</summary>
    public int Workers { get; init; }

    /// <summary>Only links for which this answers true reach the sink; null keeps all.</summary>
    public Func<LinkRecord, bool>? Filter { get; init; }
}
