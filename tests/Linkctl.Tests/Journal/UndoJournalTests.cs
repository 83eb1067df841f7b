using System.Text;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Journal;

/// <summary>The journal file itself (docs/journal.md): locked appends, torn tails, bad records, trust, write errors.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UndoJournalTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-journal-");

    private string JournalPath => scratch.PathOf("state/journal.jsonl");

    public void Dispose() => scratch.Dispose();

    private static JournalEntry Entry(string run, int i, string? root = null) => new()
    {
        RunId = run,
        Time = DateTimeOffset.UnixEpoch,
        Command = "repair",
        Action = "retarget",
        Root = root,
        Path = $"/r/l{i}",
        Before = "/old",
        After = "/new",
    };

    [Fact]
    public async Task Two_writers_at_once_lose_no_record_of_2_x_10000()
    {
        const int PerWriter = 10_000;
        var writers = new[] { "run-a", "run-b" }.Select(run => Task.Run(() =>
        {
            // Each writer its own instance, hence its own open file description and flock, as two processes.
            var journal = new UndoJournal(JournalPath);
            for (var i = 0; i < PerWriter; i++)
            {
                journal.AppendBatch([Entry(run, i)], sync: false);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var reader = new UndoJournal(JournalPath);
        var all = reader.ReadAll();
        Assert.Empty(reader.Problems);
        Assert.Equal(PerWriter, all.Count(e => e.RunId == "run-a"));
        Assert.Equal(PerWriter, all.Count(e => e.RunId == "run-b"));
        Assert.Equal(2 * PerWriter, all.Select(e => (e.RunId, e.Path)).Distinct().Count());
    }

    [Fact]
    public void A_torn_tail_is_closed_off_and_reported_and_the_next_record_survives()
    {
        var journal = new UndoJournal(JournalPath);
        journal.Append(Entry("run-a", 1));
        File.AppendAllText(JournalPath, "{\"run_id\":\"run-a\",\"time\":\"2020-01-01T00:00:00Z\",\"comm");
        journal.Append(Entry("run-b", 2));

        Assert.Contains(journal.Problems, p => p.What.Contains("torn record", StringComparison.Ordinal));
        var reader = new UndoJournal(JournalPath);
        Assert.Equal(["run-a", "run-b"], reader.ReadAll().Select(e => e.RunId));
        var bad = Assert.Single(reader.Problems);
        Assert.Equal(2, bad.Line);
    }

    [Fact]
    public void Bad_records_are_reported_and_skipped_never_a_crash()
    {
        var journal = new UndoJournal(JournalPath);
        journal.Append(Entry("run-a", 1));
        File.AppendAllText(JournalPath, string.Join('\n',
            "{\"run_id\":\"run-a\",\"time\":\"2020-01-01T00:00:00Z\",\"command\":\"repair\",\"action\":\"retarget\",\"path\":null}",
            "{\"run_id\":\"run-a\",\"time\":\"2020-01-01T00:00:00Z\",\"command\":\"repair\",\"action\":\"retarget\",\"path\":\"x\",\"path_base64\":\"%%%not base64\"}",
            "not json at all",
            "[1,2,3]",
            "{\"run_id\":\"run-a\"}") + "\n");
        journal.Append(Entry("run-a", 2));

        var reader = new UndoJournal(JournalPath);
        Assert.Equal(["/r/l1", "/r/l2"], reader.ReadAll().Select(e => e.Path));
        Assert.Equal([2L, 3L, 4L, 5L, 6L], reader.Problems.Select(p => p.Line));
        Assert.Contains(reader.Problems, p => p.What.Contains("path is null", StringComparison.Ordinal));
        Assert.Contains(reader.Problems, p => p.What.Contains("not valid base64", StringComparison.Ordinal));
    }

    [RequiresFact("linux")]
    public void A_journal_writable_by_group_or_others_is_refused_with_the_chmod_to_run()
    {
        var journal = new UndoJournal(JournalPath);
        journal.Append(Entry("run-a", 1));
        File.SetUnixFileMode(JournalPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);

        var read = Assert.Throws<LinkctlException>(() => journal.ReadAll());
        Assert.Equal($"chmod go-w {JournalPath}", read.Error.Next);
        var write = Assert.Throws<LinkctlException>(() => journal.Append(Entry("run-a", 2)));
        Assert.Contains("writable by group or others", write.Error.What, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(JournalPath));
    }

    [RequiresFact("linux")]
    public void A_journal_folder_writable_by_others_is_refused()
    {
        var journal = new UndoJournal(JournalPath);
        journal.Append(Entry("run-a", 1));
        var folder = Path.GetDirectoryName(JournalPath)!;
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);

        var e = Assert.Throws<LinkctlException>(() => journal.ReadAll());
        Assert.Equal($"chmod go-w {folder}", e.Error.Next);
        Assert.Throws<LinkctlException>(() => journal.CheckUsable());
    }

    [RequiresFact("linux")]
    public void A_journal_that_is_a_symbolic_link_is_refused()
    {
        var real = scratch.PathOf("elsewhere.jsonl");
        new UndoJournal(real).Append(Entry("run-a", 1));
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        File.CreateSymbolicLink(JournalPath, real);

        var e = Assert.Throws<LinkctlException>(() => new UndoJournal(JournalPath).ReadAll());
        Assert.Contains("symbolic link", e.Error.What, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "root")]
    public void A_journal_owned_by_another_user_is_refused_even_for_root()
    {
        var journal = new UndoJournal(JournalPath);
        journal.Append(Entry("run-a", 1));
        File.SetUnixFileMode(JournalPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ProcessRunner.Run("chown", "65534", JournalPath).EnsureSuccess();

        var e = Assert.Throws<LinkctlException>(() => journal.ReadAll());
        Assert.Contains("belongs to user 65534", e.Error.What, StringComparison.Ordinal);
        Assert.Equal(FailureKind.AccessDenied, e.Error.Kind);
    }

    [RequiresFact("linux")]
    public void A_journal_that_cannot_be_made_is_a_LinkctlError()
    {
        var e = Assert.Throws<LinkctlException>(() => new UndoJournal("/proc/nope/journal.jsonl").Append(Entry("run-a", 1)));
        Assert.Contains("undo journal /proc/nope/journal.jsonl", e.Error.What, StringComparison.Ordinal);
        Assert.NotNull(e.Error.Next);
    }

    [RequiresFact("linux", "root")]
    public void A_full_disk_is_a_LinkctlError_saying_so_and_the_torn_record_is_repaired_later()
    {
        using var tmpfs = new TmpfsMount(sizeMiB: 1);
        // The journal's own folder (made 0700 by the journal): the tmpfs root is 1777, which the trust check refuses.
        var path = tmpfs.PathOf("state/journal.jsonl");
        var journal = new UndoJournal(path);
        journal.Append(Entry("run-0", 0));
        using (var filler = File.Create(tmpfs.PathOf("filler")))
        {
            try
            {
                filler.Write(new byte[2 << 20]);
            }
            catch (IOException)
            {
                // The tmpfs is full now: that was the point.
            }
        }

        LinkctlException? full = null;
        for (var i = 0; i < 10_000 && full is null; i++)
        {
            try
            {
                journal.AppendBatch([Entry("run-a", i)], sync: false);
            }
            catch (LinkctlException e)
            {
                full = e;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("no space left", full.Error.Why, StringComparison.Ordinal);
        File.Delete(tmpfs.PathOf("filler"));
        journal.Append(Entry("run-b", 1));
        var reader = new UndoJournal(path);
        Assert.Equal("run-b", reader.ReadAll()[^1].RunId);
    }

    [RequiresFact("linux", "root")]
    public void A_read_only_journal_is_a_LinkctlError()
    {
        using var ro = new ReadOnlyBindMount();
        var e = Assert.Throws<LinkctlException>(() => new UndoJournal(Path.Combine(ro.MountPath, "journal.jsonl")).Append(Entry("run-a", 1)));
        Assert.Equal(FailureKind.ReadOnly, e.Error.Kind);
    }
}

/// <summary>Undo against the journal (docs/journal.md): ROOT-bounded, partial failure keeps the run open, planned-but-not-made is skipped.</summary>
public sealed class RepairUndoJournalTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-undo-");

    public RepairUndoJournalTests()
    {
        Root = scratch.PathOf("root");
        Directory.CreateDirectory(Root);
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private string Root { get; }

    private UndoJournal Journal { get; }

    private RepairRunner Runner => new(LinkPlatform.ForCurrentOS(), Journal);

    public void Dispose() => scratch.Dispose();

    private JournalEntry Retarget(string run, string path, string before, string after) => new()
    {
        RunId = run,
        Time = DateTimeOffset.UtcNow,
        Command = RepairRunner.Command,
        Action = "retarget",
        Root = Root,
        Path = path,
        Before = before,
        After = after,
    };

    [RequiresFact("linux")]
    public void Undo_leaves_alone_what_the_journal_places_outside_the_runs_root()
    {
        var outside = scratch.PathOf("outside-link");
        File.CreateSymbolicLink(outside, "/new");
        var climbing = Path.Combine(Root, "..", "outside-link");
        Journal.AppendBatch([Retarget("run-a", outside, "/old", "/new"), Retarget("run-a", climbing, "/old", "/new")], sync: true);

        var outcomes = Runner.UndoLast(dryRun: false);

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.False(o.Applied));
        Assert.All(outcomes, o => Assert.Contains("outside the run's ROOT", o.Problem, StringComparison.Ordinal));
        Assert.Equal("/new", new FileInfo(outside).LinkTarget);
        Assert.NotEmpty(Journal.LastRun(RepairRunner.Command));
    }

    [RequiresFact("linux")]
    public void A_failed_undo_keeps_the_run_open_with_only_what_remains()
    {
        var good = Path.Combine(Root, "good");
        var moved = Path.Combine(Root, "moved");
        File.CreateSymbolicLink(good, "/new-a");
        File.WriteAllText(moved, "a file now, not the link the run made");
        Journal.AppendBatch([Retarget("run-a", good, "/old-a", "/new-a"), Retarget("run-a", moved, "/old-b", "/new-b")], sync: true);

        var first = Runner.UndoLast(dryRun: false);
        Assert.Equal([false, true], first.Select(o => o.Applied));
        Assert.Equal("/old-a", new FileInfo(good).LinkTarget);
        var remaining = Journal.LastRun(RepairRunner.Command);
        Assert.Equal([moved], remaining.Select(e => e.Path));

        File.Delete(moved);
        File.CreateSymbolicLink(moved, "/new-b");
        var second = Runner.UndoLast(dryRun: false);
        Assert.Equal([moved], second.Select(o => RawPathText(o.Action.Path)));
        Assert.True(second.Single().Applied);
        Assert.Empty(Journal.LastRun(RepairRunner.Command));
    }

    [RequiresFact("linux")]
    public void A_change_planned_but_never_made_counts_as_reversed()
    {
        var link = Path.Combine(Root, "l");
        File.CreateSymbolicLink(link, "/old");
        Journal.AppendBatch([Retarget("run-a", link, "/old", "/new")], sync: true);

        var outcomes = Runner.UndoLast(dryRun: false);

        Assert.True(outcomes.Single().Applied);
        Assert.Equal("/old", new FileInfo(link).LinkTarget);
        Assert.Empty(Journal.LastRun(RepairRunner.Command));
    }

    [RequiresFact("linux")]
    public void Apply_records_every_change_with_its_root_in_batches_and_undo_restores_all()
    {
        const int Links = RepairRunner.BatchSize * 2 + 7;
        for (var i = 0; i < Links; i++)
        {
            File.CreateSymbolicLink(Path.Combine(Root, $"l{i}"), $"/old/{i}");
        }

        // The /new targets do not exist; this test is about the journal, so they may be missing.
        var plan = Runner.Plan(new RepairRequest { Root = Root, RetargetFrom = "/old", RetargetTo = "/new", AllowMissing = true }, null, out _);
        var applied = Runner.Apply(plan, Root);

        Assert.Equal(Links, applied.Count(o => o.Applied));
        var recorded = Journal.ReadAll();
        Assert.Equal(Links, recorded.Count);
        Assert.All(recorded, e => Assert.Equal(Root, e.Root));
        Assert.Equal(Links, Runner.UndoLast(dryRun: false).Count(o => o.Applied));
        Assert.Equal("/old/3", new FileInfo(Path.Combine(Root, "l3")).LinkTarget);
        Assert.Empty(Directory.GetFiles(Root, ".linkctl-*"));
    }

    private static string RawPathText(byte[] path) => Encoding.UTF8.GetString(path);
}
