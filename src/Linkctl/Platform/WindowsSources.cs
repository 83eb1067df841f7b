using Linkctl.Audit;
using Linkctl.Diagnosis;
using Linkctl.Platform.Windows;
using Linkctl.Security;
using Linkctl.Security.Stig;

namespace Linkctl.Platform;

/// <summary>
/// The Windows-only sources of the platform bundle: the Win32 calls (<see cref="IWindowsApi"/>,
/// which also gives the walker's listings and the volume's $Reparse index), the registry, the
/// process token, LSA, security descriptors and the system's known folders. Live on Windows
/// (<see cref="LinkPlatform.ForCurrentOS"/>), simulated in the tests.
/// </summary>
/// <param name="Api">The Win32 calls links need.</param>
/// <param name="Registry">HKLM values (Developer Mode, SymlinkEvaluation).</param>
/// <param name="Token">The process token.</param>
internal sealed record WindowsSources(IWindowsApi Api, IRegistry Registry, ITokenReader Token)
{
    /// <summary>RtlGetVersion's build number; 0 when unknown.</summary>
    public int OsBuild => Api.OsBuild;

    /// <summary>LSA and Group Policy; null when this build has no reader (reported as unknown).</summary>
    public IAccountRights? Rights { get; init; }

    /// <summary>Folder DACLs and owners for the audit; null when there is no reader (the audit then refuses to run).</summary>
    public IFileSecuritySource? Security { get; init; }

    /// <summary>The system's folders that ordinary users must not control.</summary>
    public WindowsKnownFolders Folders { get; init; } = WindowsKnownFolders.Default;

    /// <summary>Which Windows release this is, for the STIG rule; by default from the build alone, as a workstation.</summary>
    public Func<WindowsRelease>? DetectRelease { get; init; }

    public WindowsRelease Release => DetectRelease?.Invoke() ?? WindowsVersion.Detect(OsBuild, WindowsProductType.Workstation);
}

/// <summary>
/// The folders the audit treats as the system's (%SystemRoot%, %ProgramFiles%,
/// %ProgramFiles(x86)%, %ProgramData%) and the folder holding user profiles.
/// </summary>
internal sealed record WindowsKnownFolders(IReadOnlyList<string> SystemFolders, string? ProfilesRoot)
{
    /// <summary>A default installation on C:.</summary>
    public static WindowsKnownFolders Default { get; } = new([@"C:\Windows", @"C:\Program Files", @"C:\Program Files (x86)", @"C:\ProgramData"], @"C:\Users");
}
