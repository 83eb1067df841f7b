using System.Runtime.Versioning;
using Linkctl.Audit;
using Linkctl.Diagnosis;
using Linkctl.Paths;
using Linkctl.Platform.Windows;
using Linkctl.Security;
using Linkctl.Security.Stig;

namespace Linkctl.Platform;

public sealed partial class LinkPlatform
{
    /// <summary>The live Windows sources: Win32, the 64-bit registry view, this process's token, LSA, DACLs.</summary>
    [SupportedOSPlatform("windows")]
    private static LinkPlatform ForThisWindows()
    {
        var sources = new WindowsSources(new WindowsApi(), new WindowsRegistry(), new ProcessToken())
        {
            Rights = new WindowsAccountRights(),
            Security = new WindowsFileSecuritySource(),
            Folders = KnownFoldersOfThisWindows(),
            DetectRelease = () => WindowsVersion.DetectRunning().Release,
        };
        return ForWindows(sources, Environment.CurrentDirectory);
    }

    /// <summary>
    /// %SystemRoot%, %ProgramFiles%, %ProgramFiles(x86)%, %ProgramData%, and the folder holding
    /// the current user's profile as the profiles folder.
    /// </summary>
    private static WindowsKnownFolders KnownFoldersOfThisWindows()
    {
        var system = new[] { "SystemRoot", "ProgramFiles", "ProgramFiles(x86)", "ProgramData" }
            .Select(Environment.GetEnvironmentVariable)
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!.TrimEnd('\\'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var profile = Environment.GetEnvironmentVariable("USERPROFILE");
        var profiles = string.IsNullOrEmpty(profile) ? null : PathSyntax.Windows.GetDirectoryName(profile.TrimEnd('\\'));
        return new WindowsKnownFolders(system, profiles);
    }
}
