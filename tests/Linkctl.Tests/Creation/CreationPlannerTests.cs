using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Xunit;

namespace Linkctl.Tests.Creation;

/// <summary>
/// The planner is pure: these tests hand it facts and check each decision, on Windows and Unix
/// path rules, without any disk.
/// </summary>
[Trait("Layer", "Pure")]
public sealed class CreationPlannerTests
{
    private static readonly VolumeFacts Ntfs = new() { Root = @"C:\", FileSystem = "NTFS", Location = VolumeLocation.Local, SupportsReparsePoints = true, SupportsSymbolicLinks = true, SupportsHardLinks = true, VolumeId = 1 };
    private static readonly VolumeFacts OtherNtfs = Ntfs with { Root = @"D:\", VolumeId = 2 };
    private static readonly VolumeFacts ExFat = new() { Root = @"E:\", FileSystem = "exFAT", Location = VolumeLocation.Removable, SupportsReparsePoints = false, SupportsSymbolicLinks = false, SupportsHardLinks = false, VolumeId = 3 };
    private static readonly VolumeFacts Share = new() { Root = @"\\server\share\", FileSystem = "NTFS", Location = VolumeLocation.Remote, SupportsReparsePoints = true, VolumeId = 4 };

    private static EntryFacts Dir(string p) => new(p, EntryType.Directory) { IsDirectory = true };

    private static EntryFacts File(string p) => new(p, EntryType.File) { LinkCount = 1 };

    private static CreationFacts Windows(string link, string target, EntryFacts? targetEntry = null, EntryFacts? linkEntry = null, VolumeFacts? targetVolume = null, VolumeFacts? linkVolume = null) => new()
    {
        LinkPath = link,
        LinkEntry = linkEntry ?? EntryFacts.Missing(link),
        LinkParent = Dir(PathSyntax.Windows.GetDirectoryName(link)!),
        TargetPath = target,
        TargetEntry = targetEntry ?? EntryFacts.Missing(target),
        TargetFromCurrentDirectory = targetEntry ?? EntryFacts.Missing(target),
        LinkVolume = linkVolume ?? Ntfs,
        TargetVolume = targetVolume ?? Ntfs,
        IsWindows = true,
    };

    [Fact]
    public void Folder_target_gives_a_directory_symbolic_link_without_any_flag_to_remember()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"));
        var plan = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data"), facts, PathSyntax.Windows).Plan!;
        Assert.Equal(MadeKind.SymbolicLink, plan.Kind);
        Assert.True(plan.IsDirectory);
        Assert.Equal(@"C:\w\data", plan.StoredTarget);
    }

    [Fact]
    public void Relative_target_is_stored_as_given_with_native_separators()
    {
        var facts = Windows(@"C:\w\sub\link.txt", @"C:\w\data.txt", File(@"C:\w\data.txt"));
        var plan = CreationPlanner.Plan(new LinkRequest(@"sub\link.txt", "../data.txt"), facts, PathSyntax.Windows).Plan!;
        Assert.Equal(@"..\data.txt", plan.StoredTarget);
        Assert.False(plan.IsDirectory);
    }

    [Fact]
    public void Relative_and_absolute_forms_convert()
    {
        var facts = Windows(@"C:\w\sub\link.txt", @"C:\w\data.txt", File(@"C:\w\data.txt"));
        Assert.Equal(@"..\data.txt", CreationPlanner.Plan(new LinkRequest(@"C:\w\sub\link.txt", @"C:\w\data.txt") { Form = TargetForm.Relative }, facts, PathSyntax.Windows).Plan!.StoredTarget);
        Assert.Equal(@"C:\w\data.txt", CreationPlanner.Plan(new LinkRequest(@"C:\w\sub\link.txt", @"..\data.txt") { Form = TargetForm.Absolute }, facts, PathSyntax.Windows).Plan!.StoredTarget);
    }

    [Fact]
    public void Relative_across_drives_is_refused_with_the_reason()
    {
        var facts = Windows(@"C:\w\link.txt", @"D:\data.txt", File(@"D:\data.txt"), targetVolume: OtherNtfs);
        var refusal = CreationPlanner.Plan(new LinkRequest(@"C:\w\link.txt", @"D:\data.txt") { Form = TargetForm.Relative }, facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.InvalidInput, refusal.Kind);
        Assert.Contains("different drives", refusal.Why);
    }

    [Fact]
    public void Missing_target_is_refused_and_the_refusal_explains_relative_resolution()
    {
        var facts = Windows(@"C:\w\sub\link", @"C:\w\sub\data");
        var refusal = CreationPlanner.Plan(new LinkRequest(@"sub\link", "data"), facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.NotFound, refusal.Kind);
        Assert.Contains(@"C:\w\sub", refusal.Why);
        Assert.Contains("--allow-missing", refusal.Next);
    }

    [Fact]
    public void Allow_missing_needs_a_declared_type_and_then_uses_it()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\later");
        Assert.Equal(FailureKind.InvalidInput, CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\later") { AllowMissing = true }, facts, PathSyntax.Windows).Refusal!.Kind);
        var plan = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\later") { AllowMissing = true, TargetType = TargetTypeHint.Directory }, facts, PathSyntax.Windows).Plan!;
        Assert.True(plan.IsDirectory);
    }

    [Fact]
    public void Swapped_arguments_are_recognised_and_the_fix_is_spelled_out()
    {
        // The user typed ln's order: `linkctl new data.txt newname` where data.txt exists.
        var facts = Windows(@"C:\w\data.txt", @"C:\w\newname", linkEntry: File(@"C:\w\data.txt"));
        var refusal = CreationPlanner.Plan(new LinkRequest("data.txt", "newname"), facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.Conflict, refusal.Kind);
        Assert.Contains("swapped", refusal.What);
        Assert.Contains("LINK TARGET", refusal.Why);
        Assert.Contains("linkctl new newname data.txt", refusal.Next);
    }

    [Fact]
    public void Existing_link_is_refused_without_force_and_replaced_with_it()
    {
        var existing = new EntryFacts(@"C:\w\link", EntryType.SymbolicLink) { IsDirectory = true };
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"), existing);
        var refusal = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data"), facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.Conflict, refusal.Kind);
        Assert.Contains("--force", refusal.Next);
        Assert.True(CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data") { Force = true }, facts, PathSyntax.Windows).Plan!.ReplaceExisting);
    }

    [Fact]
    public void Force_never_replaces_a_folder_or_file_that_holds_data()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"), Dir(@"C:\w\link"));
        var refusal = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data") { Force = true }, facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.Conflict, refusal.Kind);
        Assert.Contains("not a link", refusal.What);
    }

    [Fact]
    public void Hard_link_to_a_folder_is_refused_and_points_to_junction()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"));
        var refusal = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data") { Kind = RequestedKind.Hard }, facts, PathSyntax.Windows).Refusal!;
        Assert.Equal(FailureKind.InvalidInput, refusal.Kind);
        Assert.Contains("junction", refusal.Next);
    }

    [Fact]
    public void Junction_refuses_files_relative_and_network_targets()
    {
        Assert.NotNull(CreationPlanner.Plan(new LinkRequest(@"C:\w\j", @"C:\w\f.txt") { Kind = RequestedKind.Junction }, Windows(@"C:\w\j", @"C:\w\f.txt", File(@"C:\w\f.txt")), PathSyntax.Windows).Refusal);
        Assert.NotNull(CreationPlanner.Plan(new LinkRequest(@"C:\w\j", @"C:\w\d") { Kind = RequestedKind.Junction, Form = TargetForm.Relative }, Windows(@"C:\w\j", @"C:\w\d", Dir(@"C:\w\d")), PathSyntax.Windows).Refusal);
        var unc = CreationPlanner.Plan(new LinkRequest(@"C:\w\j", @"\\server\share\d") { Kind = RequestedKind.Junction }, Windows(@"C:\w\j", @"\\server\share\d", Dir(@"\\server\share\d"), targetVolume: Share), PathSyntax.Windows).Refusal!;
        Assert.Contains("network", unc.What);
    }

    [Fact]
    public void Junction_is_refused_on_unix()
    {
        var facts = Windows("/w/j", "/w/d", Dir("/w/d")) with { IsWindows = false, LinkParent = Dir("/w") };
        var refusal = CreationPlanner.Plan(new LinkRequest("/w/j", "/w/d") { Kind = RequestedKind.Junction }, facts, PathSyntax.Unix).Refusal!;
        Assert.Equal(FailureKind.NotSupported, refusal.Kind);
    }

    [Fact]
    public void Link_folder_must_exist()
    {
        var facts = Windows(@"C:\nowhere\link", @"C:\w\data", Dir(@"C:\w\data")) with { LinkParent = EntryFacts.Missing(@"C:\nowhere") };
        Assert.Equal(FailureKind.NotFound, CreationPlanner.Plan(new LinkRequest(@"C:\nowhere\link", @"C:\w\data"), facts, PathSyntax.Windows).Refusal!.Kind);
    }

    [Fact]
    public void Fallback_for_a_refused_folder_symlink_is_a_junction()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"));
        var request = new LinkRequest(@"C:\w\link", @"C:\w\data");
        var plan = CreationPlanner.Plan(request, facts, PathSyntax.Windows).Plan!;
        var fallback = CreationPlanner.PlanFallback(request, plan, FailureKind.PrivilegeNotHeld, facts, PathSyntax.Windows).Plan!;
        Assert.Equal(MadeKind.Junction, fallback.Kind);
        Assert.Equal(@"C:\w\data", fallback.StoredTarget);
    }

    [Fact]
    public void Fallback_for_a_refused_file_symlink_is_a_hard_link_on_the_same_volume_only()
    {
        var request = new LinkRequest(@"C:\w\link.txt", @"C:\w\data.txt");
        var same = Windows(@"C:\w\link.txt", @"C:\w\data.txt", File(@"C:\w\data.txt"));
        var plan = CreationPlanner.Plan(request, same, PathSyntax.Windows).Plan!;
        Assert.Equal(MadeKind.HardLink, CreationPlanner.PlanFallback(request, plan, FailureKind.PrivilegeNotHeld, same, PathSyntax.Windows).Plan!.Kind);

        var other = Windows(@"C:\w\link.txt", @"D:\data.txt", File(@"D:\data.txt"), targetVolume: OtherNtfs);
        var refusal = CreationPlanner.PlanFallback(request, plan with { TargetPath = @"D:\data.txt" }, FailureKind.PrivilegeNotHeld, other, PathSyntax.Windows).Refusal!;
        Assert.Contains("another volume", refusal.What);
    }

    [Fact]
    public void Strict_means_no_fallback_and_copy_only_when_asked()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"));
        var plan = CreationPlanner.Plan(new LinkRequest(@"C:\w\link", @"C:\w\data"), facts, PathSyntax.Windows).Plan!;
        Assert.Null(CreationPlanner.PlanFallback(new LinkRequest(@"C:\w\link", @"C:\w\data") { Fallback = FallbackPolicy.None }, plan, FailureKind.PrivilegeNotHeld, facts, PathSyntax.Windows).Plan);
        Assert.Equal(MadeKind.Copy, CreationPlanner.PlanFallback(new LinkRequest(@"C:\w\link", @"C:\w\data") { Fallback = FallbackPolicy.Copy }, plan, FailureKind.PrivilegeNotHeld, facts, PathSyntax.Windows).Plan!.Kind);
    }

