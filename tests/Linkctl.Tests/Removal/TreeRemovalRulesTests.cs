using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Xunit;

namespace Linkctl.Tests.Removal;

/// <summary>The tree delete's pure decisions: links and mounts are leaves, --links-only keeps everything else.</summary>
[Trait("Layer", "Pure")]
public sealed class TreeRemovalRulesTests
{
    private const ulong Here = 7;

    private static EntryFacts Entry(EntryType type, ulong volume = Here, bool mountRoot = false) =>
        new("/t/x", type) { Identity = new FileIdentity(volume, 42), IsMountRoot = mountRoot, IsDirectory = type == EntryType.Directory };

    [Theory]
    [InlineData(EntryType.File, null, TreeRemovalMode.Everything, TreeAction.RemoveFile)]
    [InlineData(EntryType.File, null, TreeRemovalMode.LinksOnly, TreeAction.Keep)]
    [InlineData(EntryType.Special, null, TreeRemovalMode.Everything, TreeAction.RemoveFile)]
    [InlineData(EntryType.Special, null, TreeRemovalMode.LinksOnly, TreeAction.Keep)]
    [InlineData(EntryType.Directory, null, TreeRemovalMode.Everything, TreeAction.Descend)]
    [InlineData(EntryType.Directory, null, TreeRemovalMode.LinksOnly, TreeAction.Descend)]
    [InlineData(EntryType.SymbolicLink, null, TreeRemovalMode.Everything, TreeAction.RemoveLink)]
    [InlineData(EntryType.SymbolicLink, null, TreeRemovalMode.LinksOnly, TreeAction.RemoveLink)]
    [InlineData(EntryType.Junction, LinkKind.Junction, TreeRemovalMode.Everything, TreeAction.RemoveLink)]
    [InlineData(EntryType.Junction, LinkKind.VolumeMountPoint, TreeRemovalMode.Everything, TreeAction.LeaveMount)]
    [InlineData(EntryType.Junction, LinkKind.VolumeMountPoint, TreeRemovalMode.LinksOnly, TreeAction.LeaveMount)]
    [InlineData(EntryType.OtherReparsePoint, LinkKind.WslSymlink, TreeRemovalMode.LinksOnly, TreeAction.RemoveLink)]
    [InlineData(EntryType.OtherReparsePoint, LinkKind.AppExecutionAlias, TreeRemovalMode.Everything, TreeAction.RemoveLink)]
    [InlineData(EntryType.OtherReparsePoint, null, TreeRemovalMode.Everything, TreeAction.RemoveFile)]
    [InlineData(EntryType.OtherReparsePoint, null, TreeRemovalMode.LinksOnly, TreeAction.Keep)]
    public void Each_kind_of_entry_gets_its_action(EntryType type, LinkKind? kind, object mode, object expected) =>
        Assert.Equal((TreeAction)expected, TreeRemovalRules.Decide(Entry(type), Here, kind, (TreeRemovalMode)mode));

    [Fact]
    public void A_folder_on_another_device_or_a_bind_mount_root_is_never_entered()
    {
        Assert.Equal(TreeAction.LeaveMount, TreeRemovalRules.Decide(Entry(EntryType.Directory, volume: 8), Here, null, TreeRemovalMode.Everything));
        Assert.Equal(TreeAction.LeaveMount, TreeRemovalRules.Decide(Entry(EntryType.Directory, mountRoot: true), Here, null, TreeRemovalMode.Everything));
    }

    [Fact]
    public void A_name_gone_meanwhile_is_nothing_to_do_and_an_unreadable_one_is_reported()
    {
        Assert.Equal(TreeAction.Gone, TreeRemovalRules.Decide(EntryFacts.Missing("/t/x"), Here, null, TreeRemovalMode.Everything));
        var denied = new EntryFacts("/t/x", EntryType.None) { Error = OsError.Errno(13) };
        Assert.Equal(TreeAction.Unexamined, TreeRemovalRules.Decide(denied, Here, null, TreeRemovalMode.Everything));
        Assert.Equal(TreeAction.Unexamined, TreeRemovalRules.Decide(new EntryFacts("/t/x", EntryType.Directory), Here, null, TreeRemovalMode.Everything));
    }
}
