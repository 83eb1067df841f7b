using Linkctl.Copying;
using Linkctl.Links;
using Linkctl.Paths;
using Xunit;

namespace Linkctl.Tests.Copying;

/// <summary>The copier's decisions, without a disk: Linux and Windows path rules.</summary>
[Trait("Layer", "Pure")]
public sealed class CopyPlannerTests
{
    private static readonly CopyRoots Unix = new(PathSyntax.Unix, "/data/src", "/backup/dst");

    private static LinkDecision Plan(string text, string folder, string? resolved, OuterLinkMode outer = OuterLinkMode.Keep) =>
        CopyPlanner.PlanLink(Unix, new LinkToCopy(LinkKind.SymbolicLink, text, false, folder, resolved), outer);

    [Fact]
    public void An_inner_relative_link_keeps_its_text()
    {
        var d = Plan("../b/f", "a", "/data/src/b/f");
        Assert.Equal((LinkAction.MakeLink, LinkPlace.Inner, "../b/f", false), (d.Action, d.Place, d.Text, d.Rewritten));
    }

    [Fact]
    public void An_inner_absolute_link_is_rewritten_into_DST()
    {
        var d = Plan("/data/src/b/f", "a", "/data/src/b/f");
        Assert.Equal((LinkPlace.Inner, "/backup/dst/b/f", true), (d.Place, d.Text, d.Rewritten));
        Assert.Equal("/backup/dst", Plan("/data/src", string.Empty, "/data/src").Text);
    }

    [Fact]
    public void A_relative_text_that_climbs_out_of_SRC_and_back_is_rewritten_so_it_does_not_reach_the_original()
    {
        // From DST, "../../src/b" would lead to /data/src/b: the original, not the copy.
        var d = Plan("../../src/b", "a", "/data/src/b");
        Assert.Equal((LinkPlace.Inner, "../b", true), (d.Place, d.Text, d.Rewritten));
    }

    [Fact]
    public void A_link_to_SRC_itself_or_an_ancestor_inside_is_inner_and_a_link_to_the_parent_of_SRC_is_outer()
    {
        Assert.Equal((LinkPlace.Inner, ".."), (Plan("..", "a/b", "/data/src/a").Place, Plan("..", "a/b", "/data/src/a").Text));
        Assert.Equal(LinkPlace.Inner, Plan("..", "a", "/data/src").Place);
        Assert.Equal(LinkPlace.Outer, Plan("..", string.Empty, "/data").Place);
        Assert.Equal(LinkPlace.Outer, Plan("../src2/x", string.Empty, "/data/src2/x").Place);
    }

    [Fact]
    public void Each_outer_mode_decides_as_documented()
    {
        Assert.Equal((LinkAction.MakeLink, "../etc/x", false), Outer(OuterLinkMode.Keep));
        Assert.Equal((LinkAction.Skip, null, false), Outer(OuterLinkMode.Drop));
        Assert.Equal((LinkAction.CopyContent, "/data/etc/x", false), Outer(OuterLinkMode.CopyContent));
        Assert.Equal((LinkAction.MakeLink, "/data/etc/x", true), Outer(OuterLinkMode.PointToOriginal));

        static (LinkAction, string?, bool) Outer(OuterLinkMode mode)
        {
            var d = Plan("../etc/x", string.Empty, "/data/etc/x", mode);
            Assert.Equal(LinkPlace.Outer, d.Place);
            return (d.Action, d.Text, d.Rewritten);
        }
    }

    [Fact]
    public void A_link_whose_place_is_unknown_is_outer_and_kept_with_the_reason()
    {
        var d = Plan("x/../y", string.Empty, null, OuterLinkMode.PointToOriginal);
        Assert.Equal((LinkAction.MakeLink, LinkPlace.Outer, "x/../y"), (d.Action, d.Place, d.Text));
        Assert.NotNull(d.Reason);
    }

    [Fact]
    public void Walking_a_text_is_inside_only_while_it_never_climbs_above_SRC()
    {
        Assert.True(CopyPlanner.StaysInside(PathSyntax.Unix, "a/b", "../../x"));
        Assert.False(CopyPlanner.StaysInside(PathSyntax.Unix, "a/b", "../../../src/x"));
        Assert.True(CopyPlanner.StaysInside(PathSyntax.Unix, string.Empty, "./x/./y/.."));
        Assert.False(CopyPlanner.StaysInside(PathSyntax.Unix, "a", "x/../../../y"));
    }

