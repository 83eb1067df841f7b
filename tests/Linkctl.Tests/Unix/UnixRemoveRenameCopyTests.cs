using System.Runtime.Versioning;
using System.Text;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>RemoveLink must never delete data; Rename replaces links atomically; Copy keeps links as links.</summary>
[SupportedOSPlatform("linux")]
public sealed class UnixRemoveRenameCopyTests : IDisposable
{
    private static Linkctl.Copying.UnixTreeCopier Copier => UnixBackend.Copier();

    private readonly ScratchDirectory _dir = new("linkctl-unix-rm-");

    public void Dispose() => _dir.Dispose();

    [RequiresFact("linux")]
    public void Removing_a_link_to_a_folder_leaves_the_folder_and_its_files()
    {
        var target = _dir.PathOf("target");
        Directory.CreateDirectory(Path.Combine(target, "sub"));
        File.WriteAllText(Path.Combine(target, "a.txt"), "a");
        File.WriteAllText(Path.Combine(target, "sub", "b.txt"), "b");
        var link = _dir.PathOf("link");
        File.CreateSymbolicLink(link, target);
        var system = UnixBackend.Create();

        OsAssert.Succeeded(system.RemoveLink(link));

        Assert.False(system.GetEntry(link).Exists);
        Assert.Equal("a", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(target, "sub", "b.txt")));
    }

    [RequiresFact("linux")]
    public void Removing_a_link_given_with_a_trailing_slash_is_refused_rather_than_followed()
    {
        var target = _dir.PathOf("target");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "k");
        File.CreateSymbolicLink(_dir.PathOf("link"), target);
        var system = UnixBackend.Create();

        // "link/" names the folder it leads to, which is not a link.
        var error = system.RemoveLink(_dir.PathOf("link") + "/");

        Assert.Equal("EINVAL", error.Error!.Name);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(error.Error!, LinkOperation.Remove));
        Assert.Equal(EntryType.SymbolicLink, system.GetEntry(_dir.PathOf("link")).Type);
        Assert.True(File.Exists(Path.Combine(target, "keep.txt")));
    }

    [RequiresFact("linux")]
    public void Removing_broken_and_looping_links_works()
    {
        File.CreateSymbolicLink(_dir.PathOf("broken"), "nothing");
        File.CreateSymbolicLink(_dir.PathOf("loop"), "loop");
        var system = UnixBackend.Create();

        OsAssert.Succeeded(system.RemoveLink(_dir.PathOf("broken")));
        OsAssert.Succeeded(system.RemoveLink(_dir.PathOf("loop")));
        Assert.False(system.GetEntry(_dir.PathOf("broken")).Exists);
        Assert.False(system.GetEntry(_dir.PathOf("loop")).Exists);
    }

    [RequiresFact("linux")]
    public void RemoveLink_refuses_a_real_folder_a_single_name_file_and_a_fifo()
    {
        var folder = _dir.PathOf("folder");
        Directory.CreateDirectory(folder);
        var file = _dir.PathOf("only-name.txt");
        File.WriteAllText(file, "precious");
        ProcessRunner.Run("mkfifo", _dir.PathOf("fifo")).EnsureSuccess();
        var system = UnixBackend.Create();

        foreach (var path in new[] { folder, file, _dir.PathOf("fifo") })
        {
            var error = system.RemoveLink(path);
            Assert.Equal("EINVAL", error.Error!.Name);
            Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(error.Error!, LinkOperation.Remove));
            Assert.True(system.GetEntry(path).Exists);
        }

        Assert.Equal("precious", File.ReadAllText(file));
    }

    [RequiresFact("linux")]
    public void RemoveLink_of_one_hard_link_name_keeps_the_other_with_its_data()
    {
        var system = UnixBackend.Create();
        File.WriteAllText(_dir.PathOf("one"), "shared");
        OsAssert.Succeeded(system.CreateHardLink(_dir.PathOf("two"), _dir.PathOf("one")));

        OsAssert.Succeeded(system.RemoveLink(_dir.PathOf("two")));
        var last = system.RemoveLink(_dir.PathOf("one"));

        Assert.False(system.GetEntry(_dir.PathOf("two")).Exists);
        Assert.Equal(1, system.GetEntry(_dir.PathOf("one")).LinkCount);
        Assert.Equal("EINVAL", last.Error!.Name); // the last name is the data itself
        Assert.Equal("shared", File.ReadAllText(_dir.PathOf("one")));
    }

    [RequiresFact("linux")]
    public void RemoveLink_of_nothing_is_ENOENT()
    {
        var system = UnixBackend.Create();
        var error = system.RemoveLink(_dir.PathOf("missing"));

        Assert.Equal("ENOENT", error.Error!.Name);
        Assert.Equal(FailureKind.NotFound, LinkClassifier.Classify(error.Error!, LinkOperation.Remove));
    }

    [RequiresFact("linux")]
    public void Rename_replaces_an_existing_link_in_one_step()
    {
        var system = UnixBackend.Create();
        OsAssert.Succeeded(system.CreateSymbolicLink(_dir.PathOf("current"), "old-target", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(_dir.PathOf("staged"), "new-target", isDirectory: false));
        var before = system.GetEntry(_dir.PathOf("staged")).Identity;

        OsAssert.Succeeded(system.Rename(_dir.PathOf("staged"), _dir.PathOf("current")));

        Assert.Equal("new-target", OsAssert.Link(system.ReadLink(_dir.PathOf("current"))).Target);
        Assert.Equal(before, system.GetEntry(_dir.PathOf("current")).Identity);
        Assert.False(system.GetEntry(_dir.PathOf("staged")).Exists);
    }

    [RequiresFact("linux")]
    public void Rename_onto_a_folder_that_is_not_empty_fails_and_leaves_both()
    {
        var system = UnixBackend.Create();
        Directory.CreateDirectory(_dir.PathOf("full"));
        File.WriteAllText(_dir.PathOf("full/f"), "x");
        Directory.CreateDirectory(_dir.PathOf("other"));

        var error = system.Rename(_dir.PathOf("other"), _dir.PathOf("full"));

        Assert.Equal("ENOTEMPTY", error.Error!.Name);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(error.Error!, LinkOperation.Rename));
        Assert.True(File.Exists(_dir.PathOf("full/f")));
    }

    [RequiresFact("linux")]
    public void Copy_of_a_file_keeps_content_and_mode()
    {
        var source = _dir.PathOf("script.sh");
        File.WriteAllBytes(source, Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray());
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        var system = UnixBackend.Create();

        OsAssert.Succeeded(Copier.Copy(source, _dir.PathOf("copy.sh"), isDirectory: false));

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(_dir.PathOf("copy.sh")));
        Assert.Equal(0b111_101_000u, UnixBackend.Stat(_dir.PathOf("copy.sh")).Mode);
        Assert.NotEqual(system.GetEntry(source).Identity, system.GetEntry(_dir.PathOf("copy.sh")).Identity);
    }

    [RequiresFact("linux")]
    public void Copy_follows_the_source_link_itself()
    {
        File.WriteAllText(_dir.PathOf("real"), "content");
        File.CreateSymbolicLink(_dir.PathOf("via"), "real");
        var system = UnixBackend.Create();

        OsAssert.Succeeded(Copier.Copy(_dir.PathOf("via"), _dir.PathOf("copy"), isDirectory: false));

        Assert.Equal(EntryType.File, system.GetEntry(_dir.PathOf("copy")).Type);
        Assert.Equal("content", File.ReadAllText(_dir.PathOf("copy")));
    }

    [RequiresFact("linux")]
    public unsafe void Copy_of_a_folder_copies_links_inside_as_links_with_their_stored_targets()
    {
        var source = _dir.PathOf("tree");
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "sub", "file.txt"), "inner");
        File.CreateSymbolicLink(Path.Combine(source, "rel"), "sub/file.txt");
        File.CreateSymbolicLink(Path.Combine(source, "abs"), _dir.PathOf("outside"));
        File.CreateSymbolicLink(Path.Combine(source, "broken"), "no such thing");
        Directory.CreateDirectory(_dir.PathOf("outside"));
        File.WriteAllText(_dir.PathOf("outside/big.bin"), "must not be copied");
        File.CreateSymbolicLink(Path.Combine(source, "dirlink"), _dir.PathOf("outside"));
        byte[] rawTarget = [0xFF, (byte)'x', 0];
        var rawLink = Encoding.UTF8.GetBytes(Path.Combine(source, "raw") + "\0");
        fixed (byte* t = rawTarget)
        fixed (byte* l = rawLink)
        {
            Assert.Equal(0, LibC.Symlink(t, l));
        }

        File.SetUnixFileMode(Path.Combine(source, "sub"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var system = UnixBackend.Create();
        var copy = _dir.PathOf("copy");

        OsAssert.Succeeded(Copier.Copy(source, copy, isDirectory: true));

        Assert.Equal("inner", File.ReadAllText(Path.Combine(copy, "sub", "file.txt")));
        Assert.Equal(0b111_000_000u, UnixBackend.Stat(Path.Combine(copy, "sub")).Mode);
        foreach (var (name, target) in new[] { ("rel", "sub/file.txt"), ("abs", _dir.PathOf("outside")), ("broken", "no such thing"), ("dirlink", _dir.PathOf("outside")) })
        {
            Assert.Equal(EntryType.SymbolicLink, system.GetEntry(Path.Combine(copy, name)).Type);
            Assert.Equal(target, OsAssert.Link(system.ReadLink(Path.Combine(copy, name))).Target);
        }

        Assert.Equal(rawTarget[..^1], RawPath.FromOsText(OsAssert.Link(system.ReadLink(Path.Combine(copy, "raw"))).Target));
        Assert.Equal(UnixBackend.Stat(source).Mode, UnixBackend.Stat(copy).Mode);
    }

    [RequiresFact("linux")]
    public void Copy_refuses_an_existing_destination_even_a_dangling_link_and_changes_nothing()
    {
        File.WriteAllText(_dir.PathOf("src"), "new");
        File.WriteAllText(_dir.PathOf("dst"), "old");
        File.CreateSymbolicLink(_dir.PathOf("dangling"), _dir.PathOf("would-be-created"));
        var system = UnixBackend.Create();

        var overFile = Copier.Copy(_dir.PathOf("src"), _dir.PathOf("dst"), isDirectory: false);
        var overLink = Copier.Copy(_dir.PathOf("src"), _dir.PathOf("dangling"), isDirectory: false);

        Assert.Equal("EEXIST", overFile.Error!.Name);
        Assert.Equal("EEXIST", overLink.Error!.Name);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(overFile.Error!, LinkOperation.Copy));
        Assert.Equal("old", File.ReadAllText(_dir.PathOf("dst")));
        Assert.False(File.Exists(_dir.PathOf("would-be-created")));
    }

    [RequiresFact("linux")]
    public void Copy_with_the_wrong_kind_says_so()
    {
        File.WriteAllText(_dir.PathOf("file"), "x");
        Directory.CreateDirectory(_dir.PathOf("folder"));
        var system = UnixBackend.Create();

        Assert.Equal("ENOTDIR", Copier.Copy(_dir.PathOf("file"), _dir.PathOf("c1"), isDirectory: true).Error!.Name);
        Assert.Equal("EISDIR", Copier.Copy(_dir.PathOf("folder"), _dir.PathOf("c2"), isDirectory: false).Error!.Name);
        Assert.Equal("ENOENT", Copier.Copy(_dir.PathOf("missing"), _dir.PathOf("c3"), isDirectory: false).Error!.Name);
        Assert.False(system.GetEntry(_dir.PathOf("c1")).Exists);
        Assert.False(system.GetEntry(_dir.PathOf("c2")).Exists);
    }
}
