using Linkctl.Audit;
using Xunit;

namespace Linkctl.Tests.Audit;

/// <summary>The DACL-to-"user-writable" mapping, on constructed ACE lists shaped like real folders'.</summary>
[Trait("Layer", "Pure")]
public sealed class UserWritableFoldersTests
{
    private const string Administrators = "S-1-5-32-544";
    private const string LocalSystem = "S-1-5-18";
    private const string CreatorOwner = "S-1-3-0";
    private const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    private const string Ann = "S-1-5-21-1004336348-1177238915-682003330-1001";
    private const string Bob = "S-1-5-21-1004336348-1177238915-682003330-1002";

    /// <summary>C:\Windows as installed: users may read and run, not create.</summary>
    private static readonly AccessEntry[] WindowsFolder =
    [
        new(TrustedInstaller, true, Rights.FullControl),
        new(LocalSystem, true, Rights.Modify),
        new(Administrators, true, Rights.Modify),
        new(UserWritableFolders.BuiltinUsers, true, Rights.ReadAndExecute),
        new(CreatorOwner, true, 0x10000000, InheritOnly: true),
    ];

    [Fact]
    public void System_folder_acl_is_not_user_writable()
    {
        Assert.False(UserWritableFolders.IsUserWritable(new FolderSecurity(TrustedInstaller, WindowsFolder), Ann));
    }

    [Theory]
    [InlineData(UserWritableFolders.Everyone, Rights.Write)]
    [InlineData(UserWritableFolders.Everyone, Rights.FullControl)]
    [InlineData(UserWritableFolders.AuthenticatedUsers, Rights.Modify)]
    [InlineData(UserWritableFolders.AuthenticatedUsers, Rights.AppendData)]
    [InlineData(UserWritableFolders.BuiltinUsers, Rights.CreateFiles)]
    [InlineData(UserWritableFolders.BuiltinUsers, Rights.CreateDirectories)]
    [InlineData(UserWritableFolders.Interactive, Rights.WriteData)]
    [InlineData(UserWritableFolders.BuiltinUsers, Rights.ChangePermissions)]
    [InlineData(UserWritableFolders.BuiltinUsers, Rights.TakeOwnership)]
    public void A_write_right_for_an_ordinary_principal_makes_it_user_writable(string sid, uint rights)
    {
        var security = new FolderSecurity(Administrators, [.. WindowsFolder, new AccessEntry(sid, true, rights)]);

        Assert.True(UserWritableFolders.IsUserWritable(security, nonAdminUserSid: null));
    }

    [Theory]
    [InlineData(Rights.Read)]
    [InlineData(Rights.ReadAndExecute)]
    [InlineData(Rights.WriteAttributes)]
    [InlineData(Rights.WriteExtendedAttributes)]
    [InlineData(Rights.Delete)]
    public void Rights_that_cannot_create_an_entry_do_not(uint rights)
    {
        var security = new FolderSecurity(Administrators, [new AccessEntry(UserWritableFolders.Everyone, true, rights)]);

        Assert.False(UserWritableFolders.IsUserWritable(security, Ann));
    }

    [Fact]
    public void Generic_write_counts_and_its_deny_takes_create_back()
    {
        var allowGeneric = new FolderSecurity(Administrators, [new AccessEntry(UserWritableFolders.BuiltinUsers, true, 0x40000000)]);
        var denied = new FolderSecurity(Administrators,
        [
            new AccessEntry(UserWritableFolders.Everyone, false, 0x40000000),
            new AccessEntry(UserWritableFolders.BuiltinUsers, true, Rights.CreateFiles | Rights.ReadAndExecute),
        ]);

        Assert.True(UserWritableFolders.IsUserWritable(allowGeneric, null));
        Assert.False(UserWritableFolders.IsUserWritable(denied, null));
    }

    [Fact]
    public void A_deny_of_one_create_right_leaves_the_other()
    {
        var security = new FolderSecurity(Administrators,
        [
            new AccessEntry(UserWritableFolders.BuiltinUsers, false, Rights.CreateFiles),
            new AccessEntry(UserWritableFolders.BuiltinUsers, true, Rights.Modify),
        ]);

        // CreateDirectories is still granted, and a junction is a folder.
        Assert.True(UserWritableFolders.IsUserWritable(security, null));
    }

    [Fact]
    public void Inherit_only_entries_do_not_apply_to_the_folder_itself()
    {
        var security = new FolderSecurity(Administrators,
        [
            new AccessEntry(UserWritableFolders.BuiltinUsers, true, Rights.FullControl, InheritOnly: true),
            new AccessEntry(CreatorOwner, true, 0x10000000, InheritOnly: true),
        ]);

        Assert.False(UserWritableFolders.IsUserWritable(security, Ann));
    }

    [Fact]
    public void The_current_user_counts_only_when_not_an_administrator()
    {
        // A profile folder: the user, SYSTEM and Administrators only.
        var profile = new FolderSecurity(Ann,
        [
            new AccessEntry(LocalSystem, true, Rights.FullControl),
            new AccessEntry(Administrators, true, Rights.FullControl),
            new AccessEntry(Ann, true, Rights.FullControl),
        ]);

        Assert.True(UserWritableFolders.IsUserWritable(profile, nonAdminUserSid: Ann));
        Assert.False(UserWritableFolders.IsUserWritable(profile, nonAdminUserSid: null));
        Assert.False(UserWritableFolders.IsUserWritable(profile, nonAdminUserSid: Bob));
    }

    [Fact]
    public void Sids_compare_without_case()
    {
        var security = new FolderSecurity(Administrators, [new AccessEntry("s-1-5-32-545", true, Rights.Write)]);

        Assert.True(UserWritableFolders.IsUserWritable(security, null));
    }
}

/// <summary>FileSystemRights values (winnt.h); the enum itself is marked Windows-only.</summary>
internal static class Rights
{
    public const uint WriteData = 0x2;
    public const uint CreateFiles = 0x2;
    public const uint AppendData = 0x4;
    public const uint CreateDirectories = 0x4;
    public const uint WriteExtendedAttributes = 0x10;
    public const uint WriteAttributes = 0x100;
    public const uint Write = 0x116;
    public const uint Read = 0x120089;
    public const uint ReadAndExecute = 0x1200A9;
    public const uint Modify = 0x301BF;
    public const uint Delete = 0x10000;
    public const uint ChangePermissions = 0x40000;
    public const uint TakeOwnership = 0x80000;
    public const uint FullControl = 0x1F01FF;
}
