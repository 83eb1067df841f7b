using System.Buffers.Binary;
using Linkctl.Copying;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Linkctl.Tests.Simulation;
using Linkctl.Tests.Fixtures;
using Xunit;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Platform;

[Trait("Layer", "Simulated")]
public sealed class WindowsLinkSystemTests
{
    private const SymbolicLinkFlags Unprivileged = SymbolicLinkFlags.AllowUnprivilegedCreate;

    private static (SimulatedWindows Windows, WindowsLinkSystem Links) On(SimulatedWindows windows) => (windows, new WindowsLinkSystem(windows));

    private static void AssertFails(OsResult result, int code, FailureKind kind, WindowsLinkSystem links, LinkOperation operation)
    {
        var error = OsAssert.Failed(result);
        Assert.Equal(OsErrorDomain.Win32, error.Domain);
        Assert.Equal(code, error.Code);
        Assert.Equal(kind, LinkClassifier.Classify(error, operation));
    }

    // ---- symbolic links: who may make them ----

    [Fact]
    public void Elevated_admin_makes_a_relative_file_symlink_that_reads_back_and_leads_to_its_target()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddFile(@"C:\data\a.txt", "hello"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\data\link.txt", "a.txt", isDirectory: false));

        var entry = links.GetEntry(@"C:\data\link.txt");
        Assert.Equal(EntryType.SymbolicLink, entry.Type);
        Assert.False(entry.IsDirectory);
        Assert.Equal(ReparseTag.Symlink, entry.ReparseTag);
        Assert.Equal(1, entry.LinkCount);
        var stored = OsAssert.Link(links.ReadLink(@"C:\data\link.txt"));
        Assert.Equal(new StoredLink(LinkKind.SymbolicLink, "a.txt", IsRelative: true, ReparseTag.Symlink), stored);
        var target = links.GetTargetEntry(@"C:\data\link.txt");
        Assert.Equal(EntryType.File, target.Type);
        Assert.Equal(@"C:\data\a.txt", target.FinalPath);
        Assert.Equal(links.GetEntry(@"C:\data\a.txt").Identity, target.Identity);
        Assert.Equal("hello", windows.ReadText(@"C:\data\link.txt"));
    }

    [Fact]
    public void A_directory_symlink_is_flagged_as_a_directory_and_passes_both_flags()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddDirectory(@"C:\tools"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t", @"C:\tools", isDirectory: true));

        Assert.Equal(SymbolicLinkFlags.Directory | Unprivileged, Assert.Single(windows.SymbolicLinkCalls).Flags);
        var entry = links.GetEntry(@"C:\t");
        Assert.Equal(EntryType.SymbolicLink, entry.Type);
        Assert.True(entry.IsDirectory);
        Assert.Equal(new StoredLink(LinkKind.SymbolicLink, @"C:\tools", IsRelative: false, ReparseTag.Symlink), OsAssert.Link(links.ReadLink(@"C:\t")));
        Assert.True(links.UnprivilegedFlagSupported);
    }

    [Fact]
    public void A_standard_user_without_developer_mode_gets_privilege_not_held_and_nothing_is_made()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\a.txt"));

