using System.Text.Json.Serialization;
using Linkctl.Diagnosis;

namespace Linkctl.Cli.Commands;

/// <summary>
/// Source-generated JSON for explain, doctor and fix (snake_case, like Output/CliJson.cs).
/// Field names are documented in docs/doctor.md; never rename, only add. Written with CliJson.Write.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExplainResult))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(Linkctl.Fixes.FixOutcome))]
internal sealed partial class DiagnosisJson : JsonSerializerContext;
