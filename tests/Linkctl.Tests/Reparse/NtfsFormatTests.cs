using Linkctl.Reparse;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Reparse;

/// <summary>
/// ntfs-3g as an independent oracle: it must resolve the buffers we encode, and we must
/// decode the ones it writes. Seen with ntfs-3g 2022.10.3: absolute targets map to
/// MOUNT/path only when the path exists on the volume (else MOUNT/.NTFS-3G/C:/path);
/// relative targets read back with '/' only when the target exists (else "unsupported
/// reparse tag 0xa000000c"); UNC targets are never resolved.
/// </summary>
public class NtfsFormatTests
{

    private static string ReadLink(string path) =>
        ProcessRunner.Run("readlink", path).EnsureSuccess().StdOut.TrimEnd('\n');

    [RequiresFact("root", "fuse", "ntfs-3g", "mkntfs", "setfattr", "getfattr", "readlink")]
    public void Ntfs3g_resolves_the_buffers_we_encode()
    {
        using var volume = new NtfsVolume();
        Directory.CreateDirectory(volume.PathOf("d"));
        Directory.CreateDirectory(volume.PathOf("sub"));
        File.WriteAllText(volume.PathOf("d/f.txt"), "hi");
        Directory.CreateDirectory(volume.PathOf("junction"));
        Directory.CreateDirectory(volume.PathOf("root-junction"));
        File.WriteAllText(volume.PathOf("relative"), "");
        File.WriteAllText(volume.PathOf("sub/up"), "");
        File.WriteAllText(volume.PathOf("absolute"), "");
        File.WriteAllText(volume.PathOf("wsl"), "");

        volume.SetReparseData(volume.PathOf("junction"), ReparseBufferCodec.EncodeMountPoint(@"C:\d"));
        volume.SetReparseData(volume.PathOf("root-junction"), ReparseBufferCodec.EncodeMountPoint(@"C:\"));
        volume.SetReparseData(volume.PathOf("relative"), ReparseBufferCodec.EncodeSymbolicLink(@"d\f.txt"));
        volume.SetReparseData(volume.PathOf("sub/up"), ReparseBufferCodec.EncodeSymbolicLink(@"..\d\f.txt"));
        volume.SetReparseData(volume.PathOf("absolute"), ReparseBufferCodec.EncodeSymbolicLink(@"C:\d\f.txt"));
        volume.SetReparseData(volume.PathOf("wsl"), ReparseBufferCodec.EncodeLxSymlink("d/f.txt"));
        volume.Remount();

        Assert.Equal(volume.PathOf("d"), ReadLink(volume.PathOf("junction")));
        // The bare drive root is not looked up on the volume; ntfs-3g sends it to its drive placeholder.
        Assert.Equal(volume.PathOf(".NTFS-3G/C:/"), ReadLink(volume.PathOf("root-junction")));
        Assert.Equal("d/f.txt", ReadLink(volume.PathOf("relative")));
        Assert.Equal("../d/f.txt", ReadLink(volume.PathOf("sub/up")));
        Assert.Equal(volume.PathOf("d/f.txt"), ReadLink(volume.PathOf("absolute")));
        Assert.Equal("d/f.txt", ReadLink(volume.PathOf("wsl")));
        Assert.Equal("hi", File.ReadAllText(volume.PathOf("absolute")));

        // And the bytes ntfs-3g stored are the ones we wrote.
        Assert.Equal(ReparseBufferCodec.EncodeMountPoint(@"C:\d"), NtfsVolume.GetReparseData(volume.PathOf("junction")));
    }

    [RequiresFact("root", "fuse", "ntfs-3g", "mkntfs", "getfattr")]
    public void We_decode_the_wsl_links_and_special_files_ntfs3g_creates()
    {
        // Without special_files=wsl, ntfs-3g's `ln -s` makes Interix system files, not reparse points.
        using var volume = new NtfsVolume(32, "special_files=wsl");
        File.CreateSymbolicLink(volume.PathOf("relative"), "d/f.txt");
        File.CreateSymbolicLink(volume.PathOf("absolute"), "/usr/bin/python3");
        File.CreateSymbolicLink(volume.PathOf("unicode"), "ünï/日本語 😀");
        ProcessRunner.Run("mkfifo", volume.PathOf("fifo")).EnsureSuccess();

        Assert.Equal(new LxSymlinkReparsePoint(2, "d/f.txt"), DecodeFrom(volume.PathOf("relative")));
        Assert.Equal(new LxSymlinkReparsePoint(2, "/usr/bin/python3"), DecodeFrom(volume.PathOf("absolute")));
        Assert.Equal(new LxSymlinkReparsePoint(2, "ünï/日本語 😀"), DecodeFrom(volume.PathOf("unicode")));

        var fifo = Assert.IsType<OtherReparsePoint>(DecodeFrom(volume.PathOf("fifo")));
        Assert.Equal("IO_REPARSE_TAG_LX_FIFO", fifo.TagName);
        Assert.Empty(fifo.Data);
    }

    private static ReparsePoint DecodeFrom(string path)
    {
        var bytes = NtfsVolume.GetReparseData(path);
        Assert.NotNull(bytes);
        var result = ReparseBufferCodec.Decode(bytes);
        Assert.True(result.Success, result.Error);
        return result.Point;
    }
}
