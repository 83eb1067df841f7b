using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// repair's Windows side end to end against the simulated Windows, through the platform bundle:
/// the Windows walker lists the simulated disk, the planner decides on Windows paths, and the
/// link editor over WindowsLinkSystem applies, refuses, restores and undoes.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class RepairOnSimulatedWindowsTests : IDisposable
{
    private const string Work = @"C:\work";
    private const string Links = @"C:\work\links";

    private readonly ScratchDirectory scratch = new("linkctl-repairwin-");
    private readonly SimulatedWindows windows;
    private readonly WindowsLinkSystem system;

    public RepairOnSimulatedWindowsTests()
    {
        windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\work\data\file.txt", "content")
            .AddFile(@"C:\work\data\folder\inside.txt", "inside")
            .AddDirectory(Links);
        system = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\abs.txt", @"C:\work\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\rel.txt", @"..\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\dir", @"C:\work\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateJunction(@"C:\work\links\junction", @"C:\work\data\folder"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\broken.txt", "missing.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\broken-dir", @"C:\work\gone", isDirectory: true));
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private UndoJournal Journal { get; }

    private RepairRunner Runner => new(windows.Platform(Work), Journal);

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// What repair plans for C:\work, end to end: the Windows walker lists the simulated disk
    /// (through IWindowsApi), the shared record builder classifies, the planner decides.
    /// </summary>
    private (List<RepairAction> Actions, List<RepairSkip> Skipped) Plan(RepairRequest request)
    {
        var actions = Runner.Plan(request, null, out var problems, out var skipped);
        Assert.Empty(problems);
        return (actions, skipped);
    }

    private StoredLink Stored(string name) => OsAssert.Link(system.ReadLink($@"{Links}\{name}"));

    private void AssertNothingLeftInTransit()
    {
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        Assert.DoesNotContain(entries, e => e.Name.Contains(".linkctl-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_junction_to_a_folder_named_by_its_volume_guid_is_retargeted_like_any_junction()
    {
        // Issue 11, defect 16: only \??\Volume{GUID}\ itself mounts a volume; a mount point to a
        // folder on it is a junction (docs/windows-facts.md), repaired like any other.
        var volume = SimulatedVolume.Letterless(0xDA7A);
        windows.WithVolume(volume).AddFile(volume.GuidPath + @"old\inside.txt", "on the volume");
        OsAssert.Succeeded(system.CreateJunction(@"C:\work\links\vol", volume.GuidPath + "old"));
        Assert.Equal(LinkKind.Junction, Stored("vol").Kind);
        Assert.Equal(0, windows.MoveFile(volume.GuidPath + "old", volume.GuidPath + "new", replaceExisting: false));

        var (actions, _) = Plan(new RepairRequest { Root = Work, RetargetFrom = volume.GuidPath + "old", RetargetTo = volume.GuidPath + "new" });
        var action = Assert.Single(actions);
        Assert.Equal(@"C:\work\links\vol", RawPath.ToText(action.Path));

        Assert.All(Runner.Apply(actions), o => Assert.True(o.Applied, o.Problem));
        Assert.Equal((LinkKind.Junction, volume.GuidPath + "new"), (Stored("vol").Kind, Stored("vol").Target));
        Assert.Equal("on the volume", windows.ReadText(@"C:\work\links\vol\inside.txt"));
        AssertNothingLeftInTransit();
    }

    [Fact]
    public void Retarget_keeps_each_link_kind_and_form_then_undo_restores()
    {
        Assert.Equal(0, windows.MoveFile(@"C:\work\data", @"C:\work\moved", replaceExisting: false));
        var (actions, skipped) = Plan(new RepairRequest { Root = Work, RetargetFrom = @"C:\work\data", RetargetTo = @"C:\work\moved" });
        Assert.Empty(skipped);
        Assert.Equal(["abs.txt", "dir", "junction", "rel.txt"], actions.Select(a => PathSyntax.Windows.GetFileName(RawPath.ToText(a.Path))));

        var outcomes = Runner.Apply(actions);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(@"C:\work\moved\file.txt", Stored("abs.txt").Target);
        Assert.Equal(@"..\moved\file.txt", Stored("rel.txt").Target);
        Assert.Equal((LinkKind.SymbolicLink, @"C:\work\moved\folder"), (Stored("dir").Kind, Stored("dir").Target));
        Assert.True(system.GetEntry(@"C:\work\links\dir").IsDirectory);
        Assert.Equal((LinkKind.Junction, @"C:\work\moved\folder"), (Stored("junction").Kind, Stored("junction").Target));
        Assert.Equal("content", windows.ReadText(@"C:\work\links\rel.txt"));
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\dir\inside.txt"));
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\junction\inside.txt"));
        Assert.False(system.GetEntry(@"C:\work\links\abs.txt").IsDirectory);
        AssertNothingLeftInTransit();

        var undone = Runner.UndoLast(dryRun: false);
        Assert.Equal(4, undone.Count);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(@"C:\work\data\file.txt", Stored("abs.txt").Target);
        Assert.Equal(@"..\data\file.txt", Stored("rel.txt").Target);
        Assert.Equal((LinkKind.Junction, @"C:\work\data\folder"), (Stored("junction").Kind, Stored("junction").Target));
        Assert.True(system.GetEntry(@"C:\work\links\dir").IsDirectory);
        Assert.Equal("inside", windows.ReadText(@"C:\work\moved\folder\inside.txt"));
        Assert.Empty(Runner.UndoLast(dryRun: false));
    }

    [Fact]
    public void Relative_rewrites_absolute_symbolic_links_inside_the_root_and_says_why_junctions_stay()
    {
        var (actions, skipped) = Plan(new RepairRequest { Root = Work, MakeRelative = true });
        Assert.Equal(["abs.txt", "broken-dir", "dir"], actions.Select(a => PathSyntax.Windows.GetFileName(RawPath.ToText(a.Path))));
        var skip = Assert.Single(skipped);
        Assert.Equal((@"C:\work\links\junction", "junctions store absolute paths; left as is"), (RawPath.ToText(skip.Path), skip.Why));

        var outcomes = Runner.Apply(actions);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal((LinkKind.SymbolicLink, true, @"..\data\file.txt"), (Stored("abs.txt").Kind, Stored("abs.txt").IsRelative, Stored("abs.txt").Target));
        Assert.Equal(@"..\data\folder", Stored("dir").Target);
        Assert.Equal(@"..\gone", Stored("broken-dir").Target);
        Assert.Equal("content", windows.ReadText(@"C:\work\links\abs.txt"));
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\dir\inside.txt"));
        Assert.Equal(@"C:\work\data\folder", Stored("junction").Target);
        AssertNothingLeftInTransit();
    }

    [Fact]
    public void The_editor_refuses_a_relative_target_for_a_junction_and_records_nothing()
    {
        var editor = new LinkEditor(windows.Platform(Work));
        var recorded = 0;
        var result = editor.Replace(RawPath.FromText(@"C:\work\links\junction"), RawPath.FromText(@"C:\work\data\folder"), RawPath.FromText(@"..\data\folder"), _ =>
        {
            recorded++;
            return OsResult.Success;
        });
        Assert.Null(result.Error);
        Assert.Equal(LinkEditor.JunctionsStayAbsolute, result.Problem);
        Assert.Equal(0, recorded);
        Assert.Equal((LinkKind.Junction, @"C:\work\data\folder"), (Stored("junction").Kind, Stored("junction").Target));
    }

    [Fact]
    public void Prune_removes_only_broken_links_keeping_targets_and_undo_remakes_them_with_their_kind()
    {
        OsAssert.Succeeded(system.CreateJunction(@"C:\work\links\broken-junction", @"C:\work\vanished"));
        var (actions, _) = Plan(new RepairRequest { Root = Work, PruneBroken = true });
        Assert.Equal(["broken-dir", "broken-junction", "broken.txt"], actions.Select(a => PathSyntax.Windows.GetFileName(RawPath.ToText(a.Path))));

        var outcomes = Runner.Apply(actions);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        foreach (var name in new[] { "broken-dir", "broken-junction", "broken.txt" })
        {
            Assert.False(windows.Exists($@"{Links}\{name}"));
        }

        Assert.True(windows.Exists(@"C:\work\links\abs.txt"));
        Assert.Equal("inside", windows.ReadText(@"C:\work\data\folder\inside.txt"));
        Assert.Equal(
            [("remove_link", "directory_symlink"), ("remove_link", "junction"), ("remove_link", "file_symlink")],
            Journal.ReadAll().Select(e => (e.Action, e.LinkType)));

        var undone = Runner.UndoLast(dryRun: false);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal((LinkKind.SymbolicLink, "missing.txt"), (Stored("broken.txt").Kind, Stored("broken.txt").Target));
        Assert.False(system.GetEntry(@"C:\work\links\broken.txt").IsDirectory);
        Assert.Equal((LinkKind.SymbolicLink, @"C:\work\gone"), (Stored("broken-dir").Kind, Stored("broken-dir").Target));
        Assert.True(system.GetEntry(@"C:\work\links\broken-dir").IsDirectory);
        Assert.Equal((LinkKind.Junction, @"C:\work\vanished"), (Stored("broken-junction").Kind, Stored("broken-junction").Target));
    }

    [Fact]
    public void Undo_of_a_removal_leaves_alone_whatever_is_at_the_name_now()
    {
        var (actions, _) = Plan(new RepairRequest { Root = Work, PruneBroken = true });
        Runner.Apply(actions.Where(a => RawPath.ToText(a.Path).EndsWith("broken.txt", StringComparison.Ordinal)));
        windows.AddFile(@"C:\work\links\broken.txt", "new data");

        var outcome = Assert.Single(Runner.UndoLast(dryRun: false));
        Assert.False(outcome.Applied);
        Assert.Contains("something is at this path again", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("new data", windows.ReadText(@"C:\work\links\broken.txt"));
    }

    [Fact]
    public void A_link_changed_after_planning_is_left_alone_and_not_recorded()
    {
        var (actions, _) = Plan(new RepairRequest { Root = Work, MakeRelative = true });
        OsAssert.Succeeded(system.RemoveLink(@"C:\work\links\dir"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\dir", @"C:\elsewhere", isDirectory: true));

        var outcomes = Runner.Apply(actions);
        var dir = Assert.Single(outcomes, o => RawPath.ToText(o.Action.Path).EndsWith(@"\dir", StringComparison.Ordinal));
        Assert.False(dir.Applied);
        Assert.Contains(@"changed since it was examined: it now stores C:\elsewhere", dir.Problem, StringComparison.Ordinal);
        Assert.Equal(@"C:\elsewhere", Stored("dir").Target);
        Assert.DoesNotContain(Journal.ReadAll(), e => e.Path.EndsWith(@"\dir", StringComparison.Ordinal));
        Assert.True(outcomes.Where(o => o != dir).All(o => o.Applied));
    }

    [Theory]
    [InlineData("abs.txt", LinkKind.SymbolicLink, @"C:\work\data\file.txt")]
    [InlineData("dir", LinkKind.SymbolicLink, @"C:\work\data\folder")]
    [InlineData("junction", LinkKind.Junction, @"C:\work\data\folder")]
    public void A_failure_while_moving_the_new_link_in_keeps_the_old_one(string name, LinkKind kind, string before)
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\other", @"C:\work\data", isDirectory: true));
        var path = $@"{Links}\{name}";
        var after = before.Replace(@"C:\work\data", @"C:\work\other", StringComparison.Ordinal);
        var moves = new List<(string, string)>();
        windows.RenameFault = (source, destination) =>
        {
            moves.Add((source, destination));
            return source.Contains(".linkctl-tmp-repair-", StringComparison.Ordinal) ? Win32ErrorNames.SharingViolation : 0;
        };

        var outcome = Assert.Single(Runner.Apply([new RepairAction(RepairActionKind.Retarget, RawPath.FromText(path), RawPath.FromText(before), RawPath.FromText(after))]));
        Assert.False(outcome.Applied);
        Assert.Equal(OsError.Win32(Win32ErrorNames.SharingViolation), outcome.Error);
        Assert.Contains("the old link was put back", outcome.Problem, StringComparison.Ordinal);

        // The old link went aside and came back: same kind, flag and target.
        Assert.Contains(moves, m => m.Item1 == path);
        Assert.Equal((kind, before), (Stored(name).Kind, Stored(name).Target));
        Assert.Equal(name != "abs.txt", system.GetEntry(path).IsDirectory);
        AssertNothingLeftInTransit();
    }

    [Fact]
    public void A_failure_moving_the_old_link_aside_keeps_it_in_place()
    {
        windows.RenameFault = (source, _) => source == @"C:\work\links\dir" ? Win32ErrorNames.AccessDenied : 0;
        var outcome = Assert.Single(Runner.Apply([new RepairAction(RepairActionKind.MakeRelative, RawPath.FromText(@"C:\work\links\dir"), RawPath.FromText(@"C:\work\data\folder"), RawPath.FromText(@"..\data\folder"))]));
        Assert.False(outcome.Applied);
        Assert.Equal(@"C:\work\data\folder", Stored("dir").Target);
        AssertNothingLeftInTransit();
    }

    [Theory]
    [InlineData(@"C:\w\l", @"D:\w\f", null)]
    [InlineData(@"C:\w\a\l", @"C:\W\B\f", @"..\B\f")]
    public void Windows_planner_relative_takes_targets_inside_the_root_ignoring_case(string path, string stored, string? after)
    {
        var record = new LinkRecord
        {
            Path = RawPath.FromText(path),
            Root = RawPath.FromText(@"C:\w"),
            Kind = LinkKind.SymbolicLink,
            StoredTarget = RawPath.FromText(stored),
            ResolvedTarget = RawPath.FromText(stored),
            Status = LinkStatus.Ok,
            Flags = LinkFlags.Absolute,
        };
        var planned = new RepairPlanner(new RepairRequest { Root = @"C:\w", MakeRelative = true }, PathSyntax.Windows, @"C:\w").Plan(record);
        Assert.Equal(after, planned?.After is { } a ? RawPath.ToText(a) : null);
    }

    [Fact]
    public void Windows_planner_retargets_case_insensitively_and_keeps_junctions_absolute_under_relative()
    {
        var record = new LinkRecord
        {
            Path = RawPath.FromText(@"C:\w\j"),
            Root = RawPath.FromText(@"C:\w"),
            Kind = LinkKind.Junction,
            StoredTarget = RawPath.FromText(@"C:\W\Old\x"),
            ResolvedTarget = RawPath.FromText(@"C:\W\Old\x"),
            Status = LinkStatus.Broken,
            Flags = LinkFlags.Absolute,
        };
        var planned = new RepairPlanner(new RepairRequest { Root = @"C:\w", MakeRelative = true, RetargetFrom = @"c:\w\old", RetargetTo = @"C:\w\New" }, PathSyntax.Windows, @"C:\w").Plan(record);
        Assert.Equal(@"C:\w\New\x", RawPath.ToText(planned!.After!));

        var unc = new RepairPlanner(new RepairRequest { Root = @"C:\w", RetargetFrom = @"C:\w\old", RetargetTo = @"\\server\share\new" }, PathSyntax.Windows, @"C:\w").Plan(record, out var why);
        Assert.Null(unc);
        Assert.Equal("a junction can only point to a local folder; left as is", why);
    }
}
