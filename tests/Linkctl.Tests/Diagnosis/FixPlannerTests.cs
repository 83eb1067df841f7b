using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

[Trait("Layer", "Simulated")]
public sealed class FixPlannerTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-fixjournal-");

    public void Dispose() => scratch.Dispose();

    /// <summary>A journal in this test's own temp file (never the user's): one instance is one run.</summary>
    private SettingsJournal Journal() => new(new UndoJournal(scratch.PathOf("journal.jsonl")), "fix");

    private static WindowsFacts Facts(SimulatedWindows windows, SimulatedDoctorLsa? lsa = null)
    {
        windows.AddDirectory(@"C:\work");
        return new DoctorGatherer(windows.Platform(@"C:\work", lsa ?? SimulatedDoctorLsa.ForUser())).Gather(null, null, false).Windows!;
    }

    [Fact]
    public void Devmode_unelevated_administrator_is_refused_with_elevate_offered()
    {
        var plan = FixPlanner.DeveloperMode(Facts(SimulatedWindows.AdminUnelevated()));
        Assert.True(plan.NeedsElevation);
        Assert.Contains("--elevate", plan.Refusal!.Next);
        Assert.Single(plan.Registry);
    }

    [Fact]
    public void Devmode_standard_user_is_refused_without_elevate()
    {
        var plan = FixPlanner.DeveloperMode(Facts(SimulatedWindows.StandardUser()));
        Assert.False(plan.NeedsElevation);
        Assert.Contains("not an administrator", plan.Refusal!.Why);
    }

    [Fact]
    public void Devmode_set_by_policy_is_refused_naming_the_policy()
    {
        var windows = SimulatedWindows.AdminElevated().WithRegistryValue(DeveloperModeFacts.PolicyKey, DeveloperModeFacts.ValueName, 0);
        var plan = FixPlanner.DeveloperMode(Facts(windows));
        Assert.Contains(@"Policies\Microsoft\Windows\Appx", plan.Refusal!.Why);
        Assert.Empty(plan.Registry);
    }

    [Fact]
    public void Devmode_elevated_writes_reads_back_and_undo_restores_absent()
    {
        var windows = SimulatedWindows.AdminElevated();
        var journal = Journal();
        var applier = new FixApplier(windows.Registry, null, journal);
        var plan = FixPlanner.DeveloperMode(Facts(windows));
        Assert.Equal(new RegistryChange(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName, null, 1), plan.Registry.Single());

        var done = applier.Apply(plan);
        Assert.True(done.Success);
        Assert.True(windows.DeveloperModeEnabled);
        Assert.Single(journal.Pending());
        Assert.Equal(Verdict.Can, Diagnoser.Diagnose(new DoctorGatherer(LinkPlatform.ForWindows(new WindowsSources(windows, windows.Registry, new SimulatedWindows(SimulatedToken.StandardUser).TokenReader) { Rights = SimulatedDoctorLsa.ForUser() }, @"C:\work")).Gather(null, null, false)).Verdicts[0].Verdict);

        var undone = applier.Undo(all: false);
        Assert.True(undone.Success);
        Assert.Null(windows.Registry.ReadDword(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName).Value);
        Assert.False(windows.DeveloperModeEnabled);
        Assert.Empty(journal.Pending());
    }

    [Fact]
    public void A_write_the_system_does_not_keep_is_a_read_back_failure()
    {
        var windows = SimulatedWindows.AdminElevated();
        var plan = new FixPlan(FixTopic.DeveloperMode, [new RegistryChange(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName, null, 1)], [], [], null);
        var outcome = new FixApplier(new RevertingRegistry(windows.Registry), null, Journal()).Apply(plan);
        Assert.Equal(FailureKind.ReadBackFailed, outcome.Error!.Kind);
    }

    [Fact]
    public void Evaluation_parses_fsutil_form_and_plans_only_what_changes()
    {
        var wanted = FixPlanner.ParseEvaluation(["L2L:1", "r2l:1"], out var problem);
        Assert.Null(problem);
        var windows = SimulatedWindows.AdminElevated().WithEvaluationValues(EvaluationFacts.LocalKey, l2l: 1, l2r: 1, r2l: 0, r2r: 0);
        var plan = FixPlanner.Evaluation(Facts(windows), wanted!);
        var change = Assert.Single(plan.Registry);
        Assert.Equal("SymlinkRemoteToLocalEvaluation", change.Name);
        Assert.Contains(plan.Notes, n => n.Contains("L2L is already 1"));
        Assert.Null(FixPlanner.ParseEvaluation(["X2Y:1"], out problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Evaluation_writes_all_four_values_keeping_the_others_as_they_are_in_force()
    {
        // docs/windows-facts.md: a partial set is ignored, so a fix must write all four. With only
        // L2L stored, the defaults are in force (L2R on, R2R off) and stay so.
        var windows = SimulatedWindows.AdminElevated().WithRegistryValue(EvaluationFacts.LocalKey, "SymlinkLocalToLocalEvaluation", 1);
        var plan = FixPlanner.Evaluation(Facts(windows), FixPlanner.ParseEvaluation(["R2L:1"], out _)!);

        Assert.Equal(
            [("SymlinkLocalToRemoteEvaluation", (int?)null, 1), ("SymlinkRemoteToLocalEvaluation", null, 1), ("SymlinkRemoteToRemoteEvaluation", null, 0)],
            plan.Registry.Select(c => (c.Name, c.OldValue, c.NewValue)).ToArray());
        Assert.True(new FixApplier(windows.Registry, null, Journal()).Apply(plan).Success);
        Assert.Equal(SimulatedWindows.AdminElevated().SymlinkEvaluation with { RemoteToLocal = true }, windows.SymlinkEvaluation);
    }

    [Fact]
    public void Evaluation_under_a_configured_policy_is_refused_naming_it()
    {
        var windows = SimulatedWindows.AdminElevated().WithEvaluationValues(EvaluationFacts.PolicyKey, l2l: 1, l2r: 1, r2l: 0, r2r: 0);
        var plan = FixPlanner.Evaluation(Facts(windows), FixPlanner.ParseEvaluation(["R2L:1"], out _)!);
        Assert.Contains("Selectively allow the evaluation of a symbolic link", plan.Refusal!.Why);
    }

    [Fact]
    public void Right_grant_is_planned_applied_read_back_and_undone()
    {
        var windows = SimulatedWindows.AdminElevated();
        var lsa = SimulatedDoctorLsa.ForUser("ann");
        var plan = FixPlanner.Right(Facts(windows, lsa), lsa, @"PC\ann");
        Assert.Null(plan.Refusal);
        Assert.Single(plan.Rights);
        Assert.Contains(plan.Notes, n => n.Contains("log off and on") && n.Contains("linkctl doctor"));
        var journal = Journal();
        var applier = new FixApplier(windows.Registry, lsa, journal);
        Assert.True(applier.Apply(plan).Success);
        Assert.True(lsa.CurrentUser(RightFacts.Privilege).Value!.Holds);
        Assert.True(applier.Undo(all: true).Success);
        Assert.False(lsa.CurrentUser(RightFacts.Privilege).Value!.Holds);
    }

    [Fact]
    public void Right_defined_by_a_gpo_is_refused()
    {
        var lsa = SimulatedDoctorLsa.ForUser("ann");
        lsa.Gpo = new Linkctl.Security.GpoRightState([new Linkctl.Security.GpoRightDefinition("{0}", "Hardening", [Linkctl.Security.AccountReference.OfSid("S-1-5-32-544")], "GptTmpl.inf")], null);
        var plan = FixPlanner.Right(Facts(SimulatedWindows.AdminElevated(), lsa), lsa, @"PC\ann");
        Assert.NotNull(plan.Refusal);
    }

    /// <summary>A registry where a policy puts the value back at once.</summary>
    private sealed class RevertingRegistry(Linkctl.Platform.Windows.IRegistry inner) : Linkctl.Platform.Windows.IRegistry
    {
        public OsResult<int?> ReadDword(string subKey, string name) => OsResult<int?>.Of(null);

        public OsResult WriteDword(string subKey, string name, int value) => inner.WriteDword(subKey, name, value);

        public OsResult DeleteValue(string subKey, string name) => inner.DeleteValue(subKey, name);
    }
}
