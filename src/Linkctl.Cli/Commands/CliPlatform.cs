using Linkctl.Platform;

namespace Linkctl.Cli.Commands;

/// <summary>
/// The one place the CLI wires the platform bundle: built on first use, once per process, from
/// the OS it runs on. Verbs that need no disk (explain) never build it.
/// </summary>
internal static class CliPlatform
{
    private static readonly Lazy<LinkPlatform> Live = new(LinkPlatform.ForCurrentOS);

    /// <exception cref="PlatformNotSupportedException">linkctl has no backend for this OS.</exception>
    public static LinkPlatform Current => Live.Value;

    /// <summary>The platform, or null on an OS without a backend (for verbs that also run without one, such as audit policy --inf).</summary>
    public static LinkPlatform? OrNull
    {
        get
        {
            try
            {
                return Live.Value;
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }
        }
    }
}
