using Linkctl.Errors;
using Linkctl.Security.Inf;

namespace Linkctl.Security;

/// <summary>Writes what LSA holds into a template a GPO or secedit /configure can take.</summary>
internal static class RightsExport
{
    /// <summary>
    /// A template defining each right with its current holders, as SIDs ('*S-1-...'), since a
    /// name like "Administrators" differs on localized Windows while a SID never does.
    /// </summary>
    public static OsResult<SecurityTemplate> Build(IAccountRights lsa, IEnumerable<string> rights)
    {
        var template = SecurityTemplate.CreateEmpty();
        foreach (var right in rights)
        {
            var holders = lsa.ListHolders(right);
            if (!holders.Succeeded)
            {
                return OsResult<SecurityTemplate>.Failed(holders.Error);
            }

            template.SetRight(right, holders.Value.Select(h => AccountReference.OfSid(h.Sid)));
        }

        return OsResult<SecurityTemplate>.Of(template);
    }

    /// <summary>Where a domain GPO keeps its security template, relative to the GPO's folder in SYSVOL.</summary>
    public const string GptTmplRelativePath = @"Machine\Microsoft\Windows NT\SecEdit\GptTmpl.inf";

}
