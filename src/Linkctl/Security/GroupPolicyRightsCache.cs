using System.Text.RegularExpressions;
using Linkctl.Security.Inf;

namespace Linkctl.Security;

/// <summary>A cached GPO security template as found on disk.</summary>
internal sealed record CachedGpoTemplate(string Path, byte[] Content);

/// <summary>
/// Whether Group Policy defines a user right, read without WMI from what the Security
/// client-side extension leaves on the machine.
///
/// Why this source: the extension caches each applied GPO's GptTmpl.inf as
/// %windir%\security\templates\policies\gpt0000N.inf / .dom, each with a
/// "GPOPath={GUID}\MACHINE" line (Microsoft, "Troubleshoot SCECLI 1202 events", KB 324383).
/// These are the templates that were really applied, readable without a domain controller
/// and without the WMI RSOP provider (which RSOP logging policy can turn off, and which
/// needs System.Management's COM interop). The GPO names come from the extension's
/// history, HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy\History\
/// {827D319E-6EAC-11D2-A4EA-00C04F79F83A}\N (GPOName, DisplayName; KB 201453), which also
/// lists the GPOs of the last application, so a template left over from a GPO no longer
/// applied is not counted.
///
/// UNVERIFIED: that a higher file number means applied later (so it wins). When two GPOs
/// define the right, both are reported and the highest-numbered is named the winner.
/// </summary>
internal static partial class GroupPolicyRightsCache
{
    public const string SecurityExtensionId = "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}";

    /// <param name="right">The right's name, e.g. SeCreateSymbolicLinkPrivilege.</param>
    /// <param name="templates">The cached templates (gpt0000N.inf/.dom) with their bytes.</param>
    /// <param name="appliedGpos">GPO GUID to display name, from the extension's history; null when the history could not be read.</param>
    public static GpoRightState Evaluate(string right, IReadOnlyList<CachedGpoTemplate> templates, IReadOnlyDictionary<string, string?>? appliedGpos)
    {
        var found = new List<(int Order, GpoRightDefinition Definition)>();
        var unreadable = new List<string>();
        foreach (var cached in templates)
        {
            var read = SecurityTemplate.Read(cached.Content);
            if (!read.Success)
            {
                unreadable.Add($"{cached.Path} ({read.Errors[0]})");
                continue;
            }

            var accounts = read.Template!.GetRight(right);
            if (accounts is null)
            {
                continue;
            }

            var gpoId = GpoIdOf(read.Template) ?? "{unknown GPO}";
            string? name = null;
            if (appliedGpos is not null)
            {
                if (!appliedGpos.TryGetValue(gpoId, out name))
                {
                    // Left from an earlier application: the GPO is no longer in the list.
                    continue;
                }
            }

            found.Add((OrderOf(cached.Path), new GpoRightDefinition(gpoId, name, accounts, cached.Path)));
        }

        if (found.Count == 0 && unreadable.Count > 0)
        {
            return GpoRightState.Unknown("cached GPO templates could not be parsed: " + string.Join("; ", unreadable));
        }

        return new GpoRightState(found.OrderByDescending(f => f.Order).Select(f => f.Definition).ToList(), null);
    }

    /// <summary>"GPOPath={6AC1786C-016F-11D2-945F-00C04FB984F9}\MACHINE" anywhere in the template gives the GUID.</summary>
    public static string? GpoIdOf(SecurityTemplate template)
    {
        foreach (var section in template.Sections)
        {
            foreach (var line in section.Lines)
            {
                var match = GpoPathPattern().Match(line.ToText());
                if (match.Success)
                {
                    return match.Groups[1].Value.ToUpperInvariant();
                }
            }
        }

        return null;
    }

    private static int OrderOf(string path)
    {
        var match = FileNumberPattern().Match(Path.GetFileName(path.Replace('\\', '/')));
        return match.Success && int.TryParse(match.Groups[1].Value, out var n) ? n : -1;
    }

    [GeneratedRegex(@"^\s*GPOPath\s*=\s*(\{[0-9A-Fa-f-]{36}\})", RegexOptions.CultureInvariant)]
    private static partial Regex GpoPathPattern();

    [GeneratedRegex(@"^gpt(\d+)\.", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FileNumberPattern();
}
