using System.Text;
using Linkctl.Security;
using Linkctl.Security.Inf;
using Xunit;

namespace Linkctl.Tests.Security;

[Trait("Layer", "Pure")]
public sealed class SecurityTemplateTests
{
    // Shaped like `secedit /export /cfg f.inf` on a Windows 10 Hyper-V host, with the
    // comments and name entries an administrator's edited copy has.
    internal const string RealisticExport =
        "; exported from WS-0142 for the symlink rollout\r\n" +
        "[Unicode]\r\n" +
        "Unicode=yes\r\n" +
        "[System Access]\r\n" +
        "MinimumPasswordAge = 0\r\n" +
        "NewAdministratorName = \"Administrator\"\r\n" +
        "[Event Audit]\r\n" +
        "AuditSystemEvents = 0\r\n" +
        "[Registry Values]\r\n" +
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LimitBlankPasswordUse=4,1\r\n" +
        "[Privilege Rights]\r\n" +
        "; who may make symbolic links\r\n" +
        "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,*S-1-5-83-0\r\n" +
        "SeNetworkLogonRight = *S-1-1-0,*S-1-5-32-544,*S-1-5-32-545,*S-1-5-32-551\r\n" +
        "SeBackupPrivilege = *S-1-5-32-544,*S-1-5-32-551\r\n" +
        "SeServiceLogonRight = NT SERVICE\\ALL SERVICES,CONTOSO\\svc-build\r\n" +
        "SeDenyNetworkLogonRight = Guest\r\n" +
        "SeTrustedCredManAccessPrivilege =\r\n" +
        "\r\n" +
        "[Version]\r\n" +
        "signature=\"$CHICAGO$\"\r\n" +
        "Revision=1\r\n";

    [Fact]
    public void Reads_rights_with_sids_names_and_empty_values()
    {
        var read = SecurityTemplate.Parse(RealisticExport);
        Assert.True(read.Success, string.Join("\n", read.Errors));
        var t = read.Template!;

        Assert.Equal(
            ["SeCreateSymbolicLinkPrivilege", "SeNetworkLogonRight", "SeBackupPrivilege", "SeServiceLogonRight", "SeDenyNetworkLogonRight", "SeTrustedCredManAccessPrivilege"],
            t.RightNames);
        Assert.Equal(["S-1-5-32-544", "S-1-5-83-0"], t.GetRight("SeCreateSymbolicLinkPrivilege")!.Select(a => a.Sid));
        var service = t.GetRight("SeServiceLogonRight")!;
        Assert.All(service, a => Assert.False(a.IsSid));
        Assert.Equal(["NT SERVICE\\ALL SERVICES", "CONTOSO\\svc-build"], service.Select(a => a.Name));
        Assert.Empty(t.GetRight("SeTrustedCredManAccessPrivilege")!);
        Assert.Null(t.GetRight("SeDebugPrivilege"));
        Assert.Equal("\"$CHICAGO$\"", t.GetValue("Version", "signature"));
        Assert.Equal("yes", t.GetValue("Unicode", "Unicode"));
    }

    [Fact]
    public void Unchanged_template_round_trips_byte_for_byte_through_utf16()
    {
        var t = SecurityTemplate.Parse(RealisticExport).Template!;
        Assert.Equal(RealisticExport, t.ToText());

        var bytes = t.ToBytes();
        Assert.Equal([0xFF, 0xFE], bytes[..2]);
        var again = SecurityTemplate.Read(bytes);
        Assert.Equal(TemplateEncoding.Utf16LittleEndian, again.Encoding);
        Assert.Equal(RealisticExport, again.Template!.ToText());
    }

    [Fact]
    public void Changing_one_right_rewrites_only_its_line()
    {
        var t = SecurityTemplate.Parse(RealisticExport).Template!;
        t.SetRight("SeCreateSymbolicLinkPrivilege", [AccountReference.OfSid("S-1-5-32-544")]);
        var text = t.ToText();

        Assert.Contains("\r\nSeCreateSymbolicLinkPrivilege = *S-1-5-32-544\r\n", text, StringComparison.Ordinal);
        Assert.Equal(RealisticExport.Replace("*S-1-5-32-544,*S-1-5-83-0", "*S-1-5-32-544", StringComparison.Ordinal), text);
        Assert.Equal(["S-1-5-32-544"], SecurityTemplate.Parse(text).Template!.GetRight("SeCreateSymbolicLinkPrivilege")!.Select(a => a.Sid));
    }

    [Fact]
    public void New_template_has_the_headers_secedit_and_gptmpl_require()
    {
        var t = SecurityTemplate.CreateEmpty();
        t.SetRight("SeCreateSymbolicLinkPrivilege", [AccountReference.OfSid("S-1-5-32-544"), AccountReference.OfName("CONTOSO\\builders")]);

        Assert.Equal(
            "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Privilege Rights]\r\n" +
            "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\\builders\r\n",
            t.ToText());
    }

