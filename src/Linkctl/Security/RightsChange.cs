using System.Text.Json.Serialization;

namespace Linkctl.Security;

[JsonConverter(typeof(JsonStringEnumConverter<RightsChangeKind>))]
internal enum RightsChangeKind
{
    [JsonStringEnumMemberName("grant")] Grant,
    [JsonStringEnumMemberName("revoke")] Revoke,
}

/// <summary>
/// One change to LSA's user rights, as a plain value: what the undo journal records and
/// what <see cref="Inverse"/> turns into its undo.
/// </summary>
internal sealed record RightsChange(RightsChangeKind Kind, string Right, string Sid, string? AccountName)
{
    public RightsChange Inverse() => this with { Kind = Kind == RightsChangeKind.Grant ? RightsChangeKind.Revoke : RightsChangeKind.Grant };

    public string Describe()
    {
        var who = AccountName is null ? Sid : $"{AccountName} ({Sid})";
        return Kind == RightsChangeKind.Grant ? $"grant {Right} to {who}" : $"revoke {Right} from {who}";
    }
}
