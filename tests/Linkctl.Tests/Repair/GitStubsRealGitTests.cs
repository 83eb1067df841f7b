using System.Text;
using System.Text.Json;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// `repair --git-stubs` against real git: a repository holding file, folder, relative, absolute,
/// nested, dangling and oddly named links, cloned with core.symlinks=false (stubs) and true (links).
/// git runs with its own HOME, no system config and a fixed identity, so the machine's settings do not matter.
/// </summary>
public sealed class GitStubsRealGitTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-gitstubs-");
    private readonly Dictionary<string, string> environment;

    public GitStubsRealGitTests()
    {
        Directory.CreateDirectory(scratch.PathOf("home"));
        environment = new Dictionary<string, string>
        {
            ["HOME"] = scratch.PathOf("home"),
            ["XDG_CONFIG_HOME"] = scratch.PathOf("home/.config"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_AUTHOR_NAME"] = "linkctl test",
            ["GIT_AUTHOR_EMAIL"] = "test@linkctl.invalid",
            ["GIT_COMMITTER_NAME"] = "linkctl test",
            ["GIT_COMMITTER_EMAIL"] = "test@linkctl.invalid",
            ["LINKCTL_JOURNAL"] = scratch.PathOf("journal.jsonl"),
        };
        MakeSource();
    }

    // rm -rf: the tree holds a name that is not UTF-8, which Directory.Delete cannot name.
    public void Dispose() => ProcessRunner.Run("rm", "-rf", "--", scratch.Path).EnsureSuccess();

    private string Source => scratch.PathOf("src");

    private string Outside => scratch.PathOf("outside/target.txt");

    private ProcessResult Git(string folder, params string[] arguments) =>
        ProcessRunner.Run("git", new[] { "-C", folder }.Concat(arguments), null, scratch.Path, environment).EnsureSuccess();

    private ProcessResult Bash(string folder, string script) =>
        ProcessRunner.Run("bash", ["-c", script], null, folder, environment).EnsureSuccess();

    private void MakeSource()
    {
        Directory.CreateDirectory(scratch.PathOf("outside"));
        File.WriteAllText(Outside, "outside");
        Git(scratch.Path, "init", "-q", Source);
        Bash(Source, $"""
            set -e
            mkdir -p d/deeper sub/inner
            printf 'data' > d/f
            printf 'deep' > d/deeper/g
            ln -s d/f fl                   # file, relative
            ln -s d dl                     # folder
            ln -s ../d/f sub/up            # in a subfolder, climbing
            ln -s ../../d/deeper sub/inner/deep
            ln -s '{Outside}' abs          # absolute
            ln -s dl/f nested              # through another link
            ln -s fl chain                 # a link to a link
            ln -s nowhere/at/all dang      # dangling
            ln -s d $'odd name\nwith newline'
            ln -s d/f $'bad\xff'           # a name that is not UTF-8
            ln -s self self                # a link to itself (a loop)
            git add -A
            git commit -q -m links
            """);
    }

    private string Clone(string name, bool symlinks)
    {
        var path = scratch.PathOf(name);
        Git(scratch.Path, "clone", "-q", "-c", $"core.symlinks={(symlinks ? "true" : "false")}", Source, path);
        return path;
    }

    /// <summary>Every entry below <paramref name="tree"/> (without .git): path, type and link text, as raw bytes, sorted.</summary>
    private List<string> Tree(string tree)
    {
        var listed = Bash(tree, "find . -path ./.git -prune -o -printf '%P\\0%y\\0%l\\0' ").StdOut;
        var fields = listed.Split('\0');
        var entries = new List<string>();
        for (var i = 0; i + 2 < fields.Length; i += 3)
        {
            if (fields[i].Length > 0)
            {
                entries.Add($"{fields[i]} {fields[i + 1]} {fields[i + 2]}");
            }
        }

        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    /// <summary>Every regular file's bytes below <paramref name="tree"/> (without .git), by hash, and every entry's type.</summary>
    private string Snapshot(string tree) =>
        Bash(tree, "find . -path ./.git -prune -o -printf '%P %y %s %l\\n' | LC_ALL=C sort; find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum").StdOut;

    private ProcessResult Linkctl(string folder, params string[] arguments) => LinkctlCli.RunWithEnvironment(folder, environment, arguments);

    [RequiresFact("linux", "git")]
    public void After_apply_the_stub_clone_equals_the_symlink_clone_and_git_status_is_clean()
    {
        var stubs = Clone("stubs", symlinks: false);
        var links = Clone("links", symlinks: true);
        Assert.NotEqual(Tree(links), Tree(stubs));
        Assert.Equal('f', Tree(stubs).Single(e => e.StartsWith("dl ", StringComparison.Ordinal))[3]);

        var dry = Linkctl(stubs, "repair", "--git-stubs");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("would replace stub", dry.StdOut, StringComparison.Ordinal);
        Assert.Contains("11 stub(s) would be replaced", dry.StdErr, StringComparison.Ordinal);
        Assert.NotEqual(Tree(links), Tree(stubs));

        var applied = Linkctl(stubs, "repair", "--git-stubs", "--apply");
        Assert.True(applied.ExitCode == 0, applied.StdErr + applied.StdOut);
        Assert.Equal(Tree(links), Tree(stubs));
        Assert.Equal("outside", File.ReadAllText(Path.Combine(stubs, "abs")));
        Assert.Equal("data", File.ReadAllText(Path.Combine(stubs, "nested")));
        Assert.Equal(string.Empty, Git(stubs, "-c", "core.symlinks=true", "status", "--porcelain").StdOut);
        Assert.Equal(string.Empty, Git(stubs, "status", "--porcelain").StdOut);
        Assert.Contains("`git status` with core.symlinks=true: clean", applied.StdErr, StringComparison.Ordinal);
        Assert.Contains("--set-core-symlinks", applied.StdErr, StringComparison.Ordinal);

        // Run again: nothing is left to do, everything is a link already.
        var again = Linkctl(stubs, "repair", "--git-stubs", "--apply");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 of 0 stub(s) replaced by links; 11 already link(s)", again.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "git")]
    public void Undo_gives_back_the_stubs_byte_for_byte()
    {
        var stubs = Clone("stubs", symlinks: false);
        var before = Snapshot(stubs);
        Assert.Equal(0, Linkctl(stubs, "repair", "--git-stubs", "--apply").ExitCode);
        Assert.NotEqual(before, Snapshot(stubs));

        var preview = Linkctl(stubs, "repair", "--git-stubs", "--undo");
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("11 stub(s) would be restored", preview.StdErr, StringComparison.Ordinal);

        var undone = Linkctl(stubs, "repair", "--git-stubs", "--undo", "--apply");
        Assert.True(undone.ExitCode == 0, undone.StdErr + undone.StdOut);
        Assert.Equal(before, Snapshot(stubs));
        Assert.Equal(string.Empty, Git(stubs, "status", "--porcelain").StdOut);
        Assert.Empty(Directory.GetFiles(stubs, ".linkctl-tmp-*", SearchOption.AllDirectories));

        var nothing = Linkctl(stubs, "repair", "--git-stubs", "--undo", "--apply");
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("nothing to undo", nothing.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "git")]
    public void What_a_killed_run_left_is_swept_only_when_the_journal_proves_it()
    {
        var stubs = Clone("stubs", symlinks: false);
        Assert.Equal(0, Linkctl(stubs, "repair", "--git-stubs", "--apply").ExitCode);

        // What a run killed mid-batch leaves (docs/journal.md): the stub it swapped out (its bytes are
        // in the journal), a link it made and never swapped in, and, as a control, a file that only
        // carries the name and bytes the journal does not hold.
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        var prefix = $".linkctl-tmp-stub-{dead.Id}-";
        File.WriteAllText(Path.Combine(stubs, prefix + "0123456789abcdef"), "d/f");
        File.CreateSymbolicLink(Path.Combine(stubs, prefix + "1111111111111111"), "d");
        File.WriteAllText(Path.Combine(stubs, prefix + "2222222222222222"), "my notes");

        var undone = Linkctl(stubs, "repair", "--git-stubs", "--undo", "--apply");
        Assert.True(undone.ExitCode == 0, undone.StdErr + undone.StdOut);
        Assert.False(File.Exists(Path.Combine(stubs, prefix + "0123456789abcdef")), undone.StdErr);
        Assert.True(new FileInfo(Path.Combine(stubs, prefix + "1111111111111111")).LinkTarget is null, undone.StdErr);
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(stubs, prefix + "2222222222222222")));
        Assert.Contains($"removed {Path.Combine(stubs, prefix + "0123456789abcdef")}, a temporary name an earlier run left: a git stub", undone.StdErr, StringComparison.Ordinal);
        Assert.Contains($"removed {Path.Combine(stubs, prefix + "1111111111111111")}", undone.StdErr, StringComparison.Ordinal);
        Assert.Contains($"left {Path.Combine(stubs, prefix + "2222222222222222")} alone", undone.StdErr, StringComparison.Ordinal);
        Assert.Contains("in no journal record", undone.StdErr, StringComparison.Ordinal);
        Assert.Equal("d/f", File.ReadAllText(Path.Combine(stubs, "fl")));
    }

    [RequiresFact("linux", "git")]
    public void Undo_leaves_a_path_alone_when_it_is_no_longer_the_link_it_made()
    {
        var stubs = Clone("stubs", symlinks: false);
        Assert.Equal(0, Linkctl(stubs, "repair", "--git-stubs", "--apply").ExitCode);
        var fl = Path.Combine(stubs, "fl");
        File.Delete(fl);
        File.WriteAllText(fl, "the user's own file");

        var undone = Linkctl(stubs, "repair", "--git-stubs", "--undo", "--apply");
        Assert.Equal(8, undone.ExitCode);
        Assert.Contains("FAILED: restore stub", undone.StdOut, StringComparison.Ordinal);
        Assert.Equal("the user's own file", File.ReadAllText(fl));
        // The others became their stubs again.
        Assert.Equal("fl", File.ReadAllText(Path.Combine(stubs, "chain")));
        Assert.Null(new FileInfo(Path.Combine(stubs, "dl")).LinkTarget);
        Assert.Equal("d", File.ReadAllText(Path.Combine(stubs, "dl")));
    }

    [RequiresFact("linux", "git")]
    public void An_edited_stub_is_left_alone_and_reported()
    {
        var stubs = Clone("stubs", symlinks: false);
        File.WriteAllText(Path.Combine(stubs, "fl"), "d/f\n");
        var result = Linkctl(stubs, "repair", "--git-stubs", "--apply", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("d/f\n", File.ReadAllText(Path.Combine(stubs, "fl")));
        Assert.Contains("fl: left as is: an edited stub", result.StdErr, StringComparison.Ordinal);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var left = Assert.Single(lines, l => l.GetProperty("action").GetString() == "left_alone");
        Assert.Equal("fl", left.GetProperty("path").GetString());
        Assert.True(left.GetProperty("edited").GetBoolean());
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("action").GetString());
        Assert.Equal(10, summary.GetProperty("replaced").GetInt32());
        Assert.Equal(1, summary.GetProperty("edited").GetInt32());
        Assert.Equal("1 entry not clean", summary.GetProperty("git_status").GetString());
        Assert.Equal(" M fl\n", Git(stubs, "-c", "core.symlinks=true", "status", "--porcelain").StdOut.Replace(" T fl", " M fl", StringComparison.Ordinal));
    }

    [RequiresFact("linux", "git")]
    public void Set_core_symlinks_sets_it_in_the_repository_only_with_consent()
    {
        var stubs = Clone("stubs", symlinks: false);
        Assert.Equal(0, Linkctl(stubs, "repair", "--git-stubs").ExitCode);
        Assert.Equal("false\n", Git(stubs, "config", "--local", "--get", "core.symlinks").StdOut);
        var applied = Linkctl(stubs, "repair", "--git-stubs", "--apply", "--set-core-symlinks");
        Assert.Equal(0, applied.ExitCode);
        Assert.Equal("true\n", Git(stubs, "config", "--local", "--get", "core.symlinks").StdOut);
        Assert.Contains("set core.symlinks=true in this repository", applied.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Git(stubs, "status", "--porcelain").StdOut);
    }

    [RequiresFact("linux", "git")]
    public void Doctor_reports_core_symlinks_and_the_stubs_of_the_work_tree()
    {
        var stubs = Clone("stubs", symlinks: false);
        Git(stubs, "config", "--global", "core.symlinks", "false");
        File.WriteAllText(Path.Combine(stubs, "dang"), "edited");
        var (result, report) = LinkctlCli.RunJsonWithEnvironment(Path.Combine(stubs, "sub"), environment, "doctor");
        Assert.Equal(0, result.ExitCode);
        var git = report.GetProperty("facts").GetProperty("git");
        Assert.Equal("false", git.GetProperty("core_symlinks_repository").GetString());
        Assert.Equal("false", git.GetProperty("core_symlinks_global").GetString());
        // Below sub/: the two links there, both stubs.
        Assert.Equal(2, git.GetProperty("index_links").GetInt32());
        Assert.Equal(2, git.GetProperty("stubs").GetInt32());

        var (_, top) = LinkctlCli.RunJsonWithEnvironment(stubs, environment, "doctor");
        var all = top.GetProperty("facts").GetProperty("git");
        Assert.Equal(11, all.GetProperty("index_links").GetInt32());
        Assert.Equal(10, all.GetProperty("stubs").GetInt32());
        Assert.Equal(1, all.GetProperty("edited_stubs").GetInt32());
        Assert.Contains(top.GetProperty("git_notes").EnumerateArray(), n => n.GetString()!.Contains("repair --git-stubs", StringComparison.Ordinal));

        var text = Linkctl(stubs, "doctor");
        Assert.Contains("git core.symlinks: false in the repository, false globally", text.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("git core.symlinks", Linkctl(scratch.PathOf("outside"), "doctor").StdOut, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "git")]
    public void A_stub_changed_between_plan_and_apply_is_left_alone()
    {
        var stubs = Clone("stubs", symlinks: false);
        var platform = LinkPlatform.ForCurrentOS();
        var runner = new GitStubRunner(platform, new UndoJournal(scratch.PathOf("journal.jsonl")));
        var repository = GitRepository.Open(stubs).Value;
        var (plan, _) = runner.Plan(repository, stubs, new GitStubContext { Flavour = OsFlavour.Unix, SymbolicLinksAllowed = true }).Value;
        Assert.Equal(11, plan.Actions.Count);

        // fl: the same text, but another file (new identity); dl: edited in place (same file).
        var fl = Path.Combine(stubs, "fl");
        File.Move(fl, fl + ".old");
        File.WriteAllText(fl, "d/f");
        File.WriteAllText(Path.Combine(stubs, "dl"), "x");
        var outcomes = runner.Apply(plan.Actions, stubs);
        var byPath = outcomes.ToDictionary(o => Encoding.UTF8.GetString(o.Action.Path));
        Assert.False(byPath["fl"].Applied);
        Assert.Contains("another file than the stub", byPath["fl"].Problem, StringComparison.Ordinal);
        Assert.False(byPath["dl"].Applied);
        Assert.Contains("edited since", byPath["dl"].Problem, StringComparison.Ordinal);
        Assert.Equal("d/f", File.ReadAllText(fl));
        Assert.Equal("x", File.ReadAllText(Path.Combine(stubs, "dl")));
        Assert.Equal(9, outcomes.Count(o => o.Applied));

        // Undo restores only what was made: the 9 links become stubs, the two files stay.
        var undone = runner.UndoLast(dryRun: false);
        Assert.Equal(9, undone.Count);
        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal("x", File.ReadAllText(Path.Combine(stubs, "dl")));
    }

    [RequiresFact("linux", "git")]
    public void Git_stubs_does_not_mix_with_the_other_repairs_and_set_core_symlinks_needs_it()
    {
        var stubs = Clone("stubs", symlinks: false);
        var mixed = Linkctl(stubs, "repair", "--git-stubs", "--prune-broken");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("does not go with", mixed.StdErr, StringComparison.Ordinal);
        var alone = Linkctl(stubs, "repair", "--set-core-symlinks", "--prune-broken");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--set-core-symlinks goes with --git-stubs", alone.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, Linkctl(stubs, "repair", "--git-stubs", "--fallback", "copy").ExitCode);
        // Nothing changed: still every stub.
        Assert.Equal('f', Tree(stubs).Single(e => e.StartsWith("dl ", StringComparison.Ordinal))[3]);
    }

    [RequiresFact("linux", "git")]
    public void Outside_a_work_tree_it_is_refused_with_a_next_step()
    {
        var result = Linkctl(scratch.PathOf("outside"), "repair", "--git-stubs");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("not a git repository", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("next:", result.StdErr, StringComparison.Ordinal);
    }

    [RequiresFact("linux", "git")]
    public void The_symlink_gitattribute_of_every_link_is_read_with_one_check_attr_batch()
    {
        // git for Windows' `symlink` attribute (compat/mingw.c check_symlink_attr); git on Linux stores
        // and reports it like any attribute, which is all the parsing needs.
        File.WriteAllText(Path.Combine(Source, ".gitattributes"), "dl symlink=dir\nfl symlink=file\ndang symlink=directory\nsub/* symlink=weird\nchain -symlink\nabs symlink\n");
        Git(Source, "add", ".gitattributes");
        Git(Source, "commit", "-q", "-m", "attributes");
        var stubs = Clone("attr-stubs", symlinks: false);

        var repository = GitRepository.Open(stubs).Value;
        var read = repository.ReadLinks();
        Assert.True(read.Succeeded, read.Problem);
        var links = read.Value;
        string? Of(string path) => links.SymlinkAttributeOf(Encoding.UTF8.GetBytes(path));
        Assert.Equal(links.Links.Count, links.SymlinkAttributes.Count);
        Assert.Equal("dir", Of("dl"));
        Assert.Equal("file", Of("fl"));
        Assert.Equal("directory", Of("dang"));
        Assert.Equal("weird", Of("sub/up"));
        Assert.Equal("unspecified", Of("sub/inner/deep")); // sub/* matches one level only (gitignore rules: '*' never matches '/')
        Assert.Equal("unset", Of("chain"));
        Assert.Equal("set", Of("abs"));
        Assert.Equal("unspecified", Of("nested"));
        Assert.Equal("unspecified", Of("odd name\nwith newline"));
        Assert.Equal("unspecified", links.SymlinkAttributeOf([(byte)'b', (byte)'a', (byte)'d', 0xFF]));

        Assert.Equal(GitSymlinkType.Directory, GitSymlinkAttribute.TypeOf(Of("dl")));
        Assert.Equal(GitSymlinkType.File, GitSymlinkAttribute.TypeOf(Of("fl")));
        Assert.Equal(GitSymlinkType.Directory, GitSymlinkAttribute.TypeOf(Of("dang")));
        Assert.Equal(GitSymlinkType.Invalid, GitSymlinkAttribute.TypeOf(Of("sub/up")));
        Assert.Equal(GitSymlinkType.Invalid, GitSymlinkAttribute.TypeOf(Of("chain")));
        Assert.Equal(GitSymlinkType.Invalid, GitSymlinkAttribute.TypeOf(Of("abs")));
        Assert.Equal(GitSymlinkType.Unspecified, GitSymlinkAttribute.TypeOf(Of("nested")));

        // On Linux the attribute changes nothing (git ignores it there): the repair still equals a symlink clone.
        var applied = Linkctl(stubs, "repair", "--git-stubs", "--apply");
        Assert.True(applied.ExitCode == 0, applied.StdErr + applied.StdOut);
        Assert.Equal(Tree(Clone("attr-links", symlinks: true)), Tree(stubs));
    }
}

/// <summary>
/// Races injected at the exact step between the last check and the exchange: a wrapper pin runs the
/// attacker right before <see cref="IPinnedFolder.Rename"/>, so no test depends on timing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GitStubsRaceTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-gitstubs-race-");

    public void Dispose() => scratch.Dispose();

    private (string Work, GitStubPlan Plan) Stubs()
    {
        var env = new Dictionary<string, string> { ["HOME"] = scratch.Path, ["GIT_CONFIG_NOSYSTEM"] = "1" };
        var src = scratch.PathOf("src");
        ProcessRunner.Run("bash", ["-c", "set -e; git init -q src; cd src; mkdir d; printf x > d/f; ln -s d/f fl; ln -s d dl; git add -A; git -c user.name=t -c user.email=t@t.invalid commit -q -m l; cd ..; git clone -q -c core.symlinks=false src work"], null, scratch.Path, env).EnsureSuccess();
        var work = scratch.PathOf("work");
        var plan = new GitStubRunner(LinkPlatform.ForCurrentOS()).Plan(GitRepository.Open(work).Value, work, new GitStubContext { Flavour = OsFlavour.Unix, SymbolicLinksAllowed = true }).Value.Plan;
        Assert.Equal(2, plan.Actions.Count);
        return (work, plan);
    }

    [RequiresFact("linux", "git")]
    public void A_stub_swapped_for_another_file_right_before_the_exchange_is_exchanged_back_untouched()
    {
        var (work, plan) = Stubs();
        var fl = Path.Combine(work, "fl");
        var raced = false;
        var runner = new GitStubRunner(LinkPlatform.ForCurrentOS(), new UndoJournal(scratch.PathOf("journal.jsonl")), pin => new BeforeRename(pin, destination =>
        {
            if (!raced && destination == "fl")
            {
                // Same name, same bytes, another file: only the identity tells it from the stub that was checked.
                raced = true;
                File.Move(fl, fl + ".checked");
                File.WriteAllText(fl, "d/f");
            }
        }));
        var outcomes = runner.Apply(plan.Actions.Where(a => a.Path.AsSpan().SequenceEqual("fl"u8)).ToList(), work);
        var outcome = Assert.Single(outcomes);
        Assert.True(raced);
        Assert.False(outcome.Applied);
        Assert.Contains("another file than the stub", outcome.Problem, StringComparison.Ordinal);
        Assert.Null(new FileInfo(fl).LinkTarget);
        Assert.Equal("d/f", File.ReadAllText(fl));
        Assert.Equal("d/f", File.ReadAllText(fl + ".checked"));
        Assert.Empty(Directory.GetFileSystemEntries(work, ".linkctl-tmp-*"));
    }

    [RequiresFact("linux", "git")]
    public void Undo_never_overwrites_a_link_swapped_in_right_before_the_exchange()
    {
        var (work, plan) = Stubs();
        var journal = new UndoJournal(scratch.PathOf("journal.jsonl"));
        Assert.All(new GitStubRunner(LinkPlatform.ForCurrentOS(), journal).Apply(plan.Actions, work), o => Assert.True(o.Applied, o.Problem));
        var dl = Path.Combine(work, "dl");
        var raced = false;
        var runner = new GitStubRunner(LinkPlatform.ForCurrentOS(), journal, pin => new BeforeRename(pin, destination =>
        {
            if (!raced && destination == "dl")
            {
                // Another link storing the same text: not the link the run made (its identity differs).
                // Made while the old link still exists, so the kernel cannot hand it the old inode again.
                raced = true;
                File.CreateSymbolicLink(dl + ".new", "d");
                ProcessRunner.Run("mv", "-f", "-T", "--", dl + ".new", dl).EnsureSuccess();
            }
        }));
        var identityBefore = ProcessRunner.Run("stat", "-c", "%i", "--", dl).StdOut;
        var undone = runner.UndoLast(dryRun: false);
        var dlOutcome = Assert.Single(undone, o => o.Action.Path.AsSpan().EndsWith("/dl"u8));
        Assert.True(raced);
        Assert.False(dlOutcome.Applied);
        Assert.Contains("changed after it was checked", dlOutcome.Problem, StringComparison.Ordinal);
        Assert.Equal("d", new FileInfo(dl).LinkTarget);
        Assert.NotEqual(identityBefore, ProcessRunner.Run("stat", "-c", "%i", "--", dl).StdOut);
        Assert.Empty(Directory.GetFileSystemEntries(work, ".linkctl-tmp-*"));
        // fl was undone as usual; the run stays open for dl.
        Assert.Equal("d/f", File.ReadAllText(Path.Combine(work, "fl")));
        Assert.Null(new FileInfo(Path.Combine(work, "fl")).LinkTarget);
        Assert.Single(journal.LastRun(GitStubRunner.Command));
    }

    private sealed class BeforeRename(IPinnedFolder inner, Action<string> race) : DelegatingPinnedFolder(inner)
    {
        public override OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode)
        {
            race(destinationName);
            return base.Rename(name, destination, destinationName, mode);
        }

        // The pinned ROOT belongs to the runner that confined itself to it.
        public override void Dispose()
        {
        }
    }
}