    [Theory]
    [InlineData("utf8bom")]
    [InlineData("utf8")]
    [InlineData("utf16nobom")]
    [InlineData("utf16be")]
    public void Reads_every_encoding_secedit_or_an_editor_writes(string form)
    {
        byte[] bytes = form switch
        {
            "utf8bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(RealisticExport)],
            "utf8" => Encoding.UTF8.GetBytes(RealisticExport),
            "utf16nobom" => Encoding.Unicode.GetBytes(RealisticExport),
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(RealisticExport)],
        };

        var read = SecurityTemplate.Read(bytes);
        Assert.True(read.Success);
        Assert.Equal(RealisticExport, read.Template!.ToText());
    }

    [Fact]
    public void Ansi_file_with_an_accented_name_is_read_as_latin1()
    {
        var text = "[Unicode]\r\nUnicode=no\r\n[Privilege Rights]\r\nSeBackupPrivilege = *S-1-5-32-544,CONTOSO\\Jos\u00e9\r\n";
        var read = SecurityTemplate.Read(Encoding.Latin1.GetBytes(text));
        Assert.Equal(TemplateEncoding.Ansi, read.Encoding);
        Assert.Equal("CONTOSO\\Jos\u00e9", read.Template!.GetRight("SeBackupPrivilege")![1].Name);
    }

    [Fact]
    public void Whitespace_and_trailing_comments_around_accounts_are_ignored()
    {
        var read = SecurityTemplate.Parse("[Privilege Rights]\n   SeBackupPrivilege   =   *S-1-5-32-544 ,  alice ; temporary\n");
        Assert.True(read.Success);
        var accounts = read.Template!.GetRight("SeBackupPrivilege")!;
        Assert.Equal("S-1-5-32-544", accounts[0].Sid);
        Assert.Equal("alice", accounts[1].Name);
    }

    [Theory]
    [InlineData("[Privilege Rights]\nSeBackupPrivilege *S-1-5-32-544\n", 2, "no '='")]
    [InlineData("[Privilege Rights]\n = *S-1-5-32-544\n", 2, "no right name")]
    [InlineData("[Privilege Rights]\nBackupFiles = *S-1-5-32-544\n", 2, "not a right name")]
    [InlineData("[Privilege Rights]\nSeBackupPrivilege = *S-1-5-32-544,,bob\n", 2, "empty account")]
    [InlineData("[Privilege Rights]\nSeBackupPrivilege = *Administrators\n", 2, "must be followed by a SID")]
    [InlineData("[Privilege Rights]\nSeBackupPrivilege = *S-1-5-32-544\n; fine\nSeBackupPrivilege = bob\n", 4, "defined twice (first on line 2)")]
    [InlineData("SeBackupPrivilege = *S-1-5-32-544\n[Privilege Rights]\n", 1, "before any [section]")]
    [InlineData("[Unicode]\nUnicode=yes\n[Privilege Rights\n", 3, "closing ']'")]
    [InlineData("[Version]\nsignature=\"$CHICAGO$\"\n[Version]\n", 3, "appears twice (first on line 1)")]
    [InlineData("[Version]\nsignature\n", 2, "key=value")]
    [InlineData("[Privilege Rights]\nSeBackupPrivilege = *S-1-5-32-544,*s-1-5-32-544\n", 2, "listed twice")]
    public void Malformed_lines_are_rejected_with_their_line_number(string text, int line, string why)
    {
        var read = SecurityTemplate.Parse(text);
        Assert.False(read.Success);
        var error = Assert.Single(read.Errors);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(why, error.Why, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_line_is_reported_not_only_the_first()
    {
        var read = SecurityTemplate.Parse("[Privilege Rights]\nbad\nSeBackupPrivilege = ok\nalso bad\n");
        Assert.Equal([2, 4], read.Errors.Select(e => e.LineNumber));
    }

    [Fact]
    public void Other_sections_keep_formats_we_do_not_read()
    {
        const string text = "[File Security]\r\n\"%SystemRoot%\\system32\",2,\"D:PAR(A;OICI;FA;;;BA)\"\r\n[Group Membership]\r\n*S-1-5-32-544__Memberof =\r\n";
        var read = SecurityTemplate.Parse(text);
        Assert.True(read.Success);
        Assert.Equal(text, read.Template!.ToText());
    }

    [Theory]
    [InlineData("S-1-5-32-544", true)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-1013", true)]
    [InlineData("S-1-0x000000000005-18", true)]
    [InlineData("S-1-5", true)]
    [InlineData("S-2-5-32", false)]
    [InlineData("S-1", false)]
    [InlineData("S-1-5-x", false)]
    [InlineData("Administrators", false)]
    public void Sid_syntax(string text, bool valid) => Assert.Equal(valid, SidSyntax.IsValid(text));
}
