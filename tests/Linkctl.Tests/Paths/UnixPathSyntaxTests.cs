using System.Text;
using Linkctl.Paths;
using Xunit;

namespace Linkctl.Tests.Paths;

[Trait("Layer", "Pure")]
public class UnixPathSyntaxTests
{
    private static readonly PathSyntax U = PathSyntax.Unix;

    [Fact]
    public void Basics()
    {
        Assert.IsType<UnixPathSyntax>(PathSyntax.Unix);
        Assert.Equal('/', U.Separator);
        Assert.Equal(StringComparison.Ordinal, U.Comparison);
    }

    [Theory]
    [InlineData("/a", true)]
    [InlineData("/", true)]
    [InlineData("a/b", false)]
    [InlineData("./a", false)]
    [InlineData(@"C:\a", false)]
    [InlineData(@"\\server\share", false)]
    [InlineData("", false)]
    public void IsFullyQualified(string path, bool expected) => Assert.Equal(expected, U.IsFullyQualified(path));

    [Theory]
    [InlineData("/a/b", "/ignored", "/a/b")]
    [InlineData("/a//b///", "/ignored", "/a/b")]
    [InlineData("/a/./b/../c", "/ignored", "/a/c")]
    [InlineData("/../../a", "/ignored", "/a")]
    [InlineData("/..", "/ignored", "/")]
    [InlineData("//a", "/ignored", "/a")]
    [InlineData("x", "/base", "/base/x")]
    [InlineData("../x", "/base/sub", "/base/x")]
    [InlineData("../../../../x", "/base", "/x")]
    [InlineData(".", "/base/", "/base")]
    [InlineData("trailing.dot.", "/base", "/base/trailing.dot.")]
    [InlineData("trailing space ", "/base", "/base/trailing space ")]
    [InlineData("-rf", "/base", "/base/-rf")]
    [InlineData("new\nline", "/base", "/base/new\nline")]
    [InlineData(@"back\slash", "/base", @"/base/back\slash")]
    [InlineData("ünïcødé ✓", "/base", "/base/ünïcødé ✓")]
    [InlineData("CON", "/base", "/base/CON")]
    public void GetFullPath(string path, string baseDirectory, string expected) => Assert.Equal(expected, U.GetFullPath(path, baseDirectory));

    [Fact]
    public void GetFullPath_NeedsFullBase() => Assert.Throws<ArgumentException>(() => U.GetFullPath("x", "relative"));

