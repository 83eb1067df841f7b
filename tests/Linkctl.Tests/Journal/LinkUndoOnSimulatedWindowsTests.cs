using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Removal;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Journal;

/// <summary>
/// <c>rm --undo</c> and <c>new --undo</c> on Windows (issue 9), through the simulated Windows: the
/// folder is reached from the drive's root by handles opened relative to their parent without
/// following a link (WindowsPinnedFolder, docs/windows-facts.md "Acting on handles"), and each link
/// is made again as the kind it was: a file symbolic link, a folder symbolic link (the entry
/// carries FILE_ATTRIBUTE_DIRECTORY: Learn, CreateSymbolicLinkW, SYMBOLIC_LINK_FLAG_DIRECTORY) or
/// a junction (FSCTL_SET_REPARSE_POINT on a new folder: Learn, "Junctions").
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class LinkUndoOnSimulatedWindowsTests : IDisposable
{
    private const string Links = @"C:\work\links";

    private readonly ScratchDirectory scratch = new("linkctl-undowin-");
    private readonly SimulatedWindows windows;
    private readonly WindowsLinkSystem system;

    public LinkUndoOnSimulatedWindowsTests()
    {
        windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\work\data\file.txt", "content")
            .AddFile(@"C:\work\data\other.txt", "other")
            .AddFile(@"C:\work\data\folder\inside.txt", "inside")
            .AddDirectory(Links);
        system = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\file", @"..\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\folder", @"C:\work\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateJunction(@"C:\work\links\junction", @"C:\work\data\folder"));
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private UndoJournal Journal { get; }

    private LinkPlatform Platform => windows.Platform(@"C:\work");

    public void Dispose() => scratch.Dispose();

    private bool IsFolderEntry(string name)
    {
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        return entries.Single(e => e.Name == name).Attributes.HasFlag(FileAttributes.Directory);
    }

    [Fact]
    public void Rm_undo_makes_each_link_again_as_the_kind_it_was()
    {
        var remover = new LinkRemover(Platform) { Journal = Journal };
        foreach (var name in new[] { "file", "folder", "junction" })
        {
            var removed = remover.Remove($@"{Links}\{name}", dryRun: false);
            Assert.True(removed.Removed, removed.Error?.ToString());
        }

        Assert.All(Journal.OpenRun(LinkUndo.RmCommand, remover.RunId), e => Assert.NotNull(e.FolderIdentity));
        Assert.False(windows.Exists($@"{Links}\folder"));

        var undone = new LinkUndo(Platform, Journal).Undo(LinkUndo.RmCommand, null, dryRun: false);

        Assert.True(undone.MarkedUndone, string.Join("; ", undone.Outcomes.Select(o => o.Error?.What)));
        Assert.All(undone.Outcomes, o => Assert.Equal(LinkUndoStatus.Restored, o.Status));
        Assert.Equal((LinkKind.SymbolicLink, @"..\data\file.txt"), Kind("file"));
        Assert.False(IsFolderEntry("file"));
        Assert.Equal((LinkKind.SymbolicLink, @"C:\work\data\folder"), Kind("folder"));
        Assert.True(IsFolderEntry("folder"));
        Assert.Equal(LinkKind.Junction, Kind("junction").Kind);
        Assert.Equal("inside", windows.ReadText($@"{Links}\junction\inside.txt"));
        Assert.Equal("content", windows.ReadText($@"{Links}\file"));
        Assert.Empty(new LinkUndo(Platform, Journal).Undo(LinkUndo.RmCommand, null, dryRun: false).Outcomes);
    }

    [Fact]
    public void Rm_undo_never_overwrites_what_holds_the_name_and_refuses_a_folder_replaced_since()
    {
        var remover = new LinkRemover(Platform) { Journal = Journal };
        Assert.True(remover.Remove($@"{Links}\file", dryRun: false).Removed);
        windows.AddFile($@"{Links}\file", "precious");

        var refused = Assert.Single(new LinkUndo(Platform, Journal).Undo(LinkUndo.RmCommand, null, dryRun: false).Outcomes);
        Assert.Equal(FailureKind.Conflict, refused.Error!.Kind);
        Assert.Equal("precious", windows.ReadText($@"{Links}\file"));

        // The folder itself replaced by another under the same name: not the folder it was removed from.
        Assert.Equal(0, windows.MoveFile(Links, @"C:\work\links.old", replaceExisting: false));
        windows.AddDirectory(Links);
        var replaced = Assert.Single(new LinkUndo(Platform, Journal).Undo(LinkUndo.RmCommand, null, dryRun: false).Outcomes);
        Assert.Contains("is not the folder that was checked", replaced.Error!.What, StringComparison.Ordinal);
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        Assert.Empty(entries);
    }

    [Fact]
    public void Rm_undo_never_follows_a_junction_swapped_in_for_the_folder()
    {
        var remover = new LinkRemover(Platform) { Journal = Journal };
        Assert.True(remover.Remove($@"{Links}\file", dryRun: false).Removed);
        Assert.Equal(0, windows.MoveFile(Links, @"C:\work\links.old", replaceExisting: false));
        windows.AddDirectory(@"C:\elsewhere");
        OsAssert.Succeeded(system.CreateJunction(Links, @"C:\elsewhere"));

        var swapped = Assert.Single(new LinkUndo(Platform, Journal).Undo(LinkUndo.RmCommand, null, dryRun: false).Outcomes);

        Assert.Equal(LinkUndoStatus.Failed, swapped.Status);
        Assert.Contains("without following a link", swapped.Error!.What, StringComparison.Ordinal);
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(@"C:\elsewhere", entries));
        Assert.Empty(entries);
    }

    [Fact]
    public void New_force_undo_puts_the_old_link_back_only_while_the_new_one_is_still_ours()
    {
        var maker = new LinkMaker(Platform) { Journal = Journal };
        var made = maker.Make(new LinkRequest($@"{Links}\file", @"C:\work\data\other.txt") { Force = true }, dryRun: false);
        Assert.Equal(CreationResult.Created, made.Result);
        Assert.Equal("other", windows.ReadText($@"{Links}\file"));
        Assert.All(Journal.OpenRun(LinkUndo.NewCommand, maker.RunId), e => Assert.NotNull(e.MadeIdentity));

        var undone = new LinkUndo(Platform, Journal).Undo(LinkUndo.NewCommand, null, dryRun: false);

        Assert.True(undone.MarkedUndone, string.Join("; ", undone.Outcomes.Select(o => o.Error?.What)));
        Assert.Equal((LinkKind.SymbolicLink, @"..\data\file.txt"), Kind("file"));
        Assert.Equal("content", windows.ReadText($@"{Links}\file"));

        // A second replacement retargeted by someone else afterwards is not undone over them.
        var again = new LinkMaker(Platform) { Journal = Journal };
        Assert.Equal(CreationResult.Created, again.Make(new LinkRequest($@"{Links}\file", @"C:\work\data\other.txt") { Force = true }, dryRun: false).Result);
        OsAssert.Succeeded(system.RemoveLink($@"{Links}\file"));
        OsAssert.Succeeded(system.CreateSymbolicLink($@"{Links}\file", @"C:\work\data\folder\inside.txt", isDirectory: false));
        var refused = Assert.Single(new LinkUndo(Platform, Journal).Undo(LinkUndo.NewCommand, null, dryRun: false).Outcomes);
        Assert.Equal(LinkUndoStatus.Failed, refused.Status);
        Assert.Equal(@"C:\work\data\folder\inside.txt", Kind("file").Target);
    }

    private (LinkKind Kind, string Target) Kind(string name)
    {
        var link = OsAssert.Link(system.ReadLink($@"{Links}\{name}"));
        return (link.Kind, link.Target);
    }
}
