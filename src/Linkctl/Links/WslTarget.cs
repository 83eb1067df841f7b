namespace Linkctl.Links;

/// <summary>
/// Where an absolute WSL symlink target (IO_REPARSE_TAG_LX_SYMLINK) leads when seen from Windows.
/// WSL mounts each fixed drive under the [automount] root, "/mnt/" by default, so /mnt/c/Users
/// is C:\Users (learn.microsoft.com/windows/wsl/wsl-config, "automount settings", root).
/// UNVERIFIED for a distribution whose wsl.conf moves that root: the mapping then does not apply
/// and the target is shown as the Linux path it is, which is the stored text, so being wrong
/// only loses the convenience, never the target.
/// </summary>
internal static class WslTarget
{
    private const string AutomountRoot = "/mnt/";

    /// <summary>
    /// The Windows path for a target under the default automount root ("/mnt/c/x/y" gives
    /// "C:\x\y", "/mnt/d" gives "D:\"); null for any other target, which is a path inside the
    /// Linux distribution and is reported as such.
    /// </summary>
    public static string? WindowsPathOf(string target)
    {
        if (!target.StartsWith(AutomountRoot, StringComparison.Ordinal) || target.Length < AutomountRoot.Length + 1)
        {
            return null;
        }

        var letter = target[AutomountRoot.Length];
        if (!char.IsAsciiLetter(letter))
        {
            return null;
        }

        var rest = target[(AutomountRoot.Length + 1)..];
        if (rest.Length > 0 && rest[0] != '/')
        {
            return null; // "/mnt/cdrom" is a folder of the distribution, not drive C.
        }

        // A Linux name may hold '\', which Windows would read as a separator: such a target has no
        // faithful Windows spelling, so it stays a Linux path rather than leading somewhere else.
        if (rest.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var tail = rest.TrimStart('/').Replace('/', '\\');
        return $"{char.ToUpperInvariant(letter)}:\\{tail}";
    }
}