    [Fact]
    public void Folders_on_other_file_systems_and_DST_itself_are_not_descended()
    {
        Assert.Null(CopyPlanner.PlanFolder(1, 1, crossFileSystems: false, isDestination: false));
        Assert.NotNull(CopyPlanner.PlanFolder(1, 2, crossFileSystems: false, isDestination: false));
        Assert.Null(CopyPlanner.PlanFolder(1, 2, crossFileSystems: true, isDestination: false));
        Assert.NotNull(CopyPlanner.PlanFolder(1, 1, crossFileSystems: true, isDestination: true));
    }

    [Fact]
    public void A_hard_link_set_is_partial_when_names_were_not_met_inside_SRC()
    {
        Assert.False(CopyPlanner.IsPartOfSet(1));
        Assert.True(CopyPlanner.IsPartOfSet(2));
        Assert.True(CopyPlanner.IsPartial(1, 2));
        Assert.False(CopyPlanner.IsPartial(3, 3));
    }
}

/// <summary>The planner's Windows decisions: junctions retargeted into DST, link type kept, Windows path rules.</summary>
[Trait("Layer", "Simulated")]
public sealed class CopyPlannerWindowsTests
{
    private static readonly CopyRoots Windows = new(PathSyntax.Windows, @"C:\Data\Src", @"D:\Backup\Dst");

    [Fact]
    public void A_junction_inside_SRC_is_retargeted_into_DST_and_stays_a_folder_link()
    {
        var d = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.Junction, @"C:\Data\Src\Games\Lib", true, "Links", @"C:\Data\Src\Games\Lib"), OuterLinkMode.Keep);
        Assert.Equal((LinkAction.MakeLink, LinkPlace.Inner, LinkKind.Junction, @"D:\Backup\Dst\Games\Lib", true, true), (d.Action, d.Place, d.Kind, d.Text, d.IsDirectoryLink, d.Rewritten));
    }

    [Fact]
    public void Windows_compares_paths_without_case_as_NTFS_names_do()
    {
        var d = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.Junction, @"c:\data\src\x", true, string.Empty, @"c:\data\src\x"), OuterLinkMode.Keep);
        Assert.Equal(LinkPlace.Inner, d.Place);
    }

    [Fact]
    public void A_junction_outside_SRC_is_kept_as_the_same_junction()
    {
        var d = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.Junction, @"C:\Program Files", true, string.Empty, @"C:\Program Files"), OuterLinkMode.Keep);
        Assert.Equal((LinkPlace.Outer, LinkKind.Junction, @"C:\Program Files", true, false), (d.Place, d.Kind, d.Text, d.IsDirectoryLink, d.Rewritten));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_symbolic_link_keeps_its_file_or_folder_type_and_relative_text(bool isDirectory)
    {
        var d = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.SymbolicLink, @"..\b\x", isDirectory, "a", @"C:\Data\Src\b\x"), OuterLinkMode.Keep);
        Assert.Equal((LinkPlace.Inner, @"..\b\x", isDirectory, false), (d.Place, d.Text, d.IsDirectoryLink, d.Rewritten));
    }

    [Fact]
    public void A_root_relative_or_drive_relative_text_is_not_kept_as_relative()
    {
        var rooted = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.SymbolicLink, @"\Data\Src\b", false, "a", @"C:\Data\Src\b"), OuterLinkMode.Keep);
        Assert.Equal((@"D:\Backup\Dst\b", true), (rooted.Text, rooted.Rewritten));
    }

    [Fact]
    public void Copy_content_of_an_outer_folder_link_keeps_the_link()
    {
        var d = CopyPlanner.PlanLink(Windows, new LinkToCopy(LinkKind.SymbolicLink, @"C:\Users", true, string.Empty, @"C:\Users"), OuterLinkMode.CopyContent);
        Assert.Equal((LinkAction.MakeLink, @"C:\Users"), (d.Action, d.Text));
    }
}
