using System.Text;
using Linkctl.Links;
using Linkctl.Scanning;
using Spectre.Console;

namespace Linkctl.Cli.Output;

/// <summary>
/// `list` on a terminal: a table written row by row as links are found. The columns are sized
/// once, from the terminal's width, so no row has to wait for the others (a Spectre table
/// measures every row first: on the 1,000,000-entry tree that held 835 MB and printed nothing
/// for 86 s). A value longer than its column is cut in the middle with "…", never wrapped, and
/// the last line says so; names are escaped as in the piped format, so a row is one line.
/// Rows are batched and written at most every 100 ms (or per 16 KiB), with the progress line
/// erased around each write.
/// </summary>
internal sealed class LinkTable : IDisposable
{
    private const int FlushBytes = 16 * 1024;
    private const int StatusWidth = 7;
    private const int KindWidth = 8;
    private const string Gap = "  ";

    private readonly TextWriter output;
    private readonly Layout layout;
    private readonly bool colour;
    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();
    private readonly Timer timer;
    private long rows;
    private bool cut;

    public LinkTable(TextWriter output, int width, bool colour)
    {
        this.output = output;
        this.colour = colour;
        layout = Layout.For(width);
        timer = new Timer(_ => Flush(), null, 100, 100);
    }

    public long Rows => Interlocked.Read(ref rows);

    /// <summary>The column widths for a terminal <paramref name="Width"/> columns wide.</summary>
    internal sealed record Layout(int Width, int Path, int Target)
    {
        /// <summary>
        /// status and kind are fixed; path and target share the rest 55:45. One column is left
        /// free: writing the last column makes some terminals wrap.
        /// </summary>
        public static Layout For(int width)
        {
            var rest = Math.Max(width - 1 - StatusWidth - KindWidth - (3 * Gap.Length), 22);
            var path = Math.Max((rest * 55) / 100, 12);
            return new Layout(width, path, Math.Max(rest - path, 10));
        }
    }

    public ILinkSink CreateSink() => new Sink(this);

    /// <summary>Writes what is left and the closing line: how many rows, and how to see values that were cut.</summary>
    public void Finish()
    {
        timer.Dispose();
        lock (gate)
        {
            var count = Interlocked.Read(ref rows);
            var line = count == 1 ? "1 link" : $"{count:N0} links";
            if (cut)
            {
                // The closing line must not wrap either: the longest wording that fits.
                line = new[] { "; \u2026 marks values cut to fit: pipe or --json shows them in full", "; \u2026 = cut to fit (pipe or --json: in full)", "; \u2026 = cut" }
                    .Select(hint => line + hint)
                    .FirstOrDefault(l => l.Length <= layout.Width - 1) ?? line;
            }

            pending.Append(line).Append('\n');
            WritePending();
        }
    }

    public void Dispose() => timer.Dispose();

    internal static string Header(Layout layout) =>
        (Pad("status", StatusWidth) + Gap + Pad("kind", KindWidth) + Gap + Pad("path", layout.Path) + Gap + "target").TrimEnd();

    /// <summary>One row, without colour: the short status and kind, then path and target cut to their columns.</summary>
    internal static string Row(LinkRecord link, Layout layout, out bool wasCut) => Row(link, layout, null, out wasCut);

    /// <summary>The short names of the table (the piped and JSON formats keep the full ones).</summary>
    internal static string StatusName(LinkStatus status) => status switch
    {
        LinkStatus.Ok => "ok",
        LinkStatus.Broken => "broken",
        LinkStatus.Loop => "loop",
        LinkStatus.AccessDenied => "denied",
        LinkStatus.EvaluationDisabled => "blocked",
        _ => LinkWriter.NameOf(status),
    };

    internal static string KindName(LinkKind kind) => kind switch
    {
        LinkKind.SymbolicLink => "symlink",
        LinkKind.Junction => "junction",
        LinkKind.VolumeMountPoint => "mount",
        LinkKind.HardLink => "hard",
        LinkKind.AppExecutionAlias => "alias",
        LinkKind.WslSymlink => "wsl-link",
        LinkKind.OtherReparsePoint => "reparse",
        _ => LinkWriter.NameOf(kind),
    };

    /// <summary>The notes in short words: ancestor, other-fs, remote, outside, followed.</summary>
    internal static string ShortNotes(LinkRecord r)
    {
        var notes = new List<string>(2);
        if ((r.Flags & LinkFlags.PointsToAncestor) != 0)
        {
            notes.Add("ancestor");
        }

        if ((r.Flags & LinkFlags.CrossesFileSystem) != 0)
        {
            notes.Add("other-fs");
        }

        if ((r.Flags & LinkFlags.Remote) != 0)
        {
            notes.Add("remote");
        }

        if ((r.Flags & LinkFlags.OutsideRoot) != 0)
        {
            notes.Add("outside");
        }

        if ((r.Flags & LinkFlags.Followed) != 0)
        {
            notes.Add("followed");
        }

        return string.Join(',', notes);
    }

