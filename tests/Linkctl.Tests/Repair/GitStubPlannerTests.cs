using System.Text;
using Linkctl.Creation;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Repair;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>The git-stub planner and git's plumbing parsers, without a disk or git.</summary>
[Trait("Layer", "Pure")]
public sealed class GitStubPlannerTests
{
    private static readonly GitStubContext Unix = new() { Flavour = OsFlavour.Unix, SymbolicLinksAllowed = true };
    private static readonly GitStubContext Windows = new() { Flavour = OsFlavour.Windows, SymbolicLinksAllowed = true };
    private static readonly GitStubContext WindowsNoLinks = new() { Flavour = OsFlavour.Windows, SymbolicLinksAllowed = false };

    private static ulong nextInode = 100;

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static EntryFacts Folder(string path) => new(path, EntryType.Directory) { IsDirectory = true };

    private static EntryFacts File(string path) => new(path, EntryType.File);

    /// <summary>A stub at <paramref name="path"/> holding <paramref name="content"/> (default: exactly the link text).</summary>
    private static GitStubFacts Stub(string path, string text, EntryFacts? target = null, string? content = null, string? targetFull = null, string? targetInRoot = null)
    {
        var bytes = B(content ?? text);
        return new GitStubFacts
        {
            Path = B(path),
            Text = B(text),
            Entry = new EntryFacts(path, EntryType.File) { Identity = new FileIdentity(1, nextInode++) },
            Content = new FileContent(new FileIdentity(1, nextInode), (ulong)bytes.Length, bytes),
            Target = target ?? EntryFacts.Missing(text),
            TargetFullPath = targetFull,
            TargetInRoot = targetInRoot is null ? null : B(targetInRoot),
        };
    }

