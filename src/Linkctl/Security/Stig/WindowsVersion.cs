namespace Linkctl.Security.Stig;

/// <summary>RtlGetVersion's wProductType: which kind of Windows a build number belongs to.</summary>
internal enum WindowsProductType
{
    Unknown = 0,
    Workstation = 1,
    DomainController = 2,
    Server = 3,
}

/// <summary>The Windows releases the STIG table distinguishes.</summary>
internal enum WindowsRelease
{
    Unknown,
    Windows10,
    Windows11,
    Server2016,
    Server2019,
    Server2022,
    Server2025,
    /// <summary>A server build that is none of the long-term releases (semi-annual channel, Server 23H2, insider).</summary>
    OtherServer,
}

internal static partial class WindowsVersion
{
    /// <summary>
    /// Windows 11 shares major version 10 with Windows 10, so only the build tells them apart
    /// (22000 = 21H2). Servers are matched on their exact long-term build: a semi-annual or
    /// annual-channel server build is no release the STIG table covers.
    /// </summary>
    public static WindowsRelease Detect(int build, WindowsProductType productType)
    {
        if (build <= 0 || productType == WindowsProductType.Unknown)
        {
            return WindowsRelease.Unknown;
        }

        if (productType == WindowsProductType.Workstation)
        {
            return build >= 22000 ? WindowsRelease.Windows11
                : build >= 10240 ? WindowsRelease.Windows10
                : WindowsRelease.Unknown;
        }

        return build switch
        {
            14393 => WindowsRelease.Server2016,
            17763 => WindowsRelease.Server2019,
            20348 => WindowsRelease.Server2022,
            26100 => WindowsRelease.Server2025,
            _ => WindowsRelease.OtherServer,
        };
    }

    public static string DisplayName(WindowsRelease release) => release switch
    {
        WindowsRelease.Windows10 => "Windows 10",
        WindowsRelease.Windows11 => "Windows 11",
        WindowsRelease.Server2016 => "Windows Server 2016",
        WindowsRelease.Server2019 => "Windows Server 2019",
        WindowsRelease.Server2022 => "Windows Server 2022",
        WindowsRelease.Server2025 => "Windows Server 2025",
        WindowsRelease.OtherServer => "a Windows Server build outside the long-term releases",
        _ => "an unknown Windows version",
    };

    /// <summary>Parses a --os value: win10, win11, server2016, server2019, server2022, server2025.</summary>
    public static WindowsRelease? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "win10" or "windows10" or "10" => WindowsRelease.Windows10,
        "win11" or "windows11" or "11" => WindowsRelease.Windows11,
        "server2016" or "2016" => WindowsRelease.Server2016,
        "server2019" or "2019" => WindowsRelease.Server2019,
        "server2022" or "2022" => WindowsRelease.Server2022,
        "server2025" or "2025" => WindowsRelease.Server2025,
        _ => null,
    };
}
