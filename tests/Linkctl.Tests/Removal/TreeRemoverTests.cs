using System.Diagnostics;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Unix;
using Xunit;
using Xunit.Abstractions;

namespace Linkctl.Tests.Removal;

/// <summary>
/// The tree delete (issue 12, rm -r and rm --links-only) on real Linux folders: links are leaves,
/// mounts are never crossed, nothing outside DIR changes even when a folder is swapped for a link
/// at the exact step a racing process could strike (a wrapper pin, so no test depends on timing),
/// and long paths, odd names, wide and deep trees work.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TreeRemoverTests(ITestOutputHelper output) : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-rmtree-");

    // rm -rf, not Directory.Delete: the scratch may hold paths deeper than PATH_MAX and non-UTF-8 names.
    public void Dispose() => ProcessRunner.Run("rm", "-rf", "--", scratch.Path);

    private string Tree => scratch.PathOf("tree");

    private string Outside => scratch.PathOf("outside");

    private LinkPlatform Platform() => LinkPlatform.ForLinux(UnixBackend.Create(), new Linkctl.Diagnosis.UnixSources(), scratch.Path);

    /// <summary>tree/ with files, a nested folder, links to a file and a folder outside (absolute and relative), a dangling link and a FIFO; outside/ holds what they point to.</summary>
    private void Layout()
    {
        Directory.CreateDirectory(Path.Combine(Outside, "folder"));
        File.WriteAllText(Path.Combine(Outside, "folder", "precious"), "keep me");
        File.WriteAllText(Path.Combine(Outside, "file"), "keep me too");
        Directory.CreateDirectory(Path.Combine(Tree, "a", "b"));
        File.WriteAllText(Path.Combine(Tree, "top.txt"), "12345");
        File.WriteAllText(Path.Combine(Tree, "a", "b", "deep.txt"), "1234567890");
        File.CreateSymbolicLink(Path.Combine(Tree, "a", "to-folder"), Path.Combine(Outside, "folder"));
        File.CreateSymbolicLink(Path.Combine(Tree, "a", "b", "to-file"), "../../../outside/file");
        File.CreateSymbolicLink(Path.Combine(Tree, "dangling"), "nowhere");
        ProcessRunner.Run("mkfifo", Path.Combine(Tree, "fifo")).EnsureSuccess();
    }

    private void AssertOutsideIntact()
    {
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(Outside, "folder", "precious")));
        Assert.Equal("keep me too", File.ReadAllText(Path.Combine(Outside, "file")));
    }

    [RequiresFact("linux")]
    public void Deletes_the_tree_and_removes_links_without_entering_them()
    {
        Layout();
        var summary = new TreeRemover(Platform()).Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.False(Path.Exists(Tree));
        AssertOutsideIntact();
        Assert.Equal(3, summary.Files);
        Assert.Null(summary.Bytes); // not read in a real delete without CountBytes
        Assert.Equal(3, summary.Folders);
        Assert.Equal(3, summary.Links[LinkKind.SymbolicLink]);
    }

    [RequiresFact("linux")]
    public void A_dry_run_counts_what_a_real_run_removes_and_changes_nothing()
    {
        Layout();
        var seen = new List<TreeEntry>();
        var dry = new TreeRemover(Platform()) { OnEntry = seen.Add }.Remove(Tree, TreeRemovalMode.Everything, dryRun: true);

        Assert.True(Directory.Exists(Path.Combine(Tree, "a", "b")));
        Assert.Equal(9, seen.Count);
        var real = new TreeRemover(Platform()).Remove(Tree, TreeRemovalMode.Everything, dryRun: false);
        Assert.Equal(15, dry.Bytes);
        Assert.Equal((dry.Files, dry.Folders, dry.LinkTotal), (real.Files, real.Folders, real.LinkTotal));
        Assert.False(Path.Exists(Tree));
    }

    [RequiresFact("linux")]
    public void A_link_named_as_DIR_is_removed_itself_and_its_target_kept()
    {
        Layout();
        var link = scratch.PathOf("link-to-outside");
        File.CreateSymbolicLink(link, Outside);

        var summary = new TreeRemover(Platform()).Remove(link, TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete);
        Assert.Equal(1, summary.LinkTotal);
        Assert.False(Path.Exists(link));
        AssertOutsideIntact();
    }

    [RequiresFact("linux")]
    public void Links_only_removes_every_link_and_nothing_else_and_undo_puts_them_back()
    {
        Layout();
        var journal = new Linkctl.Journal.UndoJournal(scratch.PathOf("journal"));
        var remover = new LinkRemover(Platform()) { Journal = journal };
        var summary = new TreeRemover(Platform()) { LinkRemover = remover }.Remove(Tree, TreeRemovalMode.LinksOnly, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.Equal(3, summary.LinkTotal);
        Assert.Equal(3, summary.Kept);
        Assert.Equal(remover.RunId, summary.RunId);
        Assert.False(Path.Exists(Path.Combine(Tree, "a", "to-folder")));
        Assert.False(Path.Exists(Path.Combine(Tree, "dangling")) || File.Exists(Path.Combine(Tree, "dangling")));
        Assert.Equal("12345", File.ReadAllText(Path.Combine(Tree, "top.txt")));
        Assert.Equal("1234567890", File.ReadAllText(Path.Combine(Tree, "a", "b", "deep.txt")));
        AssertOutsideIntact();

        var undone = new Linkctl.Journal.LinkUndo(Platform(), journal).Undo(Linkctl.Journal.LinkUndo.RmCommand, summary.RunId, dryRun: false);
        Assert.All(undone.Outcomes, o => Assert.True(o.Reversed, o.Error?.What));
        Assert.Equal(3, undone.Outcomes.Count);
        Assert.Equal(Path.Combine(Outside, "folder"), new FileInfo(Path.Combine(Tree, "a", "to-folder")).LinkTarget);
        Assert.Equal("nowhere", new FileInfo(Path.Combine(Tree, "dangling")).LinkTarget);
    }

    [RequiresFact("linux", "root")]
    public void A_mount_under_DIR_is_never_crossed_and_its_folder_stays()
    {
        Layout();
        var mount = Path.Combine(Tree, "a", "mnt");
        var bind = Path.Combine(Tree, "bind");
        Directory.CreateDirectory(mount);
        Directory.CreateDirectory(bind);
        ProcessRunner.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount).EnsureSuccess();
        // A bind mount of a folder of the same file system keeps its st_dev: only STATX_ATTR_MOUNT_ROOT tells.
        ProcessRunner.Run("mount", "--bind", Path.Combine(Outside, "folder"), bind).EnsureSuccess();
        try
        {
            File.WriteAllText(Path.Combine(mount, "mounted-data"), "on tmpfs");

            var summary = new TreeRemover(Platform()).Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

            Assert.False(summary.Complete);
            Assert.Equal([mount, bind], summary.MountsLeft.Order(StringComparer.Ordinal));
            Assert.Empty(summary.Problems);
            Assert.Equal("on tmpfs", File.ReadAllText(Path.Combine(mount, "mounted-data")));
            AssertOutsideIntact();
            Assert.False(Path.Exists(Path.Combine(Tree, "top.txt")));
            Assert.False(Path.Exists(Path.Combine(Tree, "a", "b")));
        }
        finally
        {
            ProcessRunner.Run("umount", mount);
            ProcessRunner.Run("umount", bind);
        }
    }

    [RequiresFact("linux")]
    public void A_folder_swapped_for_a_link_before_it_is_entered_is_not_followed()
    {
        Layout();
        Directory.CreateDirectory(Path.Combine(Tree, "victim"));
        File.WriteAllText(Path.Combine(Tree, "victim", "x"), "x");
        var remover = new TreeRemover(Platform())
        {
            PinSeam = pin => new RacingPin(pin, beforeOpen: name =>
            {
                if (name == "victim")
                {
                    // The racer: the folder linkctl just read is moved away and a link to outside put in its place.
                    Directory.Move(Path.Combine(Tree, "victim"), scratch.PathOf("victim-moved"));
                    File.CreateSymbolicLink(Path.Combine(Tree, "victim"), Path.Combine(Outside, "folder"));
                }
            }),
        };

        var summary = remover.Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

        AssertOutsideIntact();
        Assert.Contains(summary.Problems, p => p.Path == Path.Combine(Tree, "victim") && p.Error.What.Contains("did not enter", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(scratch.PathOf("victim-moved"), "x")));
        Assert.False(Path.Exists(Path.Combine(Tree, "a")));
        Assert.True(Directory.Exists(Tree));
    }

    [RequiresFact("linux")]
    public void An_emptied_folder_swapped_for_a_link_before_its_removal_is_left()
    {
        Layout();
        var remover = new TreeRemover(Platform())
        {
            PinSeam = pin => new RacingPin(pin, beforeRemoveFolder: name =>
            {
                if (name == "b")
                {
                    Directory.Move(Path.Combine(Tree, "a", "b"), scratch.PathOf("b-moved"));
                    File.CreateSymbolicLink(Path.Combine(Tree, "a", "b"), Path.Combine(Outside, "folder"));
                }
            }),
        };

        var summary = remover.Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

        AssertOutsideIntact();
        Assert.Contains(summary.Problems, p => p.Path == Path.Combine(Tree, "a", "b"));
        Assert.Equal(Path.Combine(Outside, "folder"), new FileInfo(Path.Combine(Tree, "a", "b")).LinkTarget);
        Assert.True(Directory.Exists(scratch.PathOf("b-moved")));
    }

    [RequiresFact("linux")]
    public void Links_only_never_removes_a_file_swapped_in_for_a_link()
    {
        Layout();
        var remover = new TreeRemover(Platform())
        {
            LinkRemover = new LinkRemover(Platform()),
            PinSeam = pin => new RacingPin(pin, beforeRename: name =>
            {
                if (name == "dangling")
                {
                    File.Delete(Path.Combine(Tree, "dangling"));
                    File.WriteAllText(Path.Combine(Tree, "dangling"), "a file now");
                }
            }),
        };

        var summary = remover.Remove(Tree, TreeRemovalMode.LinksOnly, dryRun: false);

        Assert.Equal("a file now", File.ReadAllText(Path.Combine(Tree, "dangling")));
        Assert.Contains(summary.Problems, p => p.Path == Path.Combine(Tree, "dangling") && p.Error.Kind == FailureKind.Conflict);
        Assert.Equal(2, summary.LinkTotal);
    }

    [RequiresFact("linux")]
    public void Odd_names_and_a_path_deeper_than_PATH_MAX_are_deleted()
    {
        Directory.CreateDirectory(Tree);
        // Newline, leading dash, a non-UTF-8 byte; then 30 levels of 200-byte names (> 6000 bytes, PATH_MAX is 4096).
        var script = "set -e; cd \"$1\"; touch \"$(printf 'new\\nline')\" -- -dash \"$(printf 'bad\\377byte')\"; "
            + "mkdir \"$(printf 'dir\\377')\"; touch \"$(printf 'dir\\377/in\\nside')\"; "
            + "n=$(printf 'd%.0s' $(seq 200)); for i in $(seq 30); do mkdir \"$n\"; cd \"$n\"; done; echo deep > file";
        ProcessRunner.Run("bash", "-c", script, "bash", Tree).EnsureSuccess();

        var summary = new TreeRemover(Platform()).Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.False(Path.Exists(Tree));
        Assert.Equal(5, summary.Files);
        Assert.Equal(32, summary.Folders);
    }

    [RequiresFact("linux")]
    public void A_400_level_tree_is_deleted()
    {
        var relative = string.Join('/', Enumerable.Repeat("d", 400));
        Directory.CreateDirectory(Path.Combine(Tree, relative));
        File.WriteAllText(Path.Combine(Tree, relative, "leaf"), "x");

        var summary = new TreeRemover(Platform()).Remove(Tree, TreeRemovalMode.Everything, dryRun: false);

        Assert.True(summary.Complete, string.Join("; ", summary.Problems.Select(p => p.Error.What)));
        Assert.Equal(401, summary.Folders);
        Assert.False(Path.Exists(Tree));
    }

    // On tmpfs: making 200,000 files on this CI's ext4 takes minutes (the delete itself takes seconds).
    [RequiresFact("linux", "root")]
    public void A_200000_entry_folder_is_deleted()
    {
        using var tmpfs = new TmpfsMount(sizeMiB: 256);
        var tree = tmpfs.PathOf("tree");
        Directory.CreateDirectory(tree);
        var made = Stopwatch.StartNew();
        for (var i = 0; i < 200_000; i++)
        {
            File.Create(Path.Combine(tree, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Dispose();
        }

        output.WriteLine($"200000 files made in {made.Elapsed.TotalSeconds:0.00} s");
        var clock = Stopwatch.StartNew();
        var summary = new TreeRemover(Platform()).Remove(tree, TreeRemovalMode.Everything, dryRun: false);
        output.WriteLine($"200000 files deleted in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.True(summary.Complete);
        Assert.Equal(200000, summary.Files);
        Assert.Equal(1, summary.Folders);
        Assert.False(Path.Exists(tree));
    }

    [RequiresFact("linux", "root", "setpriv")]
    public void A_folder_without_write_permission_is_reported_and_the_delete_goes_on()
    {
        Layout();
        Directory.CreateDirectory(Path.Combine(Tree, "locked"));
        File.WriteAllText(Path.Combine(Tree, "locked", "inside"), "x");
        ProcessRunner.Run("chown", "-R", "65534:65534", Tree).EnsureSuccess();
        File.SetUnixFileMode(scratch.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Tree, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Path.Combine(Tree, "locked"), (UnixFileMode)0b101_101_101);

        // Root is not stopped by permissions, so run the real CLI as nobody (stdin not a terminal: no question).
        var dll = Path.Combine(AppContext.BaseDirectory, "linkctl.dll");
        var result = ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", dll, "rm", "-r", Tree], TimeSpan.FromSeconds(60), null,
            new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp", ["NO_COLOR"] = "1" }, standardInput: string.Empty);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains(Path.Combine(Tree, "locked", "inside"), result.StdErr, StringComparison.Ordinal);
        Assert.Contains("EACCES", result.StdErr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Tree, "locked", "inside")));
        Assert.False(Path.Exists(Path.Combine(Tree, "a")));
        AssertOutsideIntact();
    }

    [RequiresFact("linux")]
    public void The_cli_deletes_at_once_without_a_terminal_and_prints_a_json_summary()
    {
        Layout();
        var (result, json) = LinkctlCli.RunJson(scratch.Path, "rm", "-r", "--json", "tree");

        Assert.Equal(0, result.ExitCode);
        Assert.False(Path.Exists(Tree));
        AssertOutsideIntact();
        Assert.Equal("recursive", json.GetProperty("mode").GetString());
        Assert.Equal(3, json.GetProperty("files").GetInt64());
        Assert.Equal(3, json.GetProperty("folders").GetInt64());
        Assert.Equal(3, json.GetProperty("links").GetProperty("symbolic_link").GetInt64());
        Assert.True(json.GetProperty("complete").GetBoolean());
    }

    [RequiresFact("linux")]
    public void The_cli_dry_run_lists_every_entry_with_v_and_changes_nothing()
    {
        Layout();
        var result = LinkctlCli.Run(scratch.Path, "rm", "-r", "--dry-run", "-v", "tree");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("would remove symbolic_link: " + Path.Combine(Tree, "a", "to-folder"), result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Would remove " + Tree + ": 3 files, 15 bytes, 3 folders, 3 links", result.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Tree, "top.txt")));
    }

    /// <summary>On a real pseudo-terminal (script(1)) rm -r shows the summary, bytes included, and asks; "n" deletes nothing, "y" deletes.</summary>
    [RequiresFact("linux", "script")]
    public void On_a_terminal_it_shows_the_summary_with_bytes_and_asks_first()
    {
        Layout();
        var dll = Path.Combine(AppContext.BaseDirectory, "linkctl.dll");
        ProcessResult OnTerminal(string answer) => ProcessRunner.Run("script", ["-qec", $"exec dotnet '{dll}' rm -r tree", "/dev/null"],
            TimeSpan.FromSeconds(60), scratch.Path, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, answer + "\n");

        var no = OnTerminal("n");
        var shown = no.StdOut.Replace("\r", string.Empty, StringComparison.Ordinal);
        Assert.Contains("Would remove " + Tree + ": 3 files, 15 bytes, 3 folders, 3 links", shown, StringComparison.Ordinal);
        Assert.Contains("Delete all of this (it cannot be undone)? [y/N]", shown, StringComparison.Ordinal);
        Assert.Contains("Nothing deleted in " + Tree, shown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Tree, "top.txt")));

        var yes = OnTerminal("y");
        Assert.True(yes.ExitCode == 0, yes.StdOut);
        Assert.False(Directory.Exists(Tree), yes.StdOut);
    }

    [RequiresFact("linux")]
    public void The_cli_refuses_dot_and_dot_dot()
    {
        Layout();
        foreach (var operand in new[] { ".", "..", "tree/.", "tree/..", "./" })
        {
            var result = LinkctlCli.Run(Tree, "rm", "-r", operand);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("ends in '.' or '..'", result.StdErr, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(Tree, "top.txt")));
    }

    [RequiresFact("linux")]
    public void The_cli_refuses_the_root_and_does_not_report_it_as_removed()
    {
        var result = LinkctlCli.Run(scratch.Path, "rm", "-r", "/");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the root of a volume", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Nothing was removed at /", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Removed", result.StdOut, StringComparison.Ordinal);
    }

    /// <summary>A pin that lets the racer strike right before it opens, removes a folder or renames (checked removal) by a name.</summary>
    private sealed class RacingPin(IPinnedFolder inner, Action<string>? beforeOpen = null, Action<string>? beforeRemoveFolder = null, Action<string>? beforeRename = null) : DelegatingPinnedFolder(inner)
    {
        public override StepResult RemoveFolder(string name, FileIdentity expected)
        {
            beforeRemoveFolder?.Invoke(name);
            return base.RemoveFolder(name, expected);
        }

        public override OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode)
        {
            beforeRename?.Invoke(name);
            return base.Rename(name, destination, destinationName, mode);
        }

        public override StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null)
        {
            beforeOpen?.Invoke(name);
            return base.OpenFolder(name, expected);
        }
    }
}
