using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Linkctl.Scanning;

/// <summary>
/// Writes the links of a scan to one stream as they are found. Each worker's sink formats into
/// its own buffer and hands whole lines to the stream under a lock, so lines from parallel
/// workers never interleave and the workers do not wait on each other per link.
/// </summary>
public sealed class LinkWriter
{
    private const int FlushThreshold = 32 * 1024;
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Stream output;
    private readonly LinkOutputFormat format;
    private readonly Action<ScanProblem> onProblem;
    private readonly Lock gate = new();

    public LinkWriter(Stream output, LinkOutputFormat format, Action<ScanProblem> onProblem)
    {
        this.output = output;
        this.format = format;
        this.onProblem = onProblem;
        if (format == LinkOutputFormat.Csv)
        {
            var header = Encoding.ASCII.GetBytes("path,kind,status,target_form,stored_target,resolved_target,target_type,notes,link_count\r\n");
            output.Write(header);
        }
    }

    public ILinkSink CreateSink() => new Sink(this);

    /// <summary>The notes column of the line and CSV formats: the flags that are set, comma-separated.</summary>
    public static string Notes(LinkRecord r)
    {
        var notes = new List<string>(4);
        if ((r.Flags & LinkFlags.PointsToAncestor) != 0)
        {
            notes.Add("points_to_ancestor");
        }

        if ((r.Flags & LinkFlags.CrossesFileSystem) != 0)
        {
            notes.Add("crosses_file_system");
        }

        if ((r.Flags & LinkFlags.Remote) != 0)
        {
            notes.Add("remote");
        }

        if ((r.Flags & LinkFlags.OutsideRoot) != 0)
        {
            notes.Add("outside_root");
        }

        if ((r.Flags & LinkFlags.Followed) != 0)
        {
            notes.Add("followed");
        }

        return string.Join(',', notes);
    }

    /// <summary>The snake_case name the JSON uses for an enum value, for the text formats too.</summary>
    public static string NameOf<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>(T value)
        where T : struct, Enum => EnumNames<T>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    private static class EnumNames<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Build();

        private static Dictionary<T, string> Build()
        {
            var names = new Dictionary<T, string>();
            foreach (var field in typeof(T).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            {
                var attribute = (System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute?)Attribute.GetCustomAttribute(field, typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute));
                names[(T)field.GetValue(null)!] = attribute?.Name ?? field.Name;
            }

            return names;
        }
    }

    private void Write(ReadOnlySpan<byte> lines)
    {
        lock (gate)
        {
            output.Write(lines);
        }
    }

    private void Problem(ScanProblem problem)
    {
        lock (gate)
        {
            output.Flush();
            onProblem(problem);
        }
    }

    private sealed class Sink : ILinkSink
    {
        private readonly LinkWriter owner;
        private readonly ArrayBufferWriter<byte> buffer = new(FlushThreshold * 2);
        private readonly Utf8JsonWriter? json;
        private readonly StringBuilder text = new();

        public Sink(LinkWriter owner)
        {
            this.owner = owner;
            if (owner.format == LinkOutputFormat.JsonLines)
            {
                json = new Utf8JsonWriter(buffer, JsonOptions);
            }
        }

        public void OnLink(LinkRecord link)
        {
            switch (owner.format)
            {
                case LinkOutputFormat.JsonLines:
                    json!.Reset(buffer);
                    JsonSerializer.Serialize(json, LinkJson.From(link), ScanJsonContext.Default.LinkJson);
                    json.Flush();
                    buffer.Write("\n"u8);
                    break;
                case LinkOutputFormat.Lines:
                    WriteLine(link);
                    break;
                case LinkOutputFormat.Csv:
                    WriteCsv(link);
                    break;
            }

            if (buffer.WrittenCount >= FlushThreshold)
            {
                FlushBuffer();
            }
        }

        public void OnProblem(ScanProblem problem)
        {
            FlushBuffer();
            owner.Problem(problem);
        }

        public void Complete() => FlushBuffer();

        private void FlushBuffer()
        {
            if (buffer.WrittenCount > 0)
            {
                owner.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        private void WriteLine(LinkRecord r)
        {
            text.Clear();
            RawPath.AppendEscaped(text, r.Path);
            text.Append('\t').Append(NameOf(r.Kind));
            text.Append('\t').Append(NameOf(r.Status));
            text.Append('\t').Append(r.IsAbsolute ? "absolute" : r.IsRelative ? "relative" : "-");
            text.Append('\t');
            AppendOrDash(r.StoredTarget);
            text.Append('\t');
            AppendOrDash(r.ResolvedTarget);
            var notes = Notes(r);
            if (r.LinkCount >= 0)
            {
                notes = notes.Length == 0 ? $"link_count={r.LinkCount}" : $"{notes},link_count={r.LinkCount}";
            }

            text.Append('\t').Append(notes.Length == 0 ? "-" : notes).Append('\n');
            AppendText();
        }

        private void AppendOrDash(byte[]? bytes)
        {
            if (bytes is null)
            {
                text.Append('-');
            }
            else
            {
                RawPath.AppendEscaped(text, bytes);
            }
        }

        private void AppendText()
        {
            var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            var written = 0;
            foreach (var chunk in text.GetChunks())
            {
                written += Encoding.UTF8.GetBytes(chunk.Span, span[written..]);
            }

            buffer.Advance(written);
        }

        private void WriteCsv(LinkRecord r)
        {
            CsvField(r.Path);
            buffer.Write(","u8);
            CsvAscii(NameOf(r.Kind));
            buffer.Write(","u8);
            CsvAscii(NameOf(r.Status));
            buffer.Write(","u8);
            CsvAscii(r.IsAbsolute ? "absolute" : r.IsRelative ? "relative" : string.Empty);
            buffer.Write(","u8);
            CsvField(r.StoredTarget ?? []);
            buffer.Write(","u8);
            CsvField(r.ResolvedTarget ?? []);
            buffer.Write(","u8);
            CsvAscii(NameOf(r.TargetType));
            buffer.Write(","u8);
            CsvField(Encoding.ASCII.GetBytes(Notes(r)));
            buffer.Write(","u8);
            CsvAscii(r.LinkCount >= 0 ? r.LinkCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            buffer.Write("\r\n"u8);
        }

        private void CsvAscii(string value) => buffer.Write(Encoding.ASCII.GetBytes(value));

        /// <summary>RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled; bytes otherwise as they are.</summary>
        private void CsvField(ReadOnlySpan<byte> value)
        {
            if (value.IndexOfAny(",\"\r\n"u8) < 0)
            {
                buffer.Write(value);
                return;
            }

            buffer.Write("\""u8);
            foreach (var b in value)
            {
                if (b == (byte)'"')
                {
                    buffer.Write("\"\""u8);
                }
                else
                {
                    buffer.GetSpan(1)[0] = b;
                    buffer.Advance(1);
                }
            }

            buffer.Write("\""u8);
        }
    }
}
