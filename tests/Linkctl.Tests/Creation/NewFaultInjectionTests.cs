using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Creation;

/// <summary>
/// Proof that new's identity checks can fail (issue 10): a race injected in the simulated Windows
/// at the moment between check and act. Without it the checks would always pass in tests and
/// could be removed unnoticed.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class NewFaultInjectionTests
{
    private static (SimulatedWindows Windows, WindowsLinkSystem System) Scene()
    {
        var windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\work\a\file.txt", "a")
            .AddFile(@"C:\work\b\file.txt", "b")
            .AddFile(@"C:\work\data\file.txt", "data")
            .AddDirectory(@"C:\work\links");
        var system = new WindowsLinkSystem(windows);
        Assert.True(system.CreateSymbolicLink(@"C:\work\cur", @"C:\work\a", isDirectory: true).Succeeded);
        return (windows, system);
    }

    [Fact]
    public void Read_back_fails_when_the_link_made_leads_to_another_object_than_its_target()
    {
        var (windows, system) = Scene();

        // Right after the link is made, another process points cur at b: the link still stores
        // cur\file.txt, as asked, but now leads to b\file.txt.
        windows.AfterSymbolicLinkCreated = (link, _) =>
        {
            if (link.EndsWith(@"\l", StringComparison.Ordinal))
            {
                windows.AfterSymbolicLinkCreated = null;
                Assert.True(system.RemoveLink(@"C:\work\cur").Succeeded);
                Assert.True(system.CreateSymbolicLink(@"C:\work\cur", @"C:\work\b", isDirectory: true).Succeeded);
            }
        };

        var outcome = new LinkMaker(windows.Platform(@"C:\work\links")).Make(new LinkRequest("l", @"C:\work\cur\file.txt") { Fallback = FallbackPolicy.None }, dryRun: false);

        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal(FailureKind.ReadBackFailed, outcome.Error!.Kind);
        Assert.Contains("leading to", outcome.Error.What, StringComparison.Ordinal);
        Assert.False(system.GetEntry(@"C:\work\links\l").Exists);
    }

    [Fact]
    public void Relative_text_is_refused_when_it_no_longer_leads_to_the_object_named()
    {
        var (windows, system) = Scene();
        const string target = @"C:\work\data\file.txt";

        // The target is replaced by another file between the facts being gathered (first identity
        // query of it) and the check of the rewritten text (the next one).
        var queries = 0;
        windows.BeforeFileInformation = (path, _) =>
        {
            if (string.Equals(path, target, StringComparison.OrdinalIgnoreCase) && ++queries == 2)
            {
                Assert.Equal(0, windows.DeleteFile(target));
                windows.AddFile(target, "another file");
            }
        };

        var outcome = new LinkMaker(windows.Platform(@"C:\work\links")).Make(new LinkRequest("l", target) { Form = TargetForm.Relative, Fallback = FallbackPolicy.None }, dryRun: false);

        Assert.Equal(CreationResult.Failed, outcome.Result);
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Contains("would make the link lead to", outcome.Error.What, StringComparison.Ordinal);
        Assert.False(system.GetEntry(@"C:\work\links\l").Exists);

        // Without the race the same request is made: the check is what refused it.
        windows.BeforeFileInformation = null;
        var made = new LinkMaker(windows.Platform(@"C:\work\links")).Make(new LinkRequest("l", target) { Form = TargetForm.Relative, Fallback = FallbackPolicy.None }, dryRun: false);
        Assert.Equal(CreationResult.Created, made.Result);
        Assert.Equal(@"..\data\file.txt", made.Plan!.StoredTarget);
    }
}
