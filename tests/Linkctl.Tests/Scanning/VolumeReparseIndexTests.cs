using System.Buffers.Binary;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Reparse;
using Linkctl.Scanning;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary><see cref="VolumeReparseIndex"/> against a simulated $Reparse index over the simulated Windows.</summary>
public sealed class VolumeReparseIndexTests
{
    private readonly SimulatedWindows windows = SimulatedWindows.AdminElevated();

    private static byte[] RawBuffer(uint tag, byte[] data)
    {
        var payload = ReparseTag.IsMicrosoft(tag) ? data : [.. new byte[16], .. data];
        var buffer = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(4), (ushort)payload.Length);
        payload.CopyTo(buffer, 8);
        return buffer;
    }

    private (List<LinkRecord> Links, List<ScanProblem> Problems, VolumeIndexSummary Summary) Scan(SimulatedReparseIndex index, string drive = "C:", Func<LinkRecord, bool>? filter = null)
    {
        var links = new List<LinkRecord>();
        var problems = new List<ScanProblem>();
        var reader = new VolumeReparseIndex(index, windows, filter);
        var summary = reader.Scan(drive, new ListSink(links, problems));
        return (links, problems, summary);
    }

    private SimulatedReparseIndex PopulatedVolume(out Dictionary<string, ulong> ids)
    {
        var system = new WindowsLinkSystem(windows);
        windows.AddDirectory(@"C:\data\docs").AddFile(@"C:\data\a.txt", "a");
        Assert.Null(system.CreateSymbolicLink(@"C:\data\rel.txt", "a.txt", isDirectory: false));
        Assert.Null(system.CreateJunction(@"C:\data\j", @"C:\data\docs"));
        Assert.Null(system.CreateSymbolicLink(@"C:\data\docs\gone", @"C:\nowhere\x", isDirectory: false));
        windows.PlantReparsePoint(@"C:\data\cloud.docx", RawBuffer(ReparseTag.Cloud3, [1, 2, 3]), isDirectory: false);
        windows.PlantReparsePoint(@"C:\data\dedup.bin", RawBuffer(ReparseTag.Dedup, [4, 5]), isDirectory: false);
        windows.PlantReparsePoint(@"C:\data\cloud2.docx", RawBuffer(ReparseTag.Cloud3, [6]), isDirectory: false);

        var index = new SimulatedReparseIndex(windows);
        ids = new[] { @"C:\data\rel.txt", @"C:\data\cloud.docx", @"C:\data\j", @"C:\data\dedup.bin", @"C:\data\docs\gone", @"C:\data\cloud2.docx" }
            .ToDictionary(p => p, index.Add);
        return index;
    }

    [Fact]
    public void Links_are_classified_as_the_walker_does_and_other_tags_are_counted_never_opened()
    {
        var index = PopulatedVolume(out var ids);

        var (links, problems, summary) = Scan(index);

        Assert.True(summary.Succeeded, summary.Failure?.Message);
        Assert.Empty(problems);
        Assert.Equal(6, summary.Entries);
        Assert.Equal(3, summary.LinksExamined);
        Assert.Equal(new Dictionary<string, long> { ["IO_REPARSE_TAG_CLOUD_3"] = 2, ["IO_REPARSE_TAG_DEDUP"] = 1 }, summary.OtherTags);
        Assert.Equal([ids[@"C:\data\rel.txt"], ids[@"C:\data\j"], ids[@"C:\data\docs\gone"]], index.Resolved);
        Assert.Equal([@"C:\"], index.OpenedVolumes);

        var byPath = links.ToDictionary(l => l.PathText);
        Assert.Equal([@"C:\data\docs\gone", @"C:\data\j", @"C:\data\rel.txt"], byPath.Keys.Order(StringComparer.Ordinal));

        var rel = byPath[@"C:\data\rel.txt"];
        Assert.Equal(LinkKind.SymbolicLink, rel.Kind);
        Assert.Equal(LinkStatus.Ok, rel.Status);
        Assert.Equal("a.txt", rel.StoredTargetText);
        Assert.Equal(@"C:\data\a.txt", rel.ResolvedTargetText);
        Assert.True(rel.IsRelative);
        Assert.Equal(EntryType.File, rel.TargetType);
        Assert.Equal(2, rel.Depth);
        Assert.Equal(@"C:\", RawPath.ToText(rel.Root));

        var junction = byPath[@"C:\data\j"];
        Assert.Equal(LinkKind.Junction, junction.Kind);
        Assert.Equal(LinkStatus.Ok, junction.Status);
        Assert.Equal(EntryType.Directory, junction.TargetType);
        Assert.True(junction.IsAbsolute);
        Assert.Equal(LinkFlags.Absolute, junction.Flags);

        var gone = byPath[@"C:\data\docs\gone"];
        Assert.Equal(LinkStatus.Broken, gone.Status);
        Assert.Equal(EntryType.None, gone.TargetType);
        Assert.Null(gone.Error);
        Assert.Equal(3, gone.Depth);
    }

    [Fact]
    public void The_filter_of_list_applies()
    {
        var index = PopulatedVolume(out _);

        var (links, _, summary) = Scan(index, filter: l => l.Status is LinkStatus.Broken or LinkStatus.Loop);

        Assert.True(summary.Succeeded);
        Assert.Equal(@"C:\data\docs\gone", Assert.Single(links).PathText);
    }

    [Fact]
    public void A_volume_that_is_not_NTFS_is_refused_before_anything_is_opened()
    {
        windows.WithVolume(SimulatedVolume.Fat32('E', 0x1234));
        var index = new SimulatedReparseIndex(windows);

        var (links, _, summary) = Scan(index, "e:");

        Assert.Empty(links);
        Assert.Equal(VolumeIndexFailureKind.NoIndex, summary.Failure!.Kind);
        Assert.Contains("FAT32, not NTFS", summary.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(@"linkctl list E:\", summary.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(index.OpenedVolumes);
    }

    [Theory]
    [InlineData(Win32ErrorNames.AccessDenied)]
    [InlineData(Win32ErrorNames.PrivilegeNotHeld)]
    public void Access_denied_on_the_index_asks_for_an_elevated_window(int error)
    {
        var index = PopulatedVolume(out _);
        index.OpenError = error;

        var (links, _, summary) = Scan(index);

        Assert.Empty(links);
        Assert.Equal(VolumeIndexFailureKind.NeedsElevation, summary.Failure!.Kind);
        Assert.Equal(error, summary.Failure.Error!.Code);
        Assert.Contains("needs an elevated window: run as administrator or use `linkctl list C:\\` to walk the tree instead", summary.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(index.Resolved);
    }

    [Theory]
    [InlineData(Win32ErrorNames.PathNotFound)]
    [InlineData(Win32ErrorNames.FileNotFound)]
    [InlineData(Win32ErrorNames.InvalidParameter)]
    public void A_volume_without_an_index_to_open_is_unsupported_not_an_os_error(int error)
    {
        // What Wine answers: C: says NTFS, but there is no $Extend\$Reparse behind it.
        var index = new SimulatedReparseIndex(windows) { OpenError = error };

        var (_, _, summary) = Scan(index);

        Assert.Equal(VolumeIndexFailureKind.NoIndex, summary.Failure!.Kind);
        Assert.Contains("offers no $Reparse index", summary.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_while_reading_the_index_stops_it_after_the_links_already_reported()
    {
        var index = PopulatedVolume(out _);
        index.ReadFailure = (2, Win32ErrorNames.SharingViolation);

        var (links, _, summary) = Scan(index);

        Assert.Equal(VolumeIndexFailureKind.OsError, summary.Failure!.Kind);
        Assert.Equal("ERROR_SHARING_VIOLATION", summary.Failure.Error!.Name);
        Assert.Equal(@"C:\data\rel.txt", Assert.Single(links).PathText);
        Assert.Equal(2, summary.Entries);
    }

    [Fact]
    public void A_link_that_cannot_be_opened_is_a_problem_and_a_deleted_one_is_skipped()
    {
        var index = PopulatedVolume(out var ids);
        index.FailResolve(ids[@"C:\data\j"], Win32ErrorNames.AccessDenied);
        index.FailResolve(ids[@"C:\data\docs\gone"], Win32ErrorNames.FileNotFound);

        var (links, problems, summary) = Scan(index);

        Assert.True(summary.Succeeded);
        Assert.Equal(@"C:\data\rel.txt", Assert.Single(links).PathText);
        var problem = Assert.Single(problems);
        Assert.Equal("cannot open link by id", problem.What);
        Assert.Equal(Win32ErrorNames.AccessDenied, problem.Error.Code);
        Assert.Contains($"{ids[@"C:\data\j"]:X16}", problem.PathText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_tag_with_data_that_does_not_decode_is_a_problem()
    {
        windows.AddDirectory(@"C:\x");
        windows.PlantReparsePoint(@"C:\x\bad", RawBuffer(ReparseTag.Symlink, [1, 2, 3]), isDirectory: false);
        var index = new SimulatedReparseIndex(windows);
        index.Add(@"C:\x\bad");

        var (links, problems, summary) = Scan(index);

        Assert.True(summary.Succeeded);
        Assert.Empty(links);
        var problem = Assert.Single(problems);
        Assert.StartsWith("cannot read link", problem.What, StringComparison.Ordinal);
        Assert.Equal(@"C:\x\bad", problem.PathText);
    }

    [Theory]
    [InlineData("C:", @"C:\")]
    [InlineData(@"d:\", @"D:\")]
    [InlineData("e", @"E:\")]
    [InlineData("C:/", @"C:\")]
    [InlineData(@"C:\Users", null)]
    [InlineData(@"\\server\share", null)]
    [InlineData("1:", null)]
    [InlineData("", null)]
    public void Drives_are_parsed_strictly(string given, string? expected) =>
        Assert.Equal(expected, VolumeReparseIndex.ParseDrive(given));

    [Fact]
    public void A_drive_letter_without_a_volume_is_no_such_drive()
    {
        var index = new SimulatedReparseIndex(windows);

        var (_, _, summary) = Scan(index, "Q:");

        Assert.Equal(VolumeIndexFailureKind.NoSuchDrive, summary.Failure!.Kind);
        Assert.Contains(@"there is no volume at Q:\", summary.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(index.OpenedVolumes);
    }

    [Fact]
    public void A_folder_instead_of_a_drive_is_refused()
    {
        var index = new SimulatedReparseIndex(windows);

        var (_, _, summary) = Scan(index, @"C:\Users");

        Assert.Equal(VolumeIndexFailureKind.InvalidDrive, summary.Failure!.Kind);
        Assert.Empty(index.OpenedVolumes);
    }

    [Fact]
    public void Index_records_are_16_bytes_apart_and_a_partial_one_is_ignored()
    {
        var data = new byte[16 * 2 + 9];
        BinaryPrimitives.WriteUInt64LittleEndian(data, 0x0005_0000_0000_1234);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), ReparseTag.Symlink);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(12), 0xDEADBEEF); // padding, ignored
        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(24), ReparseTag.Cloud);
        var entries = new List<ReparseIndexEntry>();

        ReparseIndexRecords.Parse(data, 16, entries);

        Assert.Equal([new ReparseIndexEntry(0x0005_0000_0000_1234, ReparseTag.Symlink), new ReparseIndexEntry(42, ReparseTag.Cloud)], entries);
    }

    [Theory]
    [InlineData(@"\\?\C:\data\x", @"C:\data\x")]
    [InlineData(@"\\?\Volume{0b1c}\x", @"\\?\Volume{0b1c}\x")]
    [InlineData(@"C:\x", @"C:\x")]
    public void Final_paths_lose_their_prefix_when_they_have_a_drive(string final, string expected) =>
        Assert.Equal(expected, ReparseIndexRecords.ToDrivePath(final));

    private sealed class ListSink(List<LinkRecord> links, List<ScanProblem> problems) : ILinkSink
    {
        public void OnLink(LinkRecord link) => links.Add(link);

        public void OnProblem(ScanProblem problem) => problems.Add(problem);

        public void Complete()
        {
        }
    }
}
