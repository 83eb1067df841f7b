using System.Buffers.Binary;
using Linkctl.Reparse;
using Xunit;

namespace Linkctl.Tests.Reparse;

[Trait("Layer", "Pure")]
public class RoundTripTests
{
    private static T DecodeAs<T>(byte[] buffer)
        where T : ReparsePoint
    {
        var result = ReparseBufferCodec.Decode(buffer);
        Assert.True(result.Success, result.Error);
        return Assert.IsType<T>(result.Point);
    }

    [Theory]
    [InlineData(@"..\a.txt", @"..\a.txt", @"..\a.txt", true)]
    [InlineData(@"sub\b", @"sub\b", @"sub\b", true)]
    [InlineData(@"\rooted\dir", @"\rooted\dir", @"\rooted\dir", true)]
    [InlineData(@"C:\x\y.txt", @"\??\C:\x\y.txt", @"C:\x\y.txt", false)]
    [InlineData(@"C:\", @"\??\C:\", @"C:\", false)]
    [InlineData(@"\\server\share\x", @"\??\UNC\server\share\x", @"\\server\share\x", false)]
    [InlineData(@"\\?\C:\very\long", @"\??\C:\very\long", @"C:\very\long", false)]
    [InlineData("Ünïcødé\\日本語\\😀.txt", "Ünïcødé\\日本語\\😀.txt", "Ünïcødé\\日本語\\😀.txt", true)]
    [InlineData("D:\\Ünïcødé\\日本語", "\\??\\D:\\Ünïcødé\\日本語", "D:\\Ünïcødé\\日本語", false)]
    public void Symbolic_links_round_trip(string given, string substitute, string target, bool relative)
    {
        var buffer = ReparseBufferCodec.EncodeSymbolicLink(given);
        var link = DecodeAs<SymbolicLinkReparsePoint>(buffer);
        Assert.Equal(substitute, link.SubstituteName);
        Assert.Equal(relative, link.IsRelative);
        Assert.Equal(target, link.Target);
        Assert.Equal(relative ? given : target, link.PrintName);
        Assert.Equal(ReparseTag.Symlink, link.Tag);
        Assert.Equal(buffer.Length - 8, BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4)));
    }

    [Fact]
    public void An_unpaired_surrogate_survives_a_round_trip()
    {
        // NTFS names are UTF-16 code units, not validated Unicode; Encoding.Unicode would turn this into U+FFFD.
        var target = "bad\uD800name";
        Assert.Equal(target, DecodeAs<SymbolicLinkReparsePoint>(ReparseBufferCodec.EncodeSymbolicLink(target)).Target);
    }

