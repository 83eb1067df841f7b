namespace Linkctl.Platform;

/// <summary>
/// Every name of a hard-linked file, or why the OS cannot list them (Wine lacks
/// FindFirstFileNameW; Unix has no such call without scanning the file system).
/// </summary>
public sealed record HardLinkNames(IReadOnlyList<string>? Names, string? UnavailableReason)
{
    public static HardLinkNames Of(IReadOnlyList<string> names) => new(names, null);

    public static HardLinkNames NotAvailable(string reason) => new(null, reason);
}
