using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Linkctl.Diagnosis;

namespace Linkctl.Cli.Commands;

/// <summary>
/// Source-generated JSON for explain, doctor and fix (snake_case, like Output/CliJson.cs).
/// Field names are documented in docs/doctor.md; never rename, only add.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExplainResult))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(Linkctl.Fixes.FixOutcome))]
internal sealed partial class DiagnosisJson : JsonSerializerContext
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
}
