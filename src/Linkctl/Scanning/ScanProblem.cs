using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>Something the walk could not read (a folder it may not list, a root that does not exist); the walk goes on.</summary>
public sealed record ScanProblem(byte[] Path, string What, OsError Error)
{
    /// <summary>What kind of failure it is (the one classifier's answer): exit codes are chosen from this, never from the error's name.</summary>
    public FailureKind Kind { get; init; } = LinkClassifier.Classify(Error, LinkOperation.Read);

    public string PathText => RawPath.ToText(Path);

    public override string ToString() => $"{What} {RawPath.Escape(Path)}: {Error}";
}
