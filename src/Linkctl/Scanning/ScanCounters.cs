namespace Linkctl.Scanning;

/// <summary>Running totals of a scan, safe to read from another thread for a progress line.</summary>
internal sealed class ScanCounters
{
    private long entries;
    private long directories;
    private long links;
    private long problems;
    private readonly Dictionary<string, long> notLinks = new(StringComparer.Ordinal);

    public long Entries => Interlocked.Read(ref entries);

    public long Directories => Interlocked.Read(ref directories);

    /// <summary>Links reported to the sinks (after the filter).</summary>
    public long Links => Interlocked.Read(ref links);

    public long Problems => Interlocked.Read(ref problems);

    /// <summary>
    /// Name-surrogate reparse points that are not links (GLOBAL_REPARSE, WCI_LINK, the
    /// tombstones), by tag name: the walk names them and never goes into them, as list --volume
    /// names the tags it does not open (docs/windows-facts.md, "Reparse tags a scanner must classify").
    /// </summary>
    public IReadOnlyDictionary<string, long> NotLinks
    {
        get
        {
            lock (notLinks)
            {
                return new SortedDictionary<string, long>(notLinks, StringComparer.Ordinal);
            }
        }
    }

    internal void AddNotLink(string tagName)
    {
        // Rare (Windows containers, sandboxes): a lock costs nothing next to the walk.
        lock (notLinks)
        {
            notLinks[tagName] = notLinks.GetValueOrDefault(tagName) + 1;
        }
    }

    internal void AddDirectory(long entryCount)
    {
        Interlocked.Increment(ref directories);
        Interlocked.Add(ref entries, entryCount);
    }

    internal void AddEntries(long count) => Interlocked.Add(ref entries, count);

    internal void AddLink() => Interlocked.Increment(ref links);

    internal void AddProblem() => Interlocked.Increment(ref problems);
}
