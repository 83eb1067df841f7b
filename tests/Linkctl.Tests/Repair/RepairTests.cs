using System.Text;
using System.Text.Json;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Repair;

public sealed class RepairTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-repair-");

    public RepairTests()
    {
        Root = scratch.PathOf("root");
        Directory.CreateDirectory(Path.Combine(Root, "data/sub"));
        Directory.CreateDirectory(Path.Combine(Root, "links"));
        File.WriteAllText(Path.Combine(Root, "data/sub/file"), "content");
        File.CreateSymbolicLink(Path.Combine(Root, "links/abs"), Path.Combine(Root, "data/sub/file"));
        File.CreateSymbolicLink(Path.Combine(Root, "links/rel"), "../data/sub/file");
        File.CreateSymbolicLink(Path.Combine(Root, "links/outside"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(Root, "links/broken"), "missing");
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private string Root { get; }

    private UndoJournal Journal { get; }

    private RepairRunner Runner => new(LinkPlatform.ForCurrentOS(), Journal);

    public void Dispose() => scratch.Dispose();

    private string Target(string relative) => File.ResolveLinkTarget(Path.Combine(Root, relative), false) is { } info ? new FileInfo(Path.Combine(Root, relative)).LinkTarget! : throw new InvalidOperationException("not a link");

    private List<RepairAction> Plan(RepairRequest request) => Runner.Plan(request, null, out _);

    private static LinkRecord Record(string path, string stored, LinkStatus status = LinkStatus.Ok)
    {
        var absolute = stored.StartsWith('/');
        var folder = path[..path.LastIndexOf('/')];
        return new LinkRecord
        {
            Path = Encoding.UTF8.GetBytes(path),
            Root = "/r"u8.ToArray(),
            Kind = LinkKind.SymbolicLink,
            StoredTarget = Encoding.UTF8.GetBytes(stored),
            ResolvedTarget = RawPath.Normalize(Encoding.UTF8.GetBytes(absolute ? stored : folder + "/" + stored)),
            Status = status,
            Flags = absolute ? LinkFlags.Absolute : LinkFlags.Relative,
        };
    }

    [Theory]
    [InlineData("/r/a/l", "/r/b/f", "make_relative", "../b/f")]
    [InlineData("/r/l", "/r/f", "make_relative", "f")]
    [InlineData("/r/a/l", "/elsewhere/f", null, null)]
    [InlineData("/r/a/l", "../b/f", null, null)]
    public void Planner_makes_inside_absolute_links_relative(string path, string stored, string? action, string? after)
    {
        var planned = new RepairPlanner(new RepairRequest { Root = "/r", MakeRelative = true }, PathSyntax.Unix, "/").Plan(Record(path, stored));
        Assert.Equal(action, planned?.ActionName);
        Assert.Equal(after, planned?.After is { } a ? Encoding.UTF8.GetString(a) : null);
    }

    [Theory]
    [InlineData("/r/a/l", "/old/x/f", "/new/x/f")]
    [InlineData("/r/a/l", "../../old/x", "../../new/x")]
    [InlineData("/r/a/l", "/older/x", null)]
    [InlineData("/r/a/l", "/old", "/new")]
    public void Planner_retargets_links_into_a_moved_folder_keeping_their_form(string path, string stored, string? after)
    {
        var planned = new RepairPlanner(new RepairRequest { Root = "/r", RetargetFrom = "/old", RetargetTo = "/new" }, PathSyntax.Unix, "/").Plan(Record(path, stored, LinkStatus.Broken));
        Assert.Equal(after, planned?.After is { } a ? Encoding.UTF8.GetString(a) : null);
    }

    [Fact]
    public void Planner_prunes_only_broken_and_looping_links()
    {
        var planner = new RepairPlanner(new RepairRequest { Root = "/r", PruneBroken = true }, PathSyntax.Unix, "/");
        Assert.Null(planner.Plan(Record("/r/l", "f")));
        Assert.Equal(RepairActionKind.RemoveBroken, planner.Plan(Record("/r/l", "f", LinkStatus.Broken))!.Kind);
        Assert.Equal(RepairActionKind.RemoveBroken, planner.Plan(Record("/r/l", "f", LinkStatus.Loop))!.Kind);
        Assert.Null(planner.Plan(Record("/r/l", "f", LinkStatus.AccessDenied)));
    }

    [RequiresFact("linux")]
    public void A_dry_run_plans_and_changes_nothing()
    {
        var plan = Plan(new RepairRequest { Root = Root, MakeRelative = true, PruneBroken = true });
        Assert.Equal(["links/abs", "links/broken"], plan.Select(a => Path.GetRelativePath(Root, RawPath.ToText(a.Path))));
        Assert.Equal(Path.Combine(Root, "data/sub/file"), Target("links/abs"));
        Assert.True(File.Exists(Path.Combine(Root, "links/broken")) || new FileInfo(Path.Combine(Root, "links/broken")).LinkTarget is not null);
        Assert.False(File.Exists(Journal.FilePath));
    }

    [RequiresFact("linux")]
    public void Apply_relative_then_undo()
    {
        var outcomes = Runner.Apply(Plan(new RepairRequest { Root = Root, MakeRelative = true }));
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal("../data/sub/file", Target("links/abs"));
        Assert.Equal("content", File.ReadAllText(Path.Combine(Root, "links/abs")));
        Assert.Equal("/etc/hostname", Target("links/outside"));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, "links"), ".linkctl-repair-*"));

        var undone = Runner.UndoLast(dryRun: false);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(Path.Combine(Root, "data/sub/file"), Target("links/abs"));
        Assert.Empty(Runner.UndoLast(dryRun: false));
    }

    [RequiresFact("linux")]
    public void Retarget_after_a_folder_moved_then_undo()
    {
        Directory.Move(Path.Combine(Root, "data"), Path.Combine(Root, "moved"));
        var plan = Plan(new RepairRequest { Root = Root, RetargetFrom = Path.Combine(Root, "data"), RetargetTo = Path.Combine(Root, "moved") });
        Assert.Equal(2, plan.Count);
        var outcomes = Runner.Apply(plan);
        Assert.All(outcomes, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(Path.Combine(Root, "moved/sub/file"), Target("links/abs"));
        Assert.Equal("../moved/sub/file", Target("links/rel"));
        Assert.Equal("content", File.ReadAllText(Path.Combine(Root, "links/rel")));

        Runner.UndoLast(dryRun: false);
        Assert.Equal("../data/sub/file", Target("links/rel"));
    }

    [RequiresFact("linux")]
    public void Prune_removes_broken_links_only_and_undo_restores_them()
    {
        var outcomes = Runner.Apply(Plan(new RepairRequest { Root = Root, PruneBroken = true }));
        Assert.Single(outcomes);
        Assert.Null(new FileInfo(Path.Combine(Root, "links/broken")).LinkTarget);
        Assert.Equal("content", File.ReadAllText(Path.Combine(Root, "data/sub/file")));
        Assert.Equal(3, Directory.GetFileSystemEntries(Path.Combine(Root, "links")).Length);

        var entry = Assert.Single(Journal.ReadAll());
        Assert.Equal(("repair", "remove_link", "missing"), (entry.Command, entry.Action, entry.Before));

        Runner.UndoLast(dryRun: false);
        Assert.Equal("missing", Target("links/broken"));
    }

    [RequiresFact("linux")]
    public void A_link_changed_after_planning_is_left_alone()
    {
        var plan = Plan(new RepairRequest { Root = Root, MakeRelative = true });
        File.Delete(Path.Combine(Root, "links/abs"));
        File.CreateSymbolicLink(Path.Combine(Root, "links/abs"), "/somewhere/else");
        var outcome = Assert.Single(Runner.Apply(plan));
        Assert.False(outcome.Applied);
        Assert.Contains("changed since", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("/somewhere/else", Target("links/abs"));
    }

    [RequiresFact("linux")]
    public void Cli_dry_run_then_apply_then_undo()
    {
        var env = new Dictionary<string, string> { [UndoJournal.PathVariable] = Journal.FilePath, ["NO_COLOR"] = "1" };
        var dll = Path.Combine(AppContext.BaseDirectory, "linkctl.dll");
        ProcessResult Cli(params string[] args) => ProcessRunner.Run("dotnet", [dll, .. args], TimeSpan.FromSeconds(60), Root, env);

        var dry = Cli("repair", "--relative", ".");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("would make relative", dry.StdOut, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Root, "data/sub/file"), Target("links/abs"));

        var applied = Cli("repair", "--json", "--relative", "--prune-broken", "--apply", ".");
        Assert.Equal(0, applied.ExitCode);
        var lines = applied.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("applied").GetBoolean()));
        Assert.Equal("../data/sub/file", Target("links/abs"));

        Assert.Equal(0, Cli("repair", "--undo", "--apply").ExitCode);
        Assert.Equal(Path.Combine(Root, "data/sub/file"), Target("links/abs"));
        Assert.Equal("missing", Target("links/broken"));
        Assert.Equal(1, Cli("repair", "--undo", "--apply").ExitCode);
    }
}
