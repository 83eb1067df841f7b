using Linkctl.Reparse;
using Xunit;

namespace Linkctl.Tests.Reparse;

[Trait("Layer", "Pure")]
public class NtPathTests
{
    [Theory]
    [InlineData(@"C:\x", @"\??\C:\x")]
    [InlineData(@"C:\", @"\??\C:\")]
    [InlineData(@"c:/dir/file", @"\??\c:\dir\file")]
    [InlineData(@"\\server\share\x", @"\??\UNC\server\share\x")]
    [InlineData(@"\\?\C:\long", @"\??\C:\long")]
    [InlineData(@"\\.\C:\dev", @"\??\C:\dev")]
    [InlineData(@"\\?\UNC\server\share", @"\??\UNC\server\share")]
    [InlineData(@"\\?\Volume{01234567-89ab-cdef-0123-456789abcdef}\", @"\??\Volume{01234567-89ab-cdef-0123-456789abcdef}\")]
    [InlineData(@"\??\C:\already", @"\??\C:\already")]
    public void ToNtPath_maps_win32_forms_to_the_nt_namespace(string windows, string nt) =>
        Assert.Equal(nt, ReparseBufferCodec.ToNtPath(windows));

    [Theory]
    [InlineData(@"\??\C:\x", @"C:\x")]
    [InlineData(@"\??\C:\", @"C:\")]
    [InlineData(@"\??\UNC\server\share\x", @"\\server\share\x")]
    [InlineData(@"\??\unc\server\share", @"\\server\share")]
    [InlineData(@"\??\Volume{01234567-89ab-cdef-0123-456789abcdef}\", @"\\?\Volume{01234567-89ab-cdef-0123-456789abcdef}\")]
    [InlineData(@"..\relative", @"..\relative")]
    [InlineData(@"\Device\HarddiskVolume2\x", @"\Device\HarddiskVolume2\x")]
    public void FromNtPath_strips_the_prefix(string nt, string windows) =>
        Assert.Equal(windows, ReparseBufferCodec.FromNtPath(nt));

    [Theory]
    [InlineData("relative")]
    [InlineData(@"..\up")]
    [InlineData(@"C:drive-relative")]
    [InlineData(@"\rooted")]
    [InlineData("")]
    public void ToNtPath_rejects_paths_that_are_not_fully_qualified(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => ReparseBufferCodec.ToNtPath(path));
        Assert.Contains("not a full path", e.Message, StringComparison.Ordinal);
    }
}
