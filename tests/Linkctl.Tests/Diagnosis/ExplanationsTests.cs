using Linkctl.Diagnosis;
using Xunit;

namespace Linkctl.Tests.Diagnosis;

[Trait("Layer", "Pure")]
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
    [InlineData("errno: -4048", "libuv-eperm-windows")]
    [InlineData("2", "win32-2")]
    [InlineData("50", "win32-50")]
    [InlineData("1920", "win32-1920")]
    [InlineData("1921", "win32-1921")]
    [InlineData("ERROR_FILE_NOT_FOUND", "win32-2")]
    [InlineData("ERROR_CANT_RESOLVE_FILENAME", "win32-1921")]
    [InlineData("ENOENT", "errno-enoent")]
    [InlineData("ENAMETOOLONG", "errno-enametoolong")]
    [InlineData("ENOTSUP", "errno-enotsup")]
    [InlineData("EOPNOTSUPP", "errno-enotsup")]
    [InlineData("-4048", "libuv-eperm-windows")]
    [InlineData("-4058", "errno-enoent")]
    [InlineData("Local NTFS volumes are required to complete the operation.", "mklink-local-ntfs")]
    [InlineData("Local NTFS volumes are required to complete this operation.", "mklink-local-ntfs")]
    [InlineData("The system cannot find the file specified.", "win32-2")]
    [InlineData("The syntax of the command is incorrect.", "mklink-syntax")]
    [InlineData("New-Item : Administrator privilege required for this operation.", "powershell-elevation-required")]
    [InlineData("New-Item: Symbolic links are not supported for the specified path.", "win32-1")]
    [InlineData("failed to query metadata of C:\\x\\python.exe: The path cannot be traversed because it contains an untrusted mount point. (os error 448)", "win32-448")]
    [InlineData("error: unable to create symlink docs/link: Permission denied", "git-symlink")]
    [InlineData("The file cannot be accessed by the system.", "win32-1920")]
    [InlineData("The name of the file cannot be resolved by the system.", "win32-1921")]
    [InlineData("ln: failed to create symbolic link 'a/b': No such file or directory", "errno-enoent")]
    [InlineData("ln: failed to create symbolic link 'x': File name too long", "errno-enametoolong")]
    [InlineData("ln: failed to create symbolic link 'x': Operation not supported", "errno-enotsup")]
    [InlineData("Error: ENOENT: no such file or directory, symlink '../a' -> 'b'", "errno-enoent")]
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
    [InlineData("-1")]
    [InlineData("not supported")]
    [InlineData("the operation")]
    [InlineData("2 3 hello")]
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

    [Theory]
    [InlineData("sufficient privilege to perform", "win32-1314")]
    [InlineData("Local NTFS volumes are required", "mklink-local-ntfs")]
    [InlineData("cannot find the path specified", "win32-3")]
    [InlineData("required privilege is not", "win32-1314")]
    [InlineData("syntax of the command", "mklink-syntax")]
    public void A_part_of_a_message_is_recognised(string input, string id)
    {
        Assert.Contains(id, Explanations.Explain(input).Matches.Select(m => m.Explanation.Id));
    }

    [Fact]
    public void A_part_shared_by_several_messages_names_each_of_them()
    {
        var ids = Explanations.Explain("not supported for the specified path").Matches.Select(m => m.Explanation.Id).ToList();
        Assert.Equal(["win32-1"], ids);
        var both = Explanations.Explain("cannot find the").Matches.Select(m => m.Explanation.Id).ToList();
        Assert.Equal(["win32-2", "win32-3"], both.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2 3 50 1920 1921", new[] { "win32-2", "win32-3", "win32-50", "win32-1920", "win32-1921" })]
    [InlineData("1314, 5", new[] { "win32-1314", "win32-5" })]
    [InlineData("ENOENT or EACCES", new[] { "errno-enoent", "errno-eacces" })]
    [InlineData("mklink failed with errors 3 and 1314", new[] { "win32-3", "win32-1314" })]
    [InlineData("WinError 1314 ... later ERROR_ACCESS_DENIED", new[] { "win32-1314", "win32-5" })]
    public void Several_codes_in_one_text_are_each_explained_in_order(string input, string[] ids)
    {
        Assert.Equal(ids, Explanations.Explain(input).Matches.Select(m => m.Explanation.Id).ToArray());
    }

    [Fact]
    public void Libuv_4048_puts_windows_first_and_names_both_win32_codes()
    {
        var e = Explanations.Explain("-4048").Matches.Single().Explanation;
        Assert.Equal("libuv-eperm-windows", e.Id);
        Assert.StartsWith("Windows:", e.Causes[0]);
        Assert.Contains("1314", e.Meaning);
        Assert.Contains("(5)", e.Meaning);
        Assert.Contains("src/win/error.c", e.Source);
    }

    [Fact]
    public void Git_symlink_permission_denied_names_privilege_and_core_symlinks_on_windows()
    {
        var result = Explanations.Explain("error: unable to create symlink node_modules/.bin/tsc: Permission denied");
        var e = Assert.Single(result.Matches).Explanation;
        Assert.Equal("git-symlink", e.Id);
        Assert.Contains("core.symlinks", e.Causes[0]);
        Assert.Contains("Developer Mode", e.Causes[0]);
        Assert.Contains(e.Fixes, f => f.Contains("git config core.symlinks false"));
        Assert.Contains("compat/mingw.c", e.Source);
    }

    [Fact]
    public void Git_symlink_with_another_errno_explains_both()
    {
        var ids = Explanations.Explain("error: unable to create symlink a: Read-only file system").Matches.Select(m => m.Explanation.Id);
        Assert.Equal(["git-symlink", "errno-erofs"], ids);
    }

    [Fact]
    public void Mklink_local_ntfs_offers_a_symbolic_link_for_shares_and_ntfs_for_sticks()
    {
        var e = Explanations.ById("mklink-local-ntfs");
        Assert.Contains("network", e.Causes[0]);
        Assert.Contains("FAT32", e.Causes[1]);
        Assert.Contains(e.Fixes, f => f.Contains("mklink /D"));
        Assert.Contains("rstudio/renv#1134", e.Source);
    }

    [Fact]
    public void Powershell_elevation_required_is_1314_and_cites_powershell()
    {
        var e = Explanations.ById("powershell-elevation-required");
        Assert.Contains("1314", e.Meaning);
        Assert.Contains("FileSystemProvider.cs", e.Source);
        Assert.Contains(e.Fixes, f => f.Contains("New-Item -ItemType Junction"));
    }

    [Fact]
    public void Explanation_ids_are_unique()
    {
        var duplicates = Explanations.All.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("win32-2")]
    [InlineData("win32-3")]
    [InlineData("win32-50")]
    [InlineData("win32-448")]
    [InlineData("win32-1920")]
    [InlineData("win32-1921")]
    [InlineData("errno-enoent")]
    [InlineData("errno-enametoolong")]
    [InlineData("errno-enotsup")]
    [InlineData("mklink-local-ntfs")]
    [InlineData("mklink-syntax")]
    [InlineData("powershell-elevation-required")]
    [InlineData("git-symlink")]
    [InlineData("libuv-eperm-windows")]
    public void Entries_for_pasted_messages_cite_their_source(string id)
    {
        Assert.False(string.IsNullOrWhiteSpace(Explanations.ById(id).Source));
    }
}
