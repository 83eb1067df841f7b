using Linkctl.Errors;
using Linkctl.Security;
using Linkctl.Security.Inf;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Security;

[Trait("Layer", "Pure")]
public sealed class AccountRightsTests
{
    private const string Right = RightsPlanner.SymlinkRight;
    private const string AnnSid = "S-1-5-21-1-2-3-1001";
    private const string DevsSid = "S-1-5-21-1-2-3-1105";

    private static SimulatedLsa Machine() => new SimulatedLsa()
        .AddAccount(AnnSid, "CONTOSO\\ann")
        .AddAccount(DevsSid, "CONTOSO\\developers");

    [Fact]
    public void Lists_holders_with_sids_and_names()
    {
        var lsa = Machine().Assign(Right, DevsSid);
        var holders = lsa.ListHolders(Right);
        Assert.True(holders.Succeeded);
        Assert.Equal(
            [new AccountInfo(WellKnownAccounts.Administrators, "BUILTIN\\Administrators"), new AccountInfo(DevsSid, "CONTOSO\\developers")],
            holders.Value.OrderBy(h => h.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void Grant_by_name_is_planned_applied_and_read_back()
    {
        var lsa = Machine();
        var plan = RightsPlanner.PlanGrant(lsa, "ann", Right, localAnyway: false);
        Assert.False(plan.Refused);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(new RightsChange(RightsChangeKind.Grant, Right, AnnSid, "CONTOSO\\ann"), change);
        Assert.Empty(lsa.Calls);

        var outcome = RightsApplier.Apply(lsa, change);
        Assert.True(outcome.Confirmed);
        Assert.Null(outcome.Error);
        Assert.Contains(lsa.ListHolders(Right).Value!, h => h.Sid == AnnSid);
    }

    [Fact]
    public void Revoke_by_sid_then_undo_restores_the_holder()
    {
        var lsa = Machine().Assign(Right, DevsSid);
        var plan = RightsPlanner.PlanRevoke(lsa, "*" + DevsSid, Right, localAnyway: false);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(RightsChangeKind.Revoke, change.Kind);

        Assert.True(RightsApplier.Apply(lsa, change).Confirmed);
        Assert.DoesNotContain(lsa.ListHolders(Right).Value!, h => h.Sid == DevsSid);

        var undo = RightsApplier.Undo(lsa, change);
        Assert.True(undo.Confirmed);
        Assert.Equal(RightsChangeKind.Grant, undo.Change.Kind);
        Assert.Contains(lsa.ListHolders(Right).Value!, h => h.Sid == DevsSid);
    }

    [Fact]
    public void Granting_what_is_held_and_revoking_what_is_not_plan_nothing()
    {
        var lsa = Machine();
        Assert.Empty(RightsPlanner.PlanGrant(lsa, "Administrators", Right, false).Changes);
        var revoke = RightsPlanner.PlanRevoke(lsa, AnnSid, Right, false);
        Assert.Empty(revoke.Changes);
        Assert.Contains(revoke.Notes, n => n.Contains("nothing to revoke", StringComparison.Ordinal));
    }

    [Fact]
    public void Gpo_defined_right_is_refused_unless_local_anyway()
    {
        var lsa = Machine().DefineByGpo(Right, "{6AC1786C-016F-11D2-945F-00C04FB984F9}", "Workstation baseline", AccountReference.OfSid(WellKnownAccounts.Administrators));

        var refused = RightsPlanner.PlanGrant(lsa, "ann", Right, localAnyway: false);
        Assert.True(refused.Refused);
        Assert.Equal(FailureKind.Conflict, refused.Refusal!.Kind);
        Assert.Contains("Workstation baseline", refused.Refusal.What, StringComparison.Ordinal);
        Assert.Contains("--local-anyway", refused.Refusal.Next, StringComparison.Ordinal);
        Assert.Empty(refused.Changes);
        Assert.Empty(lsa.Calls);

        var anyway = RightsPlanner.PlanGrant(lsa, "ann", Right, localAnyway: true);
        Assert.False(anyway.Refused);
        Assert.Single(anyway.Changes);
        Assert.Contains(anyway.Notes, n => n.Contains("next policy refresh", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_elevated_gets_status_access_denied_and_is_told_to_elevate()
    {
        var lsa = Machine();
        lsa.Elevated = false;
        var plan = RightsPlanner.PlanGrant(lsa, AnnSid, Right, false);
        Assert.True(plan.Refused);
        Assert.Equal(FailureKind.AccessDenied, plan.Refusal!.Kind);
        Assert.Equal(OsErrorDomain.NtStatus, plan.Refusal.OsError!.Domain);
        Assert.Equal(unchecked((int)0xC0000022), plan.Refusal.OsError.Code);
        Assert.Equal("STATUS_ACCESS_DENIED", plan.Refusal.OsError.Name);
        Assert.Contains("elevated", plan.Refusal.Next, StringComparison.Ordinal);

        var direct = RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, Right, AnnSid, null));
        Assert.False(direct.Confirmed);
        Assert.Equal(FailureKind.AccessDenied, direct.Error!.Kind);
    }

    [Fact]
    public void Success_without_effect_is_never_reported_as_done()
    {
        var lsa = Machine();
        lsa.IgnoreWrites = true;
        var outcome = RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, Right, AnnSid, "CONTOSO\\ann"));
        Assert.False(outcome.Confirmed);
        Assert.Equal(FailureKind.ReadBackFailed, outcome.Error!.Kind);
    }

    [Fact]
    public void Unknown_right_reports_status_no_such_privilege()
    {
        var lsa = Machine();
        var outcome = RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, "SeMadeUpPrivilege", AnnSid, null));
        Assert.Equal("STATUS_NO_SUCH_PRIVILEGE", outcome.Error!.OsError!.Name);
        Assert.Equal(FailureKind.InvalidInput, outcome.Error.Kind);
    }

