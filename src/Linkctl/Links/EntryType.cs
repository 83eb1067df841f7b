using System.Text.Json.Serialization;

namespace Linkctl.Links;

/// <summary>What a path is on disk, without following a link at its last component.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntryType>))]
public enum EntryType
{
    [JsonStringEnumMemberName("missing")] None,
    [JsonStringEnumMemberName("file")] File,
    [JsonStringEnumMemberName("directory")] Directory,
    [JsonStringEnumMemberName("symbolic_link")] SymbolicLink,
    [JsonStringEnumMemberName("junction")] Junction,
    [JsonStringEnumMemberName("reparse_point")] OtherReparsePoint,
    /// <summary>A FIFO, socket or device node.</summary>
    [JsonStringEnumMemberName("special")] Special,
}
