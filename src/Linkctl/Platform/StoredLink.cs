using Linkctl.Errors;
using Linkctl.Links;

namespace Linkctl.Platform;

/// <summary>A link's target exactly as stored in it, before any resolution.</summary>
/// <param name="Kind">The kind of link the stored data says it is.</param>
/// <param name="Target">The target as stored, in the platform's own path syntax (Windows: without the \??\ prefix).</param>
/// <param name="IsRelative">Whether the stored target is relative to the link's folder.</param>
/// <param name="ReparseTag">The Windows reparse tag, or 0 on Unix.</param>
public sealed record StoredLink(LinkKind Kind, string Target, bool IsRelative, uint ReparseTag = 0)
{
    /// <summary>For an app execution alias: the package and app ids; null otherwise.</summary>
    public string? PackageId { get; init; }

    public string? AppId { get; init; }
}

/// <summary>The answer to <see cref="ILinkSystem.ReadLink"/>: a link, or why there is none.</summary>
public sealed record LinkReadResult(StoredLink? Link, OsError? Error, string? Problem = null)
{
    public static LinkReadResult Of(StoredLink link) => new(link, null);

    public static LinkReadResult Failed(OsError error) => new(null, error);

    /// <summary>The entry is a reparse point whose data we cannot decode: <paramref name="reason"/> says why.</summary>
    public static LinkReadResult Undecodable(string reason) => new(null, null, reason);
}
