using Linkctl.Inspection;
using Linkctl.Links;
using Linkctl.Reparse;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Platform;

/// <summary>
/// WSL symlinks seen from Windows. WSL mounts fixed drives under the [automount] root, "/mnt/" by
/// default (learn.microsoft.com/windows/wsl/wsl-config, automount "root"), so /mnt/c/x is C:\x;
/// any other absolute target is a path inside the distribution and stays a Linux path.
/// </summary>
public sealed class WslTargetTests
{
    [Theory]
    [InlineData("/mnt/c/Users/u/notes.txt", @"C:\Users\u\notes.txt")]
    [InlineData("/mnt/d", @"D:\")]
    [InlineData("/mnt/d/", @"D:\")]
    [InlineData("/mnt/e//a/b/", @"E:\a\b\")]
    public void A_target_under_the_automount_root_is_the_windows_drive_path(string target, string windows)
        => Assert.Equal(windows, WslTarget.WindowsPathOf(target));

    [Theory]
    [InlineData("/usr/bin/python3")]
    [InlineData("/mnt/cdrom/x")]
    [InlineData("/mnt/")]
    [InlineData("/mnt/1/x")]
    [InlineData("/mntc/x")]
    [InlineData(@"/mnt/c/a\b")]
    public void Any_other_target_has_no_windows_spelling(string target)
        => Assert.Null(WslTarget.WindowsPathOf(target));

    [Theory]
    [InlineData("/mnt/c/tools/bin", @"C:\tools\bin")]
    [InlineData("/usr/bin/python3", "/usr/bin/python3")]
    public void Show_reports_where_a_wsl_symlink_leads_and_that_windows_cannot_follow_it(string target, string leads)
    {
        // The buffer is the LX_SYMLINK layout: version 2, then the UTF-8 target (ReparseBufferCodec,
        // docs/windows-facts.md). Opening through it answers ERROR_CANT_ACCESS_FILE (1920).
        var windows = SimulatedWindows.StandardUser().AddDirectory(@"C:\tools\bin")
            .PlantReparsePoint(@"C:\wsl\l", ReparseBufferCodec.EncodeLxSymlink(target), isDirectory: false);

        var (report, _) = new LinkInspector(windows.Platform()).Inspect(@"C:\wsl\l");

        Assert.Equal(LinkKind.WslSymlink, report!.Kind);
        Assert.Equal(target, report.StoredTarget);
        Assert.Equal(leads, report.TargetFullPath);
        Assert.Equal(LinkStatus.CannotAccess, report.Status);
    }
}
