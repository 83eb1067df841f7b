using Linkctl.Diagnosis;
using Linkctl.Platform;
using Linkctl.Security;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

/// <summary>Every scenario of issue 3 against the simulated Windows: verdict, reason and fix.</summary>
[Trait("Layer", "Simulated")]
public sealed class WindowsDoctorScenarioTests
{
    private static DoctorReport Doctor(SimulatedWindows windows, string path = @"C:\work", string? target = null, IAccountRights? lsa = null, bool probe = false)
    {
        if (!windows.Exists(@"C:\work"))
        {
            windows.AddDirectory(@"C:\work");
        }

        var gatherer = new DoctorGatherer(windows.Platform(@"C:\work", lsa ?? SimulatedDoctorLsa.ForUser()))
        {
            Scratch = windows.Scratch,
        };
        return Diagnoser.Diagnose(gatherer.Gather(path, target, probe));
    }

    private static KindVerdict Of(DoctorReport report, LinkKindToMake kind) => report.Verdicts.Single(v => v.Kind == kind);

    private static KindVerdict File(DoctorReport report) => Of(report, LinkKindToMake.SymbolicLinkToFile);

    private static string[] FixIds(KindVerdict v) => v.Fixes.Select(f => f.Id).ToArray();

    [Fact]
    public void Standard_user_cannot_and_is_offered_developer_mode_before_the_right()
    {
        var report = Doctor(SimulatedWindows.StandardUser());
        var v = File(report);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("does not hold SeCreateSymbolicLinkPrivilege", v.Reason);
        Assert.Contains("Developer Mode is off", v.Reason);
        Assert.Contains("not assigned to you", v.Reason);
        Assert.Equal(["hard_link_instead", "developer_mode", "grant_right"], FixIds(v));
        Assert.Contains("linkctl fix devmode", v.Fixes[1].Commands);
        Assert.False(report.SymbolicLinkPossibleNow);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.Junction).Verdict);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.HardLink).Verdict);
        Assert.Equal("junction_instead", Of(report, LinkKindToMake.SymbolicLinkToFolder).Fixes[0].Id);
    }

    [Fact]
    public void Administrator_unelevated_can_only_when_elevated()
    {
        var v = File(Doctor(SimulatedWindows.AdminUnelevated(), lsa: SimulatedDoctorLsa.ForUser("admin")));
        Assert.Equal(Verdict.OnlyElevated, v.Verdict);
        Assert.Contains("not elevated", v.Reason);
        Assert.Equal(["hard_link_instead", "developer_mode", "grant_right", "elevate"], FixIds(v));
        Assert.Equal(FixPrivilege.ElevatedEachTime, v.Fixes.Single(f => f.Id == "elevate").Privilege);
    }

    [Fact]
    public void Administrator_elevated_can()
    {
        var report = Doctor(SimulatedWindows.AdminElevated());
        var v = File(report);
        Assert.Equal(Verdict.Can, v.Verdict);
        Assert.Contains("elevated and its token holds SeCreateSymbolicLinkPrivilege", v.Reason);
        Assert.Empty(v.Fixes);
        Assert.True(report.SymbolicLinkPossibleNow);
    }

    [Fact]
    public void Developer_mode_on_with_the_flag_can_and_warns_about_programs_without_it()
    {
        var v = File(Doctor(SimulatedWindows.DeveloperMode()));
        Assert.Equal(Verdict.Can, v.Verdict);
        Assert.Contains("Developer Mode is on (locally)", v.Reason);
        Assert.Contains("SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE", v.Reason);
        Assert.Contains(v.Notes, n => n.Contains("do not pass that flag") && n.Contains("1314"));
    }

    [Fact]
    public void Developer_mode_on_an_old_build_without_the_flag_cannot_and_says_update()
    {
        var v = File(Doctor(SimulatedWindows.StandardUser().WithDeveloperMode().WithBuild(14393)));
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("Developer Mode is on, but build 14393 is older than 14972", v.Reason);
        Assert.Contains("update_windows", FixIds(v));
        Assert.DoesNotContain("developer_mode", FixIds(v));
    }

    [Fact]
    public void Build_older_than_14972_reports_no_flag_in_the_facts()
    {
        var report = Doctor(SimulatedWindows.StandardUser().WithBuild(14393));
        Assert.False(report.Facts.Windows!.UnprivilegedFlagSupported);
        Assert.Contains("update_windows", FixIds(File(report)));
    }

    [Fact]
    public void Right_assigned_but_not_in_the_token_says_log_off_and_on()
    {
        var lsa = SimulatedDoctorLsa.ForUser();
        lsa.Assign(lsa.User);
        var v = File(Doctor(SimulatedWindows.StandardUser(), lsa: lsa));
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("assigned to you", v.Reason);
        Assert.Contains("not in your current token: log off and on", v.Reason);
        Assert.Equal("log_off_on", v.Fixes.First(f => f.Privilege != FixPrivilege.None).Id);
        Assert.DoesNotContain("grant_right", FixIds(v));
    }

    [Fact]
    public void Right_held_through_a_group_and_in_the_token_can()
    {
        var developers = new AccountInfo("S-1-5-21-1-2-3-2001", @"PC\Developers");
        var lsa = new SimulatedDoctorLsa(new AccountInfo("S-1-5-21-1-2-3-1001", @"PC\user"), developers).Assign(developers);
        var report = Doctor(new SimulatedWindows(SimulatedToken.GrantedUser).WithVolume(SimulatedVolume.Ntfs('C', 1)), lsa: lsa);
        Assert.Equal(Verdict.Can, File(report).Verdict);
        Assert.True(report.Facts.Windows!.Right.AssignedToUser);
        Assert.Equal([@"PC\Developers (S-1-5-21-1-2-3-2001)"], report.Facts.Windows.Right.AssignedThrough);
    }

    [Fact]
    public void Right_held_through_a_group_but_not_yet_in_the_token_names_the_group()
    {
        var developers = new AccountInfo("S-1-5-21-1-2-3-2001", @"PC\Developers");
        var lsa = new SimulatedDoctorLsa(new AccountInfo("S-1-5-21-1-2-3-1001", @"PC\user"), developers).Assign(developers);
        var v = File(Doctor(SimulatedWindows.StandardUser(), lsa: lsa));
        Assert.Contains(@"through PC\Developers", v.Reason);
        Assert.Contains("log_off_on", FixIds(v));
    }

    [Fact]
    public void Right_defined_by_a_GPO_offers_the_policy_not_a_local_grant()
    {
        var lsa = SimulatedDoctorLsa.ForUser();
        lsa.Gpo = new GpoRightState([new GpoRightDefinition("{31B2F340-016D-11D2-945F-00C04FB984F9}", "Workstation Hardening", [AccountReference.OfSid("S-1-5-32-544")], @"C:\Windows\security\...\GptTmpl.inf")], null);
        var v = File(Doctor(SimulatedWindows.StandardUser(), lsa: lsa));
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("grant_right_policy", FixIds(v));
        Assert.DoesNotContain("grant_right", FixIds(v));
        Assert.Contains(v.Notes, n => n.Contains("Workstation Hardening") && n.Contains("overwritten at the next policy refresh"));
    }

    [Theory]
    [InlineData("FAT32")]
    [InlineData("exFAT")]
    public void Fat_and_exfat_volumes_store_no_links(string fileSystem)
    {
        var volume = fileSystem == "FAT32" ? SimulatedVolume.Fat32('E', 7) : SimulatedVolume.ExFat('E', 7);
        var windows = SimulatedWindows.AdminElevated().WithVolume(volume).AddDirectory(@"E:\stick");
        var report = Doctor(windows, @"E:\stick");
        foreach (var kind in new[] { LinkKindToMake.SymbolicLinkToFile, LinkKindToMake.SymbolicLinkToFolder, LinkKindToMake.Junction })
        {
            var v = Of(report, kind);
            Assert.Equal(Verdict.Cannot, v.Verdict);
            Assert.Contains("does not support reparse points", v.Reason);
            Assert.Contains("ntfs_folder", FixIds(v));
        }

        Assert.Equal(Verdict.Cannot, Of(report, LinkKindToMake.HardLink).Verdict);
        Assert.Contains("cannot store hard links", Of(report, LinkKindToMake.HardLink).Reason);
        Assert.False(report.SymbolicLinkPossibleNow);
    }

    [Fact]
    public void Mapped_network_drive_refuses_junctions_and_notes_the_remote_classes()
    {
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team");
        var report = Doctor(windows, @"Z:\team");
        Assert.True(report.Facts.Windows!.MappedDrive);
        Assert.Equal([EvaluationClass.R2L, EvaluationClass.R2R], report.Facts.Windows.Evaluation.Relevant);
        var junction = Of(report, LinkKindToMake.Junction);
        Assert.Equal(Verdict.Cannot, junction.Verdict);
        Assert.Contains("junctions can only be made on local volumes", junction.Reason);
        Assert.Equal(Verdict.Can, File(report).Verdict);
        Assert.Contains(File(report).Notes, n => n.Contains("R2L") && n.Contains("1463"));
        Assert.Equal(Verdict.Unknown, Of(report, LinkKindToMake.HardLink).Verdict);
    }

    [Fact]
    public void Junction_to_a_target_on_a_mapped_drive_is_refused_and_a_symbolic_link_offered()
    {
        var windows = SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\shared");
        var report = Doctor(windows, @"C:\work\shared", target: @"Z:\shared");
        var junction = Of(report, LinkKindToMake.Junction);
        Assert.Equal(Verdict.Cannot, junction.Verdict);
        Assert.Contains("A junction can point only to a folder on a local volume", junction.Reason);
        Assert.Equal("symlink_to_share", junction.Fixes.Single().Id);
        Assert.Equal([EvaluationClass.L2R], report.Facts.Windows!.Evaluation.Relevant);
    }

    [Fact]
    public void Remote_to_local_evaluation_disabled_refuses_a_link_on_a_share_to_a_local_target()
    {
        var windows = SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team").AddDirectory(@"C:\tools");
        var report = Doctor(windows, @"Z:\team\tools", target: @"C:\tools");
        var v = Of(report, LinkKindToMake.SymbolicLinkToFolder);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("R2L", v.Reason);
        Assert.Contains("ERROR_SYMLINK_CLASS_DISABLED (1463)", v.Reason);
        var fix = v.Fixes.Single(f => f.Id == "enable_evaluation");
        Assert.Contains("linkctl fix evaluation R2L:1", fix.Commands);
        Assert.Contains("fsutil behavior set SymlinkEvaluation R2L:1", fix.Commands);
    }

    [Fact]
    public void Remote_to_local_enabled_by_registry_lets_the_same_link_through()
    {
        // fsutil writes all four local values; with a complete set, the local values decide.
        var windows = SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team").AddDirectory(@"C:\tools")
            .WithEvaluationValues(EvaluationFacts.LocalKey, l2l: 1, l2r: 1, r2l: 1, r2r: 0);
        var report = Doctor(windows, @"Z:\team\tools", target: @"C:\tools");
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.SymbolicLinkToFolder).Verdict);
        Assert.Equal("local", report.Facts.Windows!.Evaluation.Source(EvaluationClass.R2L));
        Assert.Equal(EvaluationSet.Local, report.Facts.Windows.Evaluation.InForce);
    }

    [Fact]
    public void A_partial_set_of_local_values_is_ignored_as_the_kernel_ignores_it()
    {
        // docs/windows-facts.md (SymlinkEvaluation): local values are used all or nothing, so a lone
        // R2L:1 leaves the defaults (R2L off) in force, and doctor says so.
        var windows = SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team").AddDirectory(@"C:\tools")
            .WithRegistryValue(EvaluationFacts.LocalKey, "SymlinkRemoteToLocalEvaluation", 1);
        var report = Doctor(windows, @"Z:\team\tools", target: @"C:\tools");
        var evaluation = report.Facts.Windows!.Evaluation;
        Assert.Equal(EvaluationSet.Default, evaluation.InForce);
        Assert.False(evaluation.Enabled(EvaluationClass.R2L));
        Assert.Contains(evaluation.Ignored, i => i.Contains("only 1 of the four local values", StringComparison.Ordinal));
        var v = Of(report, LinkKindToMake.SymbolicLinkToFolder);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("linkctl fix evaluation R2L:1", v.Fixes.Single(f => f.Id == "enable_evaluation").Commands);
    }

    [Fact]
    public void Evaluation_policy_wins_over_local_values_and_names_the_policy()
    {
        var windows = SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team").AddDirectory(@"C:\tools")
            .WithEvaluationValues(EvaluationFacts.LocalKey, l2l: 1, l2r: 1, r2l: 1, r2r: 1)
            .WithEvaluationValues(EvaluationFacts.PolicyKey, l2l: 1, l2r: 1, r2l: 0, r2r: 0);
        var report = Doctor(windows, @"Z:\team\tools", target: @"C:\tools");
        var v = Of(report, LinkKindToMake.SymbolicLinkToFolder);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("policy", v.Reason);
        Assert.Equal("evaluation_policy", v.Fixes.Single(f => f.Privilege == FixPrivilege.PolicyAdministrator).Id);
        Assert.Equal(EvaluationSet.Policy, report.Facts.Windows!.Evaluation.InForce);
    }

    [Fact]
    public void Sym_link_state_with_a_partial_policy_set_decides_nothing()
    {
        // The kernel does not read SymLinkState, and uses the policy values only when all four are
        // present (docs/windows-facts.md): here the complete local set decides.
        var windows = SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team").AddDirectory(@"C:\tools")
            .WithEvaluationValues(EvaluationFacts.LocalKey, l2l: 1, l2r: 1, r2l: 1, r2r: 0)
            .WithRegistryValue(EvaluationFacts.PolicyKey, "SymLinkState", 1)
            .WithRegistryValue(EvaluationFacts.PolicyKey, "SymlinkRemoteToLocalEvaluation", 0);
        var report = Doctor(windows, @"Z:\team\tools", target: @"C:\tools");
        Assert.Equal(EvaluationSet.Local, report.Facts.Windows!.Evaluation.InForce);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.SymbolicLinkToFolder).Verdict);
        Assert.Contains(report.Facts.Windows.Evaluation.Ignored, i => i.Contains("policy sets only 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Developer_mode_policy_off_wins_over_the_local_value()
    {
        var windows = SimulatedWindows.StandardUser()
            .WithRegistryValue(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName, 1)
            .WithRegistryValue(DeveloperModeFacts.PolicyKey, DeveloperModeFacts.ValueName, 0);
        var report = Doctor(windows);
        Assert.False(report.Facts.Windows!.DeveloperMode.Enabled);
        var v = File(report);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("a policy turns Developer Mode off", v.Reason);
        Assert.Contains("developer_mode_policy", FixIds(v));
    }

    [Fact]
    public void Link_path_already_exists_is_a_conflict_for_every_kind()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\work").AddFile(@"C:\work\link.txt").AddFile(@"C:\work\real.txt");
        var report = Doctor(windows, @"C:\work\link.txt", target: @"C:\work\real.txt");
        foreach (var v in report.Verdicts)
        {
            Assert.Equal(Verdict.Cannot, v.Verdict);
            Assert.Contains("already exists", v.Reason);
            Assert.Equal("resolve_conflict", v.Fixes.Single().Id);
        }
    }

    [Fact]
    public void Swapped_target_is_recognised()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\work").AddFile(@"C:\work\real.txt");
        var report = Doctor(windows, @"C:\work\real.txt", target: @"C:\work\new-link.txt");
        var v = File(report);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("the arguments look swapped", v.Reason);
        Assert.Contains("linkctl new", v.Fixes.Single().Text);
    }

    [Fact]
    public void Hard_link_across_volumes_is_refused()
    {
        var windows = SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.Ntfs('D', 5)).AddFile(@"D:\data.bin");
        var v = Of(Doctor(windows, @"C:\work\data.bin", target: @"D:\data.bin"), LinkKindToMake.HardLink);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("ERROR_NOT_SAME_DEVICE", v.Reason);
    }

    [Fact]
    public void Probe_as_standard_user_makes_junction_and_hard_link_but_no_symbolic_link_and_cleans_up()
    {
        var windows = SimulatedWindows.StandardUser();
        var report = Doctor(windows, probe: true);
        var probes = report.Facts.Probe!;
        Assert.False(probes.Single(p => p.Kind == LinkKindToMake.SymbolicLinkToFile).Created);
        Assert.Equal(Linkctl.Errors.FailureKind.PrivilegeNotHeld, probes.Single(p => p.Kind == LinkKindToMake.SymbolicLinkToFile).Error!.Kind);
        Assert.True(probes.Single(p => p.Kind == LinkKindToMake.Junction).Created);
        Assert.True(probes.Single(p => p.Kind == LinkKindToMake.HardLink).Created);
        Assert.All(probes, p => Assert.True(p.Removed));
        Assert.Equal(Verdict.Cannot, File(report).Verdict);
        Assert.Contains(File(report).Notes, n => n.StartsWith("--probe confirms", StringComparison.Ordinal));
        var left = new List<Linkctl.Platform.Windows.WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(@"C:\work", left));
        Assert.Empty(left);
    }

    [Fact]
    public void Probe_under_simulated_wine_reports_that_no_symbolic_link_was_made()
    {
        var report = Doctor(SimulatedWindows.Wine(), probe: true);
        var file = report.Facts.Probe!.Single(p => p.Kind == LinkKindToMake.SymbolicLinkToFile);
        Assert.False(file.Created);
        Assert.Equal(Verdict.Cannot, File(report).Verdict);
        Assert.Contains("--probe confirms", string.Join("\n", File(report).Notes));
        Assert.Contains(File(report).Notes, n => n.Contains("reports no reparse-point support"));
        Assert.Equal(ElevationType.Full, report.Facts.Windows!.Token.ElevationType);
        Assert.False(report.Facts.Windows.Token.HoldsSymlinkPrivilege);
    }

    // docs/windows-facts.md, "What Wine 8 does": C: reports NTFS without FILE_SUPPORTS_REPARSE_POINTS.
    // NTFS always has reparse points and hard links (Learn: File System Functionality Comparison),
    // so such flags are not believed either way: unknown, try --probe; FAT and exFAT stay "cannot".
    [Fact]
    public void Ntfs_without_the_reparse_flag_is_unknown_run_probe_not_cannot()
    {
        var report = Doctor(SimulatedWindows.Wine());
        var junction = Of(report, LinkKindToMake.Junction);
        Assert.Equal(Verdict.Unknown, junction.Verdict);
        Assert.Contains("reports no reparse-point support", junction.Reason);
        Assert.Equal(["probe"], FixIds(junction));
        Assert.DoesNotContain(report.Verdicts, v => v.Verdict == Verdict.Cannot && v.Reason.Contains("does not support reparse points"));

        // The token still decides the symbolic link: elevated Wine holds no privilege, so that stays
        // "cannot", for that reason, and says the volume is in doubt too.
        var file = File(report);
        Assert.Equal(Verdict.Cannot, file.Verdict);
        Assert.Contains("SeCreateSymbolicLinkPrivilege", file.Reason);
        Assert.Contains(file.Notes, n => n.Contains("reports no reparse-point support") && n.Contains("--probe"));
    }

    [Fact]
    public void Ntfs_without_the_hard_link_flag_is_unknown_run_probe()
    {
        var volume = SimulatedVolume.Ntfs('E', 7) with { FileSystemFlags = SimulatedVolume.NtfsFlags & ~Linkctl.Platform.Windows.WindowsVolumeInformation.FileSupportsHardLinks };
        var windows = SimulatedWindows.AdminElevated().WithVolume(volume).AddDirectory(@"E:\odd");
        var v = Of(Doctor(windows, @"E:\odd"), LinkKindToMake.HardLink);
        Assert.Equal(Verdict.Unknown, v.Verdict);
        Assert.Contains("reports no hard-link support", v.Reason);
        Assert.Equal(["probe"], FixIds(v));
    }

    [Fact]
    public void No_fix_offers_a_kind_that_cannot_be_made_here_either()
    {
        // A standard user linking a file on another volume: a hard link is impossible (17) and
        // nothing done here changes that, so the symbolic link's "make a hard link instead" goes;
        // a symbolic link needs Developer Mode first, so the hard link's "make a symbolic link
        // instead" stays but says so and counts that fix's privilege.
        var windows = SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.Ntfs('D', 5)).AddFile(@"D:\data.bin");
        var report = Doctor(windows, @"C:\work\data.bin", target: @"D:\data.bin");
        var hard = Of(report, LinkKindToMake.HardLink);
        Assert.Equal(Verdict.Cannot, hard.Verdict);
        Assert.Equal(Verdict.Cannot, File(report).Verdict);
        Assert.DoesNotContain("hard_link_instead", FixIds(File(report)));
        var instead = hard.Fixes.Single(f => f.Id == "symlink_instead");
        Assert.Contains("Not possible here yet either", instead.Text);
        Assert.Contains("Developer Mode", instead.Text);
        Assert.Equal(FixPrivilege.AdministratorOnce, instead.Privilege);
        Assert.Equal(["same_volume", "symlink_instead"], FixIds(hard));

        // On a FAT stick nothing stores links: no verdict sends the user to another kind.
        var fat = SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.Fat32('E', 7)).AddDirectory(@"E:\stick");
        var onFat = Doctor(fat, @"E:\stick");
        Assert.All(onFat.Verdicts, v => Assert.DoesNotContain(v.Fixes, f => f.Id.EndsWith("_instead", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_elevated_administrator_on_a_share_is_still_offered_the_symbolic_link()
    {
        // The same junction refusal where symbolic links can be made: the alternative stays.
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team");
        var junction = Of(Doctor(windows, @"Z:\team"), LinkKindToMake.Junction);
        Assert.Contains("symlink_instead", FixIds(junction));
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("admin")]
    [InlineData("wine")]
    [InlineData("fat")]
    public void No_fix_or_note_is_given_twice_and_the_text_says_shared_advice_once(string who)
    {
        var windows = who switch
        {
            "standard" => SimulatedWindows.StandardUser(),
            "admin" => SimulatedWindows.AdminUnelevated(),
            "wine" => SimulatedWindows.Wine(),
            _ => SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Fat32('E', 7)).AddDirectory(@"E:\stick"),
        };
        var report = Doctor(windows, who == "fat" ? @"E:\stick" : @"C:\work", lsa: who == "admin" ? SimulatedDoctorLsa.ForUser("admin") : null, probe: true);
        foreach (var v in report.Verdicts)
        {
            Assert.Equal(v.Fixes.Count, v.Fixes.Select(f => f.Id).Distinct().Count());
            Assert.Equal(v.Notes.Count, v.Notes.Distinct().Count());
        }

        // The text: blocks of advice (one per kind, or per group of kinds with the same advice)
        // are all different, and no line repeats inside a block.
        var text = string.Join("\n", Linkctl.Cli.Commands.DoctorCommand.Lines(report));
        var blocks = text[..text.IndexOf("\nfacts:", StringComparison.Ordinal)].Split("\n\n").Skip(1)
            .Select(b => b.Split('\n'))
            .ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, b => Assert.Equal(b.Length, b.Distinct().Count()));
        var bodies = blocks.Select(b => string.Join("\n", b.Skip(1))).ToList();
        Assert.Equal(bodies.Count, bodies.Distinct().Count());
    }

    [Fact]
    public void Fat_symbolic_links_to_files_and_folders_share_one_block_of_advice()
    {
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Fat32('E', 7)).AddDirectory(@"E:\stick");
        var lines = Linkctl.Cli.Commands.DoctorCommand.Lines(Doctor(windows, @"E:\stick")).ToList();
        Assert.Contains("symbolic link to a file and symbolic link to a folder: cannot", lines);
        Assert.Equal(2, lines.Count(l => l.Contains("does not support reparse points", StringComparison.Ordinal))); // the links, the junction
        Assert.DoesNotContain(lines, l => l == "symbolic link to a folder: cannot");
    }
}
