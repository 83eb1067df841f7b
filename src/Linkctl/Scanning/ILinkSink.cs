namespace Linkctl.Scanning;

/// <summary>
/// Receives what one scanning worker finds. <see cref="TreeScanner"/> makes one sink per worker
/// and calls it from that worker's thread only, so a sink needs no locking of its own except
/// where it shares something (an output stream) with the other workers' sinks.
/// </summary>
internal interface ILinkSink
{
    void OnLink(LinkRecord link);

    void OnProblem(ScanProblem problem);

    /// <summary>The worker is done: write out anything buffered.</summary>
    void Complete();
}
