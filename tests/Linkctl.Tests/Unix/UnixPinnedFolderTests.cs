using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>
/// The pinned-folder primitives on real Linux folders (issue 9), and removal of only what was
/// checked. Races are injected deterministically: a wrapper pin changes the folder at the exact
/// step where a racing process could, so no test depends on timing.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnixPinnedFolderTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("linkctl-pin-");

    public void Dispose() => _dir.Dispose();

    private IPinnedFolder Pin(string path) => UnixBackend.Create().PinFolder(path).Value;

    [RequiresFact("linux")]
    public void A_pin_has_the_folders_identity_and_acts_by_name_inside_it()
    {
        File.WriteAllText(_dir.PathOf("data.txt"), "data");
        using var folder = Pin(_dir.Path);
        var (device, inode, _, _, _, _) = UnixBackend.Stat(_dir.Path);
        Assert.Equal(inode, (ulong)folder.Identity.File);

        OsAssert.Succeeded(folder.CreateSymbolicLink("link", "data.txt", isDirectory: false));
        Assert.Equal("data.txt", new FileInfo(_dir.PathOf("link")).LinkTarget);
        Assert.Equal("data.txt", folder.ReadLink("link").Value.Target);
        var facts = folder.GetEntry("link");
        Assert.Equal(EntryType.SymbolicLink, facts.Type);
        Assert.Equal(UnixBackend.Stat(_dir.PathOf("link")).Inode, (ulong)facts.Identity!.Value.File);
        Assert.Equal(_dir.PathOf("link"), facts.Path);
        Assert.False(folder.GetEntry("absent").Exists);

        OsAssert.Succeeded(folder.CreateHardLink("second", folder, "data.txt"));
        Assert.Equal(2, UnixBackend.Stat(_dir.PathOf("data.txt")).Links);

        Assert.Equal(["data.txt", "link", "second"], folder.ListNames().Value.Order(StringComparer.Ordinal));
        Assert.NotEqual(0UL, device);
    }

    [RequiresFact("linux")]
    public void Rename_without_replace_refuses_an_existing_name_and_exchange_swaps_two()
    {
        File.WriteAllText(_dir.PathOf("a"), "A");
        File.WriteAllText(_dir.PathOf("b"), "B");
        using var folder = Pin(_dir.Path);

        var refused = folder.Rename("a", folder, "b", RenameMode.NoReplace);
        Assert.Equal(LibC.EEXIST, refused.Error?.Code);
        Assert.Equal("B", File.ReadAllText(_dir.PathOf("b")));

        OsAssert.Succeeded(folder.Rename("a", folder, "b", RenameMode.Exchange));
        Assert.Equal("B", File.ReadAllText(_dir.PathOf("a")));
        Assert.Equal("A", File.ReadAllText(_dir.PathOf("b")));
    }

    [RequiresFact("linux")]
    public void Removing_a_name_never_removes_a_folder()
    {
        Directory.CreateDirectory(_dir.PathOf("sub"));
        using var folder = Pin(_dir.Path);

        Assert.Equal(LibC.EISDIR, folder.RemoveName("sub").Error?.Code);
        Assert.True(Directory.Exists(_dir.PathOf("sub")));
    }

    [RequiresFact("linux")]
    public void Opening_a_child_never_follows_a_link_and_an_identity_change_is_refused()
    {
        Directory.CreateDirectory(_dir.PathOf("real"));
        Directory.CreateDirectory(_dir.PathOf("other"));
        File.CreateSymbolicLink(_dir.PathOf("link"), _dir.PathOf("real"));
        using var folder = Pin(_dir.Path);

        var viaLink = folder.OpenFolder("link");
        Assert.False(viaLink.Succeeded);
        Assert.Contains("not a folder", viaLink.Problem);
        Assert.True(viaLink.Error?.Code is LibC.ELOOP or LibC.ENOTDIR);

        using var real = folder.OpenFolder("real").Value;
        var swapped = folder.OpenFolder("other", expected: real.Identity);
        Assert.False(swapped.Succeeded);
        Assert.Contains("not the folder that was checked", swapped.Problem);
        Assert.Throws<ArgumentException>(() => folder.GetEntry("real/x"));
        Assert.Throws<ArgumentException>(() => folder.GetEntry(".."));
    }

    [RequiresFact("linux")]
    public void Descending_stops_at_a_folder_swapped_for_a_link_out_of_the_root()
    {
        var outside = _dir.PathOf("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "victim"), "v");
        var root = _dir.PathOf("root");
        Directory.CreateDirectory(Path.Combine(root, "user", "deep"));
        using var pinnedRoot = Pin(root);
        using var user = pinnedRoot.OpenFolder("user").Value;
        var expected = new[] { user.Identity };

        // The attacker swaps its folder for a link to a folder outside ROOT.
        Directory.Move(Path.Combine(root, "user"), _dir.PathOf("moved"));
        File.CreateSymbolicLink(Path.Combine(root, "user"), outside);

        Assert.False(PinnedFolders.Descend(pinnedRoot, ["user"]).Succeeded);
        Assert.False(PinnedFolders.Descend(pinnedRoot, ["user"], expected).Succeeded);
        Assert.True(File.Exists(Path.Combine(outside, "victim")));
    }

    [RequiresFact("linux")]
    public void A_pin_keeps_acting_on_the_folder_it_pinned_after_the_path_is_swapped()
    {
        var mine = _dir.PathOf("mine");
        Directory.CreateDirectory(mine);
        var elsewhere = _dir.PathOf("elsewhere");
        Directory.CreateDirectory(elsewhere);
        using var folder = Pin(mine);

        Directory.Move(mine, _dir.PathOf("mine.old"));
        File.CreateSymbolicLink(mine, elsewhere);
        OsAssert.Succeeded(folder.CreateSymbolicLink("made", "x", isDirectory: false));

        Assert.NotNull(new FileInfo(_dir.PathOf("mine.old/made")).LinkTarget);
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [RequiresFact("linux")]
    public void Checked_removal_removes_the_planned_link_and_leaves_no_private_name()
    {
        File.WriteAllText(_dir.PathOf("target"), "t");
        File.CreateSymbolicLink(_dir.PathOf("link"), "target");
        using var folder = Pin(_dir.Path);
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;

        var outcome = CheckedRemoval.Remove(folder, planned);

        Assert.True(outcome.Removed, outcome.Error?.ToString());
        Assert.Equal(["target"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
        Assert.Equal("t", File.ReadAllText(_dir.PathOf("target")));
    }

    [RequiresFact("linux")]
    public void A_link_exchanged_for_a_regular_file_after_the_check_is_put_back_not_deleted()
    {
        File.CreateSymbolicLink(_dir.PathOf("link"), "target");
        File.WriteAllText(_dir.PathOf("precious"), "keep me");
        using var real = Pin(_dir.Path);
        var planned = PlannedLink.Of("link", real.GetEntry("link"), real.ReadLink("link").Value)!;

        // The racer's RENAME_EXCHANGE lands right between the check and the act.
        var raced = false;
        using var folder = new BeforeRename(real, () =>
        {
            if (!raced)
            {
                raced = true;
                OsAssert.Succeeded(real.Rename("link", real, "precious", RenameMode.Exchange));
            }
        });
        var outcome = CheckedRemoval.Remove(folder, planned);

        Assert.False(outcome.Removed);
        Assert.Equal(FailureKind.Conflict, outcome.Error?.Kind);
        Assert.Contains("a file, not the link", outcome.Error!.What);
        Assert.Equal("keep me", File.ReadAllText(_dir.PathOf("link")));
        Assert.Equal("target", new FileInfo(_dir.PathOf("precious")).LinkTarget);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir.Path), e => Path.GetFileName(e).StartsWith(PinnedFolders.PrivatePrefix, StringComparison.Ordinal));
    }

    [RequiresFact("linux")]
    public void A_link_retargeted_after_the_check_is_put_back_not_deleted()
    {
        File.CreateSymbolicLink(_dir.PathOf("link"), "old");
        using var real = Pin(_dir.Path);
        var planned = PlannedLink.Of("link", real.GetEntry("link"), real.ReadLink("link").Value)!;
        var raced = false;
        using var folder = new BeforeRename(real, () =>
        {
            if (!raced)
            {
                raced = true;
                File.Delete(_dir.PathOf("link"));
                File.CreateSymbolicLink(_dir.PathOf("link"), "new");
            }
        });

        var outcome = CheckedRemoval.Remove(folder, planned);

        Assert.False(outcome.Removed);
        Assert.Equal("new", new FileInfo(_dir.PathOf("link")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void When_the_name_is_taken_meanwhile_the_moved_entry_is_kept_and_its_place_reported()
    {
        File.CreateSymbolicLink(_dir.PathOf("link"), "target");
        File.WriteAllText(_dir.PathOf("file"), "data");
        using var real = Pin(_dir.Path);
        var planned = PlannedLink.Of("link", real.GetEntry("link"), real.ReadLink("link").Value)!;
        var calls = 0;
        using var folder = new BeforeRename(real, () =>
        {
            // First rename: the file is swapped in; second (putting back): a new entry took the name.
            if (++calls == 1)
            {
                OsAssert.Succeeded(real.Rename("link", real, "file", RenameMode.Exchange));
            }
            else
            {
                File.WriteAllText(_dir.PathOf("link"), "newcomer");
            }
        });

        var outcome = CheckedRemoval.Remove(folder, planned);

        Assert.False(outcome.Removed);
        var kept = Directory.EnumerateFileSystemEntries(_dir.Path).Single(e => Path.GetFileName(e).StartsWith(PinnedFolders.PrivatePrefix, StringComparison.Ordinal));
        Assert.Equal("data", File.ReadAllText(kept));
        Assert.Contains(kept, outcome.Error!.Why);
        Assert.Equal("newcomer", File.ReadAllText(_dir.PathOf("link")));
    }

    [RequiresFact("linux")]
    public void Rm_through_the_remover_uses_the_pin_and_leaves_only_the_target()
    {
        File.WriteAllText(_dir.PathOf("target"), "t");
        File.CreateSymbolicLink(_dir.PathOf("link"), "target");
        var platform = LinkPlatform.ForLinux(UnixBackend.Create(), new Linkctl.Diagnosis.UnixSources(), _dir.Path);

        var outcome = new LinkRemover(platform).Remove(_dir.PathOf("link"), dryRun: false);

        Assert.True(outcome.Removed, outcome.Error?.ToString());
        Assert.True(outcome.TargetIntact);
        Assert.Equal(["target"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Private_names_carry_the_process_and_are_recognised()
    {
        var name = PinnedFolders.PrivateName("rm");
        Assert.StartsWith(PinnedFolders.PrivatePrefix, name);
        Assert.Equal(Environment.ProcessId, PinnedFolders.OwnerProcessOf(name));
        Assert.NotEqual(name, PinnedFolders.PrivateName("rm"));
        Assert.Null(PinnedFolders.OwnerProcessOf(".linkctl-tmp-rm-12-short"));
        Assert.Null(PinnedFolders.OwnerProcessOf("ordinary"));
    }

    /// <summary>A pin that runs <paramref name="race"/> right before each rename: where a racing process strikes.</summary>
    private sealed class BeforeRename(IPinnedFolder inner, Action race) : IPinnedFolder
    {
        public string Path => inner.Path;

        public FileIdentity Identity => inner.Identity;

        public string PathOf(string name) => inner.PathOf(name);

        public EntryFacts GetEntry(string name) => inner.GetEntry(name);

        public EntryFacts GetTargetEntry(string name) => inner.GetTargetEntry(name);

        public StepResult<StoredLink> ReadLink(string name) => inner.ReadLink(name);

        public OsResult CreateSymbolicLink(string name, string target, bool isDirectory) => inner.CreateSymbolicLink(name, target, isDirectory);

        public OsResult CreateHardLink(string name, IPinnedFolder sourceFolder, string sourceName) => inner.CreateHardLink(name, Unwrap(sourceFolder), sourceName);

        public OsResult RemoveName(string name) => inner.RemoveName(name);

        public OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode)
        {
            race();
            return inner.Rename(name, Unwrap(destination), destinationName, mode);
        }

        public OsResult<IReadOnlyList<string>> ListNames() => inner.ListNames();

        public StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null) => inner.OpenFileForReading(name, expected);

        public OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle> CreateFile(string name, uint mode) => inner.CreateFile(name, mode);

        public OsResult CreateFolder(string name, uint mode) => inner.CreateFolder(name, mode);

        public OsResult SetFolderMode(string name, uint mode) => inner.SetFolderMode(name, mode);

        public OsResult SetOwner(string name, uint owner, uint group) => inner.SetOwner(name, owner, group);

        public OsResult SetTimes(string name, EntryTimes times) => inner.SetTimes(name, times);

        public StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null) => inner.OpenFolder(name, expected);

        public void Dispose()
        {
        }

        private IPinnedFolder Unwrap(IPinnedFolder folder) => ReferenceEquals(folder, this) ? inner : folder;
    }
}
