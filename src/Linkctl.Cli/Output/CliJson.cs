using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Linkctl.Cli.Commands;
using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Inspection;
using Linkctl.Removal;

namespace Linkctl.Cli.Output;

/// <summary>
/// Source-generated JSON for the foundation verbs' output (trimming-safe, no reflection).
/// Field names are snake_case and documented in docs/json.md; never rename, only add.
/// Other verbs keep their own context beside their command and write through <see cref="Write"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(SurrogatePreservingStringConverter)])]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(CreationOutcome))]
[JsonSerializable(typeof(LinkReport))]
[JsonSerializable(typeof(RemovalOutcome))]
[JsonSerializable(typeof(Commands.UndoJson))]
[JsonSerializable(typeof(Commands.TreeRemovalJson))]
internal sealed partial class CliJson : JsonSerializerContext
{
    public static void Write<T>(T value, JsonTypeInfo<T> type)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        stdout.WriteByte((byte)'\n');
    }

    /// <summary>One object on one line, for the JSON Lines output of list and repair.</summary>
    public static void WriteLine<T>(T value, JsonTypeInfo<T> type)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        stdout.WriteByte((byte)'\n');
    }
}

/// <summary>The JSON a command prints when it fails before it has a result of its own.</summary>
public sealed record ErrorEnvelope(LinkctlError Error);
