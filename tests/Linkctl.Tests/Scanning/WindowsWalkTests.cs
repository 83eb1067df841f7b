using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary>
/// Issue 11's walker defects (3, 4, 12) end to end: the Windows walker lists the simulated disk
/// through IWindowsApi, the shared record builder classifies. Each set-up names the fact it rests
/// on in docs/windows-facts.md ("Paths, volumes and identity"; "Reparse tags a scanner must classify").
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class WindowsWalkTests
{
    private const uint DataSerial = 0x0000_DA7A;

    private static (List<LinkRecord> Links, List<ScanProblem> Problems) Scan(SimulatedWindows windows, string root, ScanOptions options) =>
        new TreeScanner(windows.Platform(root), options).Collect([root]);

    [Fact]
    public void Follow_stops_a_junction_cycle_at_its_first_repeat()
    {
        // windows-facts.md: loop detection uses the identity (FILE_ID_INFO) of the folder entered,
        // never the link's own. C:\t\a\up is a junction to C:\t: entering it would list C:\t again.
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\t\a\file.txt").AddDirectory(@"C:\t\b");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateJunction(@"C:\t\a\up", @"C:\t"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\t\b\side", @"C:\t\a"));

        var (found, problems) = Scan(windows, @"C:\t", new ScanOptions { Follow = true });

        Assert.Empty(problems);
        // Each junction is reported once: nothing is listed under another name a second time.
        Assert.Equal([@"C:\t\a\up", @"C:\t\b\side"], found.Select(l => l.PathText).Order(StringComparer.Ordinal));
        var up = found.Single(l => l.PathText.EndsWith("up", StringComparison.Ordinal));
        Assert.True((up.Flags & LinkFlags.PointsToAncestor) != 0);
        Assert.True((up.Flags & LinkFlags.Followed) == 0);
        // b\side leads to C:\t\a, which the walk lists (or will list) as itself: not entered twice.
        var side = found.Single(l => l.PathText.EndsWith("side", StringComparison.Ordinal));
        Assert.True((side.Flags & LinkFlags.AlreadyVisited) != 0 || (side.Flags & LinkFlags.Followed) != 0);
        Assert.All(found, l => Assert.True(l.Depth <= 3, l.PathText));
    }

    [Fact]
    public void Follow_lists_a_folder_reached_by_two_links_once()
    {
        // A DAG, not a cycle: shared is reached through two junctions. A walk enters every folder
        // once, by identity (issue 9: 40 such levels are 2^40 paths when only ancestors are checked).
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\t\x").AddDirectory(@"C:\t\y").AddDirectory(@"C:\shared");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\shared\inner.txt", @"C:\nowhere.txt", isDirectory: false));
        OsAssert.Succeeded(links.CreateJunction(@"C:\t\x\s", @"C:\shared"));
        OsAssert.Succeeded(links.CreateJunction(@"C:\t\y\s", @"C:\shared"));

        var (found, problems) = Scan(windows, @"C:\t", new ScanOptions { Follow = true });

        Assert.Empty(problems);
        Assert.Single(found, l => l.PathText.EndsWith("inner.txt", StringComparison.Ordinal));
        Assert.Single(found, l => (l.Flags & LinkFlags.AlreadyVisited) != 0);
        Assert.Single(found, l => (l.Flags & LinkFlags.Followed) != 0);
    }

    [Fact]
    public void A_volume_mounted_in_a_folder_is_a_mount_point_that_crosses_volumes_not_a_loop()
    {
        // windows-facts.md: GetFinalPathNameByHandle(VOLUME_NAME_DOS) of a volume mounted in a
        // folder is the mount folder itself, equal to the link's path: not an ancestor.
        var windows = SimulatedWindows.AdminElevated()
            .AddDirectory(@"C:\t")
            .MountVolume(@"C:\t\data", SimulatedVolume.Letterless(DataSerial))
            .AddFile(@"C:\t\data\on-data.txt", "x");

        var (found, problems) = Scan(windows, @"C:\t", new ScanOptions { Follow = true });

        Assert.Empty(problems);
        var mount = Assert.Single(found);
        Assert.Equal(LinkKind.VolumeMountPoint, mount.Kind);
        Assert.Equal(LinkStatus.Ok, mount.Status);
        Assert.True((mount.Flags & LinkFlags.PointsToAncestor) == 0);
        Assert.True((mount.Flags & LinkFlags.CrossesFileSystem) != 0);
    }

    [Fact]
    public void One_file_system_does_not_enter_another_volume()
    {
        // --one-file-system compares the volume serial of each folder entered (FILE_ID_INFO's
        // VolumeSerialNumber) with the root's, as find -xdev compares st_dev.
        var windows = SimulatedWindows.AdminElevated()
            .AddDirectory(@"C:\t\local")
            .MountVolume(@"C:\t\data", SimulatedVolume.Letterless(DataSerial))
            .AddDirectory(@"C:\t\data\deeper");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t\local\here.txt", @"C:\none.txt", isDirectory: false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t\data\deeper\there.txt", @"C:\none.txt", isDirectory: false));

        var all = Scan(windows, @"C:\t", new ScanOptions { Follow = true }).Links.Select(l => l.PathText).ToList();
        var one = Scan(windows, @"C:\t", new ScanOptions { Follow = true, OneFileSystem = true }).Links.Select(l => l.PathText).ToList();

        Assert.Contains(@"C:\t\data\deeper\there.txt", all);
        Assert.Contains(@"C:\t\local\here.txt", one);
        Assert.DoesNotContain(@"C:\t\data\deeper\there.txt", one);
    }

    [Fact]
    public void Name_surrogates_that_are_not_links_are_named_and_never_entered()
    {
        // windows-facts.md, "Reparse tags a scanner must classify": bit 29 marks a name surrogate,
        // "do not recurse into it"; GLOBAL_REPARSE and WCI_LINK are not links a user made. Opening
        // through a tag no driver handles gives ERROR_CANT_ACCESS_FILE (1920), so a walk that went
        // in would report a folder it cannot list.
        var windows = SimulatedWindows.AdminElevated()
            .AddDirectory(@"C:\t\plain")
            .PlantReparsePoint(@"C:\t\global", MicrosoftReparseBuffer(ReparseTag.GlobalReparse), isDirectory: true)
            .PlantReparsePoint(@"C:\t\plain\layer", MicrosoftReparseBuffer(ReparseTag.WciLink), isDirectory: true)
            .PlantReparsePoint(@"C:\t\plain\gone.txt", MicrosoftReparseBuffer(ReparseTag.WciTombstone), isDirectory: false);
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t\plain\real.txt", @"C:\none.txt", isDirectory: false));
        var scanner = new TreeScanner(windows.Platform(@"C:\t"), new ScanOptions { Follow = true });

        var (found, problems) = scanner.Collect([@"C:\t"]);

        Assert.Empty(problems);
        Assert.Equal(@"C:\t\plain\real.txt", Assert.Single(found).PathText);
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["IO_REPARSE_TAG_GLOBAL_REPARSE"] = 1,
                ["IO_REPARSE_TAG_WCI_LINK"] = 1,
                ["IO_REPARSE_TAG_WCI_TOMBSTONE"] = 1,
            },
            scanner.Counters.NotLinks);
    }

    // REPARSE_DATA_BUFFER's generic form for Microsoft tags: tag, data length, reserved, data
    // (Learn: REPARSE_DATA_BUFFER; non-Microsoft tags carry a GUID instead, REPARSE_GUID_DATA_BUFFER).
    private static byte[] MicrosoftReparseBuffer(uint tag)
    {
        var buffer = new byte[8 + 4];
        BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), tag);
        BitConverter.TryWriteBytes(buffer.AsSpan(4, 2), (ushort)4);
        return buffer;
    }

    [Fact]
    public void Names_ending_in_a_dot_or_a_space_are_walked_as_themselves()
    {
        // windows-facts.md, "Paths, volumes and identity": Win32 strips trailing dots and spaces
        // unless the path starts with \\?\; WSL and Cygwin make such names. Beside "dir." stands
        // "dir", which an unprefixed C:\t\dir.\x would open instead.
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\t\dir");
        Assert.Equal(0, windows.CreateDirectory(@"\\?\C:\t\dir."));
        Assert.Equal(0, windows.CreateDirectory(@"\\?\C:\t\space "));
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateSymbolicLink(@"\\?\C:\t\dir.\in-dotted.txt", @"C:\none.txt", isDirectory: false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"\\?\C:\t\space \in-spaced.txt", @"C:\none.txt", isDirectory: false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\t\dir\in-plain.txt", @"C:\none.txt", isDirectory: false));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"\\?\C:\t\link.", @"C:\t\dir", isDirectory: true));

        var (found, problems) = Scan(windows, @"C:\t", new ScanOptions());

        Assert.Empty(problems);
        Assert.Equal(
            [@"C:\t\dir.\in-dotted.txt", @"C:\t\dir\in-plain.txt", @"C:\t\link.", @"C:\t\space \in-spaced.txt"],
            found.Select(l => l.PathText).Order(StringComparer.Ordinal));
        var dotted = found.Single(l => l.PathText.EndsWith("link.", StringComparison.Ordinal));
        Assert.Equal(LinkStatus.Ok, dotted.Status);
        Assert.Equal(@"C:\t\dir", dotted.StoredTargetText);
    }

    [Fact]
    public void Follow_reports_a_compatibility_junction_and_never_enters_it()
    {
        // Learn, "Junction Points" (VSS): hidden + system junctions whose ACL denies listing; a walk
        // must not traverse them. Entering one would fail with ERROR_ACCESS_DENIED.
        // The folder it leads to is outside the walked tree: the simulation denies listing it under
        // any name (see MakeCompatibilityJunction).
        var windows = SimulatedWindows.AdminElevated().AddDirectory(@"C:\Users\ann\Documents").AddDirectory(@"C:\elsewhere\Roaming");
        var links = new WindowsLinkSystem(windows);
        OsAssert.Succeeded(links.CreateJunction(@"C:\Users\ann\Application Data", @"C:\elsewhere\Roaming"));
        OsAssert.Succeeded(links.CreateSymbolicLink(@"C:\elsewhere\Roaming\cfg.lnk", @"C:\none.txt", isDirectory: false));
        windows.MakeCompatibilityJunction(@"C:\Users\ann\Application Data");

        var (found, problems) = Scan(windows, @"C:\Users\ann", new ScanOptions { Follow = true });

        Assert.Empty(problems);
        var junction = Assert.Single(found, l => l.Kind == LinkKind.Junction);
        Assert.True((junction.Flags & LinkFlags.Followed) == 0);
    }
}
