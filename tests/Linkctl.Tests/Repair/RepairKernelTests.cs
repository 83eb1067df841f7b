using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// repair on real Linux trees with symbolic links on the way: a ROOT reached through a link is
/// walked by its real path, --relative keeps each link on the same object (checked by device and
/// inode) and --retarget does not point links at nothing unless asked.
/// </summary>
public sealed class RepairKernelTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-repair-kernel-");

    public RepairKernelTests()
    {
        Directory.CreateDirectory(scratch.PathOf("real/deep/pkg"));
        Directory.CreateDirectory(scratch.PathOf("elsewhere/inner"));
        File.WriteAllText(scratch.PathOf("real/deep/x"), "right");
        File.WriteAllText(scratch.PathOf("real/deep/pkg/x"), "lexical decoy");
        File.WriteAllText(scratch.PathOf("elsewhere/x"), "through the link");
        File.CreateSymbolicLink(scratch.PathOf("via"), "real/deep");
        Journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
    }

    private UndoJournal Journal { get; }

    private RepairRunner Runner => new(LinkPlatform.ForCurrentOS(), Journal);

    public void Dispose() => scratch.Dispose();

    private static string Escape(string path) => RawPath.Escape(RawPath.FromText(path));

    [RequiresFact("linux")]
    public void Relative_through_a_symlinked_root_is_computed_from_the_real_folder()
    {
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/abs"), scratch.PathOf("real/deep/x"));

        // Lexically via/pkg -> ../../real/deep/x would be computed from the link's text path; from the
        // real folder real/deep/pkg the right answer is ../x.
        var plan = Runner.Plan(new RepairRequest { Root = scratch.PathOf("via"), MakeRelative = true }, null, out var problems, out var skipped);
        Assert.Empty(problems);
        Assert.Empty(skipped);
        var action = Assert.Single(plan);
        Assert.Equal("../x", RawPath.ToText(action.After!));

        var outcome = Assert.Single(Runner.Apply(plan));
        Assert.True(outcome.Applied, outcome.Problem);
        Assert.Equal("../x", new FileInfo(scratch.PathOf("real/deep/pkg/abs")).LinkTarget);
        Assert.Equal("right", File.ReadAllText(scratch.PathOf("real/deep/pkg/abs")));
    }

    [RequiresFact("linux")]
    public void Relative_that_would_change_the_object_is_refused_with_the_reason()
    {
        // pkg/sub -> elsewhere/inner, so pkg/sub/../x is elsewhere/x; the text says pkg/x.
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/sub"), scratch.PathOf("elsewhere/inner"));
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/tricky"), scratch.PathOf("real/deep/pkg/sub/../x"));

        // The walk resolves it as the kernel does (list.md): to elsewhere/x, outside the ROOT, so
        // --relative (for links into the ROOT) leaves it as it is; the text's pkg/x is never used.
        // (Before the walk resolved from real folders, this link was planned by its text and
        // refused by the identity check; that check stays, as the second line.)
        var plan = Runner.Plan(new RepairRequest { Root = scratch.PathOf("real/deep"), MakeRelative = true }, null, out _, out var skipped);
        Assert.DoesNotContain(plan, a => RawPath.ToText(a.Path).EndsWith("/tricky", StringComparison.Ordinal));
        Assert.Equal("through the link", File.ReadAllText(scratch.PathOf("real/deep/pkg/tricky")));
        Assert.Equal(scratch.PathOf("real/deep/pkg/sub/../x"), new FileInfo(scratch.PathOf("real/deep/pkg/tricky")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Retarget_leaves_links_that_would_stay_broken_unless_allow_missing_and_counts_them()
    {
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/gone"), scratch.PathOf("old/missing-file"));
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/moved"), scratch.PathOf("old/x"));
        Directory.CreateDirectory(scratch.PathOf("new"));
        File.WriteAllText(scratch.PathOf("new/x"), "moved here");

        var request = new RepairRequest { Root = scratch.PathOf("real"), RetargetFrom = scratch.PathOf("old"), RetargetTo = scratch.PathOf("new") };
        var plan = Runner.Plan(request, null, out _, out var skipped, out var notes);
        var action = Assert.Single(plan);
        Assert.EndsWith("/moved", RawPath.ToText(action.Path), StringComparison.Ordinal);
        Assert.Contains(skipped, s => RawPath.ToText(s.Path).EndsWith("/gone", StringComparison.Ordinal) && s.Why.Contains("does not exist"));
        Assert.Contains(notes, n => n.StartsWith("1 of 2 link(s)", StringComparison.Ordinal));

        var allowing = Runner.Plan(request with { AllowMissing = true }, null, out _, out _, out var allowedNotes);
        Assert.Equal(2, allowing.Count);
        Assert.Contains(allowedNotes, n => n.StartsWith("1 of 2 retargeted link(s) would be broken", StringComparison.Ordinal));
    }

    [RequiresFact("linux")]
    public void Retarget_that_matches_nothing_says_where_the_broken_links_lead()
    {
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/gone"), scratch.PathOf("old/place/file"));
        Directory.CreateDirectory(scratch.PathOf("new"));
        var request = new RepairRequest { Root = scratch.PathOf("real"), RetargetFrom = scratch.PathOf("wrong-old"), RetargetTo = scratch.PathOf("new") };
        var plan = Runner.Plan(request, null, out _, out _, out var notes);
        Assert.Empty(plan);
        var note = Assert.Single(notes);
        Assert.Contains($"{Escape(scratch.PathOf("old/place"))} (1)", note);
    }

    [RequiresFact("linux")]
    public void Retarget_to_a_missing_new_folder_is_refused_on_the_command_line()
    {
        var result = LinkctlCli.Run(scratch.Path, "repair", "real", "--retarget", scratch.PathOf("old"), scratch.PathOf("not-there"));
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("--retarget NEW does not exist", result.StdErr);
        Assert.Contains("--allow-missing", result.StdErr);
    }
}
