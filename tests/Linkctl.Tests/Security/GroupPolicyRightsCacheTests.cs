using System.Text;
using Linkctl.Security;
using Xunit;

namespace Linkctl.Tests.Security;

[Trait("Layer", "Pure")]
public sealed class GroupPolicyRightsCacheTests
{
    private const string Baseline = "{6AC1786C-016F-11D2-945F-00C04FB984F9}";
    private const string DevPolicy = "{0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0}";

    private static CachedGpoTemplate Cached(string file, string gpo, string rights) => new(
        $@"C:\Windows\security\templates\policies\{file}",
        [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(
            $"[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Privilege Rights]\r\n{rights}\r\n[Configuration]\r\nGPOPath={gpo}\\MACHINE\r\n")]);

    [Fact]
    public void No_cached_template_defining_the_right_means_not_defined()
    {
        var state = GroupPolicyRightsCache.Evaluate("SeCreateSymbolicLinkPrivilege",
            [Cached("gpt00000.dom", Baseline, "SeNetworkLogonRight = *S-1-1-0")], new Dictionary<string, string?> { [Baseline] = "Default Domain Policy" });
        Assert.False(state.IsDefined);
        Assert.Null(state.UnknownReason);
    }

    [Fact]
    public void Applied_gpo_defining_the_right_is_found_with_its_name_and_accounts()
    {
        var state = GroupPolicyRightsCache.Evaluate("SeCreateSymbolicLinkPrivilege",
            [Cached("gpt00000.dom", Baseline, "SeNetworkLogonRight = *S-1-1-0"),
             Cached("gpt00001.inf", DevPolicy, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\\devs")],
            new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [Baseline] = "Default Domain Policy", [DevPolicy] = "Developer workstations" });

        var winner = state.Winner!;
        Assert.Equal(DevPolicy, winner.GpoId);
        Assert.Equal("Developer workstations", winner.GpoName);
        Assert.Equal(["*S-1-5-32-544", "CONTOSO\\devs"], winner.Accounts.Select(a => a.ToString()));
    }

    [Fact]
    public void Later_template_wins_and_both_are_reported()
    {
        var state = GroupPolicyRightsCache.Evaluate("SeCreateSymbolicLinkPrivilege",
            [Cached("gpt00002.inf", DevPolicy, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\\devs"),
             Cached("gpt00001.inf", Baseline, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544")],
            null);
        Assert.Equal([DevPolicy, Baseline], state.Definitions.Select(d => d.GpoId));
    }

    [Fact]
    public void Template_of_a_gpo_no_longer_applied_is_ignored()
    {
        var state = GroupPolicyRightsCache.Evaluate("SeCreateSymbolicLinkPrivilege",
            [Cached("gpt00001.inf", DevPolicy, "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\\devs")],
            new Dictionary<string, string?>());
        Assert.False(state.IsDefined);
    }

    [Fact]
    public void Unparseable_cache_makes_the_answer_unknown_not_no()
    {
        var bad = new CachedGpoTemplate("gpt00000.inf", Encoding.UTF8.GetBytes("[Privilege Rights]\nthis is not a right\n"));
        var state = GroupPolicyRightsCache.Evaluate("SeCreateSymbolicLinkPrivilege", [bad], null);
        Assert.NotNull(state.UnknownReason);
        Assert.Contains("line 2", state.UnknownReason, StringComparison.Ordinal);
    }
}
