using Linkctl.Diagnosis;
using Linkctl.Fixes;
using Linkctl.Platform;
using Linkctl.Security;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

/// <summary>
/// What doctor can know without elevation, and tokens that are elevated without being "Full":
/// the simulation mismatches of issue 11, each against its source.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class UnelevatedFactsTests
{
    private const string Right = RightFacts.Privilege;
    private const string UserSid = "S-1-5-21-1-2-3-1001";
    private const string DevsSid = "S-1-5-21-1-2-3-1105";

    /// <summary>
    /// An LSA as an unelevated caller meets it: the holder list (LsaEnumerateAccountsWithUserRight)
    /// refused, but each account's own rights answered (Wine's advapi32 lsa.c test_lsa, run on
    /// Windows: LsaEnumerateAccountRights on a POLICY_VIEW_LOCAL_INFORMATION handle answers SUCCESS
    /// or STATUS_OBJECT_NAME_NOT_FOUND for the caller's SID).
    /// </summary>
    private static SimulatedLsa Unelevated()
    {
        var lsa = new SimulatedLsa().AddAccount(UserSid, @"PC\user").AddAccount(DevsSid, @"PC\developers");
        lsa.CurrentUserSid = UserSid;
        lsa.Elevated = false;
        return lsa;
    }

    private static DoctorReport Doctor(SimulatedWindows windows, IAccountRights lsa)
    {
        windows.AddDirectory(@"C:\work");
        var gatherer = new DoctorGatherer(windows.Platform(@"C:\work", lsa))
        {
            Scratch = windows.Scratch,
        };
        return Diagnoser.Diagnose(gatherer.Gather(null, null, probe: false));
    }

    [Fact]
    public void Unelevated_the_holder_list_is_refused_but_the_users_own_rights_answer()
    {
        var lsa = Unelevated().Assign(Right, UserSid);

        Assert.False(lsa.ListHolders(Right).Succeeded);
        var me = lsa.CurrentUser(Right);

        Assert.True(me.Succeeded);
        Assert.True(me.Value!.Holds);
        Assert.True(me.Value.Directly);
    }

    [Fact]
    public void Unelevated_a_grant_through_a_group_is_found_by_asking_each_group()
    {
        var lsa = Unelevated().Assign(Right, DevsSid);
        lsa.CurrentUserGroups.Add(DevsSid);

        var me = lsa.CurrentUser(Right).Value!;

        Assert.True(me.Holds);
        Assert.Equal(DevsSid, Assert.Single(me.Through).Sid);
    }

    [Fact]
    public void Unelevated_with_groups_unreadable_and_nothing_found_the_answer_is_unknown_not_no()
    {
        // Whether other accounts' rights answer unelevated is UNVERIFIED (Wine's test asks only for
        // the caller's SID): when they do not, "not assigned" would be a guess, so it is unknown.
        var lsa = Unelevated().Assign(Right, DevsSid);
        lsa.CurrentUserGroups.Add(DevsSid);
        lsa.OtherAccountsReadableUnelevated = false;

        Assert.False(lsa.CurrentUser(Right).Succeeded);
    }

    [Fact]
    public void Doctor_unelevated_says_the_right_is_assigned_but_needs_a_new_logon()
    {
        var lsa = Unelevated().Assign(Right, UserSid);

        var v = Doctor(SimulatedWindows.StandardUser(), lsa).Verdicts.Single(k => k.Kind == LinkKindToMake.SymbolicLinkToFile);

        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("log off and on", v.Reason);
        Assert.DoesNotContain("unknown", v.Reason);
        Assert.Contains(v.Fixes, f => f.Id == "log_off_on");
    }

    [Fact]
    public void Doctor_unelevated_says_the_right_is_not_assigned_instead_of_unknown()
    {
        var v = Doctor(SimulatedWindows.StandardUser(), Unelevated()).Verdicts.Single(k => k.Kind == LinkKindToMake.SymbolicLinkToFile);

        Assert.Contains("not assigned to you or any of your groups", v.Reason);
        Assert.Contains(v.Fixes, f => f.Id == "grant_right");
    }

    [Fact]
    public void A_default_type_token_can_be_elevated_with_no_linked_token()
    {
        // Learn, TOKEN_ELEVATION_TYPE: Default = "the token does not have a linked token"; with UAC off
        // or for the built-in Administrator such a token is elevated (TokenIsElevated), so elevation
        // must be read from TokenElevation, not from the type (docs/windows-facts.md).
        var windows = new SimulatedWindows(SimulatedToken.BuiltInAdministrator).WithVolume(SimulatedVolume.Ntfs('C', 1));

        var token = windows.TokenReader.Read();
        Assert.Equal(ElevationType.Default, token.ElevationType);
        Assert.True(token.Elevated);

        var report = Doctor(windows, new SimulatedLsa());
        Assert.Equal(Verdict.Can, report.Verdicts.Single(k => k.Kind == LinkKindToMake.SymbolicLinkToFile).Verdict);
        var plan = FixPlanner.DeveloperMode(report.Facts.Windows!);
        Assert.Null(plan.Refusal);
        Assert.False(plan.NeedsElevation);
    }

    [Fact]
    public void A_default_type_elevated_token_without_the_privilege_is_not_told_to_elevate()
    {
        var windows = new SimulatedWindows(SimulatedToken.BuiltInAdministrator with { HoldsCreateSymbolicLinkPrivilege = false }).WithVolume(SimulatedVolume.Ntfs('C', 1));

        var v = Doctor(windows, new SimulatedLsa()).Verdicts.Single(k => k.Kind == LinkKindToMake.SymbolicLinkToFile);

        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("even though this window is elevated", v.Reason);
        Assert.DoesNotContain(v.Fixes, f => f.Id == "elevate");
    }
}
