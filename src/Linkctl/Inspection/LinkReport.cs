using Linkctl.Errors;
using Linkctl.Links;

namespace Linkctl.Inspection;

/// <summary>Everything <c>linkctl show</c> says about one path. JSON field names are documented in docs/json.md.</summary>
public sealed record LinkReport(string Path, EntryType EntryType, LinkKind Kind, LinkStatus Status)
{
    /// <summary>For a link: whether it is a folder link (junction, directory symbolic link, link to a folder).</summary>
    public bool IsDirectory { get; init; }

    /// <summary>The target exactly as stored in the link.</summary>
    public string? StoredTarget { get; init; }

    public bool? IsRelative { get; init; }

    /// <summary>The stored target resolved lexically against the link's folder: where the link points.</summary>
    public string? TargetFullPath { get; init; }

    /// <summary>Where following every link finally leads, when that exists.</summary>
    public string? FinalPath { get; init; }

    /// <summary>Why the status is not ok, in the OS's words.</summary>
    public OsError? StatusError { get; init; }

    public uint? ReparseTag { get; init; }

    public string? ReparseTagName { get; init; }

    /// <summary>How many names the file has (hard links).</summary>
    public long? LinkCount { get; init; }

    /// <summary>Every name of a hard-linked file (Windows), when the OS can list them.</summary>
    public IReadOnlyList<string>? Names { get; init; }

    /// <summary>Why <see cref="Names"/> is absent: "not available" and the reason.</summary>
    public string? NamesUnavailable { get; init; }

    /// <summary>App execution alias: the package family and app ids.</summary>
    public string? PackageId { get; init; }

    public string? AppId { get; init; }

    /// <summary>A reparse point whose data could not be decoded: the reason.</summary>
    public string? Problem { get; init; }

    /// <summary>What is true of this link that its user should know (it works here, but not everywhere).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
