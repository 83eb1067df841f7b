using System.Runtime.Versioning;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>GetVolume on the normal disk, checked against findmnt(8) and stat(1).</summary>
[SupportedOSPlatform("linux")]
public sealed class UnixVolumeTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("linkctl-unix-vol-");

    public void Dispose() => _dir.Dispose();

    [RequiresFact("linux")]
    public void GetVolume_of_the_temp_folder_matches_findmnt()
    {
        var volume = UnixBackend.Create().GetVolume(_dir.Path);
        var mount = UnixBackend.FindMount(_dir.Path);

        Assert.Null(volume.Error);
        Assert.Equal(mount.Type, volume.FileSystem);
        Assert.Equal(mount.Target, volume.Root);
        Assert.Equal(UnixBackend.Stat(_dir.Path).Device, volume.VolumeId);
        Assert.Equal(mount.Options.Split(',').Contains("ro"), volume.ReadOnly);
        Assert.NotNull(volume.Detail);
        Assert.Null(volume.SupportsReparsePoints);
    }

    [RequiresFact("linux")]
    public void GetVolume_of_a_path_not_made_yet_answers_for_its_nearest_existing_folder()
    {
        var system = UnixBackend.Create();

        var planned = system.GetVolume(_dir.PathOf("not/yet/made"));

        Assert.Null(planned.Error);
        Assert.Equal(system.GetVolume(_dir.Path), planned);
    }

    [RequiresFact("linux")]
    public void GetVolume_of_a_link_answers_for_the_folder_holding_the_link_not_its_target()
    {
        File.CreateSymbolicLink(_dir.PathOf("to-proc"), "/proc/self");
        var system = UnixBackend.Create();

        var volume = system.GetVolume(_dir.PathOf("to-proc"));

        Assert.Equal(UnixBackend.FindMount(_dir.Path).Type, volume.FileSystem);
        Assert.Equal("proc", system.GetVolume("/proc/self/status").FileSystem);
    }

    [RequiresFact("linux")]
    public void The_root_file_system_here_stores_both_kinds_of_links_when_it_is_a_native_one()
    {
        var volume = UnixBackend.Create().GetVolume(_dir.Path);

        // Only file systems with certain answers are asserted; anything else must say "unknown", not guess.
        if (volume.FileSystem is "ext4" or "xfs" or "btrfs" or "tmpfs")
        {
            Assert.Equal(true, volume.SupportsSymbolicLinks);
            Assert.Equal(true, volume.SupportsHardLinks);
        }
        else if (volume.FileSystem is not "overlay")
        {
            Assert.Null(volume.SupportsHardLinks);
        }
    }
}
