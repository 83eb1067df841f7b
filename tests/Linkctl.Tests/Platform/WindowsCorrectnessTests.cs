using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Inspection;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Removal;
using Linkctl.Reparse;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Platform;

/// <summary>
/// Issue 11's Windows defects outside the walker, each against a simulated Windows whose set-up
/// says where the behaviour comes from (docs/windows-facts.md, "Paths, volumes and identity",
/// and the sources named there).
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class WindowsCorrectnessTests
{
    private const uint RamDiskSerial = 0x0000_0A11;
    private const uint ExFatSerial = 0x0000_E0E0;
    private const uint DataSerial = 0x0000_DA7A;

    // ---- 2: existence never depends on GetFinalPathNameByHandleW ----

    public static TheoryData<string, int> VolumesWithoutAFinalPath => new()
    {
        // ImDisk / OSFMount RAM disks: ERROR_INVALID_FUNCTION (CPython's _getfinalpathname_nonstrict, code 1).
        { "ramdisk", Win32.InvalidFunction },
        // WinFsp user-mode file systems: ERROR_UNRECOGNIZED_VOLUME (CPython's list, code 1005).
        { "winfsp", Win32.UnrecognizedVolume },
        // An SMB share whose parent folder the user may not read: ERROR_ACCESS_DENIED (CPython's list, code 5).
        { "smb", Win32.AccessDenied },
    };

    [Theory]
    [MemberData(nameof(VolumesWithoutAFinalPath))]
    public void A_target_that_opens_exists_even_when_its_final_path_cannot_be_had(string kind, int finalPathError)
    {
        var volume = kind switch
        {
            "ramdisk" => SimulatedVolume.RamDisk('R', RamDiskSerial),
            "winfsp" => SimulatedVolume.WinFsp('R', RamDiskSerial),
            _ => SimulatedVolume.MappedDrive('R', @"\\server\share", RamDiskSerial) with { FinalPathError = Win32.AccessDenied },
        };
        var windows = SimulatedWindows.AdminElevated().WithVolume(volume).AddFile(@"R:\data\a.txt", "on R");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\a.txt", @"R:\data\a.txt", isDirectory: false));
        Assert.Equal(finalPathError, windows.GetFinalPath(@"C:\a.txt", out _));

        var target = links.GetTargetEntry(@"C:\a.txt");

        Assert.True(target.Exists);
        Assert.Equal(EntryType.File, target.Type);
        Assert.Null(target.FinalPath);
        Assert.Equal(new FileIdentity(RamDiskSerial, links.GetEntry(@"R:\data\a.txt").Identity!.Value.File), target.Identity);
        var (report, _) = new LinkInspector(windows.Platform()).Inspect(@"C:\a.txt");
        Assert.Equal(LinkStatus.Ok, report!.Status);
    }

    [Fact]
    public void New_accepts_a_target_on_a_ram_disk_instead_of_calling_it_missing()
    {
        // docs/windows-facts.md: GetFinalPathNameByHandleW answers INVALID_FUNCTION on RAM disks.
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.RamDisk('R', RamDiskSerial)).AddDirectory(@"R:\cache").AddDirectory(@"C:\work");

        var outcome = new LinkMaker(windows.Platform(@"C:\work")).Make(new LinkRequest("cache", @"R:\cache"), dryRun: false);

        Assert.Equal(CreationResult.Created, outcome.Result);
        Assert.True(outcome.Plan!.IsDirectory);
    }

    [Fact]
    public void A_folder_on_a_volume_without_a_drive_letter_exists_through_its_guid_path()
    {
        // docs/windows-facts.md: PATH_NOT_FOUND from GetFinalPathNameByHandleW for a volume with
        // neither a drive letter nor a mounted folder; it still opens by \\?\Volume{GUID}\.
        var volume = SimulatedVolume.Letterless(DataSerial);
        var windows = SimulatedWindows.AdminElevated().WithVolume(volume);
        var links = new WindowsLinkSystem(windows);
        Assert.Equal(0, windows.CreateDirectory(volume.GuidPath + "data"));

        var target = links.GetTargetEntry(volume.GuidPath + "data");

        Assert.True(target.Exists);
        Assert.True(target.IsDirectory);
        Assert.Null(target.FinalPath);
        Assert.Equal(Win32.PathNotFound, windows.GetFinalPath(volume.GuidPath + "data", out _));
    }

    // ---- 9: the volume of a path is the volume of what it opens ----

    [Fact]
    public void A_folder_reached_through_a_junction_onto_exfat_is_on_exfat()
    {
        // docs/windows-facts.md: GetVolumePathNameW knows mount points, not junctions; the open
        // handle (GetVolumeInformationByHandleW) knows the volume a path really is on.
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.ExFat('E', ExFatSerial)).AddDirectory(@"E:\stick");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateJunction(@"C:\stick", @"E:\stick"));

        var volume = links.GetVolume(@"C:\stick");

        Assert.Equal(@"E:\", volume.Root);
        Assert.Equal("exFAT", volume.FileSystem);
        Assert.Equal(ExFatSerial, volume.VolumeId);
        Assert.False(volume.SupportsReparsePoints);
        Assert.Equal(VolumeLocation.Removable, volume.Location);

        // A name to be made inside it (not there yet) is judged by the folder it would be made in.
        Assert.Equal(ExFatSerial, links.GetVolume(@"C:\stick\new-link").VolumeId);
    }

    [Fact]
    public void A_hard_link_in_a_folder_that_is_a_junction_to_another_volume_is_refused_as_cross_volume()
    {
        // The link's folder C:\j leads to E:, so a hard link there to a C: file crosses volumes
        // (ERROR_NOT_SAME_DEVICE, docs/windows-facts.md "Hard links"), though both paths say C:.
        var windows = SimulatedWindows.AdminElevated().WithVolume(SimulatedVolume.Ntfs('E', DataSerial))
            .AddDirectory(@"E:\elsewhere").AddFile(@"C:\work\file.txt", "data");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateJunction(@"C:\work\j", @"E:\elsewhere"));

        var maker = new LinkMaker(windows.Platform(@"C:\work"));
        var facts = maker.Gather(new LinkRequest(@"j\hard.txt", @"C:\work\file.txt") { Kind = RequestedKind.Hard });
        Assert.Equal(DataSerial, facts.LinkVolume.VolumeId);
        Assert.Equal(SimulatedWindows.SystemDriveSerial, facts.TargetVolume.VolumeId);

        var outcome = maker.Make(new LinkRequest(@"j\hard.txt", @"C:\work\file.txt") { Kind = RequestedKind.Hard }, dryRun: false);
        Assert.NotEqual(CreationResult.Created, outcome.Result);
        Assert.False(windows.Exists(@"E:\elsewhere\hard.txt"));
    }

    [Fact]
    public void A_mapped_drive_is_answered_with_its_share_and_a_mounted_folder_with_its_own_volume()
    {
        // GetFinalPathNameByHandleW(VOLUME_NAME_DOS) names a mapped drive by its share, and a volume
        // mounted in a folder by that folder (docs/windows-facts.md, "Paths, volumes and identity").
        var windows = SimulatedWindows.StandardUser()
            .WithVolume(SimulatedVolume.MappedDrive('Z', @"\\server\share", 0x2222))
            .AddDirectory(@"Z:\team")
            .AddDirectory(@"C:\mnt")
            .MountVolume(@"C:\mnt\data", SimulatedVolume.Letterless(DataSerial));
        var links = new WindowsLinkSystem(windows);

        var mapped = links.GetVolume(@"Z:\team");
        Assert.Equal(@"\\server\share\", mapped.Root);
        Assert.Equal(VolumeLocation.Remote, mapped.Location);

        var mounted = links.GetVolume(@"C:\mnt\data\inside");
        Assert.Equal(@"C:\mnt\data\", mounted.Root);
        Assert.Equal(DataSerial, mounted.VolumeId);
        Assert.Equal(SimulatedWindows.SystemDriveSerial, links.GetVolume(@"C:\mnt").VolumeId);
    }

    // ---- 10: listing and opening answer for each other ----

    [Fact]
    public void An_entry_in_a_folder_that_denies_listing_is_described_by_opening_it()
    {
        // docs/windows-facts.md: FindFirstFileExW needs list access to the parent; CreateFile on the
        // entry may work where it does not (Rust std's metadata falls back between the two).
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\data\a.txt", "x").AddDirectory(@"C:\locked");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\locked\link.txt", @"C:\data\a.txt", isDirectory: false));
        windows.DenyListing(@"C:\locked");
        Assert.Equal(Win32.AccessDenied, windows.GetAttributes(@"C:\locked\link.txt", out _, out _));

        var entry = links.GetEntry(@"C:\locked\link.txt");

        Assert.Equal(EntryType.SymbolicLink, entry.Type);
        Assert.Equal(ReparseTag.Symlink, entry.ReparseTag);
        var (report, _) = new LinkInspector(windows.Platform()).Inspect(@"C:\locked\link.txt");
        Assert.Equal(LinkStatus.Ok, report!.Status);
        Assert.True(new LinkRemover(windows.Platform()).Remove(@"C:\locked\link.txt", dryRun: false).Removed);
        Assert.Equal("x", windows.ReadText(@"C:\data\a.txt"));
    }

    [Fact]
    public void A_file_the_system_holds_open_is_described_by_listing_it_and_is_an_existing_target()
    {
        // Rust std's metadata: pagefile.sys and hiberfil.sys refuse even an attributes-only open
        // (ERROR_SHARING_VIOLATION), while FindFirstFileExW still lists them.
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\pagefile.sys").AddDirectory(@"C:\work");
        windows.DenyOpening(@"C:\pagefile.sys", Win32.SharingViolation);
        var links = new WindowsLinkSystem(windows);

        Assert.Equal(EntryType.File, links.GetEntry(@"C:\pagefile.sys").Type);
        Assert.True(links.GetTargetEntry(@"C:\pagefile.sys").Exists);

        var facts = new LinkMaker(windows.Platform(@"C:\work")).Gather(new LinkRequest("pf", @"C:\pagefile.sys"));
        Assert.True(facts.TargetEntry.Exists);
    }

    [Fact]
    public void A_link_whose_target_cannot_be_opened_is_access_denied_not_existing()
    {
        // The fallback to the listing applies only to a path that names no link: past a link, the
        // final target is unknown without a handle, so "access denied" is the honest answer.
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\secret\a.txt");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\l.txt", @"C:\secret\a.txt", isDirectory: false));
        windows.DenyOpening(@"C:\secret\a.txt");

        var target = links.GetTargetEntry(@"C:\l.txt");

        Assert.False(target.Exists);
        Assert.Equal(FailureKind.AccessDenied, target.ErrorKind);
    }

    // ---- 15: removing a volume mount point ----

    [Fact]
    public void Removing_a_mounted_folder_unmounts_the_volume_first_and_leaves_its_files()
    {
        // Learn "Deleting a Mounted Folder": DeleteVolumeMountPointW (trailing backslash required),
        // then RemoveDirectoryW; .NET's RemoveDirectoryRecursive does the same.
        var volume = SimulatedVolume.Letterless(DataSerial);
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\mnt").MountVolume(@"C:\mnt\data", volume);
        windows.AddFile(@"C:\mnt\data\keep.txt", "kept");
        var links = new WindowsLinkSystem(windows);
        Assert.Equal(LinkKind.VolumeMountPoint, links.ReadLink(@"C:\mnt\data").Value.Kind);

        var outcome = new LinkRemover(windows.Platform()).Remove(@"C:\mnt\data", dryRun: false);

        Assert.True(outcome.Removed, outcome.Error?.ToString());
        Assert.Equal([@"C:\mnt\data"], windows.VolumeMountPointDeletions);
        Assert.Empty(windows.MountFoldersRemovedWithoutUnmount);
        Assert.False(windows.Exists(@"C:\mnt\data"));
        Assert.Equal("kept", windows.ReadText(volume.GuidPath + "keep.txt"));
    }

    [Fact]
    public void Removing_a_junction_never_calls_delete_volume_mount_point()
    {
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\target");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateJunction(@"C:\j", @"C:\target"));

        OsAssert.Succeeded(links.RemoveLink(@"C:\j"));

        Assert.Empty(windows.VolumeMountPointDeletions);
        Assert.True(windows.Exists(@"C:\target"));
    }

    // ---- 1: AF_UNIX sockets, end to end ----

    [Fact]
    public void A_link_to_an_af_unix_socket_cannot_be_accessed_in_show_and_list_alike_and_the_socket_is_no_link()
    {
        // windows-facts.md, "Reparse tags a scanner must classify": an AF_UNIX socket is a file with
        // IO_REPARSE_TAG_AF_UNIX (0x80000023), which no driver handles on open, so following a link
        // to it fails with ERROR_CANT_ACCESS_FILE (1920) (Rust std exists(), CPython bpo-37834).
        // Its reparse data is UNVERIFIED (planted empty here): nothing reads it.
        var socket = new byte[8];
        BitConverter.TryWriteBytes(socket.AsSpan(0, 4), ReparseTag.AfUnix);
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\run").PlantReparsePoint(@"C:\run\agent.sock", socket, isDirectory: false);
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\run\current.sock", @"C:\run\agent.sock", isDirectory: false));
        var platform = windows.Platform(@"C:\run");

        var (toSocket, e1) = new LinkInspector(platform).Inspect(@"C:\run\current.sock");
        var (theSocket, e2) = new LinkInspector(platform).Inspect(@"C:\run\agent.sock");
        var listed = new Linkctl.Scanning.TreeScanner(platform).Collect([@"C:\run"]);

        Assert.Null(e1);
        Assert.Null(e2);
        Assert.Equal(LinkStatus.CannotAccess, toSocket!.Status);
        Assert.Equal(LinkKind.OtherReparsePoint, theSocket!.Kind);
        Assert.Equal(LinkStatus.NotALink, theSocket.Status);
        Assert.Equal("IO_REPARSE_TAG_AF_UNIX", theSocket.ReparseTagName);
        Assert.Empty(listed.Problems);
        var record = Assert.Single(listed.Links);
        Assert.Equal(@"C:\run\current.sock", record.PathText);
        Assert.Equal(toSocket.Status, record.Status);

        // rm refuses the socket itself (not a link) and removes the link without touching the socket.
        var refused = new LinkRemover(platform).Remove(@"C:\run\agent.sock", dryRun: false);
        Assert.False(refused.Removed);
        Assert.Contains("IO_REPARSE_TAG_AF_UNIX reparse point, which is a Unix-domain socket", refused.Error!.ToString(), StringComparison.Ordinal);
        Assert.True(new LinkRemover(platform).Remove(@"C:\run\current.sock", dryRun: false).Removed);
        Assert.True(windows.Exists(@"C:\run\agent.sock"));
    }

    // ---- 6: names ending in a dot or a space ----

    [Fact]
    public void Show_and_rm_given_a_prefixed_name_ending_in_a_dot_act_on_that_name_and_not_its_twin()
    {
        // windows-facts.md, "Paths, volumes and identity": without \\?\ Win32 opens "link" for
        // "link."; the path rules refuse such a name unless it is given with \\?\, and given so
        // it must reach the OS literally.
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\t\a").AddDirectory(@"C:\t\b");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"\\?\C:\t\link.", @"C:\t\a", isDirectory: true));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t\link", @"C:\t\b", isDirectory: true));
        var platform = windows.Platform(@"C:\t");

        var (shown, error) = new LinkInspector(platform).Inspect(@"\\?\C:\t\link.");
        Assert.Null(error);
        Assert.Equal(LinkKind.SymbolicLink, shown!.Kind);
        Assert.Equal(@"C:\t\a", shown.StoredTarget);

        var outcome = new LinkRemover(platform).Remove(@"\\?\C:\t\link.", dryRun: false);
        Assert.True(outcome.Removed, outcome.Error?.ToString());
        Assert.False(windows.Exists(@"\\?\C:\t\link."));
        Assert.Equal(@"C:\t\b", links.ReadLink(@"C:\t\link").Value.Target);
    }

    // ---- 16: junctions to \??\Volume{GUID}\folder ----

    [Fact]
    public void A_junction_to_a_folder_named_by_its_volume_guid_is_a_junction_with_a_print_name()
    {
        // docs/windows-facts.md (REPARSE_DATA_BUFFER): set PrintName, or tools show blank targets;
        // only \??\Volume{GUID}\ itself (SetVolumeMountPointW's form) mounts a volume.
        var volume = SimulatedVolume.Letterless(DataSerial);
        var windows = SimulatedWindows.AdminElevated().WithVolume(volume);
        Assert.Equal(0, windows.CreateDirectory(volume.GuidPath + "projects"));
        windows.AddFile(volume.GuidPath + @"projects\readme.txt", "hi");
        var links = new WindowsLinkSystem(windows);

        OsAssert.Succeeded(links.CreateJunction(@"C:\projects", volume.GuidPath + "projects"));

        Assert.Equal(0, windows.GetReparseData(@"C:\projects", out var buffer));
        var point = Assert.IsType<MountPointReparsePoint>(ReparseBufferCodec.Decode(buffer).Point);
        Assert.False(point.IsVolumeMountPoint);
        Assert.Equal(volume.GuidPath + "projects", point.PrintName);
        var (report, _) = new LinkInspector(windows.Platform()).Inspect(@"C:\projects");
        Assert.Equal(LinkKind.Junction, report!.Kind);
        Assert.Equal(LinkStatus.Ok, report.Status);
        Assert.Equal(volume.GuidPath + "projects", report.TargetFullPath);
        Assert.Equal("hi", windows.ReadText(@"C:\projects\readme.txt"));
    }

    [Theory]
    [InlineData(@"\??\Volume{5e1ac0de-1d2e-4f00-8000-000000000001}\", true)]
    [InlineData(@"\??\Volume{5e1ac0de-1d2e-4f00-8000-000000000001}", true)]
    [InlineData(@"\??\Volume{5e1ac0de-1d2e-4f00-8000-000000000001}\projects", false)]
    [InlineData(@"\??\C:\projects", false)]
    public void Only_a_volume_root_is_a_volume_mount_point(string substituteName, bool isVolume)
    {
        Assert.Equal(isVolume, new MountPointReparsePoint(substituteName, string.Empty).IsVolumeMountPoint);
    }

    // ---- 14: long absolute targets ----

    [Fact]
    public void A_long_absolute_target_is_passed_with_the_extended_prefix_and_reads_back_as_given()
    {
        // Learn (CreateSymbolicLinkW): lpTargetFileName is limited to MAX_PATH unless it starts with \\?\.
        var deep = @"C:\" + string.Join('\\', Enumerable.Range(0, 12).Select(i => $"folder-{i:D2}-{new string('x', 20)}"));
        Assert.True(deep.Length > 260);
        var windows = SimulatedWindows.AdminElevated().AddFile(deep + @"\a.txt", "deep").AddDirectory(@"C:\work");
        var links = new WindowsLinkSystem(windows);
        Assert.Equal(Win32.FilenameExceedRange, windows.CreateSymbolicLink(@"C:\work\raw.txt", deep + @"\a.txt", SymbolicLinkFlags.None));

        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\work\deep.txt", deep + @"\a.txt", isDirectory: false));

        Assert.Equal(@"\\?\" + deep + @"\a.txt", windows.SymbolicLinkCalls[^1].Target);
        Assert.Equal(deep + @"\a.txt", links.ReadLink(@"C:\work\deep.txt").Value.Target);
        Assert.Equal("deep", windows.ReadText(@"C:\work\deep.txt"));
        var outcome = new LinkMaker(windows.Platform(@"C:\work")).Make(new LinkRequest("deep2.txt", deep + @"\a.txt"), dryRun: false);
        Assert.Equal(CreationResult.Created, outcome.Result);
    }

    [Fact]
    public void A_relative_target_is_never_prefixed()
    {
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\work\a.txt");
        OsAssert.Succeeded(new WindowsLinkSystem(windows).CreateSymbolicLink(@"C:\work\l.txt", "a.txt", isDirectory: false));
        Assert.Equal("a.txt", windows.SymbolicLinkCalls[^1].Target);
    }

    // ---- simulation mismatches ----

    [Fact]
    public void Move_file_ex_with_replace_existing_moves_a_folder_over_a_file()
    {
        // Wine dlls/ntdll/tests/file.c test_file_rename_information, run on Windows: "oldpath is a
        // directory, newpath is a file, Replace = TRUE" succeeds, and the file is gone.
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\folder").AddFile(@"C:\file.txt", "data");

        Assert.Equal(0, windows.MoveFile(@"C:\folder", @"C:\file.txt", replaceExisting: true));

        Assert.Equal(EntryType.Directory, new WindowsLinkSystem(windows).GetEntry(@"C:\file.txt").Type);
        Assert.False(windows.Exists(@"C:\folder"));
    }

    [Fact]
    public void A_link_swap_never_replaces_a_file_that_took_the_links_place()
    {
        // Since MoveFileExW would replace a file even with a folder link (above), the swap checks the
        // destination again right before renaming onto it: only a link is ever replaced.
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\target").AddFile(@"C:\name", "user data");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\.name.new", @"C:\target", isDirectory: true));

        var failure = LinkSwap.Install(links, @"C:\.name.new", @"C:\name");

        Assert.False(failure.Succeeded);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(failure.Error!, LinkOperation.Rename));
        Assert.Equal("user data", windows.ReadText(@"C:\name"));
        Assert.False(windows.Exists(@"C:\.name.new"));
    }

    [Fact]
    public void Opening_a_placeholder_whose_provider_is_not_running_gives_1920()
    {
        // docs/windows-facts.md ("Reparse tags"): opening a reparse point whose tag no driver handles,
        // without FILE_FLAG_OPEN_REPARSE_POINT, fails with ERROR_CANT_ACCESS_FILE.
        var windows = SimulatedWindows.StandardUser()
            .PlantReparsePoint(@"C:\Users\u\OneDrive\doc.txt", CloudBuffer(), isDirectory: false);
        var links = new WindowsLinkSystem(windows);
        Assert.True(links.GetTargetEntry(@"C:\Users\u\OneDrive\doc.txt").Exists);

        windows.HandledTags.Remove(ReparseTag.Cloud);

        var target = links.GetTargetEntry(@"C:\Users\u\OneDrive\doc.txt");
        Assert.False(target.Exists);
        Assert.Equal(Win32.CantAccessFile, target.Error!.Code);
        Assert.Equal(EntryType.OtherReparsePoint, links.GetEntry(@"C:\Users\u\OneDrive\doc.txt").Type);
    }

    private static byte[] CloudBuffer()
    {
        // A Microsoft tag: no GUID, just the header and some opaque data.
        var buffer = new byte[8 + 4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer, ReparseTag.Cloud);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), 4);
        return buffer;
    }
}
