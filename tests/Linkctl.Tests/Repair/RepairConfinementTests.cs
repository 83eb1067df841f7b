using System.Runtime.Versioning;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// repair --apply acts only below the ROOT it was given (issue 9): the attack measured there, a user
/// who owns a folder under ROOT swapping it for a link out of ROOT between plan and apply, and the
/// re-checks at apply time. The swap is done between Plan and Apply, where the real attack had all
/// the time it needed, so nothing here depends on timing.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RepairConfinementTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-confine-");

    public void Dispose() => scratch.Dispose();

    private RepairRunner Runner => new(LinkPlatform.ForCurrentOS(), new UndoJournal(scratch.PathOf("journal.jsonl")));

    /// <summary>ROOT/user/link and, outside ROOT, a folder holding a link with the same name and stored target.</summary>
    private (string Root, string Outside) Layout(string stored)
    {
        var root = scratch.PathOf("root");
        Directory.CreateDirectory(Path.Combine(root, "user"));
        File.CreateSymbolicLink(Path.Combine(root, "user", "link"), stored);
        var outside = scratch.PathOf("outside");
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Combine(outside, "link"), stored);
        return (root, outside);
    }

    private static void SwapForLinkTo(string folder, string elsewhere)
    {
        Directory.Move(folder, folder + ".moved");
        File.CreateSymbolicLink(folder, elsewhere);
    }

    [RequiresFact("linux")]
    public void Prune_does_not_follow_a_folder_swapped_for_a_link_out_of_the_root()
    {
        var (root, outside) = Layout("missing");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = root, PruneBroken = true }, null, out _);
        Assert.Single(plan);

        SwapForLinkTo(Path.Combine(root, "user"), outside);
        var outcomes = runner.Apply(plan, root);

        Assert.False(outcomes.Single().Applied);
        Assert.Contains("without following a link", outcomes.Single().Problem);
        Assert.Equal("missing", new FileInfo(Path.Combine(outside, "link")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Retarget_does_not_follow_a_folder_swapped_for_a_link_out_of_the_root()
    {
        var (root, outside) = Layout("/old/f");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = root, RetargetFrom = "/old", RetargetTo = "/new", AllowMissing = true }, null, out _);
        Assert.Single(plan);

        SwapForLinkTo(Path.Combine(root, "user"), outside);
        var outcomes = runner.Apply(plan, root);

        Assert.False(outcomes.Single().Applied);
        Assert.Equal("/old/f", new FileInfo(Path.Combine(outside, "link")).LinkTarget);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(outside), e => Path.GetFileName(e).StartsWith(".linkctl", StringComparison.Ordinal));
    }

    [RequiresFact("linux")]
    public void Retarget_inside_the_root_replaces_the_link_and_leaves_no_temporary_name()
    {
        var (root, _) = Layout("/old/f");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = root, RetargetFrom = "/old", RetargetTo = "/new", AllowMissing = true }, null, out _);

        var outcomes = runner.Apply(plan, root);

        Assert.True(outcomes.Single().Applied, outcomes.Single().Problem);
        Assert.Equal("/new/f", new FileInfo(Path.Combine(root, "user", "link")).LinkTarget);
        Assert.Equal(["link"], Directory.EnumerateFileSystemEntries(Path.Combine(root, "user")).Select(Path.GetFileName));
    }

    [RequiresFact("linux")]
    public void Prune_leaves_a_link_that_works_again_by_apply_time()
    {
        var (root, _) = Layout("target");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = root, PruneBroken = true }, null, out _);
        Assert.Single(plan);

        File.WriteAllText(Path.Combine(root, "user", "target"), "back");
        var outcomes = runner.Apply(plan, root);

        Assert.False(outcomes.Single().Applied);
        Assert.Contains("works again", outcomes.Single().Problem);
        Assert.True(File.Exists(Path.Combine(root, "user", "link")));
    }

    [RequiresFact("linux")]
    public void A_regular_file_exchanged_in_during_force_replacement_is_exchanged_back()
    {
        var folderPath = scratch.PathOf("f");
        Directory.CreateDirectory(folderPath);
        File.CreateSymbolicLink(Path.Combine(folderPath, "link"), "old");
        File.WriteAllText(Path.Combine(folderPath, "precious"), "keep");
        using var folder = LinkPlatform.ForCurrentOS().Links.PinFolder(folderPath).Value;
        var planned = Linkctl.Removal.PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;
        OsAssert.Succeeded(folder.CreateSymbolicLink(".linkctl-tmp-new-1-0000000000000000", "new", isDirectory: false));
        var made = folder.GetEntry(".linkctl-tmp-new-1-0000000000000000").Identity!.Value;

        // The racer exchanges the link with a regular file after the check.
        OsAssert.Succeeded(folder.Rename("link", folder, "precious", RenameMode.Exchange));
        var result = Linkctl.Creation.CheckedSwap.Install(folder, ".linkctl-tmp-new-1-0000000000000000", made, planned);

        Assert.False(result.Succeeded);
        Assert.Contains("changed after it was checked", result.Problem);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(folderPath, "link")));
        Assert.Equal("old", new FileInfo(Path.Combine(folderPath, "precious")).LinkTarget);
        Assert.Equal(["link", "precious"], Directory.EnumerateFileSystemEntries(folderPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
