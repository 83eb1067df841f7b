using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Moving;
using Linkctl.Paths;
using Linkctl.Platform;
using Xunit;

namespace Linkctl.Tests.Moving;

/// <summary>MovePlanner's decisions, both path flavours, no disk.</summary>
[Trait("Layer", "Pure")]
public sealed class MovePlannerTests
{
    private static readonly FileIdentity Id = new(1, 7);

    private static MoveFacts Linux(string source = "/data/games", string destination = "/mnt/big/games", ulong sourceVolume = 1, ulong destinationVolume = 2) => new()
    {
        Flavour = OsFlavour.Unix,
        Source = source,
        SourceEntry = new EntryFacts(source, EntryType.Directory) { IsDirectory = true, Identity = Id },
        Destination = destination,
        DestinationParent = new EntryFacts("/mnt/big", EntryType.Directory) { IsDirectory = true },
        DestinationEntry = EntryFacts.Missing(destination),
        SourceVolume = new VolumeFacts { Root = "/", FileSystem = "ext4", VolumeId = sourceVolume, SupportsSymbolicLinks = true },
        DestinationVolume = new VolumeFacts { Root = "/mnt/big", FileSystem = "ext4", VolumeId = destinationVolume },
        UserHome = "/home/ann",
        SourceBytes = 100L << 20,
        SourceEntries = 1000,
        DestinationFreeBytes = 1L << 40,
    };

