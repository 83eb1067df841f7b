using Linkctl.Errors;
using Linkctl.Links;

namespace Linkctl.Platform;

/// <summary>A link's target exactly as stored in it, before any resolution.</summary>
/// <param name="Kind">The kind of link the stored data says it is.</param>
/// <param name="Target">The target as stored, in the platform's own path syntax (Windows: without the \??\ prefix; Unix: every byte kept, see <see cref="Scanning.RawPath.ToOsText"/>).</param>
/// <param name="IsRelative">Whether the stored target is relative to the link's folder.</param>
/// <param name="ReparseTag">The Windows reparse tag, or 0 on Unix.</param>
internal sealed record StoredLink(LinkKind Kind, string Target, bool IsRelative, uint ReparseTag = 0)
{
    /// <summary>For an app execution alias: the package and app ids; null otherwise.</summary>
    public string? PackageId { get; init; }

    public string? AppId { get; init; }
}

/// <summary>The answers of <see cref="ILinkSystem.ReadLink"/>.</summary>
internal static class LinkRead
{
    /// <summary>What a failed read says when the OS refused it (its error says why).</summary>
    public const string OsFailure = "cannot read the link";

    public static StepResult<StoredLink> Of(StoredLink link) => StepResult<StoredLink>.Of(link);

    public static StepResult<StoredLink> Failed(OsError error) => StepResult<StoredLink>.Failed(OsFailure, error);

    /// <summary>The entry is a reparse point whose data is not a link we can decode: <paramref name="reason"/> says why.</summary>
    public static StepResult<StoredLink> Undecodable(string reason) => StepResult<StoredLink>.Failed(reason);
}
