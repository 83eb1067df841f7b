using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// Walks folder trees and reports every link in them, streaming: links go to the sinks as they
/// are found, and memory holds only the folders still waiting to be listed (bounded by depth x
/// fanout, not by the size of the tree). Links are never followed unless
/// <see cref="ScanOptions.Follow"/> is set. Unreadable folders are reported and skipped.
/// </summary>
public sealed partial class TreeScanner
{
    private readonly LinkPlatform platform;
    private readonly ScanOptions options;
    private readonly WorkPool pool = new();
    private Exception? workerFailure;

    public TreeScanner(LinkPlatform platform, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        this.platform = platform;
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
        var first = sinkFactory();
        foreach (var root in roots)
        {
            if (OperatingSystem.IsWindows())
            {
                StartRootWindows(root, first);
            }
            else
            {
                StartRoot(root, first);
            }
        }

        using var registration = cancellation.Register(() => pool.Cancel());
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
            left.ParentHandle?.Release();
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

    private void RunWorker(ILinkSink sink)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                WorkerLoopWindows(sink);
            }
            else
            {
                WorkerLoop(sink);
            }

            sink.Complete();
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref workerFailure, e, null);
            pool.Cancel();
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
    /// and the number waiting stays near depth x fanout; the walk ends when it is empty and no
    /// worker is listing a folder (which could add more).
    /// </summary>
    private sealed class WorkPool
    {
        private readonly Stack<DirectoryWork> stack = new();
        private int busy;
        private bool cancelled;

        public void Push(DirectoryWork work)
        {
            lock (stack)
            {
                stack.Push(work);
                Monitor.Pulse(stack);
            }
        }

        public void PushAll(List<DirectoryWork> works)
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

        public bool TryTake(out DirectoryWork work)
        {
            lock (stack)
            {
                while (true)
                {
                    if (cancelled)
                    {
                        work = default!;
                        return false;
                    }

                    if (stack.TryPop(out work!))
                    {
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

        public List<DirectoryWork> Drain()
        {
            lock (stack)
            {
                var left = stack.ToList();
                stack.Clear();
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

    /// <summary>A folder on the path from a root down to a folder being listed, by identity, to spot links to ancestors.</summary>
    private sealed class AncestorChain(ulong device, ulong inode, AncestorChain? parent)
    {
        public ulong Device { get; } = device;

        public ulong Inode { get; } = inode;

        public AncestorChain? Parent { get; } = parent;

        public bool Contains(ulong device, ulong inode)
        {
            for (var c = this; c is not null; c = c.Parent)
            {
                if (c.Inode == inode && c.Device == device)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>One root being scanned.</summary>
    private sealed class RootContext(byte[] given, byte[] full)
    {
        private string? fullText;

        /// <summary>The root as the user gave it: reported paths start with it, as find's do.</summary>
        public byte[] Given { get; } = given;

        /// <summary>The root made absolute and normalized, for resolving and --outside.</summary>
        public byte[] Full { get; } = full;

        /// <summary><see cref="Full"/> as text, for the Windows walker's classifier; made once, on first use.</summary>
        public string FullText => fullText ??= RawPath.ToText(Full);

        public ulong Device { get; set; }
    }

    /// <summary>A folder to list; <paramref name="ParentHandle"/> (when set) is its parent, still open, to open it by name.</summary>
    private sealed record DirectoryWork(RootContext Root, byte[] Path, int Depth, AncestorChain? Parent, bool ViaLink, FolderHandle? ParentHandle = null, int NameOffset = 0);

    /// <summary>
    /// An open folder kept open while its subfolders wait to be listed, shared by them and closed
    /// by the last one: each then opens with openat(parent, name), one name lookup instead of a
    /// walk of the whole path. Only folders with waiting subfolders stay open, so the number of
    /// descriptors is bounded like the stack of waiting folders.
    /// </summary>
    private sealed class FolderHandle(int fd, int references)
    {
        private int references = references;

        public int Fd { get; } = fd;

        public void Release()
        {
            if (Interlocked.Decrement(ref references) == 0)
            {
                Interop.Unix.LibC.Close(Fd);
            }
        }
    }
}
