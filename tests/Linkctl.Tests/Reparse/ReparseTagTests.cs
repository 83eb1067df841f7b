using Linkctl.Reparse;
using Xunit;

namespace Linkctl.Tests.Reparse;

[Trait("Layer", "Pure")]
public class ReparseTagTests
{
    // Values typed from the docs/windows-facts.md table, not from ReparseTag, so a typo in either shows.
    public static TheoryData<uint, string> FactsTable => new()
    {
        { 0xA0000003, "IO_REPARSE_TAG_MOUNT_POINT" },
        { 0xA000000C, "IO_REPARSE_TAG_SYMLINK" },
        { 0x8000001B, "IO_REPARSE_TAG_APPEXECLINK" },
        { 0xA000001D, "IO_REPARSE_TAG_LX_SYMLINK" },
        { 0x80000023, "IO_REPARSE_TAG_AF_UNIX" },
        { 0x80000024, "IO_REPARSE_TAG_LX_FIFO" },
        { 0x80000025, "IO_REPARSE_TAG_LX_CHR" },
        { 0x80000026, "IO_REPARSE_TAG_LX_BLK" },
        { 0x9000001A, "IO_REPARSE_TAG_CLOUD" },
        { 0x9000101A, "IO_REPARSE_TAG_CLOUD_1" },
        { 0x9000201A, "IO_REPARSE_TAG_CLOUD_2" },
        { 0x9000301A, "IO_REPARSE_TAG_CLOUD_3" },
        { 0x9000401A, "IO_REPARSE_TAG_CLOUD_4" },
        { 0x9000501A, "IO_REPARSE_TAG_CLOUD_5" },
        { 0x9000601A, "IO_REPARSE_TAG_CLOUD_6" },
        { 0x9000701A, "IO_REPARSE_TAG_CLOUD_7" },
        { 0x9000801A, "IO_REPARSE_TAG_CLOUD_8" },
        { 0x9000901A, "IO_REPARSE_TAG_CLOUD_9" },
        { 0x9000A01A, "IO_REPARSE_TAG_CLOUD_A" },
        { 0x9000B01A, "IO_REPARSE_TAG_CLOUD_B" },
        { 0x9000C01A, "IO_REPARSE_TAG_CLOUD_C" },
        { 0x9000D01A, "IO_REPARSE_TAG_CLOUD_D" },
        { 0x9000E01A, "IO_REPARSE_TAG_CLOUD_E" },
        { 0x9000F01A, "IO_REPARSE_TAG_CLOUD_F" },
        { 0x80000021, "IO_REPARSE_TAG_ONEDRIVE" },
        { 0x80000013, "IO_REPARSE_TAG_DEDUP" },
        { 0x80000017, "IO_REPARSE_TAG_WOF" },
        { 0x80000008, "IO_REPARSE_TAG_WIM" },
        { 0xC0000004, "IO_REPARSE_TAG_HSM" },
        { 0x80000006, "IO_REPARSE_TAG_HSM2" },
        { 0x80000007, "IO_REPARSE_TAG_SIS" },
        { 0x80000009, "IO_REPARSE_TAG_CSV" },
        { 0x8000000A, "IO_REPARSE_TAG_DFS" },
        { 0x80000012, "IO_REPARSE_TAG_DFSR" },
        { 0x80000014, "IO_REPARSE_TAG_NFS" },
        { 0xC0000014, "IO_REPARSE_TAG_APPXSTRM" },
        { 0x80000015, "IO_REPARSE_TAG_FILE_PLACEHOLDER" },
        { 0x80000018, "IO_REPARSE_TAG_WCI" },
        { 0xA0000019, "IO_REPARSE_TAG_GLOBAL_REPARSE" },
        { 0x9000001C, "IO_REPARSE_TAG_PROJFS" },
        { 0xA0000022, "IO_REPARSE_TAG_PROJFS_TOMBSTONE" },
        { 0x8000001E, "IO_REPARSE_TAG_STORAGE_SYNC" },
        { 0xA000001F, "IO_REPARSE_TAG_WCI_TOMBSTONE" },
        { 0xA0000027, "IO_REPARSE_TAG_WCI_LINK" },
    };

    [Theory]
    [MemberData(nameof(FactsTable))]
    public void NameOf_gives_the_sdk_name_of_every_tag_in_the_facts_table(uint tag, string name)
    {
        Assert.Equal(name, ReparseTag.NameOf(tag));
        Assert.True(ReparseTag.IsMicrosoft(tag));
    }

    [Theory]
    [MemberData(nameof(FactsTable))]
    public void Only_junctions_symlinks_and_wsl_symlinks_are_links(uint tag, string name)
    {
        bool expected = name is "IO_REPARSE_TAG_MOUNT_POINT" or "IO_REPARSE_TAG_SYMLINK" or "IO_REPARSE_TAG_LX_SYMLINK";
        Assert.Equal(expected, ReparseTag.IsLink(tag));
        Assert.Equal(expected || tag == ReparseTag.AppExecLink, ReparseTag.IsLinkLike(tag));
        Assert.Equal(name.StartsWith("IO_REPARSE_TAG_CLOUD", StringComparison.Ordinal), ReparseTag.IsCloud(tag));
    }

    [Theory]
    [InlineData(0x12345678u, "unknown reparse tag 0x12345678")]
    [InlineData(0x00000000u, "unknown reparse tag 0x00000000")]
    [InlineData(0xA00000FFu, "unknown reparse tag 0xA00000FF")]
    [InlineData(0x9000001Bu, "unknown reparse tag 0x9000001B")] // one off the cloud family
    [InlineData(0x9001001Au, "unknown reparse tag 0x9001001A")] // cloud, but a bit outside the 0xF000 mask
    public void Unknown_tags_are_named_with_their_hex_value(uint tag, string name)
    {
        Assert.Equal(name, ReparseTag.NameOf(tag));
        Assert.False(ReparseTag.IsCloud(tag));
    }

    [Fact]
    public void Bits_are_read_from_the_tag_value()
    {
        Assert.True(ReparseTag.IsNameSurrogate(ReparseTag.Symlink));
        Assert.True(ReparseTag.IsNameSurrogate(ReparseTag.MountPoint));
        Assert.True(ReparseTag.IsNameSurrogate(ReparseTag.LxSymlink));
        Assert.False(ReparseTag.IsNameSurrogate(ReparseTag.AppExecLink));
        Assert.False(ReparseTag.IsNameSurrogate(ReparseTag.Dedup));
        // Name surrogates that are still not links: recursion stops, but linkctl never repairs them.
        Assert.True(ReparseTag.IsNameSurrogate(ReparseTag.WciLink));
        Assert.False(ReparseTag.IsLink(ReparseTag.WciLink));
        Assert.False(ReparseTag.IsMicrosoft(0x0000_1234));
        Assert.Equal(ReparseTag.DirectoryBit, ReparseTag.Cloud & ReparseTag.DirectoryBit);
    }
}