    [Fact]
    public void The_longest_symlink_that_fits_round_trips_and_one_more_character_is_refused()
    {
        // Relative: 8 header + 12 fixed + 2 names * 2 bytes per char <= 16384 => 4091 chars.
        var longest = new string('a', 4091);
        var buffer = ReparseBufferCodec.EncodeSymbolicLink(longest);
        Assert.Equal(16384, buffer.Length);
        Assert.Equal(longest, DecodeAs<SymbolicLinkReparsePoint>(buffer).Target);

        var e = Assert.Throws<ArgumentException>(() => ReparseBufferCodec.EncodeSymbolicLink(longest + "a"));
        Assert.Contains("16384", e.Message, StringComparison.Ordinal);
        Assert.Contains("16388-byte", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_absolute_symlink_round_trips()
    {
        var target = @"C:\" + string.Join('\\', Enumerable.Repeat("segment", 300));
        Assert.Equal(target, DecodeAs<SymbolicLinkReparsePoint>(ReparseBufferCodec.EncodeSymbolicLink(target)).Target);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    [InlineData("C:relative")]
    public void Symbolic_link_targets_windows_cannot_store_are_refused(string target) =>
        Assert.Throws<ArgumentException>(() => ReparseBufferCodec.EncodeSymbolicLink(target));

    [Theory]
    [InlineData(@"C:\dir", @"\??\C:\dir", @"C:\dir")]
    [InlineData(@"C:\", @"\??\C:\", @"C:\")]
    [InlineData(@"\??\D:\x", @"\??\D:\x", @"D:\x")]
    [InlineData(@"\\?\E:\y", @"\??\E:\y", @"E:\y")]
    [InlineData("C:\\Ünïcødé\\日本語", "\\??\\C:\\Ünïcødé\\日本語", "C:\\Ünïcødé\\日本語")]
    public void Junctions_round_trip(string given, string substitute, string target)
    {
        var junction = DecodeAs<MountPointReparsePoint>(ReparseBufferCodec.EncodeMountPoint(given));
        Assert.Equal(substitute, junction.SubstituteName);
        Assert.Equal(target, junction.PrintName);
        Assert.Equal(target, junction.Target);
        Assert.False(junction.IsVolumeMountPoint);
    }

    [Theory]
    [InlineData(@"\??\Volume{01234567-89ab-cdef-0123-456789abcdef}\")]
    [InlineData(@"\\?\Volume{01234567-89ab-cdef-0123-456789abcdef}\")]
    public void Volume_mount_points_round_trip(string given)
    {
        var mount = DecodeAs<MountPointReparsePoint>(ReparseBufferCodec.EncodeMountPoint(given));
        Assert.True(mount.IsVolumeMountPoint);
        Assert.Equal(@"\??\Volume{01234567-89ab-cdef-0123-456789abcdef}\", mount.SubstituteName);
        Assert.Equal(@"\\?\Volume{01234567-89ab-cdef-0123-456789abcdef}\", mount.Target);
        Assert.Equal(string.Empty, mount.PrintName);
    }

    [Theory]
    [InlineData(@"..\up", "not a full path")]
    [InlineData("relative", "not a full path")]
    [InlineData(@"C:drive-relative", "not a full path")]
    [InlineData(@"\rooted", "not a full path")]
    [InlineData(@"\\server\share\x", "network (UNC)")]
    [InlineData(@"\\?\UNC\server\share", "network (UNC)")]
    [InlineData(@"\??\GLOBALROOT\Device\X", "neither a drive path")]
    [InlineData("", "empty")]
    public void Junctions_refuse_targets_that_are_not_local_absolute_directories(string given, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => ReparseBufferCodec.EncodeMountPoint(given));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_junction_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => ReparseBufferCodec.EncodeMountPoint(@"C:\" + new string('x', 5000)));
        Assert.Contains("at most 16384 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("/usr/bin/python3")]
    [InlineData("../ünï/日本語 😀")]
    public void Wsl_symlinks_round_trip(string target)
    {
        var link = DecodeAs<LxSymlinkReparsePoint>(ReparseBufferCodec.EncodeLxSymlink(target));
        Assert.Equal(new LxSymlinkReparsePoint(2, target), link);
    }

    [Theory]
    [InlineData("0")]
    [InlineData(null)]
    public void App_execution_aliases_round_trip(string? extra)
    {
        var expected = new AppExecLinkReparsePoint(3, "Pkg_abc", "Pkg_abc!App", @"C:\Program Files\WindowsApps\Pkg\app.exe", extra);
        var buffer = ReparseBufferCodec.EncodeAppExecLink(
            expected.PackageId, expected.AppUserModelId, expected.TargetPath, expected.Extra);
        Assert.Equal(expected, DecodeAs<AppExecLinkReparsePoint>(buffer));
    }

    [Fact]
    public void Other_tags_keep_their_data_verbatim()
    {
        byte[] buffer = [0x13, 0x00, 0x00, 0x80, 0x03, 0x00, 0x00, 0x00, 0xAA, 0xBB, 0xCC];
        var other = DecodeAs<OtherReparsePoint>(buffer);
        Assert.Equal(new OtherReparsePoint(ReparseTag.Dedup, [0xAA, 0xBB, 0xCC]), other);
        Assert.Equal("IO_REPARSE_TAG_DEDUP", other.TagName);
    }

    [Fact]
    public void Bytes_after_the_declared_data_are_ignored_so_a_whole_ioctl_buffer_can_be_passed()
    {
        var buffer = ReparseBufferCodec.EncodeSymbolicLink(@"C:\x");
        var padded = new byte[ReparseBufferCodec.MaximumSize];
        buffer.CopyTo(padded, 0);
        padded[^1] = 0xFF;
        Assert.Equal(@"C:\x", DecodeAs<SymbolicLinkReparsePoint>(padded).Target);
    }
}
