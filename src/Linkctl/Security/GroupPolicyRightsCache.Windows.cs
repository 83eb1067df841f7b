using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Linkctl.Security;

internal static partial class GroupPolicyRightsCache
{
    [SupportedOSPlatform("windows")]
    public static GpoRightState ReadMachine(string right)
    {
        var windows = Environment.GetFolderPath(Environment.SpecialFolder.Windows);
        var folder = Path.Combine(windows, "security", "templates", "policies");
        var templates = new List<CachedGpoTemplate>();
        try
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "gpt*.*"))
                {
                    templates.Add(new CachedGpoTemplate(file, File.ReadAllBytes(file)));
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            return GpoRightState.Unknown($"{folder} may not be read without elevation (run as administrator to see GPO-defined rights)");
        }
        catch (IOException e)
        {
            return GpoRightState.Unknown($"{folder}: {e.Message}");
        }

        return Evaluate(right, templates, ReadAppliedGpos());
    }

    [SupportedOSPlatform("windows")]
    private static Dictionary<string, string?>? ReadAppliedGpos()
    {
        try
        {
            using var history = Registry.LocalMachine.OpenSubKey(
                $@"SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy\History\{SecurityExtensionId}");
            var applied = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (history is null)
            {
                // No security settings came from any GPO at the last application.
                return applied;
            }

            foreach (var n in history.GetSubKeyNames())
            {
                using var gpo = history.OpenSubKey(n);
                if (gpo?.GetValue("GPOName") is string id)
                {
                    applied[id.ToUpperInvariant()] = gpo.GetValue("DisplayName") as string;
                }
            }

            return applied;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}
