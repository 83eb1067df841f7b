using Linkctl.Errors;
using Linkctl.Audit;
using Linkctl.Cli.Commands;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Audit;

/// <summary>
/// The auditor's Windows path on links as the Windows walker reports them, with folder DACLs
/// and owners from a constructed <see cref="IFileSecuritySource"/>.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class LinkAuditorWindowsTests
{
    private const string Ann = "S-1-5-21-1004336348-1177238915-682003330-1001";
    private const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    private const string Root = @"C:\Users\ann";

    private static readonly FolderSecurity UsersMayWrite = new(Ann,
    [
        new AccessEntry("S-1-5-18", true, Rights.FullControl),
        new AccessEntry(UserWritableFolders.BuiltinUsers, true, Rights.CreateFiles | Rights.ReadAndExecute),
    ]);

    private static readonly FolderSecurity AdminsOnly = new("S-1-5-32-544",
    [
        new AccessEntry("S-1-5-32-544", true, Rights.FullControl),
        new AccessEntry(UserWritableFolders.BuiltinUsers, true, Rights.ReadAndExecute),
    ]);

    [Fact]
    public void Junction_in_a_user_writable_folder_into_the_system_folder_is_a_high_finding()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann\Temp", UsersMayWrite);

        var report = Auditor(security).Examine(@"C:\", [NameLink(@"C:\Users\ann\Temp\logs", @"C:\Windows\System32\LogFiles", LinkKind.Junction)], []);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(LinkAuditRules.LinkIntoSystemFolder, finding.Rule);
        Assert.Equal(AuditSeverity.High, finding.Severity);
        Assert.Empty(report.Undetermined);
        Assert.Equal(1, AuditCommand.ExitCodeOf(report));
    }

    [Theory]
    [InlineData("S-1-5-18", false)]
    [InlineData(TrustedInstaller, false)]
    [InlineData(Ann, true)]
    public void A_compatibility_junction_made_by_windows_is_trusted_and_the_same_junction_made_by_a_user_is_not(string owner, bool flagged)
    {
        // Learn, "Junction Points" (VSS): Windows makes C:\ProgramData\Application Data -> C:\ProgramData
        // (and the like in every profile); ProgramData lets users create entries, so only the
        // link's owner tells Windows' junction from one a user planted.
        var security = new FakeSecurity().Folder(@"C:\ProgramData", UsersMayWrite).Owner(@"C:\ProgramData\Application Data", owner);

        var report = Auditor(security).Examine(@"C:\", [NameLink(@"C:\ProgramData\Application Data", @"C:\ProgramData", LinkKind.Junction)], []);

        Assert.Equal(flagged, report.Findings.Any(f => f.Rule == LinkAuditRules.LinkIntoSystemFolder));
        Assert.Empty(report.Undetermined);
    }

    [Fact]
    public void Same_junction_in_an_admin_only_folder_is_clean()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann\Temp", AdminsOnly);

        var report = Auditor(security).Examine(Root, [NameLink(@"C:\Users\ann\Temp\logs", @"C:\Windows\System32\LogFiles", LinkKind.Junction)], []);

        Assert.DoesNotContain(report.Findings, f => f.Severity == AuditSeverity.High);
        Assert.Empty(report.Undetermined);
        Assert.Empty(report.Unknown);
    }

    [Fact]
    public void Unreadable_dacl_makes_a_system_target_undetermined_not_clean()
    {
        var security = new FakeSecurity().FolderFails(@"C:\Users\ann\Temp", OsError.FromException(new UnauthorizedAccessException("denied"), windows: true));

        var report = Auditor(security).Examine(@"C:\", [NameLink(@"C:\Users\ann\Temp\logs", @"C:\ProgramData\Vendor", LinkKind.SymbolicLink)], []);

        Assert.Empty(report.Findings);
        var undetermined = Assert.Single(report.Undetermined);
        Assert.Equal(LinkAuditRules.LinkIntoSystemFolder, undetermined.Rule);
        Assert.Contains(@"writability of C:\Users\ann\Temp unknown (ERROR_ACCESS_DENIED (5): Access is denied.)", undetermined.Why, StringComparison.Ordinal);
        Assert.Contains(report.Unknown, u => u.StartsWith(@"writability of C:\Users\ann\Temp unknown", StringComparison.Ordinal));
        Assert.False(report.IsClean);
        Assert.Equal(8, AuditCommand.ExitCodeOf(report));
    }

    [Fact]
    public void Unreadable_dacl_that_no_rule_depends_on_is_said_but_clean()
    {
        var security = new FakeSecurity().FolderFails(@"C:\Users\ann\src", OsError.FromException(new PlatformNotSupportedException("no ACLs"), windows: true));

        var report = Auditor(security).Examine(Root, [NameLink(@"C:\Users\ann\src\lib", @"..\vendor\lib", LinkKind.SymbolicLink, relative: true)], []);

        Assert.Empty(report.Findings);
        Assert.Empty(report.Undetermined);
        Assert.Single(report.Unknown);
        Assert.True(report.IsClean);
        Assert.Equal(0, AuditCommand.ExitCodeOf(report));
    }

    [Fact]
    public void Hard_link_to_a_file_owned_by_someone_else_in_a_user_writable_folder_is_high()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann\Temp", UsersMayWrite).Owner(@"C:\Users\ann\Temp\dll.bak", TrustedInstaller);

        var report = Auditor(security).Examine(Root, [HardLink(@"C:\Users\ann\Temp\dll.bak")], []);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(LinkAuditRules.ForeignHardLink, finding.Rule);
        Assert.Equal(AuditSeverity.High, finding.Severity);
        Assert.Contains(TrustedInstaller, finding.Why, StringComparison.Ordinal);
        Assert.Contains("user-writable", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Hard_link_to_own_file_is_clean()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann\Temp", UsersMayWrite).Owner(@"C:\Users\ann\Temp\a.txt", Ann);

        var report = Auditor(security).Examine(Root, [HardLink(@"C:\Users\ann\Temp\a.txt")], []);

        Assert.True(report.IsClean);
    }

    [Fact]
    public void Hard_link_with_unreadable_owner_is_undetermined()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann\Temp", UsersMayWrite);

        var report = Auditor(security).Examine(Root, [HardLink(@"C:\Users\ann\Temp\a.txt")], []);

        Assert.Empty(report.Findings);
        var undetermined = Assert.Single(report.Undetermined);
        Assert.Equal(LinkAuditRules.ForeignHardLink, undetermined.Rule);
        Assert.Contains(@"owner of C:\Users\ann\Temp\a.txt unknown", undetermined.Why, StringComparison.Ordinal);
        Assert.Equal(8, AuditCommand.ExitCodeOf(report));
    }

    [Fact]
    public void Unc_target_is_remote_and_walker_problems_are_not_clean()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\ann", AdminsOnly);

        var report = Auditor(security).Examine(Root, [NameLink(@"C:\Users\ann\share", @"\\fileserver\public\tools", LinkKind.SymbolicLink, remote: true)], ["cannot list folder C:\\Users\\ann\\x: ERROR_ACCESS_DENIED (5)"]);

        Assert.Contains(report.Findings, f => f.Rule == LinkAuditRules.RemoteTarget && f.Severity == AuditSeverity.Medium);
        Assert.Equal(1, AuditCommand.ExitCodeOf(report));
        Assert.Equal(8, AuditCommand.ExitCodeOf(report with { Findings = [] }));
    }

    [Fact]
    public void Link_into_another_profile_from_a_user_writable_folder_is_high()
    {
        var security = new FakeSecurity().Folder(@"C:\Users\Public\Drop", UsersMayWrite);

        var report = Auditor(security).Examine(@"C:\Users\Public", [NameLink(@"C:\Users\Public\Drop\x", @"C:\Users\bob\AppData", LinkKind.Junction)], []);

        Assert.Contains(report.Findings, f => f.Rule == LinkAuditRules.LinkIntoOtherProfile);
    }

    [Fact]
    public void A_windows_auditor_needs_a_security_source()
    {
        Assert.Throws<ArgumentException>(() => new LinkAuditor(SimulatedWindows.StandardUser().Platform()));
    }

    private static LinkAuditor Auditor(FakeSecurity security) =>
        new(SimulatedWindows.StandardUser().Platform(security: security));

    private static LinkRecord NameLink(string path, string target, LinkKind kind, bool relative = false, bool remote = false)
    {
        var folder = Linkctl.Paths.PathSyntax.Windows.GetDirectoryName(path)!;
        var resolved = relative ? Linkctl.Paths.PathSyntax.Windows.GetFullPath(target, folder) : target;
        var flags = (relative ? LinkFlags.Relative : LinkFlags.Absolute) | (remote ? LinkFlags.Remote : LinkFlags.None);
        return new LinkRecord
        {
            Path = RawPath.FromText(path),
            Root = RawPath.FromText(Root),
            Kind = kind,
            StoredTarget = RawPath.FromText(target),
            ResolvedTarget = RawPath.FromText(resolved),
            Status = LinkStatus.Ok,
            TargetType = EntryType.Directory,
            Flags = flags,
        };
    }

    private static LinkRecord HardLink(string path) => new()
    {
        Path = RawPath.FromText(path),
        Root = RawPath.FromText(Root),
        Kind = LinkKind.HardLink,
        Status = LinkStatus.Ok,
        TargetType = EntryType.File,
        LinkCount = 2,
    };

    private sealed class FakeSecurity : IFileSecuritySource
    {
        private readonly Dictionary<string, OsResult<FolderSecurity>> folders = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> owners = new(StringComparer.OrdinalIgnoreCase);

        public string? NonAdminUserSid => Ann;

        public FakeSecurity Folder(string path, FolderSecurity security)
        {
            folders[path] = OsResult<FolderSecurity>.Of(security);
            return this;
        }

        public FakeSecurity FolderFails(string path, OsError error)
        {
            folders[path] = OsResult<FolderSecurity>.Failed(error);
            return this;
        }

        public FakeSecurity Owner(string path, string sid)
        {
            owners[path] = sid;
            return this;
        }

        public OsResult<FolderSecurity> ReadFolder(string folder) =>
            folders.TryGetValue(folder, out var read) ? read : OsResult<FolderSecurity>.Failed(OsError.Win32(Win32ErrorNames.AccessDenied));

        public OsResult<string?> ReadOwner(string path) =>
            owners.TryGetValue(path, out var sid) ? OsResult<string?>.Of(sid) : OsResult<string?>.Failed(OsError.Win32(Win32ErrorNames.AccessDenied));
    }
}
