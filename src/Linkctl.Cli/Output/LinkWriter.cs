using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// Writes the links of a scan to one stream as they are found. Each worker's sink formats into
/// its own buffer and hands whole lines to the stream under a lock, so lines from parallel
/// workers never interleave and the workers do not wait on each other per link.
/// </summary>
internal sealed class LinkWriter
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

        if ((r.Flags & LinkFlags.WrongType) != 0)
        {
            notes.Add("wrong_type");
        }

        if ((r.Flags & LinkFlags.AlreadyVisited) != 0)
        {
            notes.Add("already_visited");
        }

        return string.Join(',', notes);
    }

    /// <summary>The snake_case name the JSON uses for an enum value, for the text formats too.</summary>
    public static string NameOf<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>(T value)
        where T : struct, Enum => EnumNames<T>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary><see cref="NameOf"/> as UTF-8 bytes, made once per value: the JSON writer copies them instead of transcoding a string per link.</summary>
    private static ReadOnlySpan<byte> Utf8NameOf<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>(T value)
        where T : struct, Enum => EnumNames<T>.Utf8.TryGetValue(value, out var name) ? name : Encoding.UTF8.GetBytes(value.ToString());

    private static class EnumNames<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields)] T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Build();

        public static readonly Dictionary<T, byte[]> Utf8 = Names.ToDictionary(n => n.Key, n => Encoding.UTF8.GetBytes(n.Value));

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

    /// <summary>
    /// Writes one link as <see cref="LinkJson"/> does through <see cref="ScanJsonContext"/> (same
    /// fields, order and omissions; a test holds them equal), straight from the raw bytes: no
    /// strings are made for valid UTF-8 names, which is most of the cost of a large listing.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, LinkRecord r)
    {
        json.WriteStartObject();
        WriteName(json, "path"u8, "path_base64"u8, r.Path);
        if (RawPath.IsValidUtf8(r.Root))
        {
            json.WriteString("root"u8, r.Root);
        }
        else
        {
            json.WriteString("root"u8, RawPath.ToText(r.Root));
        }

        json.WriteString("kind"u8, Utf8NameOf(r.Kind));
        if (r.StoredTarget is not null)
        {
            WriteName(json, "stored_target"u8, "stored_target_base64"u8, r.StoredTarget);
        }

        if (r.ResolvedTarget is not null)
        {
            WriteName(json, "resolved_target"u8, "resolved_target_base64"u8, r.ResolvedTarget);
        }

        if (r.IsAbsolute || r.IsRelative)
        {
            json.WriteString("target_form"u8, r.IsAbsolute ? "absolute"u8 : "relative"u8);
        }

        json.WriteString("status"u8, Utf8NameOf(r.Status));
        json.WriteString("target_type"u8, LinkJson.TargetUnseen(r) ? "unknown"u8 : Utf8NameOf(r.TargetType));
        json.WriteBoolean("points_to_ancestor"u8, (r.Flags & LinkFlags.PointsToAncestor) != 0);
        json.WriteBoolean("crosses_file_system"u8, (r.Flags & LinkFlags.CrossesFileSystem) != 0);
        json.WriteBoolean("remote"u8, (r.Flags & LinkFlags.Remote) != 0);
        json.WriteBoolean("outside_root"u8, (r.Flags & LinkFlags.OutsideRoot) != 0);
        json.WriteBoolean("followed"u8, (r.Flags & LinkFlags.Followed) != 0);
        json.WriteBoolean("already_visited"u8, (r.Flags & LinkFlags.AlreadyVisited) != 0);
        json.WriteBoolean("wrong_type"u8, (r.Flags & LinkFlags.WrongType) != 0);
        json.WriteNumber("depth"u8, r.Depth);
        if (r.LinkCount >= 0)
        {
            json.WriteNumber("link_count"u8, r.LinkCount);
        }

        if (r.Identity is { } id)
        {
            json.WriteNumber("device"u8, id.Volume);
            if (id.File <= ulong.MaxValue)
            {
                json.WriteNumber("inode"u8, (ulong)id.File);
            }
            else
            {
                // A 128-bit ReFS id: JSON numbers have no size limit, Utf8JsonWriter has no UInt128 overload.
                json.WritePropertyName("inode"u8);
                json.WriteRawValue(id.File.ToString(System.Globalization.CultureInfo.InvariantCulture), skipInputValidation: true);
            }
        }

        if (r.Error is not null)
        {
            json.WriteString("error"u8, r.Error.ToString());
        }

        json.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> base64Name, byte[] value)
    {
        if (RawPath.IsValidUtf8(value))
        {
            json.WriteString(name, value);
        }
        else
        {
            var text = RawPath.ToText(value);
            if (RawPath.HasUnpairedSurrogate(text))
            {
                // A Windows name with an unpaired surrogate: its \uXXXX escape, never U+FFFD.
                json.WritePropertyName(name);
                json.WriteRawValue(RawPath.JsonLiteral(text, JsonOptions.Encoder!), skipInputValidation: true);
            }
            else
            {
                json.WriteString(name, text);
            }

            json.WriteString(base64Name, Convert.ToBase64String(value));
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
                    WriteJson(json, link);
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
            CsvAscii(LinkJson.TargetUnseen(r) ? "unknown" : NameOf(r.TargetType));
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
