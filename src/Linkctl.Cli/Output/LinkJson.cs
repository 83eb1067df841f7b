using System.Text.Json.Serialization;
using Linkctl.Links;
using Linkctl.Scanning;

namespace Linkctl.Cli.Output;

/// <summary>
/// One line of <c>linkctl list --json</c>. Field names are snake_case and documented in
/// docs/list.md; never rename, only add.
/// </summary>
public sealed record LinkJson
{
    /// <summary>The link's path as text (an unpaired UTF-16 surrogate of a Windows name as its \\uXXXX escape; other bytes that are not UTF-8 appear as U+FFFD; see path_base64).</summary>
    public required string Path { get; init; }

    /// <summary>The exact bytes of the path, base64, present only when the path is not valid UTF-8.</summary>
    public string? PathBase64 { get; init; }

    public required string Root { get; init; }

    public required LinkKind Kind { get; init; }

    public string? StoredTarget { get; init; }

    public string? StoredTargetBase64 { get; init; }

    public string? ResolvedTarget { get; init; }

    public string? ResolvedTargetBase64 { get; init; }

    /// <summary>"absolute" or "relative"; absent for hard links.</summary>
    public string? TargetForm { get; init; }

    public required LinkStatus Status { get; init; }

    /// <summary>
    /// What the chain leads to (EntryType's JSON names), or "unknown" when the target was never
    /// seen (access denied, a loop...): "missing" is only for a broken link.
    /// </summary>
    public required string TargetType { get; init; }

    public bool PointsToAncestor { get; init; }

    public bool CrossesFileSystem { get; init; }

    public bool Remote { get; init; }

    public bool OutsideRoot { get; init; }

    public bool Followed { get; init; }

    /// <summary>--follow did not enter this folder link: its folder is listed under another path.</summary>
    public bool AlreadyVisited { get; init; }

    /// <summary>Windows: a file link to a folder or a folder link to a file (<see cref="LinkFlags.WrongType"/>).</summary>
    public bool WrongType { get; init; }

    public int Depth { get; init; }

    public long? LinkCount { get; init; }

    public ulong? Device { get; init; }

    public UInt128? Inode { get; init; }

    /// <summary>The OS error met following the link, "NAME (code): message", when it was not simply missing.</summary>
    public string? Error { get; init; }

    /// <summary>The target was never seen, so its type is unknown (not "missing", which only a broken link may claim).</summary>
    internal static bool TargetUnseen(LinkRecord r) => r.TargetType == EntryType.None && r.Status is not (LinkStatus.Broken or LinkStatus.Ok);

    public static LinkJson From(LinkRecord r) => new()
    {
        Path = RawPath.ToText(r.Path),
        PathBase64 = Base64IfNotUtf8(r.Path),
        Root = RawPath.ToText(r.Root),
        Kind = r.Kind,
        StoredTarget = r.StoredTarget is null ? null : RawPath.ToText(r.StoredTarget),
        StoredTargetBase64 = Base64IfNotUtf8(r.StoredTarget),
        ResolvedTarget = r.ResolvedTarget is null ? null : RawPath.ToText(r.ResolvedTarget),
        ResolvedTargetBase64 = Base64IfNotUtf8(r.ResolvedTarget),
        TargetForm = r.IsAbsolute ? "absolute" : r.IsRelative ? "relative" : null,
        Status = r.Status,
        TargetType = TargetUnseen(r) ? "unknown" : System.Text.Json.JsonSerializer.Serialize(r.TargetType, ScanJsonContext.Default.EntryType).Trim('"'),
        PointsToAncestor = (r.Flags & LinkFlags.PointsToAncestor) != 0,
        CrossesFileSystem = (r.Flags & LinkFlags.CrossesFileSystem) != 0,
        Remote = (r.Flags & LinkFlags.Remote) != 0,
        OutsideRoot = (r.Flags & LinkFlags.OutsideRoot) != 0,
        Followed = (r.Flags & LinkFlags.Followed) != 0,
        AlreadyVisited = (r.Flags & LinkFlags.AlreadyVisited) != 0,
        WrongType = (r.Flags & LinkFlags.WrongType) != 0,
        Depth = r.Depth,
        LinkCount = r.LinkCount >= 0 ? r.LinkCount : null,
        Device = r.Identity?.Volume,
        Inode = r.Identity?.File,
        Error = r.Error?.ToString(),
    };

    private static string? Base64IfNotUtf8(byte[]? bytes) =>
        bytes is null || RawPath.IsValidUtf8(bytes) ? null : Convert.ToBase64String(bytes);
}

/// <summary>A problem line of <c>list --json</c> on stderr.</summary>
public sealed record ScanProblemJson(string Path, string? PathBase64, string Problem, string Error, string ErrorName, int ErrorCode)
{
    public static ScanProblemJson From(ScanProblem p) => new(
        RawPath.ToText(p.Path),
        RawPath.IsValidUtf8(p.Path) ? null : Convert.ToBase64String(p.Path),
        p.What,
        p.Error.Message,
        p.Error.Name,
        p.Error.Code);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Default,
    Converters = [typeof(SurrogatePreservingStringConverter)])]
[JsonSerializable(typeof(LinkJson))]
[JsonSerializable(typeof(ScanProblemJson))]
[JsonSerializable(typeof(EntryType))]
public sealed partial class ScanJsonContext : JsonSerializerContext
{
}
