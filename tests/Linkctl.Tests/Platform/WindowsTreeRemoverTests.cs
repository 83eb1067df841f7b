using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Removal;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Platform;

/// <summary>
/// The tree delete (rm -r, rm --links-only) on the simulated Windows: folders removed by a checked
/// handle, junctions and folder symbolic links removed as entries and never entered, a volume
/// mount point left with its folder, and a folder swapped for a junction mid-delete (at an exact
/// step, BeforeHandleCall) never followed.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class WindowsTreeRemoverTests
{
    private readonly SimulatedWindows windows;
    private readonly WindowsLinkSystem system;

    public WindowsTreeRemoverTests()
    {
        windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\data\file.txt", "precious")
            .AddFile(@"C:\data\folder\inside.txt", "inside")
            .AddFile(@"C:\tree\top.txt", "12345")
            .AddFile(@"C:\tree\a\b\deep.txt", "1234567890");
        system = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(system.CreateJunction(@"C:\tree\a\junction", @"C:\data\folder"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\tree\a\dir-link", @"..\..\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\tree\file-link", @"C:\data\file.txt", isDirectory: false));
    }

    private void AssertOutsideIntact()
    {
        Assert.Equal("precious", windows.ReadText(@"C:\data\file.txt"));
        Assert.Equal("inside", windows.ReadText(@"C:\data\folder\inside.txt"));
    }

    [Fact]
    public void Deletes_the_tree_by_handle_and_removes_links_as_entries()
    {
        var summary = new TreeRemover(windows.Platform()).Remove(@"C:\tree", TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.False(windows.Exists(@"C:\tree"));
        AssertOutsideIntact();
        Assert.Equal(2, summary.Files);
        Assert.Equal(3, summary.Folders);
        Assert.Equal(2, summary.Links[LinkKind.SymbolicLink]);
        Assert.Equal(1, summary.Links[LinkKind.Junction]);
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void The_dry_run_and_the_terminal_question_count_the_bytes_of_the_files_not_of_link_targets()
    {
        // Sizes come from GetFileInformationByHandle on each file's own handle (BY_HANDLE_FILE_INFORMATION
        // nFileSizeHigh/Low, Learn); the 8 + 6 bytes behind the links are not counted.
        var dry = new TreeRemover(windows.Platform()).Remove(@"C:\tree", TreeRemovalMode.Everything, dryRun: true);
        Assert.Equal(15, dry.Bytes);
        Assert.Equal(2, dry.Files);
        Assert.True(windows.Exists(@"C:\tree\top.txt"));
    }

    [Fact]
    public void A_volume_mounted_under_DIR_is_left_with_its_folder()
    {
        windows.MountVolume(@"C:\tree\a\mounted", SimulatedVolume.Letterless(0x7777));

        var summary = new TreeRemover(windows.Platform()).Remove(@"C:\tree", TreeRemovalMode.Everything, dryRun: false);

        Assert.Equal([@"C:\tree\a\mounted"], summary.MountsLeft);
        Assert.Empty(summary.Problems);
        Assert.True(windows.Exists(@"C:\tree\a\mounted"));
        Assert.False(windows.Exists(@"C:\tree\a\b"));
        Assert.False(windows.Exists(@"C:\tree\top.txt"));
        AssertOutsideIntact();
    }

    [Fact]
    public void Links_only_removes_the_links_and_keeps_files_and_folders()
    {
        var summary = new TreeRemover(windows.Platform()) { LinkRemover = new LinkRemover(windows.Platform()) }.Remove(@"C:\tree", TreeRemovalMode.LinksOnly, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.Equal(3, summary.LinkTotal);
        Assert.False(windows.Exists(@"C:\tree\a\junction"));
        Assert.False(windows.Exists(@"C:\tree\file-link"));
        Assert.Equal("1234567890", windows.ReadText(@"C:\tree\a\b\deep.txt"));
        Assert.Equal("12345", windows.ReadText(@"C:\tree\top.txt"));
        AssertOutsideIntact();
    }

    [Fact]
    public void A_folder_swapped_for_a_junction_before_it_is_entered_is_not_followed()
    {
        windows.AddFile(@"C:\victim-tree\victim\x.txt", "x");
        var listed = 0;
        var opens = 0;
        windows.BeforeHandleCall = call =>
        {
            // After C:\victim-tree is listed, the next open reads what "victim" is (a folder) and the
            // one after opens it to enter: the racer swaps it for a junction to C:\data\folder in between.
            if (call == nameof(IWindowsApi.ListNames))
            {
                listed++;
            }
            else if (call == nameof(IWindowsApi.OpenRelative) && listed == 1 && ++opens == 2)
            {
                Assert.Equal(0, windows.MoveFile(@"C:\victim-tree\victim", @"C:\moved-victim", replaceExisting: false));
                OsAssert.Succeeded(system.CreateJunction(@"C:\victim-tree\victim", @"C:\data\folder"));
            }
        };

        var summary = new TreeRemover(windows.Platform()).Remove(@"C:\victim-tree", TreeRemovalMode.Everything, dryRun: false);
        windows.BeforeHandleCall = null;

        Assert.Equal(2, opens);
        AssertOutsideIntact();
        Assert.Contains(summary.Problems, p => p.Path == @"C:\victim-tree\victim" && p.Error.What.Contains("did not enter", StringComparison.Ordinal));
        Assert.Equal("x", windows.ReadText(@"C:\moved-victim\x.txt"));
        Assert.True(windows.Exists(@"C:\victim-tree\victim"));
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void A_read_only_file_is_deleted_by_clearing_the_attribute_on_its_handle()
    {
        windows.MakeReadOnly(@"C:\tree\a\b\deep.txt");
        windows.MakeReadOnly(@"C:\data\file.txt");

        var summary = new TreeRemover(windows.Platform()).Remove(@"C:\tree", TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.False(windows.Exists(@"C:\tree"));
        Assert.Contains("attributes", windows.HandleCalls);
        AssertOutsideIntact();
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void A_read_only_file_whose_delete_still_fails_keeps_its_attribute()
    {
        windows.MakeReadOnly(@"C:\tree\top.txt");
        windows.DispositionFault = () => Win32ErrorNames.SharingViolation;

        var summary = new TreeRemover(windows.Platform()).Remove(@"C:\tree", TreeRemovalMode.Everything, dryRun: false);
        windows.DispositionFault = null;

        Assert.Contains(summary.Problems, p => p.Path == @"C:\tree\top.txt" && p.Error.OsError == OsError.Win32(Win32ErrorNames.SharingViolation));
        Assert.Equal("12345", windows.ReadText(@"C:\tree\top.txt"));
        Assert.True(windows.IsReadOnly(@"C:\tree\top.txt"));
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void RemoveFolder_deletes_only_the_empty_folder_it_checked()
    {
        windows.AddDirectory(@"C:\f\empty").AddFile(@"C:\f\full\x", "x");
        using var folder = system.PinFolder(@"C:\f").Value;
        var empty = folder.GetEntry("empty").Identity!.Value;
        var full = folder.GetEntry("full").Identity!.Value;

        Assert.Equal(OsError.Win32(Win32ErrorNames.DirNotEmpty), folder.RemoveFolder("full", full).Error);
        Assert.Contains("is not the folder that was checked", folder.RemoveFolder("full", empty).Problem, StringComparison.Ordinal);
        OsAssert.Succeeded(folder.RemoveFolder("empty", empty));
        Assert.False(windows.Exists(@"C:\f\empty"));
        Assert.True(windows.Exists(@"C:\f\full\x"));
    }
}
