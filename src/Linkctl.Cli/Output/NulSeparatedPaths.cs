using System.Buffers;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// `list -0`: each link's path as its raw bytes followed by a NUL byte, nothing else, as
/// `find -print0` writes for `xargs -0` (`linkctl list -0 --broken | xargs -0 linkctl rm --`).
/// NUL is the one byte a Unix name cannot hold, so every name arrives intact, newlines and
/// bytes that are not UTF-8 included. Each worker fills its own buffer and hands whole names to
/// the stream under a lock, as LinkWriter does.
/// </summary>
internal sealed class NulSeparatedPaths(Stream output, Action<ScanProblem> onProblem)
{
    private const int FlushThreshold = 32 * 1024;
    private readonly Lock gate = new();

    public ILinkSink CreateSink() => new Sink(this);

    private void Write(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            output.Write(bytes);
        }
    }

    private void Problem(ScanProblem problem)
    {
        lock (gate)
        {
            onProblem(problem);
        }
    }

    private sealed class Sink(NulSeparatedPaths owner) : ILinkSink
    {
        private readonly ArrayBufferWriter<byte> buffer = new(FlushThreshold * 2);

        public void OnLink(LinkRecord link)
        {
            buffer.Write(link.Path);
            buffer.Write([(byte)0]);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                Flush();
            }
        }

        public void OnProblem(ScanProblem problem)
        {
            Flush();
            owner.Problem(problem);
        }

        public void Complete() => Flush();

        private void Flush()
        {
            if (buffer.WrittenCount > 0)
            {
                owner.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }
    }
}
