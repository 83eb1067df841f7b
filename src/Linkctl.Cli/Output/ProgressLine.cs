using System.Diagnostics;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// A line on stderr, redrawn a few times a second, while a walk takes longer than half a second.
/// It is cut to the terminal's width so that it never wraps (a wrapped line cannot be erased
/// with one carriage return). Whatever else writes to the terminal meanwhile (problems on
/// stderr, table rows on stdout) goes through <see cref="Suspended"/>, so the line is erased
/// first and a redraw cannot land in the middle of it.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private static ProgressLine? current;
    private readonly ScanCounters counters;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Timer timer;
    private readonly int width;
    private bool drawn;

    public ProgressLine(ScanCounters counters)
    {
        this.counters = counters;
        width = TerminalSize.Width;
        current = this;
        timer = new Timer(_ => Draw(), null, 500, 250);
    }

    /// <summary>A progress line when stderr is a terminal, else null.</summary>
    public static ProgressLine? StartIfTerminal(ScanCounters counters) => Terminal.ProgressAllowed ? new ProgressLine(counters) : null;

    /// <summary>Runs <paramref name="write"/> with the progress line (if any) erased and not redrawn until it returns.</summary>
    public static void Suspended(Action write)
    {
        if (current is not { } p)
        {
            write();
            return;
        }

        lock (p)
        {
            p.Erase();
            write();
        }
    }

    /// <summary>The text of the line for these totals, cut to <paramref name="width"/> columns less one (the last column would wrap on some terminals).</summary>
    internal static string Format(long entries, double rate, long folders, long links, int width)
    {
        var text = $"{entries:N0} entries ({rate:N0}/s), {folders:N0} folders, {links:N0} links";
        var room = Math.Max(1, width - 1);
        return text.Length <= room ? text : text[..room];
    }

    public void Dispose()
    {
        timer.Dispose();
        lock (this)
        {
            Erase();
            if (current == this)
            {
                current = null;
            }
        }
    }

    private void Draw()
    {
        lock (this)
        {
            if (current != this)
            {
                return;
            }

            var entries = counters.Entries;
            var rate = entries / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            Console.Error.Write($"\r\u001b[K{Format(entries, rate, counters.Directories, counters.Links, width)}");
            drawn = true;
        }
    }

    private void Erase()
    {
        if (drawn)
        {
            Console.Error.Write("\r\u001b[K");
            drawn = false;
        }
    }
}
