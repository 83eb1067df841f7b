using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// Walks folder trees and reports every link in them, streaming: links go to the sinks as they
/// are found, and memory holds only the folders still waiting to be listed (bounded by depth x
/// fanout, not by the size of the tree). This is the coordinator (pool, threads, cancellation,
/// ordering); the platform's <see cref="ITreeWalker"/> lists the folders. Links are never
/// followed unless <see cref="ScanOptions.Follow"/> is set, and a walk lists each folder once:
/// folders reachable without links first, then, round by round, those that followed links reach
/// and that are not listed yet. Unreadable folders are reported and skipped.
/// </summary>
internal sealed class TreeScanner
{
    private readonly LinkPlatform platform;
    private readonly ITreeWalker walker;
    private readonly ScanOptions options;
    private readonly WorkPool pool = new();
    private Exception? workerFailure;

    /// <exception cref="PlatformNotSupportedException">The platform has no walker (see the message).</exception>
    public TreeScanner(LinkPlatform platform, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
        walker = platform.Walker ?? throw new PlatformNotSupportedException(platform.WalkerUnsupportedReason);
        this.options = options ?? new ScanOptions();
    }

    /// <summary>Running totals, readable from another thread while <see cref="Scan"/> runs.</summary>
    public ScanCounters Counters { get; } = new();

    /// <summary>How many workers a scan uses: the option, or the processor count (at least 1, at most 8).</summary>
    public int WorkerCount => options.Workers > 0 ? options.Workers : Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// Scans the roots. <paramref name="sinkFactory"/> is called once per worker thread; each sink
    /// is then called from its worker only. Throws when a sink throws (e.g. the output pipe closed).
    /// </summary>
    public void Scan(IReadOnlyList<string> roots, Func<ILinkSink> sinkFactory, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var first = sinkFactory();
        var starting = Context(first);
        foreach (var root in roots)
        {
            walker.StartRoot(root, starting);
        }

        using var registration = cancellation.Register(pool.Cancel);
        var workers = WorkerCount;
        var threads = new Thread[workers - 1];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(() => RunWorker(sinkFactory())) { IsBackground = true, Name = $"linkctl-scan-{i + 1}" };
            threads[i].Start();
        }

        RunWorker(first);
        foreach (var t in threads)
        {
            t.Join();
        }

        // A cancelled or failed walk leaves folders waiting: close the parents they hold open.
        foreach (var left in pool.Drain())
        {
            left.Abandon();
        }

        if (workerFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(workerFailure);
        }

        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Scans and returns every link and problem in memory: for tests and small trees, not for streaming.</summary>
    public (List<LinkRecord> Links, List<ScanProblem> Problems) Collect(IReadOnlyList<string> roots, CancellationToken cancellation = default)
    {
        var links = new List<LinkRecord>();
        var problems = new List<ScanProblem>();
        Scan(roots, () => new CollectingSink(links, problems), cancellation);
        return (links, problems);
    }

    private WalkContext Context(ILinkSink sink) => new(options, Counters, sink, platform.CurrentDirectory, pool.Defer, pool.Push);

    private void RunWorker(ILinkSink sink)
    {
        try
        {
            var context = Context(sink);
            using (var lister = walker.CreateLister())
            {
                while (pool.TryTake(out var work, out var decisions))
                {
                    try
                    {
                        if (decisions is not null)
                        {
                            Decide(decisions, context);
                        }
                        else
                        {
                            lister.List(work!, context);
                        }

                        if (context.Children.Count > 0)
                        {
                            pool.PushAll(context.Children);
                            context.Children.Clear();
                        }
                    }
                    finally
                    {
                        pool.Done();
                    }
                }
            }

            sink.Complete();
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref workerFailure, e, null);
            pool.Cancel();
        }
    }

    /// <summary>
    /// One round of --follow decisions, in path order so that which of two links to one folder is
    /// followed does not depend on thread timing: the first link to a folder not listed yet enters it
    /// (followed); every other link to it is reported as already_visited and not entered.
    /// </summary>
    private void Decide(List<FollowCandidate> candidates, WalkContext context)
    {
        candidates.Sort((a, b) => a.Record.Path.AsSpan().SequenceCompareTo(b.Record.Path));
        foreach (var c in candidates)
        {
            LinkRecord record;
            if (c.Work.Root.Visited.TryClaim(c.Target))
            {
                record = c.Record with { Flags = c.Record.Flags | LinkFlags.Followed };
                context.Children.Add(c.Work with { Claimed = c.Target });
            }
            else
            {
                record = c.Record with { Flags = c.Record.Flags | LinkFlags.AlreadyVisited };
            }

            if (options.SymbolicLinks)
            {
                context.Emit(record);
            }
        }
    }

    private sealed class CollectingSink(List<LinkRecord> links, List<ScanProblem> problems) : ILinkSink
    {
        public void OnLink(LinkRecord link)
        {
            lock (links)
            {
                links.Add(link);
            }
        }

        public void OnProblem(ScanProblem problem)
        {
            lock (problems)
            {
                problems.Add(problem);
            }
        }

        public void Complete()
        {
        }
    }

    /// <summary>
    /// Folders waiting to be listed, shared by the workers. A stack, so the walk goes deep first
    /// and the number waiting stays near depth x fanout. When it is empty and no worker is listing
    /// (which could add more), the --follow candidates gathered so far become one round of
    /// decisions, which may queue more folders; the walk ends when there is neither.
    /// </summary>
    private sealed class WorkPool
    {
        private readonly Stack<FolderWork> stack = new();
        private List<FollowCandidate> deferred = [];
        private int busy;
        private bool cancelled;

        public void Push(FolderWork work)
        {
            lock (stack)
            {
                stack.Push(work);
                Monitor.Pulse(stack);
            }
        }

        public void PushAll(List<FolderWork> works)
        {
            lock (stack)
            {
                for (var i = works.Count - 1; i >= 0; i--)
                {
                    stack.Push(works[i]);
                }

                if (works.Count == 1)
                {
                    Monitor.Pulse(stack);
                }
                else
                {
                    Monitor.PulseAll(stack);
                }
            }
        }

        public void Defer(FollowCandidate candidate)
        {
            lock (stack)
            {
                deferred.Add(candidate);
            }
        }

        /// <summary>A folder to list, or a round of --follow decisions to make; false when the walk is over or cancelled.</summary>
        public bool TryTake(out FolderWork? work, out List<FollowCandidate>? decisions)
        {
            lock (stack)
            {
                while (true)
                {
                    work = null;
                    decisions = null;
                    if (cancelled)
                    {
                        return false;
                    }

                    if (stack.TryPop(out work))
                    {
                        busy++;
                        return true;
                    }

                    if (busy == 0 && deferred.Count > 0)
                    {
                        decisions = deferred;
                        deferred = [];
                        busy++;
                        return true;
                    }

                    if (busy == 0)
                    {
                        Monitor.PulseAll(stack);
                        return false;
                    }

                    Monitor.Wait(stack);
                }
            }
        }

        public void Done()
        {
            lock (stack)
            {
                busy--;
                if (busy == 0 && stack.Count == 0)
                {
                    Monitor.PulseAll(stack);
                }
            }
        }

        public List<FolderWork> Drain()
        {
            lock (stack)
            {
                var left = stack.ToList();
                stack.Clear();
                deferred.Clear();
                return left;
            }
        }

        public void Cancel()
        {
            lock (stack)
            {
                cancelled = true;
                Monitor.PulseAll(stack);
            }
        }
    }
}
