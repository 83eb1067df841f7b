using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Links;
using Linkctl.Removal;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Journal;

/// <summary>
/// rm and new --force journal what they remove or replace, and their undo puts it back through
/// pinned folders, never over anything that holds the name now (docs/journal.md).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LinkUndoTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-linkundo-");

    public LinkUndoTests()
    {
        Dir = scratch.PathOf("d");
        Directory.CreateDirectory(Dir);
        Journal = new UndoJournal(scratch.PathOf("state/journal.jsonl"));
    }

    private string Dir { get; }

    private UndoJournal Journal { get; }

    private static LinkPlatform Platform => LinkPlatform.ForCurrentOS();

    private LinkUndo Undo => new(Platform, Journal);

    public void Dispose() => scratch.Dispose();

    private string RemoveWithJournal(params string[] names)
    {
        var remover = new LinkRemover(Platform) { Journal = Journal };
        foreach (var name in names)
        {
            var outcome = remover.Remove(Path.Combine(Dir, name), dryRun: false);
            Assert.True(outcome.Removed, outcome.Error?.ToString());
        }

        return remover.RunId;
    }

    [RequiresFact("linux")]
    public void Rm_records_each_removal_before_it_and_undo_puts_every_link_back()
    {
        File.CreateSymbolicLink(Path.Combine(Dir, "a"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(Dir, "b"), "missing/target");
        var run = RemoveWithJournal("a", "b");

        var recorded = Journal.OpenRun(LinkUndo.RmCommand, run);
        Assert.Equal(["missing/target", "/etc/hostname"], recorded.Select(e => e.Before).Reverse());
        Assert.All(recorded, e => Assert.NotNull(e.FolderIdentity));
        Assert.False(File.Exists(Path.Combine(Dir, "a")) || Directory.Exists(Path.Combine(Dir, "a")));

        var undone = Undo.Undo(LinkUndo.RmCommand, null, dryRun: false);

        Assert.True(undone.MarkedUndone);
        Assert.All(undone.Outcomes, o => Assert.Equal(LinkUndoStatus.Restored, o.Status));
        Assert.Equal("/etc/hostname", new FileInfo(Path.Combine(Dir, "a")).LinkTarget);
        Assert.Equal("missing/target", new FileInfo(Path.Combine(Dir, "b")).LinkTarget);
        Assert.Empty(Undo.Undo(LinkUndo.RmCommand, run, dryRun: false).Outcomes);
    }

    [RequiresFact("linux")]
    public void Undo_never_overwrites_what_holds_the_name_now_and_keeps_the_run_open_with_what_remains()
    {
        File.CreateSymbolicLink(Path.Combine(Dir, "a"), "/a");
        File.CreateSymbolicLink(Path.Combine(Dir, "b"), "/b");
        var run = RemoveWithJournal("a", "b");
        File.WriteAllText(Path.Combine(Dir, "b"), "precious");

        var first = Undo.Undo(LinkUndo.RmCommand, run, dryRun: false);

        Assert.False(first.MarkedUndone);
        var refused = Assert.Single(first.Outcomes, o => o.Status == LinkUndoStatus.Failed);
        Assert.Equal(FailureKind.Conflict, refused.Error!.Kind);
        Assert.Contains("a file is there now", refused.Error.What, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(Dir, "b")));
        Assert.Equal("/a", new FileInfo(Path.Combine(Dir, "a")).LinkTarget);
        Assert.Equal([Path.Combine(Dir, "b")], Journal.OpenRun(LinkUndo.RmCommand, run).Select(e => e.Path));

        File.Delete(Path.Combine(Dir, "b"));
        var second = Undo.Undo(LinkUndo.RmCommand, run, dryRun: false);
        Assert.True(second.MarkedUndone);
        Assert.Equal("/b", new FileInfo(Path.Combine(Dir, "b")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Undo_refuses_a_folder_replaced_since_and_a_folder_swapped_for_a_link()
    {
        File.CreateSymbolicLink(Path.Combine(Dir, "a"), "/a");
        var run = RemoveWithJournal("a");
        var elsewhere = scratch.PathOf("elsewhere");
        Directory.CreateDirectory(elsewhere);

        // Another folder under the same name: not the folder the link was removed from.
        Directory.Move(Dir, scratch.PathOf("d.moved"));
        Directory.CreateDirectory(Dir);
        var replaced = Undo.Undo(LinkUndo.RmCommand, run, dryRun: false);
        Assert.Contains("is not the folder that was checked", Assert.Single(replaced.Outcomes).Error!.What, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Dir));

        // A link to another folder under the same name: never followed.
        Directory.Delete(Dir);
        File.CreateSymbolicLink(Dir, elsewhere);
        var swapped = Undo.Undo(LinkUndo.RmCommand, run, dryRun: false);
        Assert.Contains("without following a link", Assert.Single(swapped.Outcomes).Error!.What, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.NotEmpty(Journal.OpenRun(LinkUndo.RmCommand, run));
    }

    [RequiresFact("linux")]
    public void A_removed_hard_link_is_journalled_and_its_undo_says_why_it_cannot_be_made_again()
    {
        File.WriteAllText(Path.Combine(Dir, "file"), "data");
        ProcessRunner.Run("ln", Path.Combine(Dir, "file"), Path.Combine(Dir, "second")).EnsureSuccess();
        var run = RemoveWithJournal("second");

        var outcome = Assert.Single(Undo.Undo(LinkUndo.RmCommand, run, dryRun: false).Outcomes);

        Assert.Equal(LinkUndoStatus.Failed, outcome.Status);
        Assert.Equal(FailureKind.NotSupported, outcome.Error!.Kind);
        Assert.Contains("ln OTHER-NAME", outcome.Error.Next, StringComparison.Ordinal);
        Assert.Equal(LinkUndo.HardLinkType, outcome.Change.LinkType);
    }

    [RequiresFact("linux")]
    public void A_removal_that_cannot_be_recorded_is_not_made()
    {
        var link = Path.Combine(Dir, "a");
        File.CreateSymbolicLink(link, "/a");
        Directory.CreateDirectory(scratch.PathOf("open"));
        File.SetUnixFileMode(scratch.PathOf("open"), (UnixFileMode)0x1ff);
        var untrusted = new UndoJournal(scratch.PathOf("open/journal.jsonl"));

        var outcome = new LinkRemover(Platform) { Journal = untrusted }.Remove(link, dryRun: false);

        Assert.False(outcome.Removed);
        Assert.Contains("was not removed", outcome.Error!.What, StringComparison.Ordinal);
        Assert.Equal("/a", new FileInfo(link).LinkTarget);
    }

    [RequiresFact("linux")]
    public void New_force_records_the_replaced_link_and_undo_puts_it_back_removing_only_the_link_it_made()
    {
        var link = Path.Combine(Dir, "cfg");
        File.WriteAllText(Path.Combine(Dir, "one"), "1");
        File.WriteAllText(Path.Combine(Dir, "two"), "2");
        File.CreateSymbolicLink(link, "one");
        var maker = new LinkMaker(Platform) { Journal = Journal };
        var made = maker.Make(new LinkRequest(link, "two") { Force = true }, dryRun: false);
        Assert.Null(made.Error);
        var record = Assert.Single(Journal.OpenRun(LinkUndo.NewCommand, maker.RunId));
        Assert.Equal(("one", "two"), (record.Before, record.After));
        Assert.NotNull(record.MadeIdentity);

        var undone = Undo.Undo(LinkUndo.NewCommand, null, dryRun: false);

        Assert.Equal(LinkUndoStatus.Restored, Assert.Single(undone.Outcomes).Status);
        Assert.True(undone.MarkedUndone);
        Assert.Equal("one", new FileInfo(link).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(Dir, ".linkctl-*"));
    }

    [RequiresFact("linux")]
    public void New_undo_leaves_alone_a_link_that_looks_the_same_but_is_not_the_one_it_made()
    {
        var link = Path.Combine(Dir, "cfg");
        File.WriteAllText(Path.Combine(Dir, "two"), "2");
        File.CreateSymbolicLink(link, "one");
        var maker = new LinkMaker(Platform) { Journal = Journal };
        Assert.Null(maker.Make(new LinkRequest(link, "two") { Force = true }, dryRun: false).Error);

        // Someone else's link with the same text: another identity, so not ours to remove. It is
        // made before ours goes (then renamed over it): ext4 hands a freed inode number straight
        // back, and a link made after ours was deleted could carry our very identity.
        var other = Path.Combine(Dir, "cfg.other");
        File.CreateSymbolicLink(other, "two");
        File.Move(other, link, overwrite: true);
        var outcome = Assert.Single(Undo.Undo(LinkUndo.NewCommand, maker.RunId, dryRun: false).Outcomes);

        Assert.Equal(LinkUndoStatus.Failed, outcome.Status);
        Assert.Contains("not the link `linkctl new --force` made", outcome.Error!.Why, StringComparison.Ordinal);
        Assert.Equal("two", new FileInfo(link).LinkTarget);
    }

    [RequiresFact("linux")]
    public void The_cli_prints_the_run_and_rm_undo_puts_the_links_back()
    {
        File.CreateSymbolicLink(Path.Combine(Dir, "a"), "/a");
        var env = new Dictionary<string, string> { [UndoJournal.PathVariable] = Journal.FilePath };

        var removed = LinkctlCli.RunWithEnvironment(Dir, env, "rm", "a");
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("linkctl rm --undo", removed.StdErr, StringComparison.Ordinal);

        var dry = LinkctlCli.RunWithEnvironment(Dir, env, "rm", "--undo", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.False(File.Exists(Path.Combine(Dir, "a")));

        var undone = LinkctlCli.RunWithEnvironment(Dir, env, "rm", "--undo");
        Assert.Equal(0, undone.ExitCode);
        Assert.Contains("Restored the link", undone.StdOut, StringComparison.Ordinal);
        Assert.Equal("/a", new FileInfo(Path.Combine(Dir, "a")).LinkTarget);
        Assert.Equal(1, LinkctlCli.RunWithEnvironment(Dir, env, "rm", "--undo").ExitCode);
    }
}

/// <summary>Temporary links a killed linkctl left, swept by repair: only provably ours are removed (Removal/StaleTemporaries.cs; its rule: Removal/StaleTemporariesTests.cs).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RepairStaleTemporariesTests : IDisposable
{
    private const string DeadName = ".linkctl-tmp-repair-2147483646-0123456789abcdef";

    private readonly ScratchDirectory scratch = new("linkctl-stale-");

    public void Dispose() => scratch.Dispose();

    [RequiresFact("linux")]
    public void Repair_removes_a_dead_runs_temporary_link_but_never_a_file_with_that_name()
    {
        var root = scratch.PathOf("root");
        Directory.CreateDirectory(Path.Combine(root, "d"));
        File.CreateSymbolicLink(Path.Combine(root, "d", "l"), "/old/x");
        File.CreateSymbolicLink(Path.Combine(root, "d", DeadName), "/old/left-behind");
        var fileName = DeadName.Replace("0123", "4567", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(root, "d", fileName), "data");
        var runner = new RepairRunner(LinkPlatform.ForCurrentOS(), new UndoJournal(scratch.PathOf("state/journal.jsonl")));

        var plan = runner.Plan(new RepairRequest { Root = root, RetargetFrom = "/old", RetargetTo = "/new", AllowMissing = true }, null, out _);
        Assert.All(runner.Apply(plan.Where(a => RawPath.ToText(a.Path).EndsWith("/l", StringComparison.Ordinal)).ToList(), root), o => Assert.True(o.Applied, o.Problem));

        Assert.False(File.Exists(Path.Combine(root, "d", DeadName)) || new FileInfo(Path.Combine(root, "d", DeadName)).LinkTarget is not null);
        Assert.Equal("data", File.ReadAllText(Path.Combine(root, "d", fileName)));
        Assert.Equal("/new/x", new FileInfo(Path.Combine(root, "d", "l")).LinkTarget);
    }
}
