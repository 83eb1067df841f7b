using System.Text;
using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// repair --git-stubs on Windows end to end over the simulated Windows (the index is given, as git
/// would print it; everything else runs: gather through the pinned ROOT, plan, apply by handle,
/// undo): file and folder links, the junction fallback without the privilege, an edited stub (before
/// the plan and between plan and apply) left alone, a stub another program holds open left alone, and
/// undo restoring the stubs byte for byte. Sources for the Windows answers: the simulated Windows
/// (SimulatedWindows.Handles.cs) and docs/windows-facts.md.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class GitStubsOnSimulatedWindowsTests : IDisposable
{
    private const string Repo = @"C:\repo";

    private readonly ScratchDirectory scratch = new("linkctl-gitstubwin-");

    public GitStubsOnSimulatedWindowsTests()
    {
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private UndoJournal Journal { get; }

    public void Dispose() => scratch.Dispose();

    /// <summary>A work tree checked out with core.symlinks=false: the stubs hold the link texts ('/'-separated, as in the index).</summary>
    private static SimulatedWindows CheckedOut(SimulatedWindows windows) => windows
        .AddFile(@"C:\repo\data\file.txt", "content")
        .AddFile(@"C:\repo\data\folder\inside.txt", "inside")
        .AddFile(@"C:\repo\file-link", "data/file.txt")
        .AddFile(@"C:\repo\sub\dir-link", "../data/folder")
        .AddFile(@"C:\repo\dangling", "not/there")
        .AddFile(@"C:\repo\edited", "data/file.txt plus an edit");

    private static readonly (string Path, string Text)[] Index =
    [
        ("file-link", "data/file.txt"),
        ("sub/dir-link", "../data/folder"),
        ("dangling", "not/there"),
        ("edited", "data/file.txt"),
    ];

    private static GitLinks IndexOf(params (string Path, string Text)[] links) =>
        new(links.Select(l => (new GitIndexLink(Encoding.UTF8.GetBytes(l.Path), "0000000000000000000000000000000000000000"), Encoding.UTF8.GetBytes(l.Text))).ToList(), [], []);

    private (GitStubRunner Runner, GitStubPlan Plan) Planned(SimulatedWindows windows, bool symlinksAllowed, params (string Path, string Text)[] links)
    {
        var runner = new GitStubRunner(windows.Platform(Repo), Journal);
        var context = new GitStubContext { Flavour = Linkctl.Paths.OsFlavour.Windows, SymbolicLinksAllowed = symlinksAllowed };
        var planned = runner.PlanFrom(IndexOf(links.Length == 0 ? Index : links), Repo, context);
        Assert.True(planned.Succeeded, planned.Problem);
        return (runner, planned.Value.Plan);
    }

    private static GitStubAction Action(GitStubPlan plan, string path) => plan.Actions.Single(a => RawPath.ToText(a.Path) == path);

    private static void AssertNoTemporaries(SimulatedWindows windows, string folder)
    {
        var entries = new List<WindowsDirectoryEntry>();
        Assert.Equal(0, windows.ListDirectory(folder, entries));
        Assert.DoesNotContain(entries, e => e.Name.StartsWith(PinnedFolders.PrivatePrefix, StringComparison.Ordinal));
    }

    private static void AssertStub(WindowsLinkSystem system, SimulatedWindows windows, string path, string text)
    {
        Assert.Equal(EntryType.File, system.GetEntry(path).Type);
        Assert.Equal(text, windows.ReadText(path));
    }

    [Fact]
    public void With_the_privilege_stubs_become_file_and_folder_links_and_undo_restores_them_byte_for_byte()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: true);

        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Action(plan, "file-link").Kind);
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Action(plan, "sub/dir-link").Kind);

        // A dangling target: a file link, as git for Windows' phantom symlink starts (compat/mingw.c create_phantom_symlink).
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Action(plan, "dangling").Kind);
        var edited = Assert.Single(plan.Skipped);
        Assert.True(edited.Edited);

        var outcomes = runner.Apply(plan.Actions, Repo);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(0, windows.OpenHandleCount);

        var file = system.GetEntry(@"C:\repo\file-link");
        Assert.Equal((EntryType.SymbolicLink, false), (file.Type, file.IsDirectory));
        Assert.Equal(@"data\file.txt", OsAssert.Link(system.ReadLink(@"C:\repo\file-link")).Target);
        Assert.Equal("content", windows.ReadText(@"C:\repo\file-link"));
        var folder = system.GetEntry(@"C:\repo\sub\dir-link");
        Assert.Equal((EntryType.SymbolicLink, true), (folder.Type, folder.IsDirectory));
        Assert.Equal(@"..\data\folder", OsAssert.Link(system.ReadLink(@"C:\repo\sub\dir-link")).Target);
        Assert.Equal("inside", windows.ReadText(@"C:\repo\sub\dir-link\inside.txt"));
        AssertStub(system, windows, @"C:\repo\edited", "data/file.txt plus an edit");
        AssertNoTemporaries(windows, Repo);
        AssertNoTemporaries(windows, @"C:\repo\sub");

        // A second plan finds them all real already.
        var (_, again) = Planned(windows, symlinksAllowed: true);
        Assert.Empty(again.Actions);
        Assert.Equal(3, again.AlreadyLinks.Count);

        var undone = runner.UndoLast(dryRun: false);
        Assert.Equal(3, undone.Count);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        AssertStub(system, windows, @"C:\repo\file-link", "data/file.txt");
        AssertStub(system, windows, @"C:\repo\sub\dir-link", "../data/folder");
        AssertStub(system, windows, @"C:\repo\dangling", "not/there");
        AssertNoTemporaries(windows, Repo);
        AssertNoTemporaries(windows, @"C:\repo\sub");
        Assert.Equal(0, windows.OpenHandleCount);
        Assert.Empty(runner.UndoLast(dryRun: true));
    }

    [Fact]
    public void Without_the_privilege_a_folder_stub_becomes_a_junction_as_new_does_and_a_file_stub_stays()
    {
        var windows = CheckedOut(SimulatedWindows.StandardUser());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: false);

        var junction = Assert.Single(plan.Actions);
        Assert.Equal((GitStubLinkKind.Junction, @"C:\repo\data\folder"), (junction.Kind, RawPath.ToText(junction.Stored)));
        Assert.Contains("junction", junction.Note, StringComparison.Ordinal);
        Assert.Contains(plan.Skipped, s => RawPath.ToText(s.Path) == "file-link" && s.Why.Contains("no fallback", StringComparison.Ordinal));

        Assert.All(runner.Apply(plan.Actions, Repo), o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(EntryType.Junction, system.GetEntry(@"C:\repo\sub\dir-link").Type);
        Assert.Equal("inside", windows.ReadText(@"C:\repo\sub\dir-link\inside.txt"));
        AssertStub(system, windows, @"C:\repo\file-link", "data/file.txt");

        Assert.All(runner.UndoLast(dryRun: false), o => Assert.True(o.Applied, o.Problem));
        AssertStub(system, windows, @"C:\repo\sub\dir-link", "../data/folder");
        AssertNoTemporaries(windows, @"C:\repo\sub");
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void A_stub_edited_between_plan_and_apply_is_left_alone_with_its_edit()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: true, ("file-link", "data/file.txt"));

        using (var writer = windows.OpenForWritingByPath(@"C:\repo\file-link"))
        {
            OsAssert.Succeeded(windows.WriteFile(writer, "data/other"u8));
        }

        var outcome = Assert.Single(runner.Apply(plan.Actions, Repo));
        Assert.False(outcome.Applied);
        Assert.Contains("edited since it was checked", outcome.Problem, StringComparison.Ordinal);
        AssertStub(system, windows, @"C:\repo\file-link", "data/othertxt");
        AssertNoTemporaries(windows, Repo);
        Assert.Equal(0, windows.OpenHandleCount);

        // Recorded as not made: undo finds nothing of this run to reverse and leaves the edited file alone.
        Assert.Empty(runner.UndoLast(dryRun: false));
        AssertStub(system, windows, @"C:\repo\file-link", "data/othertxt");
    }

    [Fact]
    public void A_stub_another_program_holds_open_for_writing_is_left_alone()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: true, ("file-link", "data/file.txt"));

        using var editor = windows.OpenForWritingByPath(@"C:\repo\file-link");
        var outcome = Assert.Single(runner.Apply(plan.Actions, Repo));
        Assert.False(outcome.Applied);
        Assert.Contains("another program has it open", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("ERROR_SHARING_VIOLATION", outcome.Problem, StringComparison.Ordinal);
        AssertStub(system, windows, @"C:\repo\file-link", "data/file.txt");
        AssertNoTemporaries(windows, Repo);
    }

    [Fact]
    public void While_the_stub_is_checked_and_swapped_nobody_can_write_it()
    {
        // The racer tries to write the stub at every handle call of the swap: the stub is held shared
        // for reading only from its check to its delete, so each try is refused (ERROR_SHARING_VIOLATION).
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: true, ("file-link", "data/file.txt"));
        var refused = 0;
        var swapping = false;
        windows.BeforeHandleCall = call =>
        {
            if (call == nameof(IWindowsApi.Rename))
            {
                swapping = true;
            }

            if (swapping && windows.Exists(@"C:\repo\file-link") && system.GetEntry(@"C:\repo\file-link").Type == EntryType.File)
            {
                var saved = windows.BeforeHandleCall;
                windows.BeforeHandleCall = null;
                try
                {
                    windows.OpenForWritingByPath(@"C:\repo\file-link").Dispose();
                }
                catch (InvalidOperationException e) when (e.Message.Contains("SHARING_VIOLATION", StringComparison.Ordinal))
                {
                    refused++;
                }
                finally
                {
                    windows.BeforeHandleCall = saved;
                }
            }
        };

        Assert.True(Assert.Single(runner.Apply(plan.Actions, Repo)).Applied);
        windows.BeforeHandleCall = null;
        Assert.True(refused > 0);
        Assert.Equal(EntryType.SymbolicLink, system.GetEntry(@"C:\repo\file-link").Type);
    }

    [Fact]
    public void The_symlink_gitattribute_makes_a_dangling_link_a_folder_link_and_forces_a_file_link()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var runner = new GitStubRunner(windows.Platform(Repo), Journal);
        var index = IndexOf(("dangling", "not/there"), ("sub/dir-link", "../data/folder")) with
        {
            SymlinkAttributes = [new GitSymlinkAttribute("dangling"u8.ToArray(), "dir"), new GitSymlinkAttribute("sub/dir-link"u8.ToArray(), "file")],
        };
        var planned = runner.PlanFrom(index, Repo, new GitStubContext { Flavour = Linkctl.Paths.OsFlavour.Windows, SymbolicLinksAllowed = true });
        Assert.True(planned.Succeeded, planned.Problem);
        var plan = planned.Value.Plan;
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Action(plan, "dangling").Kind);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Action(plan, "sub/dir-link").Kind);

        Assert.All(runner.Apply(plan.Actions, Repo), o => Assert.True(o.Applied, o.Problem));
        var dangling = system.GetEntry(@"C:\repo\dangling");
        Assert.Equal((EntryType.SymbolicLink, true), (dangling.Type, dangling.IsDirectory));
        var forced = system.GetEntry(@"C:\repo\sub\dir-link");
        Assert.Equal((EntryType.SymbolicLink, false), (forced.Type, forced.IsDirectory));
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void Undo_leaves_a_link_retargeted_since_alone()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var system = new WindowsLinkSystem(windows);
        var (runner, plan) = Planned(windows, symlinksAllowed: true, ("file-link", "data/file.txt"));
        Assert.True(Assert.Single(runner.Apply(plan.Actions, Repo)).Applied);

        // Someone replaces our link by another link: undo must not turn theirs into a stub.
        Assert.Equal(0, windows.DeleteFile(@"C:\repo\file-link"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\repo\file-link", @"data\other.txt", isDirectory: false));
        var undone = Assert.Single(runner.UndoLast(dryRun: false));
        Assert.False(undone.Applied);
        Assert.Contains("left alone", undone.Problem, StringComparison.Ordinal);
        Assert.Equal(@"data\other.txt", OsAssert.Link(system.ReadLink(@"C:\repo\file-link")).Target);
        AssertNoTemporaries(windows, Repo);
    }
    [Fact]
    public void A_stub_file_a_killed_run_left_is_deleted_by_handle_only_when_the_journal_holds_its_bytes()
    {
        var windows = CheckedOut(SimulatedWindows.AdminElevated());
        var (runner, plan) = Planned(windows, symlinksAllowed: true);
        Assert.All(runner.Apply(plan.Actions, Repo), o => Assert.True(o.Applied, o.Problem));

        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        var swappedOut = $@"C:\repo\.linkctl-tmp-stub-{dead.Id}-0123456789abcdef";
        var notOurs = $@"C:\repo\.linkctl-tmp-stub-{dead.Id}-2222222222222222";
        windows.AddFile(swappedOut, "data/file.txt").AddFile(notOurs, "my notes");

        var undone = runner.UndoLast(dryRun: false);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.False(new WindowsLinkSystem(windows).GetEntry(swappedOut).Exists, string.Join("; ", runner.StaleTemporaries));
        Assert.Equal("my notes", windows.ReadText(notOurs));
        Assert.Equal([true, false], runner.StaleTemporaries.OrderBy(t => t.Path, StringComparer.Ordinal).Select(t => t.Removed));
        Assert.Equal(0, windows.OpenHandleCount);
    }
}
