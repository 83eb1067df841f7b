namespace Linkctl.Scanning;

/// <summary>Running totals of a scan, safe to read from another thread for a progress line.</summary>
public sealed class ScanCounters
{
    private long entries;
    private long directories;
    private long links;
    private long problems;

    public long Entries => Interlocked.Read(ref entries);

    public long Directories => Interlocked.Read(ref directories);

    /// <summary>Links reported to the sinks (after the filter).</summary>
    public long Links => Interlocked.Read(ref links);

    public long Problems => Interlocked.Read(ref problems);

    internal void AddDirectory(long entryCount)
    {
        Interlocked.Increment(ref directories);
        Interlocked.Add(ref entries, entryCount);
    }

    internal void AddEntries(long count) => Interlocked.Add(ref entries, count);

    internal void AddLink() => Interlocked.Increment(ref links);

    internal void AddProblem() => Interlocked.Increment(ref problems);
}