        AssertFails(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false), Win32.PrivilegeNotHeld, FailureKind.PrivilegeNotHeld, links, LinkOperation.CreateSymbolicLink);
        Assert.False(links.GetEntry(@"C:\l.txt").Exists);
    }

    [Fact]
    public void An_unelevated_admin_gets_privilege_not_held()
    {
        var (_, links) = On(SimulatedWindows.AdminUnelevated().AddFile(@"C:\a.txt"));

        AssertFails(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false), Win32.PrivilegeNotHeld, FailureKind.PrivilegeNotHeld, links, LinkOperation.CreateSymbolicLink);
    }

    [Fact]
    public void A_user_granted_the_right_needs_no_developer_mode()
    {
        var (_, links) = On(new SimulatedWindows(SimulatedToken.GrantedUser).WithVolume(SimulatedVolume.Ntfs('C', 1)).AddFile(@"C:\a.txt"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false));
    }

    [Fact]
    public void Developer_mode_lets_a_standard_user_create_because_the_unprivileged_flag_is_passed()
    {
        var (windows, links) = On(SimulatedWindows.DeveloperMode().AddFile(@"C:\a.txt"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false));

        var call = Assert.Single(windows.SymbolicLinkCalls);
        Assert.Equal(Unprivileged, call.Flags);
        Assert.Equal(EntryType.SymbolicLink, links.GetEntry(@"C:\l.txt").Type);
    }

    [Fact]
    public void Developer_mode_without_the_flag_still_answers_privilege_not_held()
    {
        // What a tool that gates or forgets the flag (older .NET, racket/racket#3288) meets.
        var windows = SimulatedWindows.DeveloperMode().AddFile(@"C:\a.txt");

        Assert.Equal(Win32.PrivilegeNotHeld, windows.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", SymbolicLinkFlags.None));
        Assert.False(windows.Exists(@"C:\l.txt"));
    }

    [Fact]
    public void A_build_before_14972_answers_87_to_the_flag_then_succeeds_on_the_retry_and_the_flag_is_not_offered_again()
    {
        var (windows, links) = On(SimulatedWindows.OldBuild().AddFile(@"C:\a.txt"));
        Assert.Null(links.UnprivilegedFlagSupported);

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l1.txt", @"C:\a.txt", false));

        Assert.Equal(
            [(Unprivileged, Win32.InvalidParameter), (SymbolicLinkFlags.None, Win32.Success)],
            windows.SymbolicLinkCalls.Select(c => (c.Flags, c.Result)));
        Assert.False(links.UnprivilegedFlagSupported);

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\d", @"C:\", true));

        Assert.Equal(3, windows.SymbolicLinkCalls.Count);
        Assert.Equal(SymbolicLinkFlags.Directory, windows.SymbolicLinkCalls[2].Flags);
        Assert.Equal(EntryType.SymbolicLink, links.GetEntry(@"C:\l1.txt").Type);
        Assert.True(links.GetEntry(@"C:\d").IsDirectory);
    }

    [Fact]
    public void On_an_old_build_developer_mode_cannot_help_and_the_retry_reports_privilege_not_held()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().WithBuild(14393).WithDeveloperMode().AddFile(@"C:\a.txt"));

        AssertFails(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false), Win32.PrivilegeNotHeld, FailureKind.PrivilegeNotHeld, links, LinkOperation.CreateSymbolicLink);

        Assert.Equal(2, windows.SymbolicLinkCalls.Count);
        Assert.False(links.UnprivilegedFlagSupported);
    }

    [Fact]
    public void A_refusal_other_than_87_proves_the_flag_is_understood_and_causes_no_retry()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\a.txt"));

        OsAssert.Failed(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false));

        Assert.Single(windows.SymbolicLinkCalls);
        Assert.True(links.UnprivilegedFlagSupported);
    }

    [Fact]
    public void Each_instance_learns_the_flag_for_itself()
    {
        var windows = SimulatedWindows.OldBuild().AddFile(@"C:\a.txt");
        OsAssert.Succeeded(new WindowsLinkSystem(windows).CreateSymbolicLink(@"C:\l1", @"C:\a.txt", false));

        var fresh = new WindowsLinkSystem(windows);
        Assert.Null(fresh.UnprivilegedFlagSupported);
        OsAssert.Succeeded(fresh.CreateSymbolicLink(@"C:\l2", @"C:\a.txt", false));
        Assert.Equal(4, windows.SymbolicLinkCalls.Count);
    }

    [Theory]
    [InlineData("FAT32")]
    [InlineData("exFAT")]
    public void A_fat_volume_answers_invalid_function_which_is_not_supported(string fileSystem)
    {
        var volume = fileSystem == "FAT32" ? SimulatedVolume.Fat32('E', 0xE) : SimulatedVolume.ExFat('E', 0xE);
        var (windows, links) = On(SimulatedWindows.AdminElevated().WithVolume(volume).AddFile(@"E:\a.txt"));

        AssertFails(links.CreateSymbolicLink(@"E:\l.txt", "a.txt", false), Win32.InvalidFunction, FailureKind.NotSupported, links, LinkOperation.CreateSymbolicLink);
        Assert.False(windows.Exists(@"E:\l.txt"));
    }

    [Fact]
    public void ReFS_makes_symbolic_links()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.ReFS('R', 0x7)).AddFile(@"R:\a.txt"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"R:\l.txt", "a.txt", false));
    }

    [Fact]
    public void An_existing_name_answers_already_exists_which_is_a_conflict_and_keeps_the_file()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddFile(@"C:\Data\Name.txt", "keep"));

        // Names are case-insensitive.
        AssertFails(links.CreateSymbolicLink(@"c:\DATA\name.TXT", @"C:\x", false), Win32.AlreadyExists, FailureKind.Conflict, links, LinkOperation.CreateSymbolicLink);
        Assert.Equal("keep", windows.ReadText(@"C:\data\name.txt"));
    }

    [Fact]
    public void A_missing_parent_folder_answers_path_not_found()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated());

        AssertFails(links.CreateSymbolicLink(@"C:\no\l.txt", @"C:\x", false), Win32.PathNotFound, FailureKind.NotFound, links, LinkOperation.CreateSymbolicLink);
    }

    [Fact]
    public void A_read_only_volume_answers_write_protect()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Ntfs('D', 0xD).AsReadOnly()));

        AssertFails(links.CreateSymbolicLink(@"D:\l", @"C:\x", false), Win32.WriteProtect, FailureKind.ReadOnly, links, LinkOperation.CreateSymbolicLink);
        Assert.True(links.GetVolume(@"D:\").ReadOnly);
    }

    // ---- hard links ----

    [Fact]
    public void A_hard_link_shares_identity_and_lists_every_full_name()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\a\f.txt", "x").AddDirectory(@"C:\b"));

        OsAssert.Succeeded(links.CreateHardLink(@"C:\b\g.txt", @"C:\a\f.txt"));

        var first = links.GetEntry(@"C:\a\f.txt");
        var second = links.GetEntry(@"C:\b\g.txt");
        Assert.Equal(EntryType.File, second.Type);
        Assert.Equal(2, second.LinkCount);
        Assert.Equal(first.Identity, second.Identity);
        Assert.Equal(new FileIdentity(SimulatedWindows.SystemDriveSerial, second.Identity!.Value.File), second.Identity);
        var names = OsAssert.Succeeded(links.GetHardLinkNames(@"C:\a\f.txt"));
        Assert.Equal([@"C:\a\f.txt", @"C:\b\g.txt"], names.Order(StringComparer.Ordinal));
        Assert.Equal("x", windows.ReadText(@"C:\b\g.txt"));
    }

    [Fact]
    public void A_folder_cannot_be_hard_linked_access_denied_and_the_source_shows_why()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated().AddDirectory(@"C:\dir"));

        AssertFails(links.CreateHardLink(@"C:\h", @"C:\dir"), Win32.AccessDenied, FailureKind.AccessDenied, links, LinkOperation.CreateHardLink);
        Assert.True(links.GetEntry(@"C:\dir").IsDirectory);
        Assert.False(links.GetEntry(@"C:\h").Exists);
    }

    [Fact]
    public void A_hard_link_across_volumes_is_cross_device()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.Ntfs('D', 0xD)).AddFile(@"C:\f.txt"));

        AssertFails(links.CreateHardLink(@"D:\f.txt", @"C:\f.txt"), Win32.NotSameDevice, FailureKind.CrossDevice, links, LinkOperation.CreateHardLink);
    }

    [Fact]
    public void Hard_links_on_fat_and_old_refs_are_not_supported()
    {
        var (_, links) = On(SimulatedWindows.StandardUser()
            .WithVolume(SimulatedVolume.Fat32('E', 0xE)).AddFile(@"E:\f.txt")
            .WithVolume(SimulatedVolume.ReFS('R', 0xF)).AddFile(@"R:\f.txt"));

        AssertFails(links.CreateHardLink(@"E:\g.txt", @"E:\f.txt"), Win32.InvalidFunction, FailureKind.NotSupported, links, LinkOperation.CreateHardLink);
        AssertFails(links.CreateHardLink(@"R:\g.txt", @"R:\f.txt"), Win32.InvalidFunction, FailureKind.NotSupported, links, LinkOperation.CreateHardLink);
        Assert.False(links.GetVolume(@"E:\").SupportsHardLinks);
    }

    [Fact]
    public void The_1024th_name_is_too_many_links()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\f.txt"));
        windows.SetLinkCount(@"C:\f.txt", SimulatedWindows.MaximumHardLinks - 1);
        OsAssert.Succeeded(links.CreateHardLink(@"C:\g.txt", @"C:\f.txt"));
        Assert.Equal(SimulatedWindows.MaximumHardLinks, links.GetEntry(@"C:\f.txt").LinkCount);

        AssertFails(links.CreateHardLink(@"C:\h.txt", @"C:\f.txt"), Win32.TooManyLinks, FailureKind.TooManyLinks, links, LinkOperation.CreateHardLink);
    }

    [Fact]
    public void A_hard_link_onto_an_existing_name_is_a_conflict()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\f.txt").AddFile(@"C:\g.txt"));

        AssertFails(links.CreateHardLink(@"C:\G.TXT", @"C:\f.txt"), Win32.AlreadyExists, FailureKind.Conflict, links, LinkOperation.CreateHardLink);
    }

    // ---- junctions ----

    [Fact]
    public void A_standard_user_makes_a_junction_that_reads_back_with_target_and_print_name()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\target\f.txt", "inside"));

        OsAssert.Succeeded(links.CreateJunction(@"C:\j", @"C:\target"));

        var entry = links.GetEntry(@"C:\j");
        Assert.Equal(EntryType.Junction, entry.Type);
        Assert.True(entry.IsDirectory);
        Assert.Equal(ReparseTag.MountPoint, entry.ReparseTag);
        Assert.Equal(new StoredLink(LinkKind.Junction, @"C:\target", IsRelative: false, ReparseTag.MountPoint), OsAssert.Link(links.ReadLink(@"C:\j")));
        Assert.Equal(Win32.Success, windows.GetReparseData(@"C:\j", out var raw));
        var point = Assert.IsType<MountPointReparsePoint>(ReparseBufferCodec.Decode(raw).Point);
        Assert.Equal(@"\??\C:\target", point.SubstituteName);
        Assert.Equal(@"C:\target", point.PrintName);
        Assert.Equal(@"C:\target", links.GetTargetEntry(@"C:\j").FinalPath);
        Assert.Equal("inside", windows.ReadText(@"C:\j\f.txt"));
        Assert.Empty(windows.SymbolicLinkCalls);
    }

    [Fact]
    public void A_junction_on_fat_fails_not_supported_and_leaves_no_folder_behind()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Fat32('E', 0xE)).AddDirectory(@"E:\target"));

        AssertFails(links.CreateJunction(@"E:\j", @"E:\target"), Win32.InvalidFunction, FailureKind.NotSupported, links, LinkOperation.CreateJunction);
        Assert.False(windows.Exists(@"E:\j"));
    }

    [Theory]
    [InlineData(@"relative\dir")]
    [InlineData(@"\\server\share\dir")]
    public void A_junction_to_a_relative_or_unc_target_is_refused_before_anything_is_made(string target)
    {
        var (windows, links) = On(SimulatedWindows.StandardUser());

        AssertFails(links.CreateJunction(@"C:\j", target), Win32.InvalidParameter, FailureKind.InvalidInput, links, LinkOperation.CreateJunction);
        Assert.False(windows.Exists(@"C:\j"));
    }

    [Fact]
    public void A_junction_onto_an_existing_folder_is_a_conflict_and_the_folder_is_kept()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\j\mine.txt", "mine").AddDirectory(@"C:\t"));

        AssertFails(links.CreateJunction(@"C:\j", @"C:\t"), Win32.AlreadyExists, FailureKind.Conflict, links, LinkOperation.CreateJunction);
        Assert.Equal("mine", windows.ReadText(@"C:\j\mine.txt"));
    }

    [Fact]
    public void Mount_point_data_on_a_non_empty_folder_is_refused_dir_not_empty()
    {
        var windows = SimulatedWindows.StandardUser().AddFile(@"C:\full\f.txt");

        Assert.Equal(Win32.DirNotEmpty, windows.SetReparseData(@"C:\full", ReparseBufferCodec.EncodeMountPoint(@"C:\x")));
    }

    [Fact]
    public void A_volume_mount_point_reads_as_one_and_leads_to_the_volume()
    {
        var data = SimulatedVolume.Ntfs('D', 0xDA7A);
        var (windows, links) = On(SimulatedWindows.StandardUser().WithVolume(data).AddFile(@"D:\on-d.txt", "d").AddDirectory(@"C:\mnt"));
        var volumeName = $@"\\?\Volume{{{data.VolumeGuid}}}\";
        windows.PlantReparsePoint(@"C:\mnt\d", ReparseBufferCodec.EncodeMountPoint(volumeName), isDirectory: true);

        var link = OsAssert.Link(links.ReadLink(@"C:\mnt\d"));

        Assert.Equal(LinkKind.VolumeMountPoint, link?.Kind);
        Assert.Equal(volumeName, link?.Target);
        Assert.Equal(EntryType.Junction, links.GetEntry(@"C:\mnt\d").Type);
        Assert.Equal("d", windows.ReadText(@"C:\mnt\d\on-d.txt"));
    }

    [Fact]
    public void The_model_refuses_reparse_data_where_windows_does()
    {
        var windows = SimulatedWindows.StandardUser().WithVolume(SimulatedVolume.Fat32('E', 0xE)).AddDirectory(@"E:\d").AddDirectory(@"C:\d").AddFile(@"C:\f");

        Assert.Equal(Win32.InvalidFunction, windows.SetReparseData(@"E:\d", ReparseBufferCodec.EncodeMountPoint(@"E:\x")));
        Assert.Equal(Win32.DirectoryInvalid, windows.SetReparseData(@"C:\f", ReparseBufferCodec.EncodeMountPoint(@"C:\x")));
        Assert.Equal(Win32.PrivilegeNotHeld, windows.SetReparseData(@"C:\f", ReparseBufferCodec.EncodeSymbolicLink(@"C:\x")));
        Assert.Equal(Win32.Success, windows.SetReparseData(@"C:\d", ReparseBufferCodec.EncodeMountPoint(@"C:\x")));
        Assert.Equal(Win32.ReparseTagMismatch, windows.SetReparseData(@"C:\d", ReparseBufferCodec.EncodeLxSymlink("x")));
    }

    // ---- removing links never removes data ----

    [Fact]
    public void Removing_a_junction_keeps_the_targets_contents()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\target\sub\f.txt", "data"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\j", @"C:\target"));

        OsAssert.Succeeded(links.RemoveLink(@"C:\j"));

        Assert.False(windows.Exists(@"C:\j"));
        Assert.Equal("data", windows.ReadText(@"C:\target\sub\f.txt"));
    }

    [Fact]
    public void Removing_directory_and_file_symlinks_keeps_their_targets()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddFile(@"C:\t\f.txt", "data"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\dl", @"C:\t", true));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\fl", @"C:\t\f.txt", false));

        OsAssert.Succeeded(links.RemoveLink(@"C:\dl"));
        OsAssert.Succeeded(links.RemoveLink(@"C:\fl"));

        Assert.False(windows.Exists(@"C:\dl"));
        Assert.False(windows.Exists(@"C:\fl"));
        Assert.Equal("data", windows.ReadText(@"C:\t\f.txt"));
    }

    [Fact]
    public void Removing_one_name_of_a_hard_linked_file_keeps_the_other()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\f.txt", "data"));
        OsAssert.Succeeded(links.CreateHardLink(@"C:\g.txt", @"C:\f.txt"));

        OsAssert.Succeeded(links.RemoveLink(@"C:\g.txt"));

        Assert.Equal("data", windows.ReadText(@"C:\f.txt"));
        Assert.Equal(1, links.GetEntry(@"C:\f.txt").LinkCount);
    }

    [Fact]
    public void RemoveLink_refuses_a_real_folder_even_an_empty_one_and_a_single_name_file()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddFile(@"C:\dir\f.txt").AddDirectory(@"C:\empty").AddFile(@"C:\one.txt", "only"));

        AssertFails(links.RemoveLink(@"C:\dir"), Win32.NotAReparsePoint, FailureKind.Conflict, links, LinkOperation.Remove);
        AssertFails(links.RemoveLink(@"C:\empty"), Win32.NotAReparsePoint, FailureKind.Conflict, links, LinkOperation.Remove);
        AssertFails(links.RemoveLink(@"C:\one.txt"), Win32.NotAReparsePoint, FailureKind.Conflict, links, LinkOperation.Remove);

        Assert.True(windows.Exists(@"C:\dir\f.txt"));
        Assert.True(windows.Exists(@"C:\empty"));
        Assert.Equal("only", windows.ReadText(@"C:\one.txt"));
    }

    [Fact]
    public void RemoveLink_refuses_a_reparse_point_that_is_not_a_link()
    {
        var placeholder = RawBuffer(ReparseTag.Cloud3, [1, 2, 3, 4]);
        var (windows, links) = On(SimulatedWindows.StandardUser().PlantReparsePoint(@"C:\OneDrive\doc.docx", placeholder, isDirectory: false));

        AssertFails(links.RemoveLink(@"C:\OneDrive\doc.docx"), Win32.ReparseTagMismatch, FailureKind.Conflict, links, LinkOperation.Remove);
        Assert.True(windows.Exists(@"C:\OneDrive\doc.docx"));
    }

    [Fact]
    public void RemoveLink_of_nothing_is_not_found()
    {
        var (_, links) = On(SimulatedWindows.StandardUser());

        AssertFails(links.RemoveLink(@"C:\none"), Win32.FileNotFound, FailureKind.NotFound, links, LinkOperation.Remove);
    }

    // ---- reading links ----

    [Theory]
    [InlineData(@"..\lib\a.dll", @"..\lib\a.dll", true)]
    [InlineData(@"C:\Program Files\x", @"C:\Program Files\x", false)]
    [InlineData(@"\\server\share\dir", @"\\server\share\dir", false)]
    [InlineData(@"C:rel", @"C:\rel", false)]
    public void ReadLink_gives_the_stored_target_as_dotnet_reads_it(string target, string expected, bool relative)
    {
        var (_, links) = On(SimulatedWindows.AdminElevated().AddDirectory(@"C:\app"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\app\l", target, false));

        Assert.Equal(new StoredLink(LinkKind.SymbolicLink, expected, relative, ReparseTag.Symlink), OsAssert.Link(links.ReadLink(@"C:\app\l")));
    }

    [Fact]
    public void ReadLink_of_an_app_execution_alias_gives_the_exe_and_the_package()
    {
        var alias = ReparseBufferCodec.EncodeAppExecLink(
            "PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0",
            "PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0!Python",
            @"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.12_3.12.1_x64__qbz5n2kfra8p0\python3.12.exe");
        var path = @"C:\Users\u\AppData\Local\Microsoft\WindowsApps\python.exe";
        var (_, links) = On(SimulatedWindows.StandardUser().PlantReparsePoint(path, alias, isDirectory: false));

        var link = OsAssert.Link(links.ReadLink(path));

        Assert.NotNull(link);
        Assert.Equal(LinkKind.AppExecutionAlias, link.Kind);
        Assert.EndsWith(@"\python3.12.exe", link.Target, StringComparison.Ordinal);
        Assert.Equal("PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0", link.PackageId);
        Assert.Equal("PythonSoftwareFoundation.Python.3.12_qbz5n2kfra8p0!Python", link.AppId);
        Assert.Equal(ReparseTag.AppExecLink, link.ReparseTag);
        Assert.Equal(EntryType.OtherReparsePoint, links.GetEntry(path).Type);
    }

    [Theory]
    [InlineData("../lib/libc.so.6", true)]
    [InlineData("/usr/bin/python3", false)]
    public void ReadLink_of_a_wsl_symlink_gives_the_posix_target(string target, bool relative)
    {
        var (_, links) = On(SimulatedWindows.StandardUser().PlantReparsePoint(@"C:\wsl\l", ReparseBufferCodec.EncodeLxSymlink(target), isDirectory: false));

        Assert.Equal(new StoredLink(LinkKind.WslSymlink, target, relative, ReparseTag.LxSymlink), OsAssert.Link(links.ReadLink(@"C:\wsl\l")));
        Assert.Equal(EntryType.OtherReparsePoint, links.GetEntry(@"C:\wsl\l").Type);
        Assert.Equal(ReparseTag.LxSymlink, links.GetEntry(@"C:\wsl\l").ReparseTag);
    }

    [Theory]
    [InlineData(ReparseTag.Dedup, "IO_REPARSE_TAG_DEDUP")]
    [InlineData(0x0000_1234u, "0x00001234")]
    public void ReadLink_of_a_reparse_point_that_is_not_a_link_says_so_by_tag(uint tag, string named)
    {
        var (_, links) = On(SimulatedWindows.StandardUser().PlantReparsePoint(@"C:\x", RawBuffer(tag, new byte[20]), isDirectory: false));

        var read = links.ReadLink(@"C:\x");

        Assert.False(read.Succeeded);
        Assert.Null(read.Error);
        Assert.Contains(named, read.Problem, StringComparison.Ordinal);
        Assert.Equal(EntryType.OtherReparsePoint, links.GetEntry(@"C:\x").Type);
    }

    [Fact]
    public void ReadLink_of_a_corrupt_symlink_buffer_is_undecodable()
    {
        var buffer = ReparseBufferCodec.EncodeSymbolicLink(@"C:\target");
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(10), 0x7FFE); // SubstituteNameLength past the end
        var (_, links) = On(SimulatedWindows.StandardUser().PlantReparsePoint(@"C:\bad", buffer, isDirectory: false));

        var read = links.ReadLink(@"C:\bad");

        Assert.False(read.Succeeded);
        Assert.False(string.IsNullOrEmpty(read.Problem));
    }

    [Fact]
    public void ReadLink_of_a_plain_file_is_not_a_reparse_point_and_of_nothing_is_not_found()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\f.txt"));

        Assert.Equal(Win32.NotAReparsePoint, links.ReadLink(@"C:\f.txt").Error?.Code);
        Assert.Equal(Win32.FileNotFound, links.ReadLink(@"C:\none").Error?.Code);
    }

    // ---- following links ----

    [Fact]
    public void A_link_to_nothing_is_broken_missing_without_an_error()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated());
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l", @"C:\gone\x.txt", false));

        var target = links.GetTargetEntry(@"C:\l");

        Assert.False(target.Exists);
        Assert.Null(target.Error);
        Assert.True(links.GetEntry(@"C:\l").Exists);
    }

    [Fact]
    public void Two_links_to_each_other_loop_cannot_follow()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated());
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\a", "b", false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\b", "a", false));

        var target = links.GetTargetEntry(@"C:\a");

        Assert.Equal(EntryType.None, target.Type);
        Assert.Equal(Win32.CantResolveFilename, target.Error?.Code);
        Assert.Equal(FailureKind.CannotFollow, target.ErrorKind);
    }

    [Fact]
    public void A_local_link_to_a_share_with_L2R_disabled_cannot_be_followed()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.Share(@"\\server\share", 0x5))
            .AddFile(@"\\server\share\f.txt", "remote"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l", @"\\server\share\f.txt", false));
        Assert.Equal(@"\\server\share\f.txt", links.GetTargetEntry(@"C:\l").FinalPath);

        windows.SymlinkEvaluation = SymlinkEvaluation.Default with { LocalToRemote = false };
        var target = links.GetTargetEntry(@"C:\l");

        Assert.Equal(Win32.SymlinkClassDisabled, target.Error?.Code);
        Assert.Equal(FailureKind.CannotFollow, target.ErrorKind);
    }

    [Fact]
    public void A_link_on_a_mapped_drive_to_a_local_path_is_blocked_by_default_R2L_and_allowed_when_enabled()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\home", 0x2))
            .AddFile(@"C:\local.txt")
            .AddDirectory(@"Z:\dir"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"Z:\dir\l", @"C:\local.txt", false));

        Assert.Equal(Win32.SymlinkClassDisabled, links.GetTargetEntry(@"Z:\dir\l").Error?.Code);

        windows.SymlinkEvaluation = SymlinkEvaluation.All;
        Assert.Equal(@"C:\local.txt", links.GetTargetEntry(@"Z:\dir\l").FinalPath);
        // A file on a mapped drive is finally named by its share.
        Assert.Equal(@"\\nas\home\dir", links.GetTargetEntry(@"Z:\dir").FinalPath);
    }

    [Fact]
    public void Relative_links_through_a_junction_resolve_against_the_path_taken()
    {
        var (_, links) = On(SimulatedWindows.AdminElevated().AddFile(@"C:\real\f.txt").AddDirectory(@"C:\real\sub"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\j", @"C:\real"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\real\sub\l", @"..\f.txt", false));

        Assert.Equal(@"C:\real\f.txt", links.GetTargetEntry(@"C:\j\sub\l").FinalPath);
    }

    [Fact]
    public void GetEntry_of_nothing_and_below_a_file_is_missing()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\f.txt"));

        Assert.Equal(EntryFacts.Missing(@"C:\none"), links.GetEntry(@"C:\none"));
        Assert.False(links.GetEntry(@"C:\f.txt\x").Exists);
        Assert.False(links.GetEntry(@"Q:\x").Exists);
    }

    [Fact]
    public void A_plain_folder_and_file_are_what_they_are()
    {
        var (_, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\d\f.txt"));

        var folder = links.GetEntry(@"C:\d");
        var file = links.GetEntry(@"C:\d\f.txt");
        Assert.Equal((EntryType.Directory, true, 0u), (folder.Type, folder.IsDirectory, folder.ReparseTag));
        Assert.Equal((EntryType.File, false, 1L), (file.Type, file.IsDirectory, file.LinkCount));
    }

    // ---- Wine 8 ----

    [Fact]
    public void Under_wine_symlink_creation_reports_success_but_reading_back_finds_nothing()
    {
        var (_, links) = On(SimulatedWindows.Wine().AddFile(@"C:\a.txt"));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l.txt", @"C:\a.txt", false));

        Assert.False(links.GetEntry(@"C:\l.txt").Exists);
        Assert.Equal(Win32.FileNotFound, links.ReadLink(@"C:\l.txt").Error?.Code);
        Assert.False(links.GetVolume(@"C:\").SupportsSymbolicLinks);
    }

    [Fact]
    public void Under_wine_junctions_fail_without_leftovers_hard_links_work_and_names_are_unavailable()
    {
        var (windows, links) = On(SimulatedWindows.Wine().AddFile(@"C:\f.txt").AddDirectory(@"C:\t"));

        var junction = OsAssert.Failed(links.CreateJunction(@"C:\j", @"C:\t"));
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(junction, LinkOperation.CreateJunction));
        Assert.False(windows.Exists(@"C:\j"));

        OsAssert.Succeeded(links.CreateHardLink(@"C:\g.txt", @"C:\f.txt"));
        Assert.Equal(2, links.GetEntry(@"C:\f.txt").LinkCount);
        var names = links.GetHardLinkNames(@"C:\f.txt");
        Assert.False(names.Succeeded);
        Assert.Contains("FindFirstFileNameW", names.Problem, StringComparison.Ordinal);
    }

    // ---- volumes ----

    [Fact]
    public void Volume_facts_come_from_flags_and_drive_type()
    {
        var (_, links) = On(SimulatedWindows.StandardUser()
            .WithVolume(SimulatedVolume.ExFat('E', 0xE))
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\nas\home", 0x2))
            .WithVolume(SimulatedVolume.Share(@"\\server\share", 0x5)));

        var c = links.GetVolume(@"C:\Users\u");
        Assert.Equal((@"C:\", "NTFS", VolumeLocation.Local, false), (c.Root, c.FileSystem, c.Location, c.ReadOnly));
        Assert.Equal((true, true, true), (c.SupportsSymbolicLinks, c.SupportsHardLinks, c.SupportsReparsePoints));
        Assert.Equal(SimulatedWindows.SystemDriveSerial, c.VolumeId);
        Assert.Equal("0x03E706FF", c.Detail);

        var e = links.GetVolume(@"E:\x");
        Assert.Equal(("exFAT", VolumeLocation.Removable, false, false), (e.FileSystem, e.Location, e.SupportsSymbolicLinks, e.SupportsHardLinks));
        Assert.Equal(VolumeLocation.Remote, links.GetVolume(@"Z:\x").Location);
        var share = links.GetVolume(@"\\server\share\x");
        Assert.Equal((@"\\server\share\", VolumeLocation.Remote), (share.Root, share.Location));

        var missing = links.GetVolume(@"Q:\x");
        Assert.Equal(Win32.PathNotFound, missing.Error?.Code);
        Assert.Equal(@"Q:\", missing.Root);
    }

    // ---- rename and copy ----

    [Fact]
    public void Rename_replaces_a_file_link_atomically_but_not_a_directory_link()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated().AddDirectory(@"C:\t"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\new", @"C:\t", false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\old", @"C:\x", false));
        OsAssert.Succeeded(links.Rename(@"C:\new", @"C:\old"));
        Assert.Equal(@"C:\t", OsAssert.Link(links.ReadLink(@"C:\old"))?.Target);
        Assert.False(windows.Exists(@"C:\new"));

        OsAssert.Succeeded(links.CreateJunction(@"C:\j1", @"C:\t"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\j2", @"C:\t"));
        AssertFails(links.Rename(@"C:\j1", @"C:\j2"), Win32.AccessDenied, FailureKind.AccessDenied, links, LinkOperation.Rename);
        Assert.True(windows.Exists(@"C:\j1"));
    }

    [Fact]
    public void Copying_a_folder_copies_files_and_keeps_inner_links_as_links()
    {
        var (windows, links) = On(SimulatedWindows.AdminElevated()
            .AddFile(@"C:\src\a.txt", "A")
            .AddFile(@"C:\src\sub\b.txt", "B")
            .AddFile(@"C:\elsewhere\big.bin", "big"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\src\j", @"C:\elsewhere"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\src\rel", "a.txt", false));

        OsAssert.Succeeded(new WindowsTreeCopier(windows, links).Copy(@"C:\src", @"C:\dst", isDirectory: true));

        Assert.Equal("A", windows.ReadText(@"C:\dst\a.txt"));
        Assert.Equal("B", windows.ReadText(@"C:\dst\sub\b.txt"));
        Assert.Equal(EntryType.File, links.GetEntry(@"C:\dst\a.txt").Type);
        Assert.NotEqual(links.GetEntry(@"C:\src\a.txt").Identity, links.GetEntry(@"C:\dst\a.txt").Identity);
        Assert.Equal(EntryType.Junction, links.GetEntry(@"C:\dst\j").Type);
        Assert.Equal(@"C:\elsewhere", OsAssert.Link(links.ReadLink(@"C:\dst\j"))?.Target);
        Assert.Equal(new StoredLink(LinkKind.SymbolicLink, "a.txt", true, ReparseTag.Symlink), OsAssert.Link(links.ReadLink(@"C:\dst\rel")));
        Assert.Equal(@"C:\dst\a.txt", links.GetTargetEntry(@"C:\dst\rel").FinalPath);
    }

    [Fact]
    public void Copying_a_file_never_overwrites()
    {
        var (windows, links) = On(SimulatedWindows.StandardUser().AddFile(@"C:\a.txt", "new").AddFile(@"C:\b.txt", "old"));

        var copier = new WindowsTreeCopier(windows, links);
        AssertFails(copier.Copy(@"C:\a.txt", @"C:\b.txt", false), Win32.FileExists, FailureKind.Conflict, links, LinkOperation.Copy);
        Assert.Equal("old", windows.ReadText(@"C:\b.txt"));
        OsAssert.Succeeded(copier.Copy(@"C:\a.txt", @"C:\c.txt", false));
        Assert.Equal("new", windows.ReadText(@"C:\c.txt"));
    }

    // ---- classification ----

    [Theory]
    [InlineData(1314, LinkOperation.CreateSymbolicLink, FailureKind.PrivilegeNotHeld)]
    [InlineData(5, LinkOperation.Remove, FailureKind.AccessDenied)]
    [InlineData(19, LinkOperation.CreateHardLink, FailureKind.ReadOnly)]
    [InlineData(1, LinkOperation.CreateJunction, FailureKind.NotSupported)]
    [InlineData(50, LinkOperation.CreateJunction, FailureKind.NotSupported)]
    // 1464 is "This application does not support the current operation on symbolic links"
    // (winerror.h; docs/windows-facts.md, error codes): about the caller, not a file-system limit.
    [InlineData(1464, LinkOperation.CreateSymbolicLink, FailureKind.Other)]
    // 448: Redirection Guard refused to follow a junction a non-administrator made (docs/windows-facts.md).
    [InlineData(448, LinkOperation.Read, FailureKind.CannotFollow)]
    [InlineData(17, LinkOperation.CreateHardLink, FailureKind.CrossDevice)]
    [InlineData(1142, LinkOperation.CreateHardLink, FailureKind.TooManyLinks)]
    [InlineData(80, LinkOperation.Copy, FailureKind.Conflict)]
    [InlineData(183, LinkOperation.CreateJunction, FailureKind.Conflict)]
    [InlineData(2, LinkOperation.Read, FailureKind.NotFound)]
    [InlineData(3, LinkOperation.CreateSymbolicLink, FailureKind.NotFound)]
    [InlineData(87, LinkOperation.CreateJunction, FailureKind.InvalidInput)]
    [InlineData(87, LinkOperation.CreateSymbolicLink, FailureKind.Other)]
    [InlineData(1463, LinkOperation.Read, FailureKind.CannotFollow)]
    [InlineData(1921, LinkOperation.Read, FailureKind.CannotFollow)]
    [InlineData(123, LinkOperation.CreateSymbolicLink, FailureKind.InvalidInput)]
    [InlineData(161, LinkOperation.Rename, FailureKind.InvalidInput)]
    [InlineData(206, LinkOperation.CreateHardLink, FailureKind.NameTooLong)]
    [InlineData(112, LinkOperation.CreateSymbolicLink, FailureKind.NoSpace)]
    [InlineData(4390, LinkOperation.Remove, FailureKind.Conflict)]
    [InlineData(32, LinkOperation.Rename, FailureKind.Other)]
    public void Win32_errors_are_classified(int code, object operation, FailureKind expected)
    {
        Assert.Equal(expected, LinkClassifier.Classify(OsError.Win32(code), (LinkOperation)operation));
    }

    [Fact]
    public void One_classifier_reads_each_error_by_its_own_numbering()
    {
        // EPERM from symlink(2) is "this file system cannot store one"; Win32 1 is ERROR_INVALID_FUNCTION (FAT).
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(OsError.Errno(1), LinkOperation.CreateSymbolicLink));
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(OsError.Win32(1), LinkOperation.CreateSymbolicLink));
        Assert.Equal(FailureKind.AccessDenied, LinkClassifier.Classify(OsError.Errno(1), LinkOperation.Remove));
    }

    private static byte[] RawBuffer(uint tag, byte[] data)
    {
        // Non-Microsoft tags carry a 16-byte GUID first (REPARSE_GUID_DATA_BUFFER).
        var payload = ReparseTag.IsMicrosoft(tag) ? data : [.. new byte[16], .. data];
        var buffer = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), (ushort)payload.Length);
        payload.CopyTo(buffer, 8);
        return buffer;
    }
}
