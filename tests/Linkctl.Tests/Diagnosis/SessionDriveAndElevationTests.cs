using System.IO.Pipes;
using System.Text;
using Linkctl.Cli.Commands;
using Linkctl.Creation;
using Linkctl.Diagnosis;
using Linkctl.Elevation;
using Linkctl.Inspection;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Reparse;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

/// <summary>
/// Issue 11, defects 5, 17 and 21: drives that exist only in this logon session, Redirection
/// Guard's distrust of junctions made unelevated, and how --elevate runs the real program and keeps
/// its output (docs/windows-facts.md, "Paths, volumes and identity" and "Elevation").
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class SessionDriveAndElevationTests
{
    private static DoctorReport Doctor(SimulatedWindows windows, string path, string? target = null)
    {
        windows.AddDirectory(@"C:\work");
        var gatherer = new DoctorGatherer(windows.Platform(@"C:\work", SimulatedDoctorLsa.ForUser("admin")))
        {
            Scratch = windows.Scratch,
        };
        return Diagnoser.Diagnose(gatherer.Gather(path, target, probe: false));
    }

    private static KindVerdict Of(DoctorReport report, LinkKindToMake kind) => report.Verdicts.Single(v => v.Kind == kind);

    // ---- 17: drives of this session ----

    [Fact]
    public void An_unelevated_administrator_on_a_mapped_drive_is_never_told_to_elevate_for_it()
    {
        // KB 937624 (docs/windows-facts.md): drives mapped in the unelevated session are invisible to
        // the elevated one, so "run it elevated" on Z:\ would fail with "path not found".
        var windows = SimulatedWindows.AdminUnelevated().WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\projects", 9)).AddDirectory(@"Z:\team");

        var report = Doctor(windows, @"Z:\team");
        var v = Of(report, LinkKindToMake.SymbolicLinkToFile);

        Assert.Equal(new SessionDrive("Z:", @"\\nas\projects\", IsNetwork: true), report.Facts.Windows!.SessionDrive);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("an elevated window does not see", v.Reason);
        Assert.DoesNotContain(v.Fixes, f => f.Id == "elevate");
        Assert.Contains(@"\\nas\projects\team", v.Fixes.Single(f => f.Id == "elevate_real_path").Text);
        Assert.Contains(v.Fixes.Single(f => f.Id == "enable_linked_connections").Commands, c => c.Contains("EnableLinkedConnections", StringComparison.Ordinal));
    }

    [Fact]
    public void A_subst_drive_is_a_drive_of_this_session_too()
    {
        var windows = SimulatedWindows.AdminUnelevated().Subst('S', @"C:\src\repo");

        var report = Doctor(windows, @"S:\");
        var v = Of(report, LinkKindToMake.SymbolicLinkToFile);

        Assert.Equal(new SessionDrive("S:", @"C:\src\repo\", IsNetwork: false), report.Facts.Windows!.SessionDrive);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains("subst drive", v.Reason);
        Assert.DoesNotContain(v.Fixes, f => f.Id is "elevate" or "enable_linked_connections");
        Assert.Contains(@"C:\src\repo", v.Fixes.Single(f => f.Id == "elevate_real_path").Text);
    }

    [Fact]
    public void A_junction_to_a_subst_drive_is_refused_by_doctor_and_warned_about_by_new()
    {
        var windows = SimulatedWindows.AdminElevated().Subst('S', @"C:\src\repo").AddDirectory(@"C:\src\repo\lib");

        var v = Of(Doctor(windows, @"C:\work\lib", target: @"S:\lib"), LinkKindToMake.Junction);
        Assert.Equal(Verdict.Cannot, v.Verdict);
        Assert.Contains(@"C:\src\repo\lib", v.Fixes.Single(f => f.Id == "junction_real_path").Text);

        var outcome = new LinkMaker(windows.Platform(@"C:\work")) { CallerElevated = true }
            .Make(new LinkRequest("lib", @"S:\lib") { Kind = RequestedKind.Junction }, dryRun: false);
        Assert.Equal(CreationResult.Created, outcome.Result);
        Assert.Contains(outcome.Warnings, w => w.Contains(@"C:\src\repo\lib", StringComparison.Ordinal) && w.Contains("subst", StringComparison.Ordinal));
    }

    [Fact]
    public void Show_diagnoses_a_junction_stored_as_a_session_drive_letter()
    {
        // A junction's SubstituteName \??\Z:\... is looked up in the DOS devices of whoever follows it.
        var windows = SimulatedWindows.AdminElevated().Subst('S', @"C:\src\repo").AddDirectory(@"C:\src\repo\lib")
            .PlantReparsePoint(@"C:\work\lib", ReparseBufferCodec.EncodeMountPoint(@"S:\lib"), isDirectory: true);

        var (report, _) = new LinkInspector(windows.Platform()).Inspect(@"C:\work\lib");

        Assert.Equal(Links.LinkStatus.Ok, report!.Status);
        var note = Assert.Single(report.Notes);
        Assert.Contains("subst drive", note);
        Assert.Contains(@"C:\src\repo\lib", note);
    }

    [Fact]
    public void A_real_volumes_drive_letter_is_no_session_drive()
    {
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Ntfs('D', 4)).AddDirectory(@"D:\x");
        Assert.Null(SessionDrive.Of(new WindowsLinkSystem(windows), @"D:\x"));
        Assert.Null(SessionDrive.Of(new WindowsLinkSystem(windows), @"\\server\share\x"));
    }

    // ---- 21: Redirection Guard ----

    [Fact]
    public void A_junction_made_unelevated_carries_the_redirection_guard_warning()
    {
        // Learn, PROCESS_MITIGATION_REDIRECTION_TRUST_POLICY: EnforceRedirectionTrust "prevent[s] the
        // process from following filesystem junctions created by non-admin users"; the refusal is
        // ERROR_UNTRUSTED_MOUNT_POINT (448).
        var windows = SimulatedWindows.StandardUser().AddDirectory(@"C:\work\folder");
        var maker = new LinkMaker(windows.Platform(@"C:\work")) { CallerElevated = false };

        var asked = maker.Make(new LinkRequest("j", "folder") { Kind = RequestedKind.Junction }, dryRun: false);
        var fallback = maker.Make(new LinkRequest("s", "folder"), dryRun: false);

        Assert.Contains(asked.Warnings, w => w.Contains("448", StringComparison.Ordinal));
        Assert.Equal(CreationResult.CreatedFallback, fallback.Result);
        Assert.Contains(fallback.Warnings, w => w.Contains("Redirection Guard", StringComparison.Ordinal));

        var elevated = new LinkMaker(SimulatedWindows.AdminElevated().AddDirectory(@"C:\work\folder").Platform(@"C:\work")) { CallerElevated = true };
        Assert.Empty(elevated.Make(new LinkRequest("j", "folder") { Kind = RequestedKind.Junction }, dryRun: false).Warnings);
    }

    [Fact]
    public void Doctor_notes_redirection_guard_on_junctions_only_when_not_elevated()
    {
        Assert.Contains(Of(Doctor(SimulatedWindows.StandardUser(), @"C:\work"), LinkKindToMake.Junction).Notes, n => n.Contains("448", StringComparison.Ordinal));
        Assert.Empty(Of(Doctor(SimulatedWindows.AdminElevated(), @"C:\work"), LinkKindToMake.Junction).Notes);
    }

    // ---- 5: --elevate, and advice that names commands that exist ----

    [Fact]
    public void The_elevate_advice_names_sudo_only_where_it_is_enabled()
    {
        var plain = Of(Doctor(SimulatedWindows.AdminUnelevated(), @"C:\work"), LinkKindToMake.SymbolicLinkToFile).Fixes.Single(f => f.Id == "elevate");
        Assert.DoesNotContain(plain.Commands, c => c.StartsWith("sudo", StringComparison.Ordinal));
        Assert.DoesNotContain(plain.Commands, c => c.Contains("--elevate", StringComparison.Ordinal));

        // HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Sudo Enabled = 3 (inline), Windows 11 24H2.
        var sudo = SimulatedWindows.AdminUnelevated().WithRegistryValue(SudoFacts.LocalKey, SudoFacts.LocalValue, SudoFacts.Inline);
        var withSudo = Of(Doctor(sudo, @"C:\work"), LinkKindToMake.SymbolicLinkToFile).Fixes.Single(f => f.Id == "elevate");
        Assert.Contains("sudo linkctl new LINK TARGET", withSudo.Commands);
    }

    [Theory]
    [InlineData(null, null, 0)]
    [InlineData(3, null, 3)]
    [InlineData(3, 1, 1)]
    [InlineData(1, 3, 1)]
    [InlineData(0, 3, 0)]
    public void Sudo_mode_is_the_local_value_capped_by_the_policy(int? enabled, int? policy, int mode)
    {
        Assert.Equal(mode, new SudoFacts(enabled, policy).Mode);
    }

    private static ElevationRequest Request(string? processPath, SudoFacts? sudo = null, string? sudoPath = null) => new(
        processPath,
        @"C:\tools\linkctl\linkctl.dll",
        ["fix", "devmode"],
        @"C:\work",
        new Dictionary<string, string> { [UndoJournal.PathVariable] = @"C:\Users\ann\AppData\Local\linkctl\journal.jsonl" },
        sudo ?? SudoFacts.Absent,
        sudoPath);

    [Fact]
    public void Under_dotnet_the_real_program_is_dotnet_with_its_dll()
    {
        // docs/windows-facts.md: Environment.ProcessPath is dotnet.exe when run as `dotnet linkctl.dll`.
        var plan = ElevationPlanner.Plan(Request(@"C:\Program Files\dotnet\dotnet.exe"), "out", "err");

        Assert.Equal(ElevationMethod.RunAs, plan.Method);
        Assert.Equal(@"C:\Program Files\dotnet\dotnet.exe", plan.FileName);
        Assert.Equal(@"C:\tools\linkctl\linkctl.dll", plan.Arguments[0]);
        Assert.Equal(["fix", "devmode"], plan.Arguments.TakeLast(2));
    }

    [Fact]
    public void Run_as_passes_the_journal_the_folder_and_the_pipes_on_the_command_line()
    {
        // runas starts the copy with a fresh environment in System32 (docs/windows-facts.md), so
        // nothing may be left to inheritance.
        var plan = ElevationPlanner.Plan(Request(@"C:\tools\linkctl\linkctl.exe"), "out-pipe", "err-pipe");

        Assert.Equal(@"C:\tools\linkctl\linkctl.exe", plan.FileName);
        var handoff = ElevationPlanner.TakeHandoff([.. plan.Arguments]);
        Assert.True(handoff.IsElevatedCopy);
        Assert.Equal(@"C:\Users\ann\AppData\Local\linkctl\journal.jsonl", handoff.Settings[UndoJournal.PathVariable]);
        Assert.Equal(@"C:\work", handoff.CurrentDirectory);
        Assert.Equal(("out-pipe", "err-pipe"), (handoff.StdoutPipe, handoff.StderrPipe));
        Assert.Equal(["fix", "devmode"], handoff.Arguments);
    }

    [Fact]
    public void Sudo_inline_runs_the_program_in_this_window()
    {
        var plan = ElevationPlanner.Plan(Request(@"C:\tools\linkctl\linkctl.exe", new SudoFacts(SudoFacts.Inline, null), @"C:\Windows\System32\sudo.exe"), "o", "e");

        Assert.Equal(ElevationMethod.SudoInline, plan.Method);
        Assert.Equal(@"C:\Windows\System32\sudo.exe", plan.FileName);
        Assert.Equal(@"C:\tools\linkctl\linkctl.exe", plan.Arguments[0]);
        Assert.DoesNotContain(ElevationPlanner.StdoutOption, plan.Arguments);
        var handoff = ElevationPlanner.TakeHandoff([.. plan.Arguments.Skip(1)]);
        Assert.Equal(@"C:\work", handoff.CurrentDirectory);
        Assert.Equal(["fix", "devmode"], handoff.Arguments);
    }

    [Fact]
    public void Sudo_in_new_window_mode_is_not_used_since_its_output_would_be_lost()
    {
        var plan = ElevationPlanner.Plan(Request(@"C:\tools\linkctl\linkctl.exe", new SudoFacts(SudoFacts.NewWindow, null), @"C:\Windows\System32\sudo.exe"), "o", "e");
        Assert.Equal(ElevationMethod.RunAs, plan.Method);
    }

    [Fact]
    public void Without_its_own_path_nothing_is_relaunched()
    {
        var plan = ElevationPlanner.Plan(Request(null), "o", "e");
        Assert.Null(plan.FileName);
        Assert.NotNull(plan.Problem);
    }

    [Fact]
    public void An_ordinary_command_line_is_no_handoff()
    {
        var handoff = ElevationPlanner.TakeHandoff(["fix", "--elevated-setting", "X=1"]);
        Assert.False(handoff.IsElevatedCopy);
        Assert.Equal(["fix", "--elevated-setting", "X=1"], handoff.Arguments);
    }

    [Fact]
    public void The_settings_carry_this_users_resolved_journal()
    {
        var settings = ElevatedRelaunch.Settings(outputRedirected: true);
        Assert.Equal(UndoJournal.DefaultPath(), settings[UndoJournal.PathVariable]);
        Assert.Equal("dumb", settings["TERM"]);
    }

    [Fact]
    public async Task The_elevated_copys_output_comes_back_through_its_pipe()
    {
        var name = "linkctl-test-" + Guid.NewGuid().ToString("N");
        using var server = new NamedPipeServerStream(name, PipeDirection.In, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        using var received = new MemoryStream();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var relay = ElevatedRelaunch.Relay(server, received, stop.Token);

        using (var client = new NamedPipeClientStream(".", name, PipeDirection.Out))
        {
            await client.ConnectAsync(stop.Token);
            await client.WriteAsync(Encoding.UTF8.GetBytes("set HKLM\\...: absent -> 1 (read back)\n"), stop.Token);
        }

        await relay;
        Assert.Equal("set HKLM\\...: absent -> 1 (read back)\n", Encoding.UTF8.GetString(received.ToArray()));
    }

    [Fact]
    public async Task A_copy_that_never_connects_does_not_hang_the_relay()
    {
        using var server = new NamedPipeServerStream("linkctl-test-" + Guid.NewGuid().ToString("N"), PipeDirection.In, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await ElevatedRelaunch.Relay(server, Stream.Null, stop.Token);
    }
}
