using Linkctl.Creation;
using Linkctl.Links;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Api;

/// <summary>The front door end to end on the simulated Windows: make, inspect, find, remove.</summary>
[Trait("Layer", "Simulated")]
public sealed class LinkToolsTests
{
    [Fact]
    public void Create_inspect_scan_and_remove_a_relative_link_through_the_front_door()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\work\target");
        var tools = new LinkTools(windows.Platform(@"C:\work"));

        var made = tools.Create(new LinkRequest("link", "target"));
        Assert.Null(made.Error);

        var (report, error) = tools.Inspect("link");
        Assert.Null(error);
        Assert.NotNull(report);
        Assert.Equal(LinkKind.SymbolicLink, report.Kind);
        Assert.Equal(LinkStatus.Ok, report.Status);

        var (links, problems) = tools.Scan(["."]);
        Assert.Empty(problems);
        var found = Assert.Single(links);
        Assert.EndsWith(@"\link", found.PathText);

        var removed = tools.Remove("link");
        Assert.True(removed.Removed);
        Assert.Null(removed.Error);
        Assert.Equal(Linkctl.Errors.Win32ErrorNames.FileNotFound, windows.GetAttributes(@"C:\work\link", out _, out _));
        Assert.Equal(0, windows.GetAttributes(@"C:\work\target", out _, out _));
    }

    [Fact]
    public void Remove_refuses_a_folder_that_is_not_a_link_and_leaves_it()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\work\data").AddFile(@"C:\work\data\a.txt", "x");
        var tools = new LinkTools(windows.Platform(@"C:\work"));

        var outcome = tools.Remove("data");
        Assert.False(outcome.Removed);
        Assert.NotNull(outcome.Error);
        Assert.Equal(0, windows.GetAttributes(@"C:\work\data\a.txt", out _, out _));
    }
}