    [Fact]
    public void No_fallback_for_errors_other_than_privilege_or_support()
    {
        var facts = Windows(@"C:\w\link", @"C:\w\data", Dir(@"C:\w\data"));
        var request = new LinkRequest(@"C:\w\link", @"C:\w\data");
        var plan = CreationPlanner.Plan(request, facts, PathSyntax.Windows).Plan!;
        Assert.Null(CreationPlanner.PlanFallback(request, plan, FailureKind.AccessDenied, facts, PathSyntax.Windows).Plan);
        Assert.Null(CreationPlanner.PlanFallback(request, plan, FailureKind.Conflict, facts, PathSyntax.Windows).Plan);
    }

    [Fact]
    public void Exfat_has_no_junction_or_hard_link_fallback_but_can_copy()
    {
        var dirFacts = Windows(@"E:\link", @"E:\data", Dir(@"E:\data"), linkVolume: ExFat, targetVolume: ExFat);
        var request = new LinkRequest(@"E:\link", @"E:\data");
        var plan = CreationPlanner.Plan(request, dirFacts, PathSyntax.Windows).Plan!;
        Assert.Contains("reparse points", CreationPlanner.PlanFallback(request, plan, FailureKind.NotSupported, dirFacts, PathSyntax.Windows).Refusal!.What);
        Assert.Equal(MadeKind.Copy, CreationPlanner.PlanFallback(request with { Fallback = FallbackPolicy.Copy }, plan, FailureKind.NotSupported, dirFacts, PathSyntax.Windows).Plan!.Kind);
    }

    [Fact]
    public void Unix_folder_symlink_has_no_junction_fallback()
    {
        var facts = Windows("/w/link", "/w/data", Dir("/w/data")) with { IsWindows = false, LinkParent = Dir("/w") };
        var request = new LinkRequest("/w/link", "/w/data");
        var plan = CreationPlanner.Plan(request, facts, PathSyntax.Unix).Plan!;
        var refusal = CreationPlanner.PlanFallback(request, plan, FailureKind.NotSupported, facts, PathSyntax.Unix).Refusal!;
        Assert.Contains("Junctions exist only on Windows", refusal.Why);
    }
}
