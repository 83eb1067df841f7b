using System.Runtime.Versioning;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Repair;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Removal;

/// <summary>
/// The decision on temporary names that a killed run left behind (issue 9): removed only when
/// provably linkctl's, on both platforms, never anything else.
/// </summary>
[Trait("Layer", "Pure")]
public sealed class StaleTemporariesDecisionTests
{
    private const string Name = ".linkctl-tmp-new-4242-0123456789abcdef";

    private static StaleFacts Facts(
        string name = Name, string? purpose = "new", int? pid = 4242, bool running = false, EntryType type = EntryType.SymbolicLink,
        uint? owner = 1000, string? target = "t", uint? me = 1000, string[]? journal = null, string[]? siblings = null) =>
        new(name, purpose, pid, running, new EntryFacts("/f/" + name, type) { OwnerId = owner }, target, me,
            new HashSet<string>(journal ?? []), new HashSet<string>(siblings ?? []));

    [Fact]
    public void A_new_link_of_a_dead_run_that_belongs_to_us_is_removed()
    {
        var (remove, reason) = StaleTemporaries.Decide(Facts());
        Assert.True(remove, reason);
        Assert.Contains("process 4242", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("file")]
    [InlineData("folder")]
    [InlineData("other owner")]
    [InlineData("unreadable")]
    [InlineData("windows without proof")]
    [InlineData("moved aside, only copy")]
    [InlineData("legacy without journal")]
    public void Anything_not_provably_ours_is_kept(string why)
    {
        var facts = why switch
        {
            "running" => Facts(running: true),
            "file" => Facts(type: EntryType.File),
            "folder" => Facts(type: EntryType.Directory),
            "other owner" => Facts(owner: 0),
            "unreadable" => Facts(target: null),
            "windows without proof" => Facts(owner: null, me: null),
            "moved aside, only copy" => Facts(name: ".linkctl-tmp-rm-4242-0123456789abcdef", purpose: "rm"),
            "legacy without journal" => Facts(name: ".linkctl-repair-0123456789abcdef0123456789abcdef", purpose: null, pid: null, owner: null, me: null),
            _ => throw new ArgumentOutOfRangeException(nameof(why)),
        };

        var (remove, reason) = StaleTemporaries.Decide(facts);
        Assert.False(remove, $"{why}: {reason}");
        Assert.NotEmpty(reason);
    }

    [Theory]
    [InlineData("rm", true, false)]
    [InlineData("old", false, true)]
    [InlineData(null, true, false)]
    public void A_moved_aside_or_legacy_link_is_removed_only_when_its_target_is_recorded_or_copied(string? purpose, bool inJournal, bool beside)
    {
        var name = purpose is null ? ".linkctl-repair-0123456789abcdef0123456789abcdef" : $".linkctl-tmp-{purpose}-4242-0123456789abcdef";
        var facts = Facts(name: name, purpose: purpose, pid: purpose is null ? null : 4242, owner: null, me: null,
            journal: inJournal ? ["t"] : null, siblings: beside ? ["t"] : null);
        var (remove, reason) = StaleTemporaries.Decide(facts);
        Assert.True(remove, reason);
    }

    [Theory]
    [InlineData("stub", true, 1000u, true)]
    [InlineData("old", true, 1000u, true)]
    [InlineData("stub", false, 1000u, false)]
    [InlineData("stub", true, 0u, false)]
    [InlineData("rm", true, 1000u, false)]
    public void A_stub_file_is_removed_only_when_the_journal_holds_its_exact_bytes(string purpose, bool recorded, uint owner, bool removed)
    {
        var facts = Facts(name: $".linkctl-tmp-{purpose}-4242-0123456789abcdef", purpose: purpose, type: EntryType.File, owner: owner, target: null,
            journal: recorded ? ["d/f"] : ["d/g"]) with { FileBytes = "d/f"u8.ToArray() };
        var (remove, reason) = StaleTemporaries.Decide(facts);
        Assert.True(remove == removed, reason);
    }

    [Fact]
    public void A_stub_file_that_could_not_be_read_whole_is_kept()
    {
        var facts = Facts(name: ".linkctl-tmp-stub-4242-0123456789abcdef", purpose: "stub", type: EntryType.File, target: null, journal: ["d/f"]);
        var (remove, reason) = StaleTemporaries.Decide(facts);
        Assert.False(remove, reason);
        Assert.Contains("could not be read whole", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".linkctl-tmp-new-12-0123456789abcdef", "new", 12)]
    [InlineData(".linkctl-tmp-repair-7-ffffffffffffffff", "repair", 7)]
    [InlineData(".linkctl-repair-0123456789abcdef0123456789abcdef", null, null)]
    public void Our_names_are_recognised(string name, string? purpose, int? pid) =>
        Assert.Equal(((string?, int?)?)(purpose, pid), StaleTemporaries.Parse(name));

    [Theory]
    [InlineData(".linkctl-tmp-new-12-0123")]
    [InlineData(".linkctl-tmp-new-x-0123456789abcdef")]
    [InlineData(".linkctl-tmp-NEW-12-0123456789abcdef")]
    [InlineData(".linkctl-repair-notahex")]
    [InlineData("linkctl-tmp-new-12-0123456789abcdef")]
    [InlineData(".linkctl-journal.jsonl")]
    public void Other_names_are_not_ours(string name) => Assert.Null(StaleTemporaries.Parse(name));
}

/// <summary>The sweep on real Linux folders (rm) and on the simulated Windows (repair).</summary>
public sealed class StaleTemporariesSweepTests : IDisposable
{
    // No process has this id: Linux's pid_max is at most 2^22.
    private const int DeadPid = 999_999_999;

