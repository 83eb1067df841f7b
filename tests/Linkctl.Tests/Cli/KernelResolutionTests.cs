using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// Paths through symbolic links resolved as the Linux kernel resolves them, end to end on the
/// real file system: "a/sym/../x" is x beside sym's REAL folder, and a link whose folder is
/// reached through a link (every node_modules/pkg of a pnpm project) resolves from the real folder.
/// Each tree holds a decoy at the lexical answer, so text arithmetic fails these tests.
/// </summary>
public sealed class KernelResolutionTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    private string Dir => scratch.Path;

    public void Dispose() => scratch.Dispose();

    private string Make(string relative, string content)
    {
        var path = scratch.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>real/deep/x ("right"), a/x ("decoy"), a/sym -> ../real/deep/pkg: a/sym/.. is real/deep.</summary>
    private void SymlinkedFolderWithDecoy()
    {
        Make("real/deep/x", "right");
        Directory.CreateDirectory(scratch.PathOf("real/deep/pkg"));
        Make("a/x", "decoy");
        File.CreateSymbolicLink(scratch.PathOf("a/sym"), "../real/deep/pkg");
    }

    [RequiresFact("linux")]
    public void Absolute_resolves_dotdot_after_a_symlinked_folder_physically()
    {
        SymlinkedFolderWithDecoy();
        var made = LinkctlCli.Run(Dir, "new", "l", "a/sym/../x", "--absolute");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal(scratch.PathOf("real/deep/x"), new FileInfo(scratch.PathOf("l")).LinkTarget);
        Assert.Equal("right", File.ReadAllText(scratch.PathOf("l")));
    }

    [RequiresFact("linux")]
    public void Relative_resolves_dotdot_after_a_symlinked_folder_physically()
    {
        SymlinkedFolderWithDecoy();
        var made = LinkctlCli.Run(Dir, "new", "l", "a/sym/../x", "--relative");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal("real/deep/x", new FileInfo(scratch.PathOf("l")).LinkTarget);
        Assert.Equal("right", File.ReadAllText(scratch.PathOf("l")));
    }

    [RequiresFact("linux")]
    public void A_link_in_a_folder_reached_through_a_link_is_checked_from_the_real_folder()
    {
        SymlinkedFolderWithDecoy();

        // From a/sym's real folder (real/deep/pkg), "../x" is real/deep/x; lexically a/x, the decoy.
        var made = LinkctlCli.Run(Dir, "new", "a/sym/l", "../x", "--relative");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal("../x", new FileInfo(scratch.PathOf("real/deep/pkg/l")).LinkTarget);
        Assert.Equal("right", File.ReadAllText(scratch.PathOf("a/sym/l")));

        // A target that exists only at the lexical answer is refused: the link would lead nowhere.
        File.Delete(scratch.PathOf("real/deep/x"));
        var refused = LinkctlCli.Run(Dir, "new", "a/sym/l2", "../x");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains(scratch.PathOf("real/deep/x"), refused.StdErr);
        Assert.False(File.Exists(scratch.PathOf("real/deep/pkg/l2")) || Directory.Exists(scratch.PathOf("real/deep/pkg/l2")));
    }

    [RequiresFact("linux")]
    public void Link_path_with_dotdot_after_a_symlinked_folder_is_made_where_ln_would_make_it()
    {
        SymlinkedFolderWithDecoy();
        var made = LinkctlCli.Run(Dir, "new", "a/sym/../l", "x");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal("x", new FileInfo(scratch.PathOf("real/deep/l")).LinkTarget);
        Assert.False(new FileInfo(scratch.PathOf("a/l")).Exists);
        Assert.Equal("right", File.ReadAllText(scratch.PathOf("real/deep/l")));
    }

    [RequiresFact("linux")]
    public void Pnpm_like_tree_relative_links_resolve_from_the_store()
    {
        // node_modules/pkg -> .pnpm/pkg@1.0.0/node_modules/pkg; its dependency lies beside it in the store.
        Make("node_modules/.pnpm/pkg@1.0.0/node_modules/pkg/index.js", "pkg");
        Make("node_modules/.pnpm/pkg@1.0.0/node_modules/dep/index.js", "dep from the store");
        Make("node_modules/dep/index.js", "top-level decoy");
        File.CreateSymbolicLink(scratch.PathOf("node_modules/pkg"), ".pnpm/pkg@1.0.0/node_modules/pkg");

        var made = LinkctlCli.Run(Dir, "new", "node_modules/pkg/dep-link", "../dep/index.js", "--absolute");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal(scratch.PathOf("node_modules/.pnpm/pkg@1.0.0/node_modules/dep/index.js"), new FileInfo(scratch.PathOf("node_modules/pkg/dep-link")).LinkTarget);
        Assert.Equal("dep from the store", File.ReadAllText(scratch.PathOf("node_modules/pkg/dep-link")));
    }

    [RequiresFact("linux")]
    public void Trailing_slash_on_a_file_target_is_refused_as_not_a_folder()
    {
        Make("file", "data");
        var refused = LinkctlCli.Run(Dir, "new", "l", "file/");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("ENOTDIR", refused.StdErr);
        Assert.Contains("trailing slash", refused.StdErr);
        Assert.DoesNotContain("does not exist", refused.StdErr);
        Assert.False(new FileInfo(scratch.PathOf("l")).Exists || new FileInfo(scratch.PathOf("l")).LinkTarget is not null);

        var below = LinkctlCli.Run(Dir, "new", "l", "file/x");
        Assert.Equal(4, below.ExitCode);
        Assert.Contains("ENOTDIR", below.StdErr);
    }

    [RequiresFact("linux")]
    public void A_link_inside_its_own_target_gets_a_warning()
    {
        Directory.CreateDirectory(scratch.PathOf("tree/sub"));
        var made = LinkctlCli.Run(Dir, "new", "tree/sub/up", "../..");
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Contains("inside the folder it points to", made.StdOut);

        var apart = LinkctlCli.Run(Dir, "new", "beside", "tree");
        Assert.True(apart.ExitCode == 0, apart.StdErr);
        Assert.DoesNotContain("inside the folder it points to", apart.StdOut);
    }

    [RequiresFact("linux")]
    public void Rm_names_and_removes_the_entry_the_shell_would()
    {
        SymlinkedFolderWithDecoy();
        File.CreateSymbolicLink(scratch.PathOf("real/deep/lk"), "x");
        File.CreateSymbolicLink(scratch.PathOf("a/lk"), "x");

        var dry = LinkctlCli.Run(Dir, "rm", "a/sym/../lk", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.StdErr);
        Assert.Contains(scratch.PathOf("real/deep/lk"), dry.StdOut);

        var removed = LinkctlCli.Run(Dir, "rm", "a/sym/../lk");
        Assert.True(removed.ExitCode == 0, removed.StdErr);
        Assert.Null(new FileInfo(scratch.PathOf("real/deep/lk")).LinkTarget);
        Assert.Equal("x", new FileInfo(scratch.PathOf("a/lk")).LinkTarget);
    }

    [RequiresFact("linux")]
    public void Show_resolves_the_target_from_the_real_folder()
    {
        SymlinkedFolderWithDecoy();
        File.CreateSymbolicLink(scratch.PathOf("real/deep/pkg/l"), "../x");
        var (shown, report) = LinkctlCli.RunJson(Dir, "show", "a/sym/l");
        Assert.True(shown.ExitCode == 0, shown.StdErr);
        Assert.Equal(scratch.PathOf("real/deep/x"), report.GetProperty("target_full_path").GetString());
        Assert.Equal("ok", report.GetProperty("status").GetString());
    }
}
