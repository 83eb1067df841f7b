using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// Writes strings as System.Text.Json does, except that an unpaired UTF-16 surrogate (legal in a
/// Windows file name) is written as its \uXXXX escape instead of U+FFFD, which would name another
/// file. JSON's grammar allows such escapes (RFC 8259, section 8.2); JavaScript's and Python's
/// readers give the name back exactly (System.Text.Json's reader refuses to make a string of it,
/// so the list output also carries the exact bytes as *_base64).
/// </summary>
public sealed class SurrogatePreservingStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (RawPath.HasUnpairedSurrogate(value))
        {
            writer.WriteRawValue(RawPath.JsonLiteral(value, options.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
