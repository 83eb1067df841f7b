using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Inspection;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Removal;
using Linkctl.Tests.Simulation;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Creation;

/// <summary>
/// `linkctl new` decided and carried out against the simulated Windows: the whole chain
/// (planner, WindowsLinkSystem, fallback, read-back) in each scenario the issue names.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class LinkMakerOnSimulatedWindowsTests
{
    private static CreationOutcome Make(SimulatedWindows windows, LinkRequest request, bool dryRun = false) =>
        new LinkMaker(windows.Platform(@"C:\work")).Make(request, dryRun);

    private static SimulatedWindows With(SimulatedWindows windows) =>
        windows.AddDirectory(@"C:\work\folder").AddFile(@"C:\work\folder\inside.txt", "keep").AddFile(@"C:\work\file.txt", "data");

    [Fact]
    public void Privileged_makes_a_directory_symbolic_link_as_asked()
    {
        var windows = With(SimulatedWindows.AdminElevated());
        var outcome = Make(windows, new LinkRequest("link", "folder"));
        Assert.Equal(CreationResult.Created, outcome.Result);
        Assert.Equal(MadeKind.SymbolicLink, outcome.Plan!.Kind);
        Assert.True(outcome.Plan.IsDirectory);
        Assert.Equal("folder", outcome.Plan.StoredTarget);
        var call = Assert.Single(windows.SymbolicLinkCalls);
        Assert.Equal(SymbolicLinkFlags.Directory | SymbolicLinkFlags.AllowUnprivilegedCreate, call.Flags);
        Assert.Equal("keep", windows.ReadText(@"C:\work\link\inside.txt"));
    }

    [Fact]
    public void Unprivileged_folder_link_falls_back_to_a_junction_and_says_why()
    {
        var windows = With(SimulatedWindows.StandardUser());
        var outcome = Make(windows, new LinkRequest("link", "folder"));
        Assert.Equal(CreationResult.CreatedFallback, outcome.Result);
        Assert.Equal(MadeKind.Junction, outcome.Plan!.Kind);
        Assert.Equal(FailureKind.PrivilegeNotHeld, outcome.FallbackReason!.Kind);
        Assert.Equal(1314, outcome.FallbackReason.OsError!.Code);
        Assert.Equal("keep", windows.ReadText(@"C:\work\link\inside.txt"));
    }

    [Fact]
    public void Unprivileged_file_link_falls_back_to_a_hard_link()
    {
        var windows = With(SimulatedWindows.AdminUnelevated());
        var outcome = Make(windows, new LinkRequest("link.txt", "file.txt"));
        Assert.Equal(CreationResult.CreatedFallback, outcome.Result);
        Assert.Equal(MadeKind.HardLink, outcome.Plan!.Kind);
        Assert.Equal("data", windows.ReadText(@"C:\work\link.txt"));
    }

    [Fact]
    public void Strict_fails_with_the_privilege_error_and_leaves_nothing()
    {
        var windows = With(SimulatedWindows.StandardUser());
        var outcome = Make(windows, new LinkRequest("link", "folder") { Fallback = FallbackPolicy.None });
        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal(FailureKind.PrivilegeNotHeld, outcome.Error!.Kind);
        Assert.Contains("Developer Mode", outcome.Error.Next);
        Assert.False(windows.Exists(@"C:\work\link"));
    }

    [Fact]
    public void Developer_mode_with_the_flag_makes_a_real_symbolic_link_unelevated()
    {
        var windows = With(SimulatedWindows.DeveloperMode());
        var outcome = Make(windows, new LinkRequest("link.txt", "file.txt"));
        Assert.Equal(CreationResult.Created, outcome.Result);
        Assert.Equal(MadeKind.SymbolicLink, outcome.Plan!.Kind);
    }

    [Fact]
    public void Developer_mode_without_the_flag_is_refused_as_the_facts_say()
    {
        // What a tool that does not pass 0x2 meets (racket/racket#3288): 1314 despite Developer Mode.
        var windows = With(SimulatedWindows.DeveloperMode());
        Assert.Equal(Win32ErrorNames.PrivilegeNotHeld, windows.CreateSymbolicLink(@"C:\work\raw.txt", "file.txt", SymbolicLinkFlags.None));
        Assert.Equal(0, windows.CreateSymbolicLink(@"C:\work\raw.txt", "file.txt", SymbolicLinkFlags.AllowUnprivilegedCreate));
    }

    [Fact]
    public void Build_older_than_14972_answers_87_then_the_retry_without_the_flag_succeeds_and_is_remembered()
    {
        var windows = With(SimulatedWindows.OldBuild());
        var platform = windows.Platform(@"C:\work");
        var maker = new LinkMaker(platform);
        Assert.Equal(CreationResult.Created, maker.Make(new LinkRequest("one.txt", "file.txt"), false).Result);
        Assert.Equal(CreationResult.Created, maker.Make(new LinkRequest("two.txt", "file.txt"), false).Result);

        Assert.Collection(windows.SymbolicLinkCalls,
            first => Assert.Equal((SymbolicLinkFlags.AllowUnprivilegedCreate, Win32ErrorNames.InvalidParameter), (first.Flags, first.Result)),
            retry => Assert.Equal((SymbolicLinkFlags.None, 0), (retry.Flags, retry.Result)),
            second => Assert.Equal((SymbolicLinkFlags.None, 0), (second.Flags, second.Result)));
        Assert.False(((WindowsLinkSystem)platform.Links).UnprivilegedFlagSupported);
    }

    [Fact]
    public void Fat_answers_1_and_there_is_no_junction_to_fall_back_to()
    {
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Fat32('E', 0xFA7)).AddDirectory(@"E:\stick\folder");
        var outcome = new LinkMaker(windows.Platform(@"E:\stick")).Make(new LinkRequest("link", "folder"), false);
        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal(FailureKind.NotSupported, outcome.Error!.Kind);
        Assert.Equal(Win32ErrorNames.InvalidFunction, outcome.Error.OsError!.Code);
        Assert.Contains("reparse points", outcome.Error.Why);
        Assert.Contains("--fallback copy", outcome.Error.Next);
        Assert.False(windows.Exists(@"E:\stick\link"));
    }

    [Fact]
    public void Fat_with_copy_fallback_copies_only_when_asked()
    {
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.ExFat('E', 0xE7)).AddFile(@"E:\stick\file.txt", "data");
        var outcome = new LinkMaker(windows.Platform(@"E:\stick")).Make(new LinkRequest("copy.txt", "file.txt") { Fallback = FallbackPolicy.Copy }, false);
        Assert.Equal(CreationResult.CreatedFallback, outcome.Result);
        Assert.Equal(MadeKind.Copy, outcome.Plan!.Kind);
        Assert.Equal("data", windows.ReadText(@"E:\stick\copy.txt"));
    }

    [Fact]
    public void Link_that_already_exists_is_refused_before_any_call()
    {
        var windows = With(SimulatedWindows.AdminElevated()).AddFile(@"C:\work\link.txt", "mine");
        var outcome = Make(windows, new LinkRequest("link.txt", "file.txt"));
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Empty(windows.SymbolicLinkCalls);
        Assert.Equal("mine", windows.ReadText(@"C:\work\link.txt"));
    }

    [Fact]
    public void Swapped_arguments_are_caught()
    {
        var windows = With(SimulatedWindows.AdminElevated());
        var outcome = Make(windows, new LinkRequest("file.txt", "newname.txt"));
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Contains("swapped", outcome.Error.What);
        Assert.Equal("data", windows.ReadText(@"C:\work\file.txt"));
    }

    [Fact]
    public void Hard_link_to_a_folder_is_refused_with_junction_suggested()
    {
        var windows = With(SimulatedWindows.AdminElevated());
        var outcome = Make(windows, new LinkRequest("h", "folder") { Kind = RequestedKind.Hard });
        Assert.Equal(FailureKind.InvalidInput, outcome.Error!.Kind);
        Assert.Contains("junction", outcome.Error.Next);
    }

    [Fact]
    public void Cross_volume_hard_link_answers_17_and_is_explained()
    {
        var windows = With(SimulatedWindows.AdminElevated()).WithVolume(SimulatedVolume.Ntfs('D', 0xD)).AddFile(@"D:\other.txt", "x");
        var outcome = Make(windows, new LinkRequest("h.txt", @"D:\other.txt") { Kind = RequestedKind.Hard });
        Assert.Equal(FailureKind.CrossDevice, outcome.Error!.Kind);
        Assert.Equal(Win32ErrorNames.NotSameDevice, outcome.Error.OsError!.Code);
        Assert.Contains("same volume", outcome.Error.Why);
    }

    [Fact]
    public void Cross_volume_file_link_without_privilege_has_no_hard_link_fallback()
    {
        var windows = With(SimulatedWindows.StandardUser()).WithVolume(SimulatedVolume.Ntfs('D', 0xD)).AddFile(@"D:\other.txt", "x");
        var outcome = Make(windows, new LinkRequest("l.txt", @"D:\other.txt"));
        Assert.Equal(FailureKind.PrivilegeNotHeld, outcome.Error!.Kind);
        Assert.Contains("another volume", outcome.Error.Why);
    }

    [Fact]
    public void Wine_reports_success_but_the_read_back_finds_nothing()
    {
        var windows = With(SimulatedWindows.Wine());
        var outcome = Make(windows, new LinkRequest("link.txt", "file.txt"));
        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal(FailureKind.ReadBackFailed, outcome.Error!.Kind);
        Assert.Contains("found nothing", outcome.Error.What);
        Assert.False(windows.Exists(@"C:\work\link.txt"));
    }

    [Fact]
    public void Dry_run_plans_and_calls_nothing()
    {
        var windows = With(SimulatedWindows.StandardUser());
        var outcome = Make(windows, new LinkRequest("link", "folder"), dryRun: true);
        Assert.Equal(CreationResult.WouldCreate, outcome.Result);
        Assert.Empty(windows.SymbolicLinkCalls);
        Assert.False(windows.Exists(@"C:\work\link"));
    }

    [Fact]
    public void Force_replaces_a_folder_link_even_though_windows_cannot_rename_onto_a_directory()
    {
        var windows = With(SimulatedWindows.AdminElevated()).AddDirectory(@"C:\work\other");
        Assert.Equal(CreationResult.Created, Make(windows, new LinkRequest("link", "folder")).Result);
        var outcome = Make(windows, new LinkRequest("link", "other") { Force = true });
        Assert.Equal(CreationResult.Created, outcome.Result);
        Assert.True(outcome.Replaced);
        var read = new WindowsLinkSystem(windows).ReadLink(@"C:\work\link");
        Assert.Equal("other", OsAssert.Link(read).Target);
        Assert.Equal("keep", windows.ReadText(@"C:\work\folder\inside.txt"));
    }

    [Fact]
    public void Force_never_replaces_a_file_swapped_in_for_the_link_after_the_check_and_leaves_no_private_name()
    {
        var windows = With(SimulatedWindows.AdminElevated()).AddFile(@"C:\work\precious", "keep");
        Assert.Equal(CreationResult.Created, Make(windows, new LinkRequest("link", "file.txt")).Result);

        // After new --force checked the link and made the new one, and before it pins the folder to swap
        // them, a racer puts a file where the link was (issue 9: "new --force replaced a regular file").
        windows.BeforeHandleCall = call =>
        {
            if (call == nameof(Linkctl.Platform.Windows.IWindowsApi.OpenFolder))
            {
                windows.BeforeHandleCall = null;
                Assert.Equal(0, windows.MoveFile(@"C:\work\link", @"C:\work\link.away", replaceExisting: false));
                Assert.Equal(0, windows.MoveFile(@"C:\work\precious", @"C:\work\link", replaceExisting: false));
            }
        };
        var outcome = Make(windows, new LinkRequest("link", "folder") { Force = true });

        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal("keep", windows.ReadText(@"C:\work\link"));
        Assert.Equal("file.txt", OsAssert.Link(new WindowsLinkSystem(windows).ReadLink(@"C:\work\link.away")).Target);
        var entries = new List<Linkctl.Platform.Windows.WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(@"C:\work", entries));
        Assert.DoesNotContain(entries, e => e.Name.StartsWith(".linkctl", StringComparison.Ordinal));
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void Reserved_names_and_trailing_dots_are_refused_before_any_call()
    {
        var windows = With(SimulatedWindows.AdminElevated());
        Assert.Equal(FailureKind.InvalidInput, Make(windows, new LinkRequest("CON", "file.txt")).Error!.Kind);
        Assert.Equal(FailureKind.InvalidInput, Make(windows, new LinkRequest("nul.txt", "file.txt")).Error!.Kind);
        Assert.Equal(FailureKind.InvalidInput, Make(windows, new LinkRequest("name.", "file.txt")).Error!.Kind);
        Assert.Empty(windows.SymbolicLinkCalls);
    }

    [Fact]
    public void Show_and_rm_of_a_junction_keep_the_target_contents()
    {
        var windows = With(SimulatedWindows.StandardUser());
        Assert.Equal(CreationResult.CreatedFallback, Make(windows, new LinkRequest("link", "folder")).Result);
        var platform = windows.Platform();

        var (report, _) = new LinkInspector(platform).Inspect(@"C:\work\link");
        Assert.Equal(LinkKind.Junction, report!.Kind);
        Assert.Equal(@"C:\work\folder", report.StoredTarget);
        Assert.Equal(LinkStatus.Ok, report.Status);

        var removed = new LinkRemover(platform).Remove(@"C:\work\link", dryRun: false);
        Assert.True(removed.Removed);
        Assert.True(removed.TargetIntact);
        Assert.Equal("keep", windows.ReadText(@"C:\work\folder\inside.txt"));
    }

    [Fact]
    public void Rm_refuses_a_real_folder()
    {
        var windows = With(SimulatedWindows.AdminElevated());
        var outcome = new LinkRemover(windows.Platform()).Remove(@"C:\work\folder", dryRun: false);
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Equal("keep", windows.ReadText(@"C:\work\folder\inside.txt"));
    }
}
