using Linkctl.Diagnosis;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

public sealed class ExplanationsTests
{
    [Theory]
    [InlineData("1", "win32-1")]
    [InlineData("5", "win32-5")]
    [InlineData("17", "win32-17")]
    [InlineData("87", "win32-87")]
    [InlineData("183", "win32-183")]
    [InlineData("1142", "win32-1142")]
    [InlineData("1314", "win32-1314")]
    [InlineData("1463", "win32-1463")]
    [InlineData("1464", "win32-1464")]
    [InlineData("4390", "win32-4390")]
    [InlineData("448", "win32-448")]
    [InlineData("3", "win32-3")]
    [InlineData("The system cannot find the path specified.", "win32-3")]
    [InlineData("ERROR_UNTRUSTED_MOUNT_POINT", "win32-448")]
    [InlineData("[WinError 448] The path cannot be traversed because it contains an untrusted mount point", "win32-448")]
    [InlineData("This application does not support the current operation on symbolic links.", "win32-1464")]
    [InlineData("ERROR_INVALID_FUNCTION", "win32-1")]
    [InlineData("ACCESS_DENIED", "win32-5")]
    [InlineData("ERROR_NOT_SAME_DEVICE", "win32-17")]
    [InlineData("invalid_parameter", "win32-87")]
    [InlineData("ERROR_ALREADY_EXISTS", "win32-183")]
    [InlineData("TOO_MANY_LINKS", "win32-1142")]
    [InlineData("ERROR_PRIVILEGE_NOT_HELD", "win32-1314")]
    [InlineData("PRIVILEGE_NOT_HELD", "win32-1314")]
    [InlineData("ERROR_SYMLINK_CLASS_DISABLED", "win32-1463")]
    [InlineData("SYMLINK_NOT_SUPPORTED", "win32-1464")]
    [InlineData("ERROR_NOT_A_REPARSE_POINT", "win32-4390")]
    [InlineData("WinError 1314", "win32-1314")]
    [InlineData("[WinError 1314]", "win32-1314")]
    [InlineData("0x80070522", "win32-1314")]
    [InlineData("Exception from HRESULT: 0x800705B7", "win32-1463")]
    [InlineData("You do not have sufficient privilege to perform this operation.", "win32-1314")]
    [InlineData("A required privilege is not held by the client.", "win32-1314")]
    [InlineData("The symbolic link cannot be followed because its type is disabled.", "win32-1463")]
    [InlineData("Access is denied.", "win32-5")]
    [InlineData("EPERM", "errno-eperm")]
    [InlineData("ENOSYS", "errno-enosys")]
    [InlineData("EXDEV", "errno-exdev")]
    [InlineData("EROFS", "errno-erofs")]
    [InlineData("ELOOP", "errno-eloop")]
    [InlineData("EACCES", "errno-eacces")]
    [InlineData("EEXIST", "errno-eexist")]
    [InlineData("eperm", "errno-eperm")]
    [InlineData("ln: failed to create symbolic link 'x': Read-only file system", "errno-erofs")]
    [InlineData("ln: failed to create hard link 'b' => 'a': Invalid cross-device link", "errno-exdev")]
    [InlineData("errno: -4048", "errno-eperm")]
    public void Known_inputs_are_explained(string input, string id)
    {
        var result = Explanations.Explain(input);
        Assert.True(result.Known);
        Assert.Equal(id, result.Matches[0].Explanation.Id);
    }

    [Fact]
    public void Python_traceback_is_win32_1314_once()
    {
        var result = Explanations.Explain("Traceback (most recent call last):\n  File \"x.py\", line 2, in <module>\n    os.symlink('a', 'b')\nOSError: [WinError 1314] A required privilege is not held by the client: 'a' -> 'b'");
        var match = Assert.Single(result.Matches);
        Assert.Equal("win32-1314", match.Explanation.Id);
        Assert.Equal("WinError 1314", match.MatchedText);
    }

    [Fact]
    public void Npm_symlink_eperm_is_the_node_entry_not_the_generic_one()
    {
        var result = Explanations.Explain("npm ERR! Error: EPERM: operation not permitted, symlink '..\\lib\\node_modules\\pkg' -> 'C:\\proj\\node_modules\\pkg'\nnpm ERR!  errno: -4048");
        var match = Assert.Single(result.Matches);
        Assert.Equal("node-eperm-symlink", match.Explanation.Id);
        Assert.Contains(match.Explanation.Fixes, f => f.Contains("'junction'"));
    }

    [Fact]
    public void Mklink_access_denied_lists_the_causes_in_order()
    {
        var e = Explanations.Explain("C:\\> mklink /D C:\\Program Files\\x D:\\x\nAccess is denied.").Matches.Single().Explanation;
        Assert.Equal("win32-5", e.Id);
        Assert.Contains("not elevated", e.Causes[0]);
        Assert.Contains("/H", e.Causes[1]);
        Assert.Contains("already exists", e.Causes[2]);
        Assert.Contains("swapped", e.Causes[3]);
        Assert.Contains("mapped", e.Causes[4]);
    }

    [Fact]
    public void Privilege_fixes_name_linkctl_and_windows_tools()
    {
        var fixes = string.Join("\n", Explanations.ById("win32-1314").Fixes);
        Assert.Contains("linkctl fix devmode", fixes);
        Assert.Contains("Settings > System > For developers", fixes);
        Assert.Contains("secpol.msc > Local Policies > User Rights Assignment > Create symbolic links", fixes);
        Assert.Contains("mklink /J", fixes);
        Assert.Contains("fsutil behavior set SymlinkEvaluation", string.Join("\n", Explanations.ById("win32-1463").Fixes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("42")]
    [InlineData("ERROR_FILE_NOT_FOUND")]
    [InlineData("C:\\Users\\ann\\2019\\report 1314.txt")]
    [InlineData("EFOO")]
    [InlineData("segmentation fault")]
    public void Unknown_inputs_are_not_matched(string input)
    {
        var result = Explanations.Explain(input);
        Assert.False(result.Known);
        Assert.Empty(result.Matches);
    }

    [Fact]
    public void Every_entry_has_causes_and_fixes()
    {
        Assert.All(Explanations.All, e =>
        {
            Assert.NotEmpty(e.Causes);
            Assert.NotEmpty(e.Fixes);
            Assert.False(string.IsNullOrWhiteSpace(e.Meaning));
        });
    }
}
