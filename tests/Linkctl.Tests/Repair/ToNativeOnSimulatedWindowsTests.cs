using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Repair;
using Linkctl.Reparse;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// WSL symbolic links on Windows (issue 12). WSL stores IO_REPARSE_TAG_LX_SYMLINK with the Linux
/// target as UTF-8 (the LX_SYMLINK layout, docs/windows-facts.md, checked against ntfs-3g in the
/// Ntfs layer); Windows cannot open through one (ERROR_CANT_ACCESS_FILE 1920). list reports the
/// Linux target and, where it has one, the Windows path (/mnt/c/... is C:\..., relative targets
/// from the link's folder); <c>repair --to-native</c> replaces each with an NT link to the same
/// place, learning file or folder as git for Windows does (d25cf4e), a junction where no symbolic
/// link may be made, and undo makes the WSL link again.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class ToNativeOnSimulatedWindowsTests : IDisposable
{
    private const string Work = @"C:\work";
    private const string Links = @"C:\work\links";

    private readonly ScratchDirectory scratch = new("linkctl-tonative-");

    public ToNativeOnSimulatedWindowsTests() => Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));

    private UndoJournal Journal { get; }

    public void Dispose() => scratch.Dispose();

    private static SimulatedWindows Tree(SimulatedWindows windows) => windows
        .AddFile(@"C:\work\data\file.txt", "content")
        .AddFile(@"C:\work\data\folder\inside.txt", "inside")
        .AddDirectory(Links)
        .PlantReparsePoint(@"C:\work\links\rel-file", ReparseBufferCodec.EncodeLxSymlink("../data/file.txt"), isDirectory: false)
        .PlantReparsePoint(@"C:\work\links\mnt-folder", ReparseBufferCodec.EncodeLxSymlink("/mnt/c/work/data/folder"), isDirectory: false)
        .PlantReparsePoint(@"C:\work\links\linux-only", ReparseBufferCodec.EncodeLxSymlink("/usr/bin/python3"), isDirectory: false)
        .PlantReparsePoint(@"C:\work\links\dangling", ReparseBufferCodec.EncodeLxSymlink("nothing-here"), isDirectory: false);

    private static string Name(RepairAction a) => PathSyntax.Windows.GetFileName(RawPath.ToText(a.Path));

    [Fact]
    public void List_gives_the_linux_target_and_the_windows_path_where_there_is_one()
    {
        var windows = Tree(SimulatedWindows.AdminElevated());
        var (links, problems) = new TreeScanner(windows.Platform(Work)).Collect([Links]);
        Assert.Empty(problems);
        var byName = links.ToDictionary(l => PathSyntax.Windows.GetFileName(RawPath.ToText(l.Path)));

        Assert.All(byName.Values, l => Assert.Equal(LinkKind.WslSymlink, l.Kind));
        Assert.Equal("../data/file.txt", RawPath.ToText(byName["rel-file"].StoredTarget!));
        Assert.Equal(@"C:\work\data\file.txt", RawPath.ToText(byName["rel-file"].ResolvedTarget!));
        Assert.Equal(@"C:\work\data\folder", RawPath.ToText(byName["mnt-folder"].ResolvedTarget!));
        Assert.Null(byName["linux-only"].ResolvedTarget);
        Assert.True((byName["linux-only"].Flags & LinkFlags.OutsideRoot) != 0);
        Assert.All(byName.Values, l => Assert.Equal(LinkStatus.CannotAccess, l.Status));
    }

    [Fact]
    public void To_native_makes_file_and_folder_links_to_the_same_place_and_undo_makes_the_wsl_links_again()
    {
        var windows = Tree(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var runner = new RepairRunner(windows.Platform(Work), Journal);

        var actions = runner.Plan(new RepairRequest { Root = Work, ToNative = true }, null, out var problems, out var leftAlone);
        Assert.Empty(problems);
        Assert.Equal(["dangling", "mnt-folder", "rel-file"], actions.Select(Name));
        Assert.Contains(leftAlone, s => RawPath.ToText(s.Path).EndsWith("linux-only", StringComparison.Ordinal) && s.Why.Contains("inside the Linux distribution", StringComparison.Ordinal));
        Assert.Equal(@"..\data\file.txt", RawPath.ToText(actions.Single(a => Name(a) == "rel-file").After!));
        Assert.Equal(@"C:\work\data\folder", RawPath.ToText(actions.Single(a => Name(a) == "mnt-folder").After!));

        var outcomes = runner.Apply(actions, Work);
        var byName = outcomes.ToDictionary(o => Name(o.Action));
        Assert.True(byName["rel-file"].Applied, byName["rel-file"].Problem);
        Assert.True(byName["mnt-folder"].Applied, byName["mnt-folder"].Problem);
        Assert.Equal("a file symbolic link", byName["rel-file"].Note);
        Assert.Equal("a folder symbolic link", byName["mnt-folder"].Note);
        // A missing target cannot be told file or folder: left as it was, said why.
        Assert.False(byName["dangling"].Applied);
        Assert.Contains("does not exist", byName["dangling"].Problem, StringComparison.Ordinal);
        Assert.Equal(LinkKind.WslSymlink, OsAssert.Link(system.ReadLink(@"C:\work\links\dangling")).Kind);

        Assert.Equal("content", windows.ReadText(@"C:\work\links\rel-file"));
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\mnt-folder\inside.txt"));
        Assert.Equal((LinkKind.SymbolicLink, @"..\data\file.txt"), (OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Kind, OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Target));
        Assert.True(system.GetEntry(@"C:\work\links\mnt-folder").IsDirectory);
        Assert.False(system.GetEntry(@"C:\work\links\rel-file").IsDirectory);

        var undone = runner.UndoLast(dryRun: false);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(2, undone.Count);
        Assert.Equal((LinkKind.WslSymlink, "../data/file.txt"), (OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Kind, OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Target));
        Assert.Equal((LinkKind.WslSymlink, "/mnt/c/work/data/folder"), (OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Kind, OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Target));
        Assert.Empty(runner.UndoLast(dryRun: false));

        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        Assert.DoesNotContain(entries, e => e.Name.Contains(".linkctl-", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_right_to_create_symbolic_links_a_folder_gets_a_junction_and_a_file_is_left_as_is()
    {
        var windows = Tree(SimulatedWindows.StandardUser());
        var system = new WindowsLinkSystem(windows);
        var runner = new RepairRunner(windows.Platform(Work), Journal);
        var actions = runner.Plan(new RepairRequest { Root = Work, ToNative = true }, null, out _, out _);

        var outcomes = runner.Apply(actions.Where(a => Name(a) is "mnt-folder" or "rel-file").ToList(), Work).ToDictionary(o => Name(o.Action));

        Assert.True(outcomes["mnt-folder"].Applied, outcomes["mnt-folder"].Problem);
        Assert.StartsWith("a junction", outcomes["mnt-folder"].Note, StringComparison.Ordinal);
        Assert.Equal((LinkKind.Junction, @"C:\work\data\folder"), (OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Kind, OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Target));
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\mnt-folder\inside.txt"));

        Assert.False(outcomes["rel-file"].Applied);
        Assert.Contains("may not make symbolic links", outcomes["rel-file"].Problem, StringComparison.Ordinal);
        Assert.Equal(LinkKind.WslSymlink, OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Kind);

        // The junction's undo gives the WSL link back too.
        var undone = runner.UndoLast(dryRun: false);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal((LinkKind.WslSymlink, "/mnt/c/work/data/folder"), (OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Kind, OsAssert.Link(system.ReadLink(@"C:\work\links\mnt-folder")).Target));
    }

    [Fact]
    public void A_wsl_link_changed_after_the_plan_is_left_alone()
    {
        var windows = Tree(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var runner = new RepairRunner(windows.Platform(Work), Journal);
        var actions = runner.Plan(new RepairRequest { Root = Work, ToNative = true }, null, out _, out _).Where(a => Name(a) == "rel-file").ToList();
        OsAssert.Succeeded(system.RemoveLink(@"C:\work\links\rel-file"));
        windows.PlantReparsePoint(@"C:\work\links\rel-file", ReparseBufferCodec.EncodeLxSymlink("../data/folder"), isDirectory: false);

        var outcome = Assert.Single(runner.Apply(actions, Work));

        Assert.False(outcome.Applied);
        Assert.Contains("changed since it was examined", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("../data/folder", OsAssert.Link(system.ReadLink(@"C:\work\links\rel-file")).Target);
    }
}