    [Theory]
    [InlineData("x", "/base")]
    [InlineData("../x/./y", "/base/sub")]
    [InlineData("/a//b/../../../c/", "/")]
    [InlineData("a/b/../../..", "/p/q")]
    [InlineData(" spaced /dir", "/base")]
    public void GetFullPath_AgreesWithDotNetOnUnix(string path, string baseDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // System.IO.Path follows Windows rules there; nothing to compare against.
        }

        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, baseDirectory)), U.GetFullPath(path, baseDirectory));
    }

    [Theory]
    [InlineData("/a/b", "/a/b/c/d", "c/d")]
    [InlineData("/a/b", "/a/x", "../x")]
    [InlineData("/a/b", "/a/b", ".")]
    [InlineData("/", "/x", "x")]
    [InlineData("/a/b", "/", "../..")]
    [InlineData("/A/b", "/a/b", "../../a/b")]
    [InlineData("/a/./b/", "/a/b/c", "c")]
    public void GetRelativePath(string from, string to, string expected) => Assert.Equal(expected, U.GetRelativePath(from, to));

    [Theory]
    [InlineData("/a", "/b/c")]
    [InlineData("/a/b/c", "/a/x/y")]
    [InlineData("/", "/")]
    public void GetRelativePath_AgreesWithDotNetOnUnix(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(Path.GetRelativePath(from, to), U.GetRelativePath(from, to));
    }

    [Theory]
    [InlineData("/a/b", "/a")]
    [InlineData("/a", "/")]
    [InlineData("/", null)]
    [InlineData("a/b", "a")]
    [InlineData("/a/b/", "/a")]
    public void GetDirectoryName(string path, string? expected) => Assert.Equal(expected, U.GetDirectoryName(path));

    [Theory]
    [InlineData("/a/b.txt", "b.txt")]
    [InlineData(@"/a/back\slash", @"back\slash")]
    [InlineData("/", "")]
    [InlineData("name", "name")]
    public void GetFileName(string path, string expected) => Assert.Equal(expected, U.GetFileName(path));

    [Theory]
    [InlineData("/a", "b", "/a/b")]
    [InlineData("/a/", "b", "/a/b")]
    [InlineData("/a", "/b", "/b")]
    [InlineData("/a", @"\b", @"/a/\b")]
    [InlineData("", "b", "b")]
    public void Combine(string directory, string relative, string expected) => Assert.Equal(expected, U.Combine(directory, relative));

    [Theory]
    [InlineData("/a/b", "/")]
    [InlineData("/", "/")]
    [InlineData("a", "")]
    public void GetRoot(string path, string expected) => Assert.Equal(expected, U.GetRoot(path));

    [Theory]
    [InlineData("/a")]
    [InlineData("//server/share")]
    [InlineData(@"\\server\share")]
    public void IsUnc_IsAlwaysFalse(string path) => Assert.False(U.IsUnc(path));

    [Theory]
    [InlineData("/a/B", "/a/b", false)]
    [InlineData("/a/b/", "/a/b", true)]
    [InlineData("/a/b", "/a/b", true)]
    public void PathEquals_IsOrdinal(string a, string b, bool expected) => Assert.Equal(expected, U.PathEquals(a, b));

    [Theory]
    [InlineData("/a/b", "/a", true)]
    [InlineData("/a", "/", true)]
    [InlineData("/ab", "/a", false)]
    [InlineData("/A/b", "/a", false)]
    [InlineData("/a/b", "/a/", true)]
    public void IsSameOrBelow(string path, string ancestor, bool expected) => Assert.Equal(expected, U.IsSameOrBelow(path, ancestor));

    [Fact]
    public void ToOsPath_IsIdentity()
    {
        var longPath = "/" + string.Join('/', Enumerable.Repeat(new string('a', 200), 10));
        Assert.Equal(longPath, U.ToOsPath(longPath));
    }

    [Theory]
    [InlineData("/plain")]
    [InlineData("relative/target")]
    [InlineData("../up")]
    [InlineData("/with space/and more ")]
    [InlineData("/new\nline")]
    [InlineData("/tab\tand\u0001control")]
    [InlineData("-rf")]
    [InlineData("--")]
    [InlineData("/trailing.dot.")]
    [InlineData("/CON")]
    [InlineData("/com1.txt")]
    [InlineData("/LPT¹")]
    [InlineData("/a<b>c:d\"e|f?g*h")]
    [InlineData(@"/back\slash")]
    [InlineData("/ünïcødé/日本語/emoji 😀")]
    public void Validate_AcceptsEverythingButNul(string path) => Assert.Null(U.Validate(path));

    [Fact]
    public void Validate_RefusesEmpty()
    {
        var problem = U.Validate("");
        Assert.NotNull(problem);
        Assert.Contains("empty", problem.Why);
    }

    [Fact]
    public void Validate_RefusesNulAndNamesTheComponent()
    {
        var problem = U.Validate("/dir/bad\0name/x");
        Assert.NotNull(problem);
        Assert.Contains("\"bad\\u0000name\"", problem.Why);
        Assert.Contains("NUL", problem.Why);
        Assert.False(string.IsNullOrWhiteSpace(problem.Next));
    }

    [Fact]
    public void Validate_NameLimitIsInUtf8Bytes()
    {
        Assert.Null(U.Validate("/" + new string('a', 255)));
        Assert.NotNull(U.Validate("/" + new string('a', 256)));

        // 128 two-byte letters are 128 characters but 256 bytes.
        var wide = new string('é', 128);
        Assert.Equal(256, Encoding.UTF8.GetByteCount(wide));
        var problem = U.Validate("/dir/" + wide);
        Assert.NotNull(problem);
        Assert.Contains("256 bytes", problem.Why);
        Assert.Null(U.Validate("/dir/" + new string('é', 127)));
    }

    [Fact]
    public void Validate_PathLimitIsInUtf8Bytes()
    {
        var name = new string('a', 255);
        var fits = "/" + string.Join('/', Enumerable.Repeat(name, 15)) + "/" + new string('b', 4095 - 1 - (15 * 256));
        Assert.Equal(4095, Encoding.UTF8.GetByteCount(fits));
        Assert.Null(U.Validate(fits));

        var problem = U.Validate(fits + "c");
        Assert.NotNull(problem);
        Assert.Contains("4096 bytes", problem.Why);

        // Over 32767 characters too, for symmetry with the Windows limit test.
        Assert.NotNull(U.Validate("/" + string.Join('/', Enumerable.Repeat(name, 130))));
    }
}
