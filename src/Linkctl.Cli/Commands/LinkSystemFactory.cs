using Linkctl.Platform;

namespace Linkctl.Cli.Commands;

/// <summary>The one place the CLI picks the live file system (tests run the real binary against real disks).</summary>
internal static class LinkSystemFactory
{
    public static ILinkSystem Create() => LinkSystem.ForCurrentOS();

    public static string CurrentDirectory => Environment.CurrentDirectory;
}
