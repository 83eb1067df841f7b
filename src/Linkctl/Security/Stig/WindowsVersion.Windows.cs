using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Linkctl.Security.Stig;

internal static partial class WindowsVersion
{
    /// <summary>
    /// The running Windows: .NET 5+ reports the true build (no manifest lie), and
    /// ProductOptions\ProductType says WinNT (workstation), ServerNT or LanmanNT (domain controller).
    /// </summary>
    [SupportedOSPlatform("windows")]
    public static (WindowsRelease Release, int Build, WindowsProductType ProductType) DetectRunning()
    {
        var build = Environment.OSVersion.Version.Build;
        WindowsProductType type;
        try
        {
            using var key = Registry.LocalMachine.OpenSubKey(@"SYSTEM\CurrentControlSet\Control\ProductOptions");
            type = (key?.GetValue("ProductType") as string)?.ToUpperInvariant() switch
            {
                "WINNT" => WindowsProductType.Workstation,
                "SERVERNT" => WindowsProductType.Server,
                "LANMANNT" => WindowsProductType.DomainController,
                _ => WindowsProductType.Unknown,
            };
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            type = WindowsProductType.Unknown;
        }

        return (Detect(build, type), build, type);
    }
}