    private const string Legacy = ".linkctl-repair-0123456789abcdef0123456789abcdef";

    private readonly ScratchDirectory scratch = new("linkctl-stale-");

    public void Dispose() => scratch.Dispose();

    private static string Stale(string purpose, int pid = DeadPid) => $".linkctl-tmp-{purpose}-{pid}-0123456789abcdef";

    [RequiresFact("linux")]
    [SupportedOSPlatform("linux")]
    public void Rm_removes_our_dead_runs_new_link_and_keeps_everything_else()
    {
        var folder = scratch.PathOf("f");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "link"), "target");
        File.CreateSymbolicLink(Path.Combine(folder, Stale("new")), "new-target");
        File.CreateSymbolicLink(Path.Combine(folder, Stale("rm")), "only-copy");
        File.CreateSymbolicLink(Path.Combine(folder, Stale("repair", Environment.ProcessId)), "live");
        File.WriteAllText(Path.Combine(folder, Stale("old")), "a file under our name");

        var outcome = new LinkRemover(LinkPlatform.ForCurrentOS()).Remove(Path.Combine(folder, "link"), dryRun: false);

        Assert.True(outcome.Removed, outcome.Error?.ToString());
        var removed = Assert.Single(outcome.StaleTemporaries, s => s.Removed);
        Assert.EndsWith(Stale("new"), removed.Path, StringComparison.Ordinal);
        Assert.Equal(3, outcome.StaleTemporaries.Count(s => !s.Removed));
        Assert.Equal([Stale("old"), Stale("repair", Environment.ProcessId), Stale("rm")],
            Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("a file under our name", File.ReadAllText(Path.Combine(folder, Stale("old"))));
    }

    [Fact]
    [Trait("Layer", "Simulated")]
    public void Repair_on_windows_removes_a_stale_temporary_whose_target_its_journal_records_and_keeps_an_unknown_one()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\root\user").AddDirectory(@"C:\new");
        var system = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\root\user\link", @"C:\old\f", isDirectory: false));
        var journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
        var runner = new RepairRunner(windows.Platform(@"C:\"), journal);
        var plan = runner.Plan(new RepairRequest { Root = @"C:\root", RetargetFrom = @"C:\old", RetargetTo = @"C:\new", AllowMissing = true }, null, out _);
        Assert.Single(plan);

        // A first run was killed after recording its change and making its new link; an unknown link under the older name is beside it.
        journal.Append(new JournalEntry
        {
            RunId = UndoJournal.NewRunId(), Time = DateTimeOffset.UtcNow, Command = RepairRunner.Command, Action = "retarget",
            Path = @"C:\root\user\link", Before = @"C:\old\f", After = @"C:\new\f", LinkType = "file_symlink",
        });
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\root\user\" + Stale("repair"), @"C:\new\f", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\root\user\" + Legacy, @"C:\somewhere\else", isDirectory: false));

        var outcome = Assert.Single(runner.Apply(plan, @"C:\root"));

        Assert.True(outcome.Applied, outcome.Problem);
        var removed = Assert.Single(runner.StaleTemporaries, s => s.Removed);
        Assert.EndsWith(Stale("repair"), removed.Path, StringComparison.Ordinal);
        var kept = Assert.Single(runner.StaleTemporaries, s => !s.Removed);
        Assert.Contains("nothing proves it linkctl's", kept.Reason, StringComparison.Ordinal);
        Assert.True(windows.Exists(@"C:\root\user\" + Legacy));
        Assert.False(windows.Exists(@"C:\root\user\" + Stale("repair")));
        Assert.Equal(@"C:\new\f", OsAssert.Link(system.ReadLink(@"C:\root\user\link")).Target);
    }
}
