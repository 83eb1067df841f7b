using System.Runtime.Versioning;
using Linkctl.Copying;
using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Linkctl.Tests.Unix;
using Microsoft.Win32.SafeHandles;
using Xunit;

namespace Linkctl.Tests.Copying;

/// <summary><c>linkctl copy</c>'s engine on real Linux file systems.</summary>
[SupportedOSPlatform("linux")]
public sealed class TreeCopierTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("linkctl-copy-");

    public TreeCopierTests()
    {
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0x1ED);
        Directory.CreateDirectory(Src);
    }

    private string Src => _dir.PathOf("src");

    private string Dst => _dir.PathOf("dst");

    public void Dispose()
    {
        // rm(1), not .NET: a name that is not UTF-8 cannot be deleted by the string .NET lists it as.
        ProcessRunner.Run("rm", "-rf", "--", Src, Dst);
        _dir.Dispose();
    }

    private static CopyReport Copy(string source, string destination, OuterLinkMode outer = OuterLinkMode.Keep, bool dry = false, Func<IPinnedFolder, IPinnedFolder>? seam = null) =>
        new TreeCopier(LinkPlatform.ForCurrentOS(), seam).Copy(new CopyRequest(source, destination) { Outer = outer, DryRun = dry });

    private static string? Target(string path) => new FileInfo(path).LinkTarget;

    [RequiresFact("linux")]
    public void Inner_links_lead_into_DST_relative_kept_absolute_rewritten()
    {
        Directory.CreateDirectory(Path.Combine(Src, "a/b"));
        File.WriteAllText(Path.Combine(Src, "a/f"), "data");
        File.CreateSymbolicLink(Path.Combine(Src, "a/b/rel"), "../f");
        File.CreateSymbolicLink(Path.Combine(Src, "abs"), Path.Combine(Src, "a/f"));
        File.CreateSymbolicLink(Path.Combine(Src, "a/climb"), "../../src/a/f");

        var report = Copy(Src, Dst);

        Assert.True(report.Complete, string.Join("; ", report.Failed.Select(f => f.Error.Why)));
        Assert.Equal("../f", Target(Path.Combine(Dst, "a/b/rel")));
        Assert.Equal(Path.Combine(Dst, "a/f"), Target(Path.Combine(Dst, "abs")));
        Assert.Equal("f", Target(Path.Combine(Dst, "a/climb")));
        Assert.Equal("data", File.ReadAllText(Path.Combine(Dst, "abs")));
        Assert.Equal((3L, 0L, 2L), (report.InnerLinks, report.OuterLinks, report.RewrittenLinks));
    }

    [RequiresTheory("linux")]
    [InlineData(OuterLinkMode.Keep)]
    [InlineData(OuterLinkMode.Drop)]
    [InlineData(OuterLinkMode.CopyContent)]
    [InlineData(OuterLinkMode.PointToOriginal)]
    public void Outer_links_follow_the_mode(object modeValue)
    {
        var mode = (OuterLinkMode)modeValue;
        Directory.CreateDirectory(_dir.PathOf("outside"));
        File.WriteAllText(_dir.PathOf("outside/x"), "outer data");
        File.CreateSymbolicLink(Path.Combine(Src, "out"), "../outside/x");
        File.CreateSymbolicLink(Path.Combine(Src, "outdir"), "../outside");

        var report = Copy(Src, Dst, mode);

        var copied = Path.Combine(Dst, "out");
        switch (mode)
        {
            case OuterLinkMode.Keep:
                Assert.Equal("../outside/x", Target(copied));
                Assert.True(report.Complete);
                break;
            case OuterLinkMode.Drop:
                Assert.False(Path.Exists(copied));
                Assert.False(Path.Exists(Path.Combine(Dst, "outdir")));
                Assert.Equal(2, report.Skipped.Count(s => s.OnRequest));
                Assert.True(report.Complete);
                break;
            case OuterLinkMode.CopyContent:
                Assert.Null(Target(copied));
                Assert.Equal("outer data", File.ReadAllText(copied));
                Assert.Equal("../outside", Target(Path.Combine(Dst, "outdir")));
                Assert.Contains(report.Skipped, s => s.Path.EndsWith("/outdir", StringComparison.Ordinal) && !s.OnRequest);
                break;
            case OuterLinkMode.PointToOriginal:
                Assert.Equal(_dir.PathOf("outside/x"), Target(copied));
                Assert.Equal(_dir.PathOf("outside"), Target(Path.Combine(Dst, "outdir")));
                break;
        }
    }

    [RequiresFact("linux")]
    public void A_loop_and_a_link_to_an_ancestor_are_copied_as_links_never_followed()
    {
        Directory.CreateDirectory(Path.Combine(Src, "a/b"));
        File.CreateSymbolicLink(Path.Combine(Src, "a/b/up"), "../..");
        File.CreateSymbolicLink(Path.Combine(Src, "loop"), "loop");
        File.CreateSymbolicLink(Path.Combine(Src, "root"), "/");

        var report = Copy(Src, Dst);

        Assert.True(report.Complete);
        Assert.Equal("../..", Target(Path.Combine(Dst, "a/b/up")));
        Assert.Equal("loop", Target(Path.Combine(Dst, "loop")));
        Assert.Equal("/", Target(Path.Combine(Dst, "root")));
        Assert.Equal(3, report.Folders);
        Assert.Equal(0, report.Files);
    }

    [RequiresFact("linux")]
    public void Hard_link_sets_inside_SRC_stay_sets_and_half_outside_ones_are_reported()
    {
        File.WriteAllText(Path.Combine(Src, "one"), "1");
        Directory.CreateDirectory(Path.Combine(Src, "d"));
        ProcessRunner.Run("ln", "--", Path.Combine(Src, "one"), Path.Combine(Src, "d/two")).EnsureSuccess();
        File.WriteAllText(Path.Combine(Src, "half"), "h");
        ProcessRunner.Run("ln", "--", Path.Combine(Src, "half"), _dir.PathOf("outside-name")).EnsureSuccess();

        var report = Copy(Src, Dst);

        var one = UnixBackend.Stat(Path.Combine(Dst, "one"));
        var two = UnixBackend.Stat(Path.Combine(Dst, "d/two"));
        Assert.Equal((one.Device, one.Inode), (two.Device, two.Inode));
        Assert.Equal(2, one.Links);
        Assert.NotEqual(UnixBackend.Stat(Path.Combine(Src, "one")).Inode, one.Inode);
        Assert.Equal(1, UnixBackend.Stat(Path.Combine(Dst, "half")).Links);
        var partial = Assert.Single(report.PartialHardLinkSets);
        Assert.Equal((1L, 2L), (partial.NamesInside, partial.LinkCount));
        Assert.Equal((2L, 1L), (report.HardLinkSets, report.HardLinkNames));
    }

    [RequiresFact("linux")]
    public void Odd_names_modes_and_times_are_kept()
    {
        string[] names = ["new\nline", "-dash", "sp ace"];
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(Src, name), name);
        }

        // Bytes ff fe: not UTF-8, so made by the shell (.NET would write U+FFFD's bytes instead).
        ProcessRunner.Run("bash", "-c", "printf x > \"$1\"/$'\\xff\\xfe'", "-", Src).EnsureSuccess();

        var file = Path.Combine(Src, "-dash");
        File.SetUnixFileMode(file, (UnixFileMode)0x1A0); // 0640
        var when = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(file, when);
        Directory.CreateDirectory(Path.Combine(Src, "ro"));
        File.SetUnixFileMode(Path.Combine(Src, "ro"), (UnixFileMode)0x16D); // 0555
        Directory.SetLastWriteTimeUtc(Path.Combine(Src, "ro"), when);
        File.CreateSymbolicLink(Path.Combine(Src, "l"), "-dash");

        var report = Copy(Src, Dst);

        Assert.True(report.Complete, string.Join("; ", report.Failed.Select(f => f.Error.Why)));
        foreach (var name in names)
        {
            Assert.True(File.Exists(Path.Combine(Dst, name)), name);
        }

        Assert.Equal("x", ProcessRunner.Run("bash", "-c", "cat -- \"$1\"/$'\\xff\\xfe'", "-", Dst).EnsureSuccess().StdOut);
        Assert.Equal(0x1A0u, UnixBackend.Stat(Path.Combine(Dst, "-dash")).Mode);
        Assert.Equal(when, File.GetLastWriteTimeUtc(Path.Combine(Dst, "-dash")));
        Assert.Equal(0x16Du, UnixBackend.Stat(Path.Combine(Dst, "ro")).Mode);
        Assert.Equal(when, Directory.GetLastWriteTimeUtc(Path.Combine(Dst, "ro")));
        Assert.Equal(UnixBackend.Stat(Src).Mode, UnixBackend.Stat(Dst).Mode);
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(Src, "l")), new FileInfo(Path.Combine(Dst, "l")).LastWriteTimeUtc);
    }

    [RequiresFact("linux")]
    public void An_existing_DST_is_refused_and_left_as_it_was()
    {
        File.WriteAllText(Path.Combine(Src, "f"), "new");
        Directory.CreateDirectory(Dst);
        File.WriteAllText(Path.Combine(Dst, "f"), "old");
        File.CreateSymbolicLink(_dir.PathOf("dangling"), "nowhere");

        var report = Copy(Src, Dst);
        var overLink = Copy(Src, _dir.PathOf("dangling"));
        var inside = Copy(Src, Path.Combine(Src, "sub"));

        Assert.Equal(FailureKind.Conflict, report.Refusal!.Kind);
        Assert.Equal(FailureKind.Conflict, overLink.Refusal!.Kind);
        Assert.Equal(FailureKind.InvalidInput, inside.Refusal!.Kind);
        Assert.Equal("old", File.ReadAllText(Path.Combine(Dst, "f")));
        Assert.Equal("nowhere", Target(_dir.PathOf("dangling")));
        Assert.False(Path.Exists(Path.Combine(Src, "sub")));
    }

    [RequiresFact("linux")]
    public void A_dry_run_decides_every_entry_and_makes_nothing()
    {
        File.WriteAllText(Path.Combine(Src, "f"), "12345");
        File.CreateSymbolicLink(Path.Combine(Src, "l"), Path.Combine(Src, "f"));
        var steps = new List<CopyStep>();

        var report = new TreeCopier(LinkPlatform.ForCurrentOS()).Copy(new CopyRequest(Src, Dst) { DryRun = true }, steps.Add);

        Assert.False(Path.Exists(Dst));
        Assert.Equal((1L, 5L, 1L), (report.Files, report.Bytes, report.InnerLinks));
        Assert.Contains(steps, s => s.Kind == CopyStepKind.InnerLink && s.Text == Path.Combine(Dst, "f"));
    }

    [RequiresFact("linux")]
    public void A_big_file_is_copied_whole()
    {
        var data = new byte[(3 << 20) + 17];
        new Random(13).NextBytes(data);
        File.WriteAllBytes(Path.Combine(Src, "big"), data);

        var report = Copy(Src, Dst);

        Assert.True(report.Complete);
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(Dst, "big")));
        Assert.Equal(data.Length, report.Bytes);
    }

    [RequiresFact("linux")]
    public void A_folder_swapped_for_a_link_mid_copy_is_not_entered_and_nothing_outside_SRC_is_read()
    {
        Directory.CreateDirectory(Path.Combine(Src, "d"));
        File.WriteAllText(Path.Combine(Src, "d/mine"), "mine");
        Directory.CreateDirectory(_dir.PathOf("secret"));
        File.WriteAllText(_dir.PathOf("secret/key"), "secret");

        // After SRC was listed and "d" checked as a folder, an attacker puts a link in its place.
        var report = Copy(Src, Dst, seam: pin => new BeforeOpen(pin, name =>
        {
            if (name == "d")
            {
                Directory.Move(Path.Combine(Src, "d"), _dir.PathOf("d-moved"));
                Directory.CreateSymbolicLink(Path.Combine(Src, "d"), _dir.PathOf("secret"));
            }
        }));

        Assert.False(report.Complete);
        var failure = Assert.Single(report.Failed);
        Assert.EndsWith("/src/d", failure.Path, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(Dst, "d/key")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Dst, "*", SearchOption.AllDirectories), p => File.Exists(p) && File.ReadAllText(p) == "secret");
    }

    [RequiresFact("linux")]
    public void A_file_or_folder_replaced_by_another_real_one_mid_copy_is_refused_by_identity()
    {
        Directory.CreateDirectory(Path.Combine(Src, "d"));
        File.WriteAllText(Path.Combine(Src, "f"), "mine");
        Directory.CreateDirectory(_dir.PathOf("other"));
        File.WriteAllText(_dir.PathOf("other-file"), "other");

        var report = Copy(Src, Dst, seam: pin => new BeforeOpen(pin, name =>
        {
            if (name == "d")
            {
                Directory.Delete(Path.Combine(Src, "d"));
                Directory.Move(_dir.PathOf("other"), Path.Combine(Src, "d"));
            }
            else if (name == "f")
            {
                File.Move(_dir.PathOf("other-file"), Path.Combine(Src, "f"), overwrite: true);
            }
        }));

        Assert.Equal(2, report.Failed.Count);
        Assert.All(report.Failed, f => Assert.Contains("not the", f.Error.Why, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Dst, "f")));
    }

    [RequiresFact("linux", "root", "fuse", "losetup", "mkfs.exfat", "mount.exfat-fuse")]
    public void On_a_DST_without_links_every_link_is_named_as_not_copied_and_files_are_copied()
    {
        using var exfat = new ExfatVolume();
        File.WriteAllText(Path.Combine(Src, "f"), "data");
        File.CreateSymbolicLink(Path.Combine(Src, "l"), "f");

        var report = Copy(Src, exfat.PathOf("dst"));

        Assert.Null(report.Refusal);
        Assert.True(File.Exists(exfat.PathOf("dst/f")), string.Join("; ", report.Failed.Select(f => f.Path + ": " + f.Error.Why)));
        Assert.Equal("data", File.ReadAllText(exfat.PathOf("dst/f")));
        Assert.False(Path.Exists(exfat.PathOf("dst/l")));
        var failure = Assert.Single(report.Failed);
        Assert.EndsWith("/l", failure.Path, StringComparison.Ordinal);
        Assert.False(report.Complete);
    }

    [RequiresFact("linux", "root")]
    public void A_mount_inside_SRC_is_not_entered_unless_asked()
    {
        Directory.CreateDirectory(Path.Combine(Src, "mnt"));
        using var tmpfs = new TmpfsMount();
        ProcessRunner.Run("mount", "--bind", tmpfs.MountPath, Path.Combine(Src, "mnt")).EnsureSuccess();
        try
        {
            File.WriteAllText(Path.Combine(Src, "mnt/on-tmpfs"), "t");

            var report = Copy(Src, Dst);
            var crossed = new TreeCopier(LinkPlatform.ForCurrentOS()).Copy(new CopyRequest(Src, _dir.PathOf("dst2")) { CrossFileSystems = true });

            Assert.Contains(report.Skipped, s => s.Path.EndsWith("/mnt", StringComparison.Ordinal) && !s.OnRequest);
            Assert.False(Path.Exists(Path.Combine(Dst, "mnt")));
            Assert.True(crossed.Complete);
            Assert.Equal("t", File.ReadAllText(_dir.PathOf("dst2/mnt/on-tmpfs")));
        }
        finally
        {
            ProcessRunner.Run("umount", Path.Combine(Src, "mnt"));
        }
    }

    /// <summary>A pin that runs <paramref name="race"/> right before each child folder or file is opened, wrapping every folder opened from it.</summary>
    private sealed class BeforeOpen(IPinnedFolder inner, Action<string> race) : DelegatingPinnedFolder(inner)
    {
        public override StepResult<SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null)
        {
            race(name);
            return base.OpenFileForReading(name, expected);
        }

        public override StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null)
        {
            race(name);
            var opened = base.OpenFolder(name, expected);
            return opened.TryGetValue(out var child) ? StepResult<IPinnedFolder>.Of(new BeforeOpen(child, race)) : opened;
        }
    }
}

/// <summary>On the simulated Windows the copier is absent, and says so, rather than half there.</summary>
[Trait("Layer", "Simulated")]
public sealed class TreeCopierWindowsTests
{
    [Fact]
    public void Copy_on_Windows_is_refused_as_not_yet_written_and_makes_nothing()
    {
        var windows = SimulatedWindows.StandardUser().AddDirectory(@"C:\src");

        var report = new TreeCopier(windows.Platform()).Copy(new CopyRequest(@"C:\src", @"C:\dst"));

        Assert.Equal(FailureKind.NotSupported, report.Refusal!.Kind);
        Assert.Contains("not written for Windows yet", report.Refusal.What, StringComparison.Ordinal);
        Assert.False(windows.Platform().Links.GetEntry(@"C:\dst").Exists);
    }
}