    /// <summary>
    /// <paramref name="text"/> in at most <paramref name="width"/> terminal columns: as it is when
    /// it fits, else its start and end with "…" between (the end holds the name, the start the root).
    /// </summary>
    internal static string Fit(string text, int width, out bool wasCut)
    {
        wasCut = false;
        if (CellWidth(text) <= width)
        {
            return text;
        }

        wasCut = true;
        if (width <= 1)
        {
            return width == 1 ? "\u2026" : string.Empty;
        }

        var headRoom = (width - 1) / 3;
        var tailRoom = width - 1 - headRoom;
        var head = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = RuneWidth(rune);
            if (used + w > headRoom)
            {
                break;
            }

            head.Append(rune.ToString());
            used += w;
        }

        var tail = new List<string>();
        used = 0;
        var runes = text.EnumerateRunes().ToList();
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            var w = RuneWidth(runes[i]);
            if (used + w > tailRoom)
            {
                break;
            }

            tail.Add(runes[i].ToString());
            used += w;
        }

        tail.Reverse();
        return head.Append('\u2026').Append(string.Concat(tail)).ToString();
    }

    /// <summary>Terminal columns a text takes: wide East Asian characters count two, combining marks none.</summary>
    internal static int CellWidth(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7e)
            {
                return text.GetCellWidth();
            }
        }

        return text.Length;
    }

    private static int RuneWidth(Rune rune) => rune.Value is >= 0x20 and <= 0x7e ? 1 : rune.ToString().GetCellWidth();

    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - CellWidth(text)));

    private static string Row(LinkRecord link, Layout layout, string? statusColour, out bool wasCut)
    {
        var path = Fit(RawPath.Escape(link.Path), layout.Path, out var pathCut);
        var notes = ShortNotes(link);
        var target = link.StoredTarget is { } t ? RawPath.Escape(t) : link.LinkCount >= 0 ? $"{link.LinkCount} names" : "-";
        string targetCell;
        var targetCut = false;
        if (notes.Length == 0)
        {
            targetCell = Fit(target, layout.Target, out targetCut);
        }
        else
        {
            // The notes are short and say something the target alone does not: they keep their room.
            var suffix = $" ({notes})";
            var room = layout.Target - suffix.Length;
            targetCell = room >= 6 ? Fit(target, room, out targetCut) + suffix : Fit(target + suffix, layout.Target, out targetCut);
        }

        wasCut = pathCut || targetCut;
        var status = StatusName(link.Status);
        var statusCell = statusColour is null ? Pad(status, StatusWidth) : $"\u001b[{statusColour}m{status}\u001b[0m{new string(' ', StatusWidth - status.Length)}";
        return (statusCell + Gap + Pad(KindName(link.Kind), KindWidth) + Gap + Pad(path, layout.Path) + Gap + targetCell).TrimEnd();
    }

    private static string ColourOf(LinkStatus status) => status switch
    {
        LinkStatus.Ok => "32",
        LinkStatus.Broken or LinkStatus.Loop => "31",
        _ => "33",
    };

    private void Add(LinkRecord link)
    {
        var row = Row(link, layout, colour ? ColourOf(link.Status) : null, out var wasCut);
        lock (gate)
        {
            // The header comes with the first row: a listing that fails or finds nothing prints none.
            if (rows == 0)
            {
                pending.Append(Header(layout)).Append('\n');
            }

            pending.Append(row).Append('\n');
            rows++;
            cut |= wasCut;
            if (pending.Length >= FlushBytes)
            {
                WritePending();
            }
        }
    }

    private void Flush()
    {
        lock (gate)
        {
            WritePending();
        }
    }

    private void WritePending()
    {
        if (pending.Length == 0)
        {
            return;
        }

        var text = pending.ToString();
        pending.Clear();
        ProgressLine.Suspended(() =>
        {
            output.Write(text);
            output.Flush();
        });
    }

    private sealed class Sink(LinkTable table) : ILinkSink
    {
        public void OnLink(LinkRecord link) => table.Add(link);

        public void OnProblem(ScanProblem problem)
        {
            // Rows found before the problem go out first, so the problem appears after them.
            table.Flush();
            table.Problem?.Invoke(problem);
        }

        public void Complete()
        {
        }
    }

    /// <summary>Where problems met by the walk go (stderr, through the command).</summary>
    public Action<ScanProblem>? Problem { get; init; }
}
