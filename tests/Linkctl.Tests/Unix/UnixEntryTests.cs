using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>GetEntry and GetTargetEntry against the real kernel, checked against coreutils stat(1).</summary>
[SupportedOSPlatform("linux")]
public sealed class UnixEntryTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("linkctl-unix-entry-");

    public void Dispose() => _dir.Dispose();

    [RequiresFact("linux")]
    public void GetEntry_of_a_file_matches_stat1_field_by_field()
    {
        var file = _dir.PathOf("file.txt");
        File.WriteAllText(file, "data");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherExecute);

        var facts = UnixBackend.Create().GetEntry(file);
        var stat = UnixBackend.Stat(file);

        Assert.Equal(EntryType.File, facts.Type);
        Assert.False(facts.IsDirectory);
        Assert.Equal(new FileIdentity(stat.Device, stat.Inode), facts.Identity);
        Assert.Equal(stat.Links, facts.LinkCount);
        Assert.Equal(stat.Owner, facts.OwnerId);
        Assert.Equal(stat.Mode, facts.Mode);
        Assert.Equal(0b110_100_001u, facts.Mode);
        Assert.Null(facts.Error);
    }

    [RequiresFact("linux")]
    public void GetEntry_of_a_folder_and_of_a_link_to_it_does_not_follow_the_link()
    {
        var folder = _dir.PathOf("folder");
        Directory.CreateDirectory(folder);
        var link = _dir.PathOf("link");
        File.CreateSymbolicLink(link, "folder");
        var system = UnixBackend.Create();

        var dir = system.GetEntry(folder);
        var linkFacts = system.GetEntry(link);

        Assert.Equal(EntryType.Directory, dir.Type);
        Assert.True(dir.IsDirectory);
        Assert.Equal(UnixBackend.Stat(folder).Links, dir.LinkCount);
        Assert.Equal(EntryType.SymbolicLink, linkFacts.Type);
        Assert.False(linkFacts.IsDirectory);
        Assert.Equal(UnixBackend.Stat(link).Inode, linkFacts.Identity!.Value.File);
        Assert.NotEqual(dir.Identity, linkFacts.Identity);
    }

    [RequiresFact("linux")]
    public void GetEntry_of_a_fifo_is_special()
    {
        var fifo = _dir.PathOf("pipe");
        ProcessRunner.Run("mkfifo", fifo).EnsureSuccess();

        Assert.Equal(EntryType.Special, UnixBackend.Create().GetEntry(fifo).Type);
        Assert.Equal("fifo", UnixBackend.Stat(fifo).Type);
    }

    [RequiresFact("linux")]
    public void GetEntry_of_a_missing_path_or_one_below_a_file_is_missing_without_error()
    {
        var file = _dir.PathOf("plain");
        File.WriteAllText(file, "x");
        var system = UnixBackend.Create();

        var missing = system.GetEntry(_dir.PathOf("nope"));
        var belowFile = system.GetEntry(file + "/child"); // ENOTDIR

        Assert.False(missing.Exists);
        Assert.Null(missing.Error);
        Assert.False(belowFile.Exists);
        Assert.Null(belowFile.Error);
    }

    [RequiresFact("linux")]
    public void GetTargetEntry_follows_a_chain_and_gives_the_final_path()
    {
        var file = _dir.PathOf("real.txt");
        File.WriteAllText(file, "x");
        File.CreateSymbolicLink(_dir.PathOf("one"), "real.txt");
        File.CreateSymbolicLink(_dir.PathOf("two"), _dir.PathOf("one"));

        var facts = UnixBackend.Create().GetTargetEntry(_dir.PathOf("two"));

        Assert.Equal(EntryType.File, facts.Type);
        Assert.Equal(ProcessRunner.Run("realpath", "--", file).EnsureSuccess().StdOut.TrimEnd('\n'), facts.FinalPath);
        Assert.Equal(UnixBackend.Stat(file).Inode, facts.Identity!.Value.File);
    }

    [RequiresFact("linux")]
    public void GetTargetEntry_of_a_broken_link_is_missing()
    {
        var link = _dir.PathOf("broken");
        File.CreateSymbolicLink(link, "does-not-exist");

        var facts = UnixBackend.Create().GetTargetEntry(link);

        Assert.False(facts.Exists);
        Assert.Null(facts.Error);
        Assert.Null(facts.FinalPath);
    }

    [RequiresFact("linux")]
    public void GetTargetEntry_of_a_loop_reports_ELOOP_as_cannot_follow()
    {
        File.CreateSymbolicLink(_dir.PathOf("a"), "b");
        File.CreateSymbolicLink(_dir.PathOf("b"), "a");

        var facts = UnixBackend.Create().GetTargetEntry(_dir.PathOf("a"));

        Assert.False(facts.Exists);
        Assert.Equal("ELOOP", facts.Error?.Name);
        Assert.Equal(FailureKind.CannotFollow, facts.ErrorKind);
    }

    [RequiresFact("linux")]
    public void GetEntry_of_a_loop_link_is_the_link_itself()
    {
        File.CreateSymbolicLink(_dir.PathOf("self"), "self");

        var facts = UnixBackend.Create().GetEntry(_dir.PathOf("self"));

        Assert.Equal(EntryType.SymbolicLink, facts.Type);
    }
}