    private static MoveFacts Windows(string source = @"C:\Games\Steam", string destination = @"D:\Steam", VolumeLocation location = VolumeLocation.Local, bool canSymlink = false) => new()
    {
        Flavour = OsFlavour.Windows,
        Source = source,
        SourceEntry = new EntryFacts(source, EntryType.Directory) { IsDirectory = true, Identity = Id },
        Destination = destination,
        DestinationParent = new EntryFacts(@"D:\", EntryType.Directory) { IsDirectory = true },
        DestinationEntry = EntryFacts.Missing(destination),
        SourceVolume = new VolumeFacts { Root = @"C:\", FileSystem = "NTFS", VolumeId = 1, SupportsReparsePoints = true },
        DestinationVolume = new VolumeFacts { Root = @"D:\", FileSystem = "NTFS", VolumeId = 2, Location = location },
        UserHome = @"C:\Users\ann",
        WindowsSystemFolders = [@"C:\Windows", @"C:\Program Files", @"C:\Program Files (x86)", @"C:\ProgramData", @"C:\Users"],
        SourceBytes = 10,
        SourceEntries = 1,
        DestinationFreeBytes = 1L << 40,
        CanCreateSymbolicLinks = canSymlink,
        // The Windows decisions are planned as if the copier and rename existed there; FolderMover refuses after them.
        CopierAvailable = true,
        RenameAvailable = true,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/usr")]
    [InlineData("/etc")]
    [InlineData("/proc")]
    [InlineData("/proc/self")]
    [InlineData("/sys/kernel")]
    [InlineData("/dev")]
    [InlineData("/boot")]
    [InlineData("/bin")]
    [InlineData("/lib64")]
    [InlineData("/var")]
    [InlineData("/home")]
    [InlineData("/home/ann")]
    public void Linux_system_folders_are_refused_by_name(string source)
    {
        var refusal = MovePlanner.Plan(Linux(source)).Refusal;
        Assert.NotNull(refusal);
        Assert.Equal(FailureKind.Conflict, refusal.Kind);
        Assert.Contains("will not move", refusal.What, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"C:\")]
    [InlineData(@"C:\Windows")]
    [InlineData(@"c:\windows")]
    [InlineData(@"C:\Program Files")]
    [InlineData(@"C:\Program Files (x86)")]
    [InlineData(@"C:\ProgramData")]
    [InlineData(@"C:\Users")]
    [InlineData(@"C:\Users\ann")]
    [InlineData(@"D:\")]
    public void Windows_system_folders_are_refused_by_name(string source)
    {
        var refusal = MovePlanner.Plan(Windows(source)).Refusal;
        Assert.NotNull(refusal);
        Assert.Contains("will not move", refusal.What, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_inside_the_profile_or_program_files_may_move()
    {
        Assert.NotNull(MovePlanner.Plan(Windows(@"C:\Users\ann\AppData\Local\Docker")).Plan);
        Assert.NotNull(MovePlanner.Plan(Windows(@"C:\Program Files (x86)\Steam\steamapps")).Plan);
        Assert.NotNull(MovePlanner.Plan(Linux("/home/ann/.cache")).Plan);
        Assert.NotNull(MovePlanner.Plan(Linux("/var/lib/docker")).Plan);
    }

    [Fact]
    public void Windows_local_DEST_gets_a_junction_without_privilege()
    {
        var plan = MovePlanner.Plan(Windows()).Plan!;
        Assert.Equal(MoveLinkKind.Junction, plan.Link);
        Assert.Contains("junction needs no privilege", plan.LinkReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_network_DEST_needs_a_symbolic_link_and_has_no_junction_fallback()
    {
        var refused = MovePlanner.Plan(Windows(destination: @"\\server\share\Steam", location: VolumeLocation.Remote)).Refusal!;
        Assert.Equal(FailureKind.PrivilegeNotHeld, refused.Kind);
        Assert.Contains("No junction fallback", refused.Why, StringComparison.Ordinal);

        var plan = MovePlanner.Plan(Windows(destination: @"Z:\Steam", location: VolumeLocation.Remote, canSymlink: true)).Plan!;
        Assert.Equal(MoveLinkKind.SymbolicLink, plan.Link);
    }

    [Fact]
    public void Windows_FAT_source_volume_cannot_hold_a_link()
    {
        var facts = Windows() with { SourceVolume = new VolumeFacts { Root = @"E:\", FileSystem = "exFAT", VolumeId = 1, SupportsReparsePoints = false } };
        Assert.Equal(FailureKind.NotSupported, MovePlanner.Plan(facts).Refusal!.Kind);
    }

    [Fact]
    public void Windows_without_the_copier_refuses_a_cross_volume_move_clearly()
    {
        var refused = MovePlanner.Plan(Windows() with { CopierAvailable = false }).Refusal!;
        Assert.Equal(FailureKind.NotSupported, refused.Kind);
        Assert.Contains("robocopy", refused.Next, StringComparison.Ordinal);
        var same = MovePlanner.Plan(Windows(destination: @"C:\Other") with { RenameAvailable = false, DestinationVolume = Windows().SourceVolume }).Refusal!;
        Assert.Equal(FailureKind.NotSupported, same.Kind);
    }

    [Fact]
    public void Sharing_violation_names_the_open_file()
    {
        var error = MovePlanner.RenameRefused(@"C:\Games\Steam", @"D:\Steam", OsError.Win32(32), [@"C:\Games\Steam\logs\content_log.txt"]);
        Assert.Equal(FailureKind.Conflict, error.Kind);
        Assert.Contains(@"content_log.txt is open", error.What, StringComparison.Ordinal);
        Assert.Contains("ERROR_SHARING_VIOLATION", error.Why, StringComparison.Ordinal);
        var none = MovePlanner.RenameRefused(@"C:\Games\Steam", @"D:\Steam", OsError.Win32(32), []);
        Assert.Contains("no single open file", none.What, StringComparison.Ordinal);
        var denied = MovePlanner.RenameRefused(@"C:\Games\Steam", @"D:\Steam", OsError.Win32(5), []);
        Assert.Equal(FailureKind.AccessDenied, denied.Kind);
    }

    [Fact]
    public void Same_volume_is_one_rename_other_volume_copy_verify_swap()
    {
        Assert.Equal(MoveMethod.Rename, MovePlanner.Plan(Linux(destinationVolume: 1)).Plan!.Method);
        var plan = MovePlanner.Plan(Linux()).Plan!;
        Assert.Equal(MoveMethod.CopyVerifySwap, plan.Method);
        Assert.Equal(MoveLinkKind.SymbolicLink, plan.Link);
        Assert.Equal("/mnt/big/games", plan.LinkTarget);
        Assert.Equal(6, plan.Steps.Count);
    }

    [Fact]
    public void Too_little_free_space_is_refused_before_starting()
    {
        var bytes = 100L << 20;
        var needed = MovePlanner.BytesNeeded(bytes, 1000);
        Assert.Equal(bytes + (1000 * 4096) + (bytes / 64) + (1 << 20), needed);
        Assert.Equal(FailureKind.NoSpace, MovePlanner.Plan(Linux() with { DestinationFreeBytes = needed - 1 }).Refusal!.Kind);
        Assert.NotNull(MovePlanner.Plan(Linux() with { DestinationFreeBytes = needed }).Plan);
        // A rename needs no space.
        Assert.NotNull(MovePlanner.Plan(Linux(destinationVolume: 1) with { DestinationFreeBytes = 0 }).Plan);
    }

    [Fact]
    public void DEST_rules()
    {
        var exists = Linux() with { DestinationEntry = new EntryFacts("/mnt/big/games", EntryType.Directory) { IsDirectory = true } };
        Assert.Contains("even an empty one", MovePlanner.Plan(exists).Refusal!.Why, StringComparison.Ordinal);
        Assert.Equal(FailureKind.InvalidInput, MovePlanner.Plan(Linux("/data/games", "/data/games/inner")).Refusal!.Kind);
        Assert.Equal(FailureKind.NotFound, MovePlanner.Plan(Linux() with { DestinationParent = EntryFacts.Missing("/mnt/big") }).Refusal!.Kind);
        Assert.Equal(FailureKind.ReadOnly, MovePlanner.Plan(Linux() with { DestinationVolume = Linux().DestinationVolume with { ReadOnly = true } }).Refusal!.Kind);
    }

    [Fact]
    public void SRC_rules()
    {
        Assert.Equal(FailureKind.NotFound, MovePlanner.Plan(Linux() with { SourceEntry = EntryFacts.Missing("/data/games") }).Refusal!.Kind);
        Assert.Contains("is a link", MovePlanner.Plan(Linux() with { SourceEntry = new EntryFacts("/data/games", EntryType.SymbolicLink) }).Refusal!.What, StringComparison.Ordinal);
        Assert.Contains("not a folder", MovePlanner.Plan(Linux() with { SourceEntry = new EntryFacts("/data/games", EntryType.File) }).Refusal!.What, StringComparison.Ordinal);
        Assert.Contains("mount point", MovePlanner.Plan(Linux() with { SourceEntry = Linux().SourceEntry with { IsMountRoot = true } }).Refusal!.What, StringComparison.Ordinal);
        Assert.Contains("cannot carry", MovePlanner.Plan(Linux() with { Uncopyable = ["/data/games/fifo (a FIFO, socket or device)"] }).Refusal!.What, StringComparison.Ordinal);
        Assert.Contains("not finished", MovePlanner.Plan(Linux() with { UnfinishedMove = "/a -> /b (run x)" }).Refusal!.What, StringComparison.Ordinal);
        Assert.Contains("cannot store symbolic links", MovePlanner.Plan(Linux() with { SourceVolume = Linux().SourceVolume with { SupportsSymbolicLinks = false } }).Refusal!.What, StringComparison.Ordinal);
    }
}
