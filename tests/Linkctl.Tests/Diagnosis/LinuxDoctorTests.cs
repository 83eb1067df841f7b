using System.Text.Json;
using Linkctl.Diagnosis;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

/// <summary>doctor and --probe on real Linux file systems: the normal disk, tmpfs, exFAT through FUSE, a read-only bind mount.</summary>
public sealed class LinuxDoctorTests
{
    private static DoctorReport Doctor(string folder, bool probe)
    {
        var gatherer = new DoctorGatherer(LinkPlatform.ForCurrentOS().WithCurrentDirectory(folder));
        return Diagnoser.Diagnose(gatherer.Gather(folder, null, probe));
    }

    private static KindVerdict Of(DoctorReport report, LinkKindToMake kind) => report.Verdicts.Single(v => v.Kind == kind);

    private static void AssertProbeLeftNothing(string folder) =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(folder), e => Path.GetFileName(e).StartsWith(".linkctl-probe-", StringComparison.Ordinal));

    [RequiresFact("linux")]
    public void Normal_disk_can_make_symbolic_and_hard_links_and_the_probe_confirms()
    {
        using var scratch = new ScratchDirectory();
        var report = Doctor(scratch.Path, probe: true);
        Assert.True(report.SymbolicLinkPossibleNow);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.SymbolicLinkToFolder).Verdict);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.HardLink).Verdict);
        Assert.Equal(Verdict.NotApplicable, Of(report, LinkKindToMake.Junction).Verdict);
        Assert.All(report.Facts.Probe!, p => Assert.True(p.Created && p.Removed, $"{p.Kind}: {p.Error}"));
        Assert.Equal("--probe made one here, read it back and removed it.", Of(report, LinkKindToMake.SymbolicLinkToFile).Reason);
        Assert.True(report.Facts.Writable);
        Assert.NotNull(report.Facts.Unix!.ProtectedSymlinks);
        AssertProbeLeftNothing(scratch.Path);
    }

    [RequiresFact("linux", "root")]
    public void Tmpfs_can_and_the_probe_confirms()
    {
        using var tmpfs = new TmpfsMount();
        var report = Doctor(tmpfs.MountPath, probe: true);
        Assert.Equal("tmpfs", report.Facts.Volume.FileSystem);
        Assert.Equal(Verdict.Can, Of(report, LinkKindToMake.SymbolicLinkToFile).Verdict);
        Assert.All(report.Facts.Probe!, p => Assert.True(p.Created && p.Removed));
        AssertProbeLeftNothing(tmpfs.MountPath);
    }

    [RequiresFact("linux", "root", "mkfs.exfat", "mount.exfat-fuse")]
    public void Exfat_through_fuse_cannot_and_the_probe_agrees()
    {
        using var exfat = new ExfatVolume();
        var facts = Doctor(exfat.MountPath, probe: false);
        var symbolic = Of(facts, LinkKindToMake.SymbolicLinkToFile);
        Assert.Equal(Verdict.Cannot, symbolic.Verdict);
        Assert.Contains("stores no symbolic links", symbolic.Reason);
        Assert.Equal(Verdict.Cannot, Of(facts, LinkKindToMake.HardLink).Verdict);
        Assert.Null(facts.Facts.Probe);

        var probed = Doctor(exfat.MountPath, probe: true);
        Assert.False(probed.SymbolicLinkPossibleNow);
        Assert.All(probed.Facts.Probe!, p => Assert.False(p.Created));
        Assert.All(probed.Facts.Probe!, p => Assert.True(p.Removed));
        Assert.Contains(Of(probed, LinkKindToMake.SymbolicLinkToFile).Notes, n => n.StartsWith("--probe confirms", StringComparison.Ordinal));
        AssertProbeLeftNothing(exfat.MountPath);
    }

    [RequiresFact("linux", "root")]
    public void Read_only_bind_mount_cannot_make_anything_and_the_probe_cannot_even_start()
    {
        using var ro = new ReadOnlyBindMount();
        var report = Doctor(ro.MountPath, probe: true);
        foreach (var kind in new[] { LinkKindToMake.SymbolicLinkToFile, LinkKindToMake.SymbolicLinkToFolder, LinkKindToMake.HardLink })
        {
            var v = Of(report, kind);
            Assert.Equal(Verdict.Cannot, v.Verdict);
            Assert.Contains("mounted read-only", v.Reason);
        }

        Assert.All(report.Facts.Probe!, p => Assert.False(p.Created));
        AssertProbeLeftNothing(ro.SourcePath);
    }

    [RequiresFact("linux")]
    public void Cli_exit_code_and_json_fields()
    {
        using var scratch = new ScratchDirectory();
        var (result, json) = LinkctlCli.RunJson(scratch.Path, "doctor", scratch.Path);
        Assert.Equal(0, result.ExitCode);
        var verdicts = json.GetProperty("verdicts");
        Assert.Equal("symbolic_link_to_file", verdicts[0].GetProperty("kind").GetString());
        Assert.Equal("can", verdicts[0].GetProperty("verdict").GetString());
        Assert.Equal("not_applicable", verdicts[2].GetProperty("verdict").GetString());
        var facts = json.GetProperty("facts");
        Assert.Equal("linux", facts.GetProperty("host").GetString());
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("probe").ValueKind);
        Assert.True(facts.GetProperty("writable").GetBoolean());
    }

    [RequiresFact("linux", "root", "mkfs.exfat", "mount.exfat-fuse")]
    public void Cli_exits_1_on_exfat()
    {
        using var exfat = new ExfatVolume();
        var result = LinkctlCli.Run(exfat.MountPath, "doctor");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("symbolic link to a file    cannot", result.StdOut);
    }

    [RequiresFact("linux")]
    public void Cli_explain_unknown_exits_1_and_fix_exits_6_off_windows()
    {
        using var scratch = new ScratchDirectory();
        var unknown = LinkctlCli.Run(scratch.Path, "explain", "no such thing");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("not known", unknown.StdErr);
        var known = LinkctlCli.Run(scratch.Path, "explain", "1314");
        Assert.Equal(0, known.ExitCode);
        Assert.Contains("ERROR_PRIVILEGE_NOT_HELD", known.StdOut);
        Assert.Equal(6, LinkctlCli.Run(scratch.Path, "fix", "devmode").ExitCode);
    }

    [Fact]
    public void Wsl_drive_mounts_are_read_from_mountinfo()
    {
        using var scratch = new ScratchDirectory();
        var mountinfo = scratch.PathOf("mountinfo");
        File.WriteAllLines(mountinfo,
        [
            "60 1 0:53 / / rw,relatime - ext4 /dev/sdc rw",
            "95 60 0:60 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000,trans=virtio",
            "96 60 0:61 / /mnt/d rw,noatime - drvfs D:\\ rw",
        ]);
        var version = scratch.PathOf("version");
        File.WriteAllText(version, "Linux version 5.15.153.1-microsoft-standard-WSL2");
        var sources = new UnixSources { MountInfoFile = mountinfo, ProcVersionFile = version, WslInteropFile = scratch.PathOf("none") };
        Assert.True(sources.IsWsl());
        Assert.Equal(["/mnt/c", "/mnt/d"], sources.WindowsDriveMounts());
        Assert.False(new UnixSources { ProcVersionFile = mountinfo, WslInteropFile = scratch.PathOf("none") }.IsWsl());
    }
}
