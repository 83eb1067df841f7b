using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Security;
using Linkctl.Tests.Diagnosis;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Journal;

/// <summary>
/// fix and rights record each change in the one undo journal (a temp file per test, never the
/// user's), and undo restores exactly what was replaced, read back, on the simulated Windows and LSA.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class SettingsJournalTests : IDisposable
{
    private const string Right = RightsPlanner.SymlinkRight;
    private const string AnnSid = "S-1-5-21-1-2-3-1001";
    private static readonly string DevKey = DeveloperModeFacts.LocalKey;
    private static readonly string DevName = DeveloperModeFacts.ValueName;

    private readonly ScratchDirectory scratch = new("linkctl-settingsjournal-");

    public void Dispose() => scratch.Dispose();

    private UndoJournal File => new(scratch.PathOf("journal.jsonl"));

    /// <summary>One command invocation's journal: each call is a new run, as each CLI process is.</summary>
    private SettingsJournal Run(string command) => new(File, command);

    private static WindowsFacts Facts(SimulatedWindows windows, IAccountRights? lsa = null)
    {
        windows.AddDirectory(@"C:\work");
        return new DoctorGatherer(windows.Platform(@"C:\work", lsa ?? SimulatedDoctorLsa.ForUser())).Gather(null, null, false).Windows!;
    }

    private static SimulatedLsa Lsa() => new SimulatedLsa().AddAccount(AnnSid, "CONTOSO\\ann");

    [Fact]
    public void Fix_devmode_records_absent_before_and_undo_removes_the_value_again()
    {
        var windows = SimulatedWindows.AdminElevated();
        var outcome = new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows)));
        Assert.True(outcome.Success, outcome.Error?.ToString());
        Assert.Equal(1, windows.Registry.ReadDword(DevKey, DevName).Value);

        var line = Assert.Single(File.ReadAll());
        Assert.Equal("fix", line.Command);
        Assert.Equal(SettingsJournal.SetRegistryValueAction, line.Action);
        Assert.Equal($"HKLM\\{DevKey}\\{DevName}", line.Path);
        Assert.Null(line.Before);
        Assert.Equal("1", line.After);
        Assert.Contains("\"after\":\"1\"", System.IO.File.ReadAllText(File.FilePath));
        Assert.DoesNotContain("\"before\"", System.IO.File.ReadAllText(File.FilePath));

        var undone = new FixApplier(windows.Registry, null, Run("fix")).Undo(all: false);
        Assert.True(undone.Success, undone.Error?.ToString());
        Assert.Null(windows.Registry.ReadDword(DevKey, DevName).Value);
        Assert.False(windows.DeveloperModeEnabled);
        Assert.Empty(Run("fix").Pending());
        Assert.Equal(UndoJournal.UndoRunAction, File.ReadAll()[^1].Action);
    }

    [Fact]
    public void Fix_devmode_over_a_stored_zero_records_zero_and_undo_writes_zero_back_not_absent()
    {
        var windows = SimulatedWindows.AdminElevated().WithRegistryValue(DevKey, DevName, 0);
        var plan = FixPlanner.DeveloperMode(Facts(windows));
        Assert.Equal(0, plan.Registry.Single().OldValue);
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(plan).Success);
        Assert.Equal("0", Assert.Single(File.ReadAll()).Before);

        Assert.Equal(0, Run("fix").Pending().Single().Registry.Single().OldValue);
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Undo(all: false).Success);
        Assert.Equal(0, windows.Registry.ReadDword(DevKey, DevName).Value);
    }

    [Fact]
    public void Fix_evaluation_runs_undo_newest_first_and_all_restores_every_run()
    {
        var windows = SimulatedWindows.AdminElevated().WithRegistryValue(EvaluationFacts.LocalKey, "SymlinkRemoteToLocalEvaluation", 0);

        // The first run writes all four values (a partial set is ignored by Windows): L2L and L2R
        // absent -> 1 (the defaults in force), R2L 0 -> 1, R2R absent -> 1.
        var r2l = FixPlanner.Evaluation(Facts(windows), FixPlanner.ParseEvaluation(["R2L:1", "R2R:1"], out _)!);
        Assert.Equal(4, r2l.Registry.Count);
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(r2l).Success);
        var l2r = FixPlanner.Evaluation(Facts(windows), FixPlanner.ParseEvaluation(["L2R:0"], out _)!);
        Assert.Single(l2r.Registry);
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(l2r).Success);
        Assert.Equal(2, Run("fix").Pending().Count);

        // --undo: only the newest run (L2R back to 1).
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Undo(all: false).Success);
        Assert.Equal(1, windows.Registry.ReadDword(EvaluationFacts.LocalKey, "SymlinkLocalToRemoteEvaluation").Value);
        Assert.Equal(1, windows.Registry.ReadDword(EvaluationFacts.LocalKey, "SymlinkRemoteToLocalEvaluation").Value);

        // --undo --all: the rest; R2L back to its stored 0, the others back to absent.
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Undo(all: true).Success);
        Assert.Equal(0, windows.Registry.ReadDword(EvaluationFacts.LocalKey, "SymlinkRemoteToLocalEvaluation").Value);
        Assert.Null(windows.Registry.ReadDword(EvaluationFacts.LocalKey, "SymlinkRemoteToRemoteEvaluation").Value);
        Assert.Null(windows.Registry.ReadDword(EvaluationFacts.LocalKey, "SymlinkLocalToRemoteEvaluation").Value);

        var nothing = new FixApplier(windows.Registry, null, Run("fix")).Undo(all: true);
        Assert.Equal(FailureKind.NotFound, nothing.Error!.Kind);
    }

    [Fact]
    public void Undo_leaves_alone_a_value_something_else_changed_since_and_keeps_the_run()
    {
        var windows = SimulatedWindows.AdminElevated();
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows))).Success);
        windows.WithRegistryValue(DevKey, DevName, 7);

        var undone = new FixApplier(windows.Registry, null, Run("fix")).Undo(all: false);
        Assert.Equal(FailureKind.Conflict, undone.Error!.Kind);
        Assert.Equal(7, windows.Registry.ReadDword(DevKey, DevName).Value);
        Assert.Single(Run("fix").Pending());
    }

    [Fact]
    public void Undo_of_a_value_already_restored_reports_it_and_completes_the_run()
    {
        var windows = SimulatedWindows.AdminElevated();
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows))).Success);
        OsAssert.Succeeded(windows.Registry.DeleteValue(DevKey, DevName));

        var undone = new FixApplier(windows.Registry, null, Run("fix")).Undo(all: false);
        Assert.True(undone.Success);
        Assert.Contains(undone.Done, d => d.Contains("already absent", StringComparison.Ordinal));
        Assert.Empty(Run("fix").Pending());
    }

    [Fact]
    public void A_write_the_system_does_not_keep_is_journaled_as_not_made_and_not_undone()
    {
        var windows = SimulatedWindows.AdminElevated();
        windows.RegistryWritable = false;
        var outcome = new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows)));
        Assert.Equal(FailureKind.AccessDenied, outcome.Error!.Kind);
        Assert.Equal([SettingsJournal.SetRegistryValueAction, SettingsJournal.NotMadeAction], File.ReadAll().Select(e => e.Action));
        Assert.Empty(Run("fix").Pending());
    }

    [Fact]
    public void An_unwritable_journal_means_nothing_is_changed()
    {
        var windows = SimulatedWindows.AdminElevated();
        // A folder where the journal file should be: every append fails.
        Directory.CreateDirectory(scratch.PathOf("journal.jsonl"));
        var outcome = new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows)));
        Assert.Contains("undo journal", outcome.Error!.What, StringComparison.Ordinal);
        Assert.NotNull(outcome.Error.OsError);
        Assert.Null(windows.Registry.ReadDword(DevKey, DevName).Value);
        Assert.False(windows.DeveloperModeEnabled);

        var lsa = Lsa();
        var rights = RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, Right, AnnSid, null), Run("rights"));
        Assert.False(rights.Confirmed);
        Assert.Empty(lsa.Calls);
    }

    [Fact]
    public void Fix_right_is_journaled_under_fix_and_undo_revokes_it()
    {
        var windows = SimulatedWindows.AdminElevated();
        var lsa = SimulatedDoctorLsa.ForUser("ann");
        var plan = FixPlanner.Right(Facts(windows, lsa), lsa, lsa.User.Sid);
        Assert.True(new FixApplier(windows.Registry, lsa, Run("fix")).Apply(plan).Success);
        Assert.True(lsa.CurrentUser(Right).Value!.Directly);

        var line = Assert.Single(File.ReadAll());
        Assert.Equal(("fix", SettingsJournal.GrantRightAction, $"LSA\\{Right}\\{lsa.User.Sid}", "not_held", "held"), (line.Command, line.Action, line.Path, line.Before, line.After));
        Assert.Empty(Run("rights").Pending());

        var undone = new FixApplier(windows.Registry, lsa, Run("fix")).Undo(all: false);
        Assert.True(undone.Success, undone.Error?.ToString());
        Assert.Contains(undone.Done, d => d.Contains("revoke", StringComparison.Ordinal) && d.Contains(@"PC\ann", StringComparison.Ordinal));
        Assert.False(lsa.CurrentUser(Right).Value!.Holds);
    }

    [Fact]
    public void Rights_grant_and_revoke_runs_are_journaled_under_rights_and_undone_in_turn()
    {
        var lsa = Lsa();
        var grant = RightsPlanner.PlanGrant(lsa, "CONTOSO\\ann", Right, localAnyway: false).Changes.Single();
        Assert.True(RightsApplier.Apply(lsa, grant, Run("rights")).Confirmed);
        var revoke = RightsPlanner.PlanRevoke(lsa, "S-1-5-32-544", Right, localAnyway: false).Changes.Single();
        Assert.True(RightsApplier.Apply(lsa, revoke, Run("rights")).Confirmed);
        Assert.Equal([AnnSid], lsa.ListHolders(Right).Value!.Select(h => h.Sid));
        Assert.All(File.ReadAll(), e => Assert.Equal("rights", e.Command));
        Assert.Empty(Run("fix").Pending());

        // rights undo: the revoke of Administrators (the newest run) is reversed first.
        Assert.True(new FixApplier(null, lsa, Run("rights")).Undo(all: false).Success);
        Assert.Equal([AnnSid, "S-1-5-32-544"], lsa.ListHolders(Right).Value!.Select(h => h.Sid));

        Assert.True(new FixApplier(null, lsa, Run("rights")).Undo(all: false).Success);
        Assert.Equal(["S-1-5-32-544"], lsa.ListHolders(Right).Value!.Select(h => h.Sid));
        Assert.Empty(Run("rights").Pending());
    }

    [Fact]
    public void Rights_import_is_one_run_and_undo_all_reverses_every_change()
    {
        var lsa = Lsa();
        var template = Linkctl.Security.Inf.SecurityTemplate.Parse(
            "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Privilege Rights]\r\nSeCreateSymbolicLinkPrivilege = *" + AnnSid + "\r\n").Template!;
        var plan = RightsPlanner.PlanImport(lsa, template, [Right], localAnyway: false);
        Assert.Equal(2, plan.Changes.Count);
        var run = Run("rights");
        Assert.All(plan.Changes, c => Assert.True(RightsApplier.Apply(lsa, c, run).Confirmed));
        Assert.Single(Run("rights").Pending());

        Assert.True(new FixApplier(null, lsa, Run("rights")).Undo(all: true).Success);
        Assert.Equal(["S-1-5-32-544"], lsa.ListHolders(Right).Value!.Select(h => h.Sid));
    }

    [Fact]
    public void A_grant_lsa_reports_but_does_not_keep_is_journaled_as_not_made()
    {
        var lsa = Lsa();
        lsa.IgnoreWrites = true;
        var outcome = RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, Right, AnnSid, null), Run("rights"));
        Assert.Equal(FailureKind.ReadBackFailed, outcome.Error!.Kind);
        Assert.Equal([SettingsJournal.GrantRightAction, SettingsJournal.NotMadeAction], File.ReadAll().Select(e => e.Action));
        Assert.Empty(Run("rights").Pending());
        Assert.Equal(FailureKind.NotFound, new FixApplier(null, lsa, Run("rights")).Undo(all: false).Error!.Kind);
    }

    [Fact]
    public void Rights_undo_when_already_reversed_changes_nothing()
    {
        var lsa = Lsa();
        Assert.True(RightsApplier.Apply(lsa, new RightsChange(RightsChangeKind.Grant, Right, AnnSid, null), Run("rights")).Confirmed);
        OsAssert.Succeeded(lsa.Revoke(AnnSid, Right));
        var calls = lsa.Calls.Count;

        var undone = new FixApplier(null, lsa, Run("rights")).Undo(all: false);
        Assert.True(undone.Success);
        Assert.Contains(undone.Done, d => d.Contains("already so", StringComparison.Ordinal));
        Assert.Equal(calls, lsa.Calls.Count);
    }

    [Fact]
    public void Repair_runs_in_the_same_journal_are_not_taken_for_fix_or_rights_runs()
    {
        File.Append(new JournalEntry { RunId = "r1", Time = DateTimeOffset.UtcNow, Command = "repair", Action = "retarget", Path = "/a", Before = "x", After = "y" });
        var windows = SimulatedWindows.AdminElevated();
        Assert.True(new FixApplier(windows.Registry, null, Run("fix")).Apply(FixPlanner.DeveloperMode(Facts(windows))).Success);
        Assert.Single(Run("fix").Pending());
        Assert.Empty(Run("rights").Pending());
        Assert.Equal("r1", File.LastRun("repair").Single().RunId);
        Assert.Equal(SettingsJournal.SetRegistryValueAction, File.LastRun("fix").Single().Action);
    }
}
