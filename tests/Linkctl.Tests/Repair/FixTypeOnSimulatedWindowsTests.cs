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
/// Symbolic links of the wrong type on Windows (issue 12): a file link to a folder or a folder
/// link to a file, which Windows does not follow as programs expect (Rust std docs,
/// std::os::windows::fs::symlink_file / symlink_dir: "otherwise the symlink will be broken";
/// git-for-windows commit d25cf4e: "Symlinks of wrong type simply don't work"). The type is the
/// link entry's FILE_ATTRIBUTE_DIRECTORY, set by SYMBOLIC_LINK_FLAG_DIRECTORY (Learn:
/// CreateSymbolicLinkW). The walk flags them, <c>repair --fix-type</c> makes each again with the
/// right type (same text), read back and journalled, and undo gives the old type back.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class FixTypeOnSimulatedWindowsTests : IDisposable
{
    private const string Work = @"C:\work";
    private const string Links = @"C:\work\links";

    private readonly ScratchDirectory scratch = new("linkctl-fixtype-");
    private readonly SimulatedWindows windows;
    private readonly WindowsLinkSystem system;

    public FixTypeOnSimulatedWindowsTests()
    {
        windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\work\data\file.txt", "content")
            .AddFile(@"C:\work\data\folder\inside.txt", "inside")
            .AddDirectory(Links);
        system = new WindowsLinkSystem(windows);
        // Wrong: a file link to a folder (relative) and a folder link to a file (absolute).
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\file-link-to-folder", @"..\data\folder", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\folder-link-to-file", @"C:\work\data\file.txt", isDirectory: true));
        // Right, and links whose type cannot be wrong or cannot be judged.
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\good-file", @"C:\work\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\good-folder", @"C:\work\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateJunction(@"C:\work\links\junction", @"C:\work\data\folder"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\dangling", @"C:\work\gone", isDirectory: true));
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private UndoJournal Journal { get; }

    private RepairRunner Runner => new(windows.Platform(Work), Journal);

    public void Dispose() => scratch.Dispose();

    private bool IsFolderLink(string name)
    {
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        return entries.Single(e => e.Name == name).Attributes.HasFlag(FileAttributes.Directory);
    }

    private List<RepairAction> Plan()
    {
        var actions = Runner.Plan(new RepairRequest { Root = Work, FixType = true }, null, out var problems, out _);
        Assert.Empty(problems);
        return actions;
    }

    [Fact]
    public void The_walk_flags_only_the_links_whose_type_is_not_their_targets()
    {
        var actions = Runner.Plan(new RepairRequest { Root = Work, FixType = true }, null, out _, out _);
        Assert.Equal(["file-link-to-folder", "folder-link-to-file"], actions.Select(a => PathSyntax.Windows.GetFileName(RawPath.ToText(a.Path))));
        Assert.All(actions, a => Assert.Equal(RepairActionKind.FixType, a.Kind));
        Assert.All(actions, a => Assert.Equal(a.Before, a.After));
    }

    [Fact]
    public void Show_says_which_type_is_wrong_and_how_to_fix_it()
    {
        var inspector = new Linkctl.Inspection.LinkInspector(windows.Platform(Work));
        var (fileToFolder, _) = inspector.Inspect(@"C:\work\links\file-link-to-folder");
        var (folderToFile, _) = inspector.Inspect(@"C:\work\links\folder-link-to-file");
        var (good, _) = inspector.Inspect(@"C:\work\links\good-folder");

        Assert.Contains(fileToFolder!.Notes, n => n.Contains("file symbolic link, but its target is a folder", StringComparison.Ordinal) && n.Contains("--fix-type", StringComparison.Ordinal));
        Assert.Contains(folderToFile!.Notes, n => n.Contains("folder symbolic link, but its target is a file", StringComparison.Ordinal));
        Assert.DoesNotContain(good!.Notes, n => n.Contains("--fix-type", StringComparison.Ordinal));
    }

    [Fact]
    public void Fix_type_makes_each_again_as_the_other_type_with_the_same_text_then_undo_gives_the_old_type_back()
    {
        var outcomes = Runner.Apply(Plan(), Work);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));

        Assert.True(IsFolderLink("file-link-to-folder"));
        Assert.False(IsFolderLink("folder-link-to-file"));
        Assert.Equal(@"..\data\folder", OsAssert.Link(system.ReadLink(@"C:\work\links\file-link-to-folder")).Target);
        Assert.Equal(@"C:\work\data\file.txt", OsAssert.Link(system.ReadLink(@"C:\work\links\folder-link-to-file")).Target);
        Assert.Equal("inside", windows.ReadText(@"C:\work\links\file-link-to-folder\inside.txt"));
        Assert.Equal("content", windows.ReadText(@"C:\work\links\folder-link-to-file"));
        Assert.True(IsFolderLink("good-folder"));
        Assert.False(IsFolderLink("good-file"));

        // Journalled with the type the link had, which undo makes again.
        Assert.Equal(
            [("file-link-to-folder", "fix_type", LinkEditor.FileSymlink), ("folder-link-to-file", "fix_type", LinkEditor.DirectorySymlink)],
            Journal.ReadAll().Where(e => e.LinkType is not null).Select(e => (PathSyntax.Windows.GetFileName(e.Path), e.Action, e.LinkType)).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList());
        Assert.Empty(Plan());

        var undone = Runner.UndoLast(dryRun: false);
        Assert.Equal(2, undone.Count);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.False(IsFolderLink("file-link-to-folder"));
        Assert.True(IsFolderLink("folder-link-to-file"));
        Assert.Equal(@"..\data\folder", OsAssert.Link(system.ReadLink(@"C:\work\links\file-link-to-folder")).Target);
        Assert.Empty(Runner.UndoLast(dryRun: false));

        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(Links, entries));
        Assert.DoesNotContain(entries, e => e.Name.Contains(".linkctl-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_changed_after_the_plan_is_left_alone()
    {
        var actions = Plan();
        // Someone retargets one of them between plan and apply.
        OsAssert.Succeeded(system.RemoveLink(@"C:\work\links\file-link-to-folder"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\work\links\file-link-to-folder", @"C:\work\data\file.txt", isDirectory: false));

        var outcomes = Runner.Apply(actions, Work);

        var changed = outcomes.Single(o => RawPath.ToText(o.Action.Path).EndsWith("file-link-to-folder", StringComparison.Ordinal));
        Assert.False(changed.Applied);
        Assert.Contains("changed since it was examined", changed.Problem, StringComparison.Ordinal);
        Assert.False(IsFolderLink("file-link-to-folder"));
        Assert.Equal(@"C:\work\data\file.txt", OsAssert.Link(system.ReadLink(@"C:\work\links\file-link-to-folder")).Target);
        Assert.True(outcomes.Single(o => o != changed).Applied);
    }

    [Theory]
    [Trait("Layer", "Pure")]
    [InlineData(LinkKind.SymbolicLink, false, true, true)]
    [InlineData(LinkKind.SymbolicLink, true, false, true)]
    [InlineData(LinkKind.SymbolicLink, true, true, false)]
    [InlineData(LinkKind.SymbolicLink, false, false, false)]
    [InlineData(LinkKind.Junction, false, true, false)]
    public void The_record_builder_flags_a_type_that_differs_from_the_targets(LinkKind kind, bool linkIsFolder, bool targetIsFolder, bool wrong)
    {
        var record = LinkRecordBuilder.Build(new LinkObservation
        {
            Path = "C:\\r\\l"u8.ToArray(),
            Root = "C:\\r"u8.ToArray(),
            Depth = 1,
            Kind = kind,
            StoredTarget = "t"u8.ToArray(),
            IsRelative = true,
            ResolvedTarget = "C:\\r\\t"u8.ToArray(),
            ResolvedBelowRoot = true,
            Target = new EntryFacts("C:\\r\\t", targetIsFolder ? EntryType.Directory : EntryType.File) { IsDirectory = targetIsFolder },
            LinkIsDirectory = linkIsFolder,
        });
        Assert.Equal(wrong, (record.Flags & LinkFlags.WrongType) != 0);
    }

    [Fact]
    [Trait("Layer", "Pure")]
    public void A_missing_target_or_an_unknown_link_type_is_never_called_wrong()
    {
        var missing = LinkRecordBuilder.Build(new LinkObservation
        {
            Path = "C:\\r\\l"u8.ToArray(), Root = "C:\\r"u8.ToArray(), Depth = 1, Kind = LinkKind.SymbolicLink,
            StoredTarget = "t"u8.ToArray(), IsRelative = true, ResolvedTarget = "C:\\r\\t"u8.ToArray(), ResolvedBelowRoot = true,
            Target = new EntryFacts("C:\\r\\t", EntryType.None), LinkIsDirectory = true,
        });
        Assert.Equal(LinkFlags.None, missing.Flags & LinkFlags.WrongType);
        var notKnown = LinkRecordBuilder.Build(new LinkObservation
        {
            Path = "C:\\r\\l"u8.ToArray(), Root = "C:\\r"u8.ToArray(), Depth = 1, Kind = LinkKind.SymbolicLink,
            StoredTarget = "t"u8.ToArray(), IsRelative = true, ResolvedTarget = "C:\\r\\t"u8.ToArray(), ResolvedBelowRoot = true,
            Target = new EntryFacts("C:\\r\\t", EntryType.Directory) { IsDirectory = true }, LinkIsDirectory = null,
        });
        Assert.Equal(LinkFlags.None, notKnown.Flags & LinkFlags.WrongType);
    }
}
