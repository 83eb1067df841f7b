using System.Runtime.InteropServices;
using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>Picks the live <see cref="ILinkSystem"/> for the OS this process runs on.</summary>
public static class LinkSystem
{
    /// <exception cref="PlatformNotSupportedException">No backend for this OS (see the message).</exception>
    public static ILinkSystem ForCurrentOS()
    {
        if (OperatingSystem.IsLinux())
        {
            return new UnixLinkSystem(PathSyntax.Unix);
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsLinkSystem(new Windows.WindowsApi());
        }

        throw new PlatformNotSupportedException(
            $"linkctl has no file system backend for {RuntimeInformation.OSDescription} yet: the Unix backend " +
            "reads struct stat with Linux's layouts only, and macOS (whose struct stat differs) is not implemented.");
    }
}
