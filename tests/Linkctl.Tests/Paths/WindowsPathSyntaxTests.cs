using Linkctl.Paths;
using Xunit;

namespace Linkctl.Tests.Paths;

[Trait("Layer", "Pure")]
public class WindowsPathSyntaxTests
{
    private static readonly PathSyntax W = PathSyntax.Windows;

    [Fact]
    public void Basics()
    {
        Assert.IsType<WindowsPathSyntax>(PathSyntax.Windows);
        Assert.Equal('\\', W.Separator);
        Assert.Equal(StringComparison.OrdinalIgnoreCase, W.Comparison);
        Assert.Equal(OsFlavour.Windows, PathSyntax.Windows.Flavour);
        Assert.Equal(OsFlavour.Unix, PathSyntax.Unix.Flavour);
        Assert.Same(PathSyntax.Windows, PathSyntax.For(OsFlavour.Windows));
        Assert.Same(PathSyntax.Unix, PathSyntax.For(OsFlavour.Unix));
    }

    [Theory]
    [InlineData(@"C:\x", true)]
    [InlineData(@"c:/x", true)]
    [InlineData(@"C:\", true)]
    [InlineData(@"C:x", false)]
    [InlineData(@"C:", false)]
    [InlineData(@"\x", false)]
    [InlineData(@"/x", false)]
    [InlineData(@"x\y", false)]
    [InlineData(@"..\x", false)]
    [InlineData(@"\\server\share\x", true)]
    [InlineData(@"//server/share/x", true)]
    [InlineData(@"\\?\C:\x", true)]
    [InlineData(@"\\?\UNC\server\share\x", true)]
    [InlineData(@"\\.\C:\x", true)]
    [InlineData(@"\\.\pipe\x", true)]
    [InlineData("", false)]
    public void IsFullyQualified(string path, bool expected) => Assert.Equal(expected, W.IsFullyQualified(path));

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a\b")]
    [InlineData(@"C:/a/b", @"C:\a\b")]
    [InlineData(@"C:\a\\\b\\", @"C:\a\b")]
    [InlineData(@"C:\a\.\b\..\c", @"C:\a\c")]
    [InlineData(@"C:\..\a", @"C:\a")]
    [InlineData(@"C:\..\..\..", @"C:\")]
    [InlineData(@"C:\a\..", @"C:\")]
    [InlineData(@"C:\trailing.dot.", @"C:\trailing.dot")]
    [InlineData(@"C:\name. . ", @"C:\name")]
    [InlineData(@"C:\dir. \file", @"C:\dir\file")]
    [InlineData(@"C:\a\...", @"C:\a")]
    [InlineData(@"C:\with space\ünïcødé ✓", @"C:\with space\ünïcødé ✓")]
    [InlineData(@"C:\-dash", @"C:\-dash")]
    [InlineData(@"\\server\share\a\..\..\..\b", @"\\server\share\b")]
    [InlineData(@"//server/share/a/./b", @"\\server\share\a\b")]
    [InlineData(@"\\server\share", @"\\server\share\")]
    [InlineData(@"\\.\C:\a\..\..\b", @"\\.\C:\b")]
    [InlineData(@"//?/C:/a/../b", @"\\?\C:\b")]
    public void GetFullPath_OfFullPath(string path, string expected) =>
        Assert.Equal(expected, W.GetFullPath(path, @"Z:\ignored"));

    [Theory]
    [InlineData(@"\\?\C:\a\..\b.")]
    [InlineData(@"\\?\C:\a/b")]
    [InlineData(@"\\?\UNC\server\share\x.")]
    public void GetFullPath_LeavesExtendedPathsVerbatim(string path) => Assert.Equal(path, W.GetFullPath(path, @"C:\base"));

    [Theory]
    [InlineData(@"x", @"C:\base", @"C:\base\x")]
    [InlineData(@"x/y", @"C:\base", @"C:\base\x\y")]
    [InlineData(@"..\x", @"C:\base\sub", @"C:\base\x")]
    [InlineData(@"..\..\..\..\x", @"C:\base", @"C:\x")]
    [InlineData(@".", @"C:\base", @"C:\base")]
    [InlineData(@"\x", @"C:\base\sub", @"C:\x")]
    [InlineData(@"/x", @"D:\base", @"D:\x")]
    [InlineData(@"\x", @"\\server\share\dir", @"\\server\share\x")]
    [InlineData(@"..\..\x", @"\\server\share\dir", @"\\server\share\x")]
    [InlineData(@"C:x", @"C:\base", @"C:\base\x")]
    [InlineData(@"c:x", @"C:\base", @"C:\base\x")]
    [InlineData(@"D:x", @"C:\base", @"D:\x")]
    [InlineData(@"C:..\x", @"C:\base\sub", @"C:\base\x")]
    [InlineData(@"x.", @"C:\base", @"C:\base\x")]
    [InlineData(@"..\x.", @"\\?\C:\base\sub", @"\\?\C:\base\x.")]
    [InlineData(@"C:y", @"\\?\C:\base", @"\\?\C:\base\y")]
    public void GetFullPath_OfRelativePath(string path, string baseDirectory, string expected) =>
        Assert.Equal(expected, W.GetFullPath(path, baseDirectory));

    [Theory]
    [InlineData("x", "relative")]
    [InlineData("x", @"\rooted")]
    [InlineData("x", "C:driverelative")]
    public void GetFullPath_NeedsFullBase(string path, string baseDirectory) =>
        Assert.Throws<ArgumentException>(() => W.GetFullPath(path, baseDirectory));

    [Theory]
    [InlineData(@"C:\a\b", @"C:\")]
    [InlineData(@"c:/a", @"c:\")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData(@"\\server\share\a\b", @"\\server\share\")]
    [InlineData(@"\\server\share", @"\\server\share\")]
    [InlineData(@"\\?\C:\a", @"\\?\C:\")]
    [InlineData(@"\\?\UNC\server\share\a", @"\\?\UNC\server\share\")]
    [InlineData(@"\\?\Volume{12345678-1234-1234-1234-123456789abc}\a", @"\\?\Volume{12345678-1234-1234-1234-123456789abc}\")]
    [InlineData(@"\\.\C:\a", @"\\.\C:\")]
    [InlineData(@"\x", @"\")]
    [InlineData(@"C:x", @"C:")]
    [InlineData(@"x\y", "")]
    public void GetRoot(string path, string expected) => Assert.Equal(expected, W.GetRoot(path));

    [Theory]
    [InlineData(@"\\server\share\x", true)]
    [InlineData(@"//server/share/x", true)]
    [InlineData(@"\\?\UNC\server\share\x", true)]
    [InlineData(@"\\?\unc\server\share\x", true)]
    [InlineData(@"\\.\UNC\server\share\x", true)]
    [InlineData(@"\\?\C:\x", false)]
    [InlineData(@"\\.\C:\x", false)]
    [InlineData(@"C:\x", false)]
    [InlineData(@"\x", false)]
    [InlineData(@"x", false)]
    public void IsUnc(string path, bool expected) => Assert.Equal(expected, W.IsUnc(path));

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a")]
    [InlineData(@"C:\a", @"C:\")]
    [InlineData(@"C:\", null)]
    [InlineData(@"\\server\share\x", @"\\server\share\")]
    [InlineData(@"\\server\share\", null)]
    [InlineData(@"\\?\C:\a\b", @"\\?\C:\a")]
    [InlineData(@"C:/a/b", @"C:\a")]
    [InlineData(@"a\b", "a")]
    public void GetDirectoryName(string path, string? expected) => Assert.Equal(expected, W.GetDirectoryName(path));

    [Theory]
    [InlineData(@"C:\a\b.txt", "b.txt")]
    [InlineData(@"C:/a/b", "b")]
    [InlineData(@"C:x", "x")]
    [InlineData(@"C:\", "")]
    [InlineData(@"\\server\share", "")]
    [InlineData(@"\\?\C:\a\weird/name", "weird/name")]
    [InlineData("name", "name")]
    public void GetFileName(string path, string expected) => Assert.Equal(expected, W.GetFileName(path));

    [Theory]
    [InlineData(@"C:\a", "b", @"C:\a\b")]
    [InlineData(@"C:\a\", "b", @"C:\a\b")]
    [InlineData(@"C:\a", @"D:\b", @"D:\b")]
    [InlineData(@"C:\a", @"\b", @"\b")]
    [InlineData(@"C:\a", @"\\s\h\b", @"\\s\h\b")]
    [InlineData(@"C:", "b", @"C:b")]
    [InlineData("", "b", "b")]
    [InlineData(@"C:\a", "", @"C:\a")]
    public void Combine(string directory, string relative, string expected) => Assert.Equal(expected, W.Combine(directory, relative));

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a\b\c\d", @"c\d")]
    [InlineData(@"C:\a\b", @"C:\a\x", @"..\x")]
    [InlineData(@"C:\a\b", @"C:\a\b", ".")]
    [InlineData(@"C:\a\b", @"c:\A\B\file", "file")]
    [InlineData(@"C:\", @"C:\x", "x")]
    [InlineData(@"C:\a\b", @"C:\", @"..\..")]
    [InlineData(@"\\server\share\a", @"\\server\share\b\c", @"..\b\c")]
    [InlineData(@"\\SERVER\Share\a", @"\\server\share\b", @"..\b")]
    [InlineData(@"\\?\C:\a", @"C:\a\b", "b")]
    [InlineData(@"\\?\UNC\server\share\a", @"\\server\share\b", @"..\b")]
    [InlineData(@"C:\a\..\b", @"C:\b\c", "c")]
    public void GetRelativePath(string from, string to, string expected) => Assert.Equal(expected, W.GetRelativePath(from, to));

    [Theory]
    [InlineData(@"C:\a", @"D:\a")]
    [InlineData(@"C:\a", @"\\server\share\a")]
    [InlineData(@"\\server\share\a", @"\\server\other\a")]
    [InlineData(@"\\server\share\a", @"\\other\share\a")]
    [InlineData(@"\\?\C:\a", @"\\?\D:\a")]
    public void GetRelativePath_NullAcrossDrivesAndShares(string from, string to) => Assert.Null(W.GetRelativePath(from, to));

    [Theory]
    [InlineData(@"C:\Folder\File.TXT", @"c:\folder\file.txt", true)]
    [InlineData(@"C:\Folder\", @"c:\FOLDER", true)]
    [InlineData(@"\\SERVER\Share\x", @"\\server\share\X", true)]
    [InlineData(@"C:\ÄBC", @"c:\äbc", true)]
    [InlineData(@"C:\a", @"C:\b", false)]
    [InlineData(@"C:\", @"C:", false)]
    public void PathEquals_IsCaseInsensitive(string a, string b, bool expected) => Assert.Equal(expected, W.PathEquals(a, b));

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a", true)]
    [InlineData(@"c:\A\B", @"C:\a\", true)]
    [InlineData(@"C:\a", @"C:\a", true)]
    [InlineData(@"C:\a", @"C:\", true)]
    [InlineData(@"C:\ab", @"C:\a", false)]
    [InlineData(@"C:\a", @"C:\a\b", false)]
    [InlineData(@"D:\a\b", @"C:\a", false)]
    [InlineData(@"\\server\share\x\y", @"\\SERVER\share\", true)]
    [InlineData(@"\\server\share2\x", @"\\server\share", false)]
    public void IsSameOrBelow(string path, string ancestor, bool expected) => Assert.Equal(expected, W.IsSameOrBelow(path, ancestor));

    [Theory]
    [InlineData(@"C:\short\path")]
    [InlineData(@"\\server\share\x")]
    [InlineData(@"\\?\C:\already\extended")]
    public void ToOsPath_LeavesShortAndExtendedPathsAlone(string path) => Assert.Equal(path, W.ToOsPath(path));

    [Fact]
    public void ToOsPath_AddsPrefixFromMaxPathOn()
    {
        var just259 = @"C:\" + new string('a', 256);
        var just260 = @"C:\" + new string('a', 257);
        Assert.Equal(259, just259.Length);
        Assert.Equal(just259, W.ToOsPath(just259));
        Assert.Equal(@"\\?\" + just260, W.ToOsPath(just260));
    }

    [Fact]
    public void ToOsPath_NormalisesBeforePrefixing()
    {
        // A \\?\ path is not normalised by Windows, so '/' and ".." must be resolved first.
        var name = new string('b', 200);
        var path = @"C:/x/../" + name + "/" + name;
        Assert.Equal(@"\\?\C:\" + name + @"\" + name, W.ToOsPath(path));
    }

    [Fact]
    public void ToOsPath_UsesUncPrefixForShares()
    {
        var path = @"\\server\share\" + new string('c', 250);
        Assert.Equal(@"\\?\UNC\server\share\" + new string('c', 250), W.ToOsPath(path));
    }

    [Fact]
    public void ToOsPath_RefusesRelativePaths() => Assert.Throws<ArgumentException>(() => W.ToOsPath(@"rel\" + new string('a', 300)));

    [Theory]
    [InlineData(@"C:\folder\file.txt")]
    [InlineData(@"C:\with space\and more spaces")]
    [InlineData(@"C:\ünïcødé\日本語\emoji 😀")]
    [InlineData(@"C:\-leading-dash")]
    [InlineData(@"C:\.hidden")]
    [InlineData(@"C:\a.b.c")]
    [InlineData(@"C:\CONSOLE")]
    [InlineData(@"C:\COM10")]
    [InlineData(@"C:\LPT")]
    [InlineData(@"C:\nul_file")]
    [InlineData(@"C:\COM¹x")]
    [InlineData(@"relative\target")]
    [InlineData(@"..\..\up\target")]
    [InlineData(@".\here")]
    [InlineData(@"C:relative")]
    [InlineData(@"\rooted")]
    [InlineData(@"\\server\share\dir")]
    [InlineData(@"\\?\C:\trailing.dot.")]
    [InlineData(@"\\?\C:\trailing space ")]
    [InlineData(@"\\?\UNC\server\share\x")]
    [InlineData(@"\\.\C:\x")]
    [InlineData(@"\\.\COM1")]
    [InlineData(@"C:/forward/slashes")]
    public void Validate_Accepts(string path) => Assert.Null(W.Validate(path));

    [Theory]
    [InlineData("", null)]
    [InlineData("C:\\new\nline", "\"new\\nline\"")]
    [InlineData("C:\\tab\there", "\"tab\\there\"")]
    [InlineData("C:\\bell\u0007", "\"bell\\u0007\"")]
    [InlineData("C:\\nul\0inside", "\"nul\\u0000inside\"")]
    [InlineData(@"C:\a<b", "\"a<b\"")]
    [InlineData(@"C:\a>b", "\"a>b\"")]
    [InlineData(@"C:\a:b", "\"a:b\"")]
    [InlineData("C:\\a\"b", "\"a\"b\"")]
    [InlineData(@"C:\a|b", "\"a|b\"")]
    [InlineData(@"C:\a?b", "\"a?b\"")]
    [InlineData(@"C:\a*b", "\"a*b\"")]
    [InlineData(@"C:\dir\file.txt:stream", "\"file.txt:stream\"")]
    [InlineData(@"\\?\C:\a?b", "\"a?b\"")]
    [InlineData(@"\\?\C:\a\b/c", "\"b/c\"")]
    [InlineData(@"\??\C:\nt", "\"??\"")]
    [InlineData(@"C:\CON", "\"CON\"")]
    [InlineData(@"C:\con", "\"con\"")]
    [InlineData(@"C:\dir\PRN\x", "\"PRN\"")]
    [InlineData(@"aux", "\"aux\"")]
    [InlineData(@"C:\nul.txt", "\"nul.txt\"")]
    [InlineData(@"C:\NUL.tar.gz", "\"NUL.tar.gz\"")]
    [InlineData(@"C:\com1.txt", "\"com1.txt\"")]
    [InlineData(@"C:\COM0", "\"COM0\"")]
    [InlineData(@"C:\COM9", "\"COM9\"")]
    [InlineData(@"C:\lpt0", "\"lpt0\"")]
    [InlineData(@"C:\LPT9.log", "\"LPT9.log\"")]
    [InlineData(@"C:\COM¹", "\"COM¹\"")]
    [InlineData(@"C:\com²", "\"com²\"")]
    [InlineData(@"C:\LPT¹", "\"LPT¹\"")]
    [InlineData(@"C:\lpt³.txt", "\"lpt³.txt\"")]
    [InlineData(@"C:\CON ", "\"CON \"")]
    [InlineData(@"C:\nul.", "\"nul.\"")]
    [InlineData(@"C:\nul .txt", "\"nul .txt\"")]
    [InlineData(@"\\?\C:\CON", "\"CON\"")]
    [InlineData(@"C:\trailing.dot.", "\"trailing.dot.\"")]
    [InlineData(@"C:\trailing space ", "\"trailing space \"")]
    [InlineData(@"C:\dir.\file", "\"dir.\"")]
    [InlineData(@"C:\a\...", "\"...\"")]
    [InlineData(@"rel\name.", "\"name.\"")]
    public void Validate_Refuses(string path, string? namedInWhy)
    {
        var problem = W.Validate(path);
        Assert.NotNull(problem);
        Assert.False(string.IsNullOrWhiteSpace(problem.Why));
        Assert.False(string.IsNullOrWhiteSpace(problem.Next));
        if (namedInWhy is not null)
        {
            Assert.Contains(namedInWhy, problem.Why);
        }
    }

    [Fact]
    public void Validate_ExplainsTrailingDotAndOffersExtendedPrefix()
    {
        var problem = W.Validate(@"C:\links\report.");
        Assert.NotNull(problem);
        Assert.Contains("strips", problem.Why);
        Assert.Contains("\"report\"", problem.Why);
        Assert.Contains(@"\\?\", problem.Next);

        // The advice must hold: the suggested \\?\ form is accepted and kept verbatim.
        var extended = @"\\?\C:\links\report.";
        Assert.Null(W.Validate(extended));
        Assert.Equal(extended, W.GetFullPath(extended, @"C:\"));
    }

    [Fact]
    public void Validate_ReservedNameSaysRename()
    {
        var problem = W.Validate(@"C:\dir\LPT¹");
        Assert.NotNull(problem);
        Assert.Contains("reserved device name", problem.Why);
        Assert.Contains("Rename", problem.Next);
    }

    [Fact]
    public void Validate_ComponentLength()
    {
        var ok = new string('n', 255);
        var tooLong = new string('n', 256);
        Assert.Null(W.Validate(@"C:\" + ok));
        var problem = W.Validate(@"C:\dir\" + tooLong + @"\x");
        Assert.NotNull(problem);
        Assert.Contains("256 characters", problem.Why);
        Assert.Contains("255", problem.Next);
    }

    [Fact]
    public void Validate_LongPaths()
    {
        // Longer than MAX_PATH is fine (ToOsPath adds \\?\); longer than 32767 is not.
        var name = new string('d', 200);
        var over260 = @"C:\" + string.Join('\\', Enumerable.Repeat(name, 3));
        Assert.True(over260.Length > 260);
        Assert.Null(W.Validate(over260));

        var nearLimit = @"\\?\C:\" + string.Join('\\', Enumerable.Repeat(name, 162));
        Assert.InRange(nearLimit.Length, 32000, 32767);
        Assert.Null(W.Validate(nearLimit));

        var overLimit = @"\\?\C:\" + string.Join('\\', Enumerable.Repeat(name, 164));
        Assert.True(overLimit.Length > 32767);
        var problem = W.Validate(overLimit);
        Assert.NotNull(problem);
        Assert.Contains("32767", problem.Why);
        Assert.Contains($"{overLimit.Length}", problem.Why);
    }

    [Fact]
    public void Validate_ShowsControlCharactersEscaped()
    {
        var problem = W.Validate("C:\\x\ny");
        Assert.NotNull(problem);
        Assert.DoesNotContain("\n", problem.Why);
        Assert.Contains("U+000A", problem.Why);
    }

    [Theory]
    [InlineData("CON", true)]
    [InlineData("con.txt", true)]
    [InlineData("Com1.tar.gz", true)]
    [InlineData("LPT²", true)]
    [InlineData("aux  ", true)]
    [InlineData("CONX", false)]
    [InlineData("COM", false)]
    [InlineData("COM10", false)]
    [InlineData("COM⁴", false)]
    [InlineData("xcon", false)]
    [InlineData(".con", false)]
    public void IsReservedDeviceName(string name, bool expected) => Assert.Equal(expected, WindowsPathSyntax.IsReservedDeviceName(name));
}
