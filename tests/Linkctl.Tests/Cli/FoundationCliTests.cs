using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// `new`, `show` and `rm` end to end: the real CLI process on the real Linux kernel.
/// Each test works in its own scratch folder.
/// </summary>
public sealed class FoundationCliTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    private string Dir => scratch.Path;

    public void Dispose() => scratch.Dispose();

    private string Make(string relative, string content = "data")
    {
        var path = scratch.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [RequiresFact("linux")]
    public void New_makes_a_symbolic_link_to_a_file_and_show_reads_it()
    {
        Make("data.txt");
        var (made, json) = LinkctlCli.RunJson(Dir, "new", "link.txt", "data.txt");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal("created", json.GetProperty("result").GetString());
        Assert.Equal("symbolic_link", json.GetProperty("plan").GetProperty("kind").GetString());
        Assert.Equal("data.txt", new FileInfo(scratch.PathOf("link.txt")).LinkTarget);

        var (shown, report) = LinkctlCli.RunJson(Dir, "show", "link.txt");
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal("symbolic_link", report.GetProperty("kind").GetString());
        Assert.Equal("data.txt", report.GetProperty("stored_target").GetString());
        Assert.True(report.GetProperty("is_relative").GetBoolean());
        Assert.Equal(scratch.PathOf("data.txt"), report.GetProperty("target_full_path").GetString());
        Assert.Equal("ok", report.GetProperty("status").GetString());
    }

    [RequiresFact("linux")]
    public void Relative_target_is_resolved_against_the_link_folder_not_the_current_folder()
    {
        Make("a/data.txt");
        Directory.CreateDirectory(scratch.PathOf("b"));

        // From the scratch root, "data.txt" names nothing; from b/'s point of view "../a/data.txt" does.
        var wrong = LinkctlCli.Run(Dir, "new", "a/link.txt", "a/data.txt");
        Assert.Equal(4, wrong.ExitCode);
        Assert.Contains("resolved from the link's real folder", wrong.StdErr);

        var right = LinkctlCli.Run(Dir, "new", "b/link.txt", "../a/data.txt");
        Assert.Equal(0, right.ExitCode);
        Assert.Equal("data", File.ReadAllText(scratch.PathOf("b/link.txt")));
    }

    [RequiresFact("linux")]
    public void Absolute_and_relative_options_convert_the_stored_target()
    {
        Make("a/data.txt");
        Assert.Equal(0, LinkctlCli.Run(Dir, "new", "abs.txt", "a/data.txt", "--absolute").ExitCode);
        Assert.Equal(scratch.PathOf("a/data.txt"), new FileInfo(scratch.PathOf("abs.txt")).LinkTarget);
        Assert.Equal(0, LinkctlCli.Run(Dir, "new", "a/rel.txt", scratch.PathOf("a/data.txt"), "--relative").ExitCode);
        Assert.Equal("data.txt", new FileInfo(scratch.PathOf("a/rel.txt")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Folder_target_makes_a_folder_link()
    {
        Make("dir/inside.txt");
        var made = LinkctlCli.Run(Dir, "new", "dirlink", "dir");
        Assert.Equal(0, made.ExitCode);
        Assert.Contains("symbolic link to a folder", made.StdOut);
        Assert.True(File.Exists(scratch.PathOf("dirlink/inside.txt")));
    }

    [RequiresFact("linux")]
    public void Missing_target_is_refused_unless_allowed_with_a_type()
    {
        var refused = LinkctlCli.Run(Dir, "new", "link", "nothing");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("does not exist", refused.StdErr);
        Assert.False(Path.Exists(scratch.PathOf("link")));

        Assert.Equal(2, LinkctlCli.Run(Dir, "new", "link", "nothing", "--allow-missing").ExitCode);
        Assert.Equal(0, LinkctlCli.Run(Dir, "new", "link", "nothing", "--allow-missing", "--file").ExitCode);

        var (shown, report) = LinkctlCli.RunJson(Dir, "show", "link");
        Assert.Equal(1, shown.ExitCode);
        Assert.Equal("broken", report.GetProperty("status").GetString());
    }

    [RequiresFact("linux")]
    public void Existing_link_is_refused_and_force_replaces_only_links()
    {
        Make("one.txt", "one");
        Make("two.txt", "two");
        Assert.Equal(0, LinkctlCli.Run(Dir, "new", "link.txt", "one.txt").ExitCode);

        var again = LinkctlCli.Run(Dir, "new", "link.txt", "two.txt");
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("--force", again.StdErr);

        var (forced, json) = LinkctlCli.RunJson(Dir, "new", "link.txt", "two.txt", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.True(json.GetProperty("replaced").GetBoolean());
        Assert.Equal("two", File.ReadAllText(scratch.PathOf("link.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(Dir, ".link.txt.linkctl-*"));

        // A real file is data: --force must not replace it.
        var onFile = LinkctlCli.Run(Dir, "new", "one.txt", "two.txt", "--force");
        Assert.Equal(4, onFile.ExitCode);
        Assert.Contains("not a link", onFile.StdErr);
        Assert.Equal("one", File.ReadAllText(scratch.PathOf("one.txt")));
    }

    [RequiresFact("linux")]
    public void Swapped_arguments_are_caught_with_both_orders_explained()
    {
        Make("data.txt");
        var swapped = LinkctlCli.Run(Dir, "new", "data.txt", "newname");
        Assert.Equal(4, swapped.ExitCode);
        Assert.Contains("swapped", swapped.StdErr);
        Assert.Contains("ln's order is TARGET LINK", swapped.StdErr);
        Assert.Equal("data", File.ReadAllText(scratch.PathOf("data.txt")));
    }

    [RequiresFact("linux")]
    public void Hard_link_is_made_and_shown_with_its_name_count()
    {
        Make("data.txt");
        var (made, json) = LinkctlCli.RunJson(Dir, "new", "hard.txt", "data.txt", "--kind", "hard");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal("hard_link", json.GetProperty("plan").GetProperty("kind").GetString());

        var (_, report) = LinkctlCli.RunJson(Dir, "show", "hard.txt");
        Assert.Equal("hard_link", report.GetProperty("kind").GetString());
        Assert.Equal(2, report.GetProperty("link_count").GetInt64());
        Assert.StartsWith("not available", report.GetProperty("names_unavailable").GetString());
    }

    [RequiresFact("linux")]
    public void Hard_link_to_a_folder_and_junction_on_linux_are_refused_with_reasons()
    {
        Directory.CreateDirectory(scratch.PathOf("dir"));
        var hard = LinkctlCli.Run(Dir, "new", "h", "dir", "--kind", "hard");
        Assert.Equal(2, hard.ExitCode);
        Assert.Contains("cannot point to a folder", hard.StdErr);

        var junction = LinkctlCli.Run(Dir, "new", "j", "dir", "--kind", "junction");
        Assert.Equal(6, junction.ExitCode);
        Assert.Contains("only on Windows", junction.StdErr);
    }

    [RequiresFact("linux")]
    public void Rm_removes_a_folder_link_without_touching_the_folder()
    {
        Make("dir/keep.txt", "keep");
        Assert.Equal(0, LinkctlCli.Run(Dir, "new", "dirlink", "dir").ExitCode);

        var dry = LinkctlCli.Run(Dir, "rm", "dirlink", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("Would remove", dry.StdOut);
        Assert.True(Path.Exists(scratch.PathOf("dirlink")));

        var (removed, json) = LinkctlCli.RunJson(Dir, "rm", "dirlink");
        Assert.Equal(0, removed.ExitCode);
        Assert.True(json.GetProperty("removed").GetBoolean());
        Assert.True(json.GetProperty("target_intact").GetBoolean());
        Assert.False(Path.Exists(scratch.PathOf("dirlink")));
        Assert.Equal("keep", File.ReadAllText(scratch.PathOf("dir/keep.txt")));
    }

    [RequiresFact("linux")]
    public void Rm_refuses_folders_and_files_and_says_what_they_are()
    {
        Make("dir/keep.txt", "keep");
        var folder = LinkctlCli.Run(Dir, "rm", "dir");
        Assert.Equal(4, folder.ExitCode);
        Assert.Contains("a folder (not a link)", folder.StdErr);
        var file = LinkctlCli.Run(Dir, "rm", "dir/keep.txt");
        Assert.Equal(4, file.ExitCode);
        Assert.Contains("a file with one name", file.StdErr);
        Assert.Equal("keep", File.ReadAllText(scratch.PathOf("dir/keep.txt")));
    }

    [RequiresFact("linux")]
    public void Show_reports_a_loop()
    {
        File.CreateSymbolicLink(scratch.PathOf("a"), "b");
        File.CreateSymbolicLink(scratch.PathOf("b"), "a");
        var (shown, report) = LinkctlCli.RunJson(Dir, "show", "a");
        Assert.Equal(1, shown.ExitCode);
        Assert.Equal("loop", report.GetProperty("status").GetString());
        Assert.Equal("ELOOP", report.GetProperty("status_error").GetProperty("name").GetString());
    }

    [RequiresTheory("linux")]
    [InlineData("with space")]
    [InlineData("ünïcødé-名前")]
    [InlineData("new\nline")]
    [InlineData("-leading-dash")]
    [InlineData("trailing.dot.")]
    public void Odd_names_round_trip(string name)
    {
        Make("data.txt");
        var made = LinkctlCli.Run(Dir, "new", "--", name, "data.txt");
        Assert.Equal(0, made.ExitCode);
        Assert.Equal("data.txt", new FileInfo(scratch.PathOf(name)).LinkTarget);
        var (_, report) = LinkctlCli.RunJson(Dir, "show", "--", name);
        Assert.Equal(scratch.PathOf(name), report.GetProperty("path").GetString());
        Assert.Equal(0, LinkctlCli.Run(Dir, "rm", "--", name).ExitCode);
        Assert.False(Path.Exists(scratch.PathOf(name)));
    }

    [RequiresFact("linux")]
    public void Missing_arguments_are_a_usage_error()
    {
        var result = LinkctlCli.Run(Dir, "new", "only-one");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.StdErr);
    }

    [RequiresFact("linux")]
    public void Nothing_at_path_is_reported_with_a_next_step()
    {
        var (shown, json) = LinkctlCli.RunJson(Dir, "show", "nope");
        Assert.Equal(4, shown.ExitCode);
        Assert.Equal("not_found", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("next:", shown.StdErr);
    }

    [RequiresFact("linux", "root", "fuse", "mkfs.exfat", "mount.exfat-fuse", "losetup")]
    public void On_exfat_a_symbolic_link_fails_clearly_and_copy_is_only_made_when_asked()
    {
        using var volume = new ExfatVolume();
        File.WriteAllText(volume.PathOf("data.txt"), "data");

        var refused = LinkctlCli.Run(volume.MountPath, "new", "link.txt", "data.txt");
        Assert.Equal(6, refused.ExitCode);
        Assert.Contains("cannot store", refused.StdErr);
        Assert.Contains("ENOSYS", refused.StdErr);
        Assert.False(Path.Exists(volume.PathOf("link.txt")));

        var (copied, json) = LinkctlCli.RunJson(volume.MountPath, "new", "link.txt", "data.txt", "--fallback", "copy");
        Assert.Equal(3, copied.ExitCode);
        Assert.Equal("created_fallback", json.GetProperty("result").GetString());
        Assert.Equal("copy", json.GetProperty("plan").GetProperty("kind").GetString());
        Assert.Equal("not_supported", json.GetProperty("fallback_reason").GetProperty("kind").GetString());
        Assert.Equal("data", File.ReadAllText(volume.PathOf("link.txt")));
    }

    [RequiresFact("linux", "root", "fuse", "mkfs.exfat", "mount.exfat-fuse", "losetup")]
    public void On_exfat_a_folder_copy_is_all_or_nothing()
    {
        using var volume = new ExfatVolume();

        // A tree that fits, with a link inside: exFAT cannot store the link, so it is copied as
        // what it points to, and the whole tree arrives under LINK.
        Directory.CreateDirectory(scratch.PathOf("tree/sub"));
        File.WriteAllText(scratch.PathOf("tree/sub/a.txt"), "a");
        File.CreateSymbolicLink(scratch.PathOf("tree/b.txt"), "sub/a.txt");
        var copied = LinkctlCli.Run(volume.MountPath, "new", "copy", scratch.PathOf("tree"), "--fallback", "copy");
        Assert.True(copied.ExitCode == 3, copied.StdErr + copied.StdOut);
        Assert.Equal("a", File.ReadAllText(volume.PathOf("copy/sub/a.txt")));
        Assert.Equal("a", File.ReadAllText(volume.PathOf("copy/b.txt")));
        Assert.Null(new FileInfo(volume.PathOf("copy/b.txt")).LinkTarget);

        // A tree that does not fit (the volume is 16 MiB): the copy fails part-way with ENOSPC,
        // and nothing is left behind, neither LINK nor the temporary name beside it.
        Directory.CreateDirectory(scratch.PathOf("big"));
        File.WriteAllText(scratch.PathOf("big/first.txt"), "first");
        using (var f = File.Create(scratch.PathOf("big/z-large.bin")))
        {
            f.SetLength(40L << 20);
        }

        var failed = LinkctlCli.Run(volume.MountPath, "new", "big", scratch.PathOf("big"), "--fallback", "copy");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.NotEqual(3, failed.ExitCode);
        Assert.False(Path.Exists(volume.PathOf("big")));
        Assert.Empty(Directory.GetFileSystemEntries(volume.MountPath, ".linkctl*"));
        Assert.Equal(new[] { "copy" }, Directory.GetFileSystemEntries(volume.MountPath).Select(p => Path.GetFileName(p)!).ToArray());
    }

    [RequiresFact("linux", "root")]
    public void On_a_read_only_mount_creation_is_denied_and_says_so()
    {
        using var mount = new ReadOnlyBindMount();
        File.WriteAllText(mount.SourcePathOf("data.txt"), "data");
        var result = LinkctlCli.Run(mount.MountPath, "new", "link.txt", "data.txt");
        Assert.Equal(5, result.ExitCode);
        Assert.Contains("read-only", result.StdErr);
        Assert.Contains("EROFS", result.StdErr);
    }

    [RequiresFact("linux")]
    public void Repair_of_a_missing_root_is_refused_with_a_next_step()
    {
        var result = LinkctlCli.Run(Dir, "repair", scratch.PathOf("nowhere"), "--prune-broken");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("ENOENT", result.StdErr);
        Assert.Contains("next:", result.StdErr);
    }
}