    [Fact]
    public void A_file_holding_exactly_the_link_text_becomes_a_link_storing_that_text()
    {
        var plan = GitStubPlanner.Plan([Stub("sub/up", "../d/f", File("/r/d/f")), Stub("dang", "nowhere")], Unix);
        Assert.Equal(["dang", "sub/up"], plan.Actions.Select(a => Encoding.UTF8.GetString(a.Path)));
        var up = plan.Actions[1];
        Assert.Equal(B("../d/f"), up.Stored);
        Assert.Equal(B("../d/f"), up.Text);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, up.Kind);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void An_edited_stub_is_left_alone_and_marked_edited()
    {
        var longer = Stub("fl", "d/f", content: "d/f\n");
        var other = Stub("g", "d/g", content: "d/x");
        var plan = GitStubPlanner.Plan([longer, other], Unix);
        Assert.Empty(plan.Actions);
        Assert.All(plan.Skipped, s => Assert.True(s.Edited));
        Assert.Contains("edited stub", plan.Skipped[0].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_size_differs_from_what_was_read_is_not_a_stub()
    {
        // Size from the open file says 10 bytes; only 3 were read (the planner asks for text length + 1).
        var stub = Stub("fl", "d/f") with { Content = new FileContent(new FileIdentity(1, 9), 10, B("d/f")) };
        var plan = GitStubPlanner.Plan([stub], Unix);
        Assert.Empty(plan.Actions);
        Assert.True(Assert.Single(plan.Skipped).Edited);
    }

    [Fact]
    public void A_link_already_storing_the_text_counts_as_done_and_another_text_is_reported()
    {
        var done = Stub("a", "d") with { Entry = new EntryFacts("a", EntryType.SymbolicLink), Content = null, StoredText = B("d") };
        var other = Stub("b", "d") with { Entry = new EntryFacts("b", EntryType.SymbolicLink), Content = null, StoredText = B("elsewhere") };
        var plan = GitStubPlanner.Plan([done, other], Unix);
        Assert.Empty(plan.Actions);
        Assert.Equal(B("a"), Assert.Single(plan.AlreadyLinks));
        Assert.Contains("elsewhere", Assert.Single(plan.Skipped).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_folders_and_empty_texts_are_left_with_a_reason()
    {
        var missing = Stub("gone", "d") with { Entry = EntryFacts.Missing("gone"), Content = null };
        var folder = Stub("dir", "d") with { Entry = Folder("dir"), Content = null };
        var empty = Stub("empty", string.Empty);
        var plan = GitStubPlanner.Plan([missing, folder, empty], Unix);
        Assert.Empty(plan.Actions);
        Assert.Equal(3, plan.Skipped.Count);
        Assert.Contains(plan.Skipped, s => s.Why.Contains("not in the work tree", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Why.Contains("a folder is there", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Why.Contains("empty link text", StringComparison.Ordinal));
        Assert.All(plan.Skipped, s => Assert.False(s.Edited));
    }

    [Fact]
    public void Windows_decides_file_or_folder_from_the_target_and_turns_slashes()
    {
        var plan = GitStubPlanner.Plan(
        [
            Stub("dl", "sub/d", Folder(@"C:\r\sub\d")),
            Stub("fl", "sub/d/f", File(@"C:\r\sub\d\f")),
            Stub("dang", "nowhere/x"),
        ], Windows);
        var byPath = plan.Actions.ToDictionary(a => Encoding.UTF8.GetString(a.Path));
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, byPath["dl"].Kind);
        Assert.Equal(B(@"sub\d"), byPath["dl"].Stored);
        Assert.Equal(B("sub/d"), byPath["dl"].Text);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, byPath["fl"].Kind);
        // A dangling target: a file link, as git for Windows makes it.
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, byPath["dang"].Kind);
    }

    [Fact]
    public void Windows_a_link_to_another_stub_takes_the_final_targets_kind()
    {
        // nested -> dl (itself still a stub file on disk) -> d (a folder): a folder link, not a file link.
        var dl = Stub("dl", "d", Folder(@"C:\r\d"), targetFull: @"C:\r\d", targetInRoot: "d");
        var nested = Stub("nested", "dl", File(@"C:\r\dl"), targetFull: @"C:\r\dl", targetInRoot: "dl");
        var plan = GitStubPlanner.Plan([nested, dl], Windows);
        Assert.All(plan.Actions, a => Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, a.Kind));
    }

    [Fact]
    public void Windows_a_loop_of_stubs_ends_as_a_file_link_without_hanging()
    {
        var a = Stub("a", "b", File(@"C:\r\b"), targetInRoot: "b");
        var b = Stub("b", "a", File(@"C:\r\a"), targetInRoot: "a");
        var plan = GitStubPlanner.Plan([a, b], Windows);
        Assert.All(plan.Actions, x => Assert.Equal(GitStubLinkKind.FileSymbolicLink, x.Kind));
    }

    [Fact]
    public void Windows_without_symbolic_links_a_local_folder_falls_back_to_a_junction_and_says_so()
    {
        var plan = GitStubPlanner.Plan([Stub("dl", "sub/d", Folder(@"C:\r\sub\d"), targetFull: @"C:\r\sub\d")], WindowsNoLinks);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(GitStubLinkKind.Junction, action.Kind);
        Assert.Equal(B(@"C:\r\sub\d"), action.Stored);
        Assert.Contains("junction", action.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_without_symbolic_links_files_missing_targets_shares_and_fallback_none_stay_stubs()
    {
        var plan = GitStubPlanner.Plan(
        [
            Stub("fl", "f", File(@"C:\r\f"), targetFull: @"C:\r\f"),
            Stub("dang", "nowhere"),
            Stub("share", "mapped/d", Folder(@"C:\r\mapped\d"), targetFull: @"C:\r\mapped\d") with { TargetIsRemote = true },
        ], WindowsNoLinks);
        Assert.Empty(plan.Actions);
        Assert.Equal(3, plan.Skipped.Count);
        Assert.Contains(plan.Skipped, s => s.Why.Contains("no fallback that git would accept", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Why.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => s.Why.Contains("network share", StringComparison.Ordinal));

        var strict = GitStubPlanner.Plan([Stub("dl", "d", Folder(@"C:\r\d"), targetFull: @"C:\r\d")], WindowsNoLinks with { Fallback = FallbackPolicy.None });
        Assert.Empty(strict.Actions);
        Assert.Contains("--fallback none", Assert.Single(strict.Skipped).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_the_symlink_gitattribute_decides_file_or_folder_over_the_target_as_git_for_windows_does()
    {
        var plan = GitStubPlanner.Plan(
        [
            Stub("dang-dir", "not/yet") with { SymlinkAttribute = "dir" },
            Stub("dang-directory", "not/yet2") with { SymlinkAttribute = "directory" },
            Stub("forced-file", "d", Folder(@"C:\r\d")) with { SymlinkAttribute = "file" },
            Stub("weird", "d", Folder(@"C:\r\d")) with { SymlinkAttribute = "weird" },
            Stub("set", "f", File(@"C:\r\f")) with { SymlinkAttribute = "set" },
            Stub("plain", "d", Folder(@"C:\r\d")) with { SymlinkAttribute = "unspecified" },
        ], Windows);
        GitStubAction Of(string path) => plan.Actions.Single(a => Encoding.UTF8.GetString(a.Path) == path);
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Of("dang-dir").Kind);
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Of("dang-directory").Kind);
        Assert.Contains("`symlink=dir` gitattribute asks", Of("dang-dir").Note, StringComparison.Ordinal);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Of("forced-file").Kind);
        Assert.Contains("its target is a folder now", Of("forced-file").Note, StringComparison.Ordinal);

        // Other values are ignored, as git for Windows ignores them ("ignoring invalid symlink type"), and said so.
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Of("weird").Kind);
        Assert.Contains("'weird', which git for Windows ignores", Of("weird").Note, StringComparison.Ordinal);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Of("set").Kind);
        Assert.Equal(GitStubLinkKind.DirectorySymbolicLink, Of("plain").Kind);
        Assert.Null(Of("plain").Note);

        // On Unix it changes nothing (git ignores it there).
        var unix = GitStubPlanner.Plan([Stub("dang-dir", "not/yet") with { SymlinkAttribute = "dir" }], Unix);
        Assert.Equal(GitStubLinkKind.FileSymbolicLink, Assert.Single(unix.Actions).Kind);
    }

    [Fact]
    public void Windows_without_symbolic_links_symlink_file_has_no_fallback_and_symlink_dir_a_junction_only_to_a_folder()
    {
        var plan = GitStubPlanner.Plan(
        [
            Stub("forced-file", "d", Folder(@"C:\r\d"), targetFull: @"C:\r\d") with { SymlinkAttribute = "file" },
            Stub("dir", "d", Folder(@"C:\r\d"), targetFull: @"C:\r\d") with { SymlinkAttribute = "dir" },
            Stub("dir-dangling", "gone") with { SymlinkAttribute = "dir" },
        ], WindowsNoLinks);
        Assert.Equal((GitStubLinkKind.Junction, "dir"), (Assert.Single(plan.Actions).Kind, Encoding.UTF8.GetString(plan.Actions[0].Path)));
        Assert.Contains(plan.Skipped, s => Encoding.UTF8.GetString(s.Path) == "forced-file" && s.Why.Contains("`symlink=file` gitattribute asks for a file link, which has no fallback", StringComparison.Ordinal));
        Assert.Contains(plan.Skipped, s => Encoding.UTF8.GetString(s.Path) == "dir-dangling" && s.Why.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_attr_output_yields_each_paths_symlink_value_and_rejects_a_short_record()
    {
        var output = Encoding.UTF8.GetBytes("dl\0symlink\0dir\0odd name\nx\0symlink\0unspecified\0c\0symlink\0set\0").Concat(new byte[] { 0xFF, 0 }).Concat(B("symlink\0unset\0")).ToArray();
        var attributes = GitIndex.SymlinkAttributes(output);
        Assert.Equal(["dir", "unspecified", "set", "unset"], attributes.Select(a => a.Value));
        Assert.Equal(B("odd name\nx"), attributes[1].Path);
        Assert.Equal(new byte[] { 0xFF }, attributes[3].Path);
        var links = new GitLinks([], [], []) { SymlinkAttributes = attributes };
        Assert.Equal("dir", links.SymlinkAttributeOf(B("dl")));
        Assert.Null(links.SymlinkAttributeOf(B("other")));
        Assert.Throws<FormatException>(() => GitIndex.SymlinkAttributes(B("dl\0symlink\0dir")));
        Assert.Throws<FormatException>(() => GitIndex.SymlinkAttributes(B("dl\0diff\0set\0")));
    }

    [Fact]
    public void Windows_an_absolute_posix_text_stays_a_stub()
    {
        var plan = GitStubPlanner.Plan([Stub("abs", "/etc/hostname")], Windows);
        Assert.Empty(plan.Actions);
        Assert.Contains("absolute POSIX path", Assert.Single(plan.Skipped).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Ls_files_output_yields_stage_0_links_with_any_bytes_and_conflicts_apart()
    {
        var odd = new byte[] { (byte)'a', 0xFF, (byte)'\n', (byte)'b' };
        var output = new List<byte>();
        void Record(string head, byte[] path)
        {
            output.AddRange(Encoding.ASCII.GetBytes(head + "\t"));
            output.AddRange(path);
            output.Add(0);
        }

        Record("100644 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0", B("file"));
        Record("120000 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 0", odd);
        Record("120000 cccccccccccccccccccccccccccccccccccccccc 0", B("sub dir/link"));
        Record("120000 dddddddddddddddddddddddddddddddddddddddd 2", B("conflict"));
        Record("120000 eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee 3", B("conflict"));
        var links = GitIndex.SymbolicLinks(output.ToArray(), out var conflicted);
        Assert.Equal(2, links.Count);
        Assert.Equal(odd, links[0].Path);
        Assert.Equal("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", links[0].BlobId);
        Assert.Equal(B("sub dir/link"), links[1].Path);
        Assert.Equal(B("conflict"), Assert.Single(conflicted));
    }

    [Fact]
    public void Cat_file_batch_output_yields_exact_blob_bytes_and_missing_ids()
    {
        var text = new byte[] { (byte)'x', (byte)'\n', 0xFE, (byte)'y' };
        var output = new List<byte>();
        output.AddRange(Encoding.ASCII.GetBytes($"1111 blob {text.Length}\n"));
        output.AddRange(text);
        output.Add((byte)'\n');
        output.AddRange(Encoding.ASCII.GetBytes("2222 missing\n"));
        output.AddRange(Encoding.ASCII.GetBytes("3333 blob 1\nd\n"));
        var blobs = GitIndex.Blobs(output.ToArray(), out var missing);
        Assert.Equal(text, blobs["1111"]);
        Assert.Equal(B("d"), blobs["3333"]);
        Assert.Equal(["2222"], missing);
        Assert.Throws<FormatException>(() => GitIndex.Blobs(Encoding.ASCII.GetBytes("4444 blob 99\nshort\n"), out _));
    }

    [Fact]
    public void Doctor_git_notes_say_what_to_run_and_about_core_symlinks()
    {
        var facts = new Linkctl.Diagnosis.GitFacts { CoreSymlinksRepository = "false", IndexLinks = 3, Stubs = 2, EditedStubs = 1 };
        var can = Linkctl.Diagnosis.Diagnoser.GitNotes(facts, symbolicLinksPossible: true);
        Assert.Contains(can, n => n.Contains("repair --git-stubs --apply --set-core-symlinks", StringComparison.Ordinal));
        Assert.Contains(can, n => n.Contains("1 stub(s) were edited", StringComparison.Ordinal));
        Assert.Contains(can, n => n.Contains("core.symlinks is false", StringComparison.Ordinal));
        var cannot = Linkctl.Diagnosis.Diagnoser.GitNotes(facts, symbolicLinksPossible: false);
        Assert.DoesNotContain(cannot, n => n.Contains("--apply", StringComparison.Ordinal));
        Assert.Empty(Linkctl.Diagnosis.Diagnoser.GitNotes(new Linkctl.Diagnosis.GitFacts { CoreSymlinksRepository = "true", IndexLinks = 3 }, true));
    }
}
