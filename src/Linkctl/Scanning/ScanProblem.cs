using Linkctl.Errors;

namespace Linkctl.Scanning;

/// <summary>Something the walk could not read (a folder it may not list, a root that does not exist); the walk goes on.</summary>
public sealed record ScanProblem(byte[] Path, string What, OsError Error)
{
    public string PathText => RawPath.ToText(Path);

    public override string ToString() => $"{What} {RawPath.Escape(Path)}: {Error}";
}
