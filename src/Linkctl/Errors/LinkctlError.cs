namespace Linkctl.Errors;

/// <summary>
/// A failure told the way a user needs it: what happened, why, and what to do next, with
/// the path involved and the OS's own error when there is one.
/// </summary>
public sealed record LinkctlError(FailureKind Kind, string Path, string What, string Why, string Next, OsError? OsError = null)
{
    public override string ToString()
    {
        var os = OsError is null ? string.Empty : $" [{OsError}]";
        return $"{What}{os}\n  why: {Why}\n  next: {Next}";
    }
}

/// <summary>Carries a <see cref="LinkctlError"/> out of code that cannot return it.</summary>
internal sealed class LinkctlException(LinkctlError error) : Exception(error.What)
{
    public LinkctlError Error { get; } = error;
}