    [Fact]
    public void Current_user_holds_the_right_through_a_group()
    {
        var lsa = Machine().Assign(Right, DevsSid);
        lsa.CurrentUserSid = AnnSid;
        lsa.CurrentUserGroups.Add(DevsSid);

        var me = lsa.CurrentUser(Right).Value!;
        Assert.True(me.Holds);
        Assert.False(me.Directly);
        Assert.Equal(DevsSid, Assert.Single(me.Through).Sid);

        lsa.CurrentUserGroups.Remove(DevsSid);
        Assert.False(lsa.CurrentUser(Right).Value!.Holds);
    }

    [Fact]
    public void Names_and_sids_resolve_both_ways_and_unknown_names_fail()
    {
        var lsa = Machine();
        Assert.Equal(AnnSid, RightsPlanner.Resolve(lsa, "CONTOSO\\ann").Value!.Sid);
        Assert.Equal(AnnSid, RightsPlanner.Resolve(lsa, "ann").Value!.Sid);
        Assert.Equal("CONTOSO\\ann", RightsPlanner.Resolve(lsa, AnnSid).Value!.Name);

        var deleted = RightsPlanner.Resolve(lsa, "S-1-5-21-1-2-3-9999");
        Assert.True(deleted.Succeeded);
        Assert.Null(deleted.Value.Name);

        var unknown = RightsPlanner.PlanGrant(lsa, "nobody", Right, false);
        Assert.Equal(FailureKind.NotFound, unknown.Refusal!.Kind);
        Assert.Equal(Win32ErrorNames.NoneMapped, unknown.Refusal.OsError!.Code);
    }

    [Fact]
    public void Import_plans_grants_and_revokes_to_match_the_template()
    {
        var lsa = Machine().Assign(Right, DevsSid);
        var template = SecurityTemplate.Parse(
            "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Privilege Rights]\r\n" +
            "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\\ann\r\n").Template!;

        var plan = RightsPlanner.PlanImport(lsa, template, null, false);
        Assert.False(plan.Refused);
        Assert.Equal(
            [new RightsChange(RightsChangeKind.Grant, Right, AnnSid, "CONTOSO\\ann"), new RightsChange(RightsChangeKind.Revoke, Right, DevsSid, "CONTOSO\\developers")],
            plan.Changes);
        Assert.Empty(lsa.Calls);

        foreach (var change in plan.Changes)
        {
            Assert.True(RightsApplier.Apply(lsa, change).Confirmed);
        }

        Assert.Empty(RightsPlanner.PlanImport(lsa, template, null, false).Changes);
    }

    [Fact]
    public void Import_refuses_a_template_naming_an_unknown_account()
    {
        var template = SecurityTemplate.Parse("[Privilege Rights]\r\nSeCreateSymbolicLinkPrivilege = CONTOSO\\ghost\r\n").Template!;
        var plan = RightsPlanner.PlanImport(Machine(), template, null, false);
        Assert.True(plan.Refused);
        Assert.Contains("CONTOSO\\ghost", plan.Refusal!.What, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_holders_as_sids_and_reads_back()
    {
        var lsa = Machine().Assign(Right, DevsSid);
        var template = RightsExport.Build(lsa, [Right]).Value!;
        var text = template.ToText();
        Assert.Contains($"SeCreateSymbolicLinkPrivilege = *{DevsSid},*S-1-5-32-544\r\n", text, StringComparison.Ordinal);
        Assert.StartsWith("[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n", text, StringComparison.Ordinal);

        var back = SecurityTemplate.Read(template.ToBytes()).Template!;
        Assert.Empty(RightsPlanner.PlanImport(lsa, back, null, false).Changes);
    }
}
