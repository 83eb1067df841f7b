using System.Runtime.Versioning;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Unix;

/// <summary>The pinned folder's file primitives git-stub repair checks and restores stubs with.</summary>
[SupportedOSPlatform("linux")]
public sealed class PinnedFileTests : IDisposable
{
    private readonly ScratchDirectory dir = new("linkctl-pinfile-");

    public void Dispose() => dir.Dispose();

    private IPinnedFolder Pin() => UnixBackend.Create().PinFolder(dir.Path).Value;

    [RequiresFact("linux")]
    public void ReadFile_gives_the_identity_size_and_at_most_the_bytes_asked()
    {
        File.WriteAllText(dir.PathOf("stub"), "d/f and more");
        using var folder = Pin();
        var whole = folder.ReadFile("stub", 100).Value;
        Assert.Equal("d/f and more"u8.ToArray(), whole.Bytes);
        Assert.Equal(12UL, whole.Size);
        Assert.False(whole.Truncated);
        Assert.Equal(folder.GetEntry("stub").Identity, whole.Identity);

        var part = folder.ReadFile("stub", 4).Value;
        Assert.Equal("d/f "u8.ToArray(), part.Bytes);
        Assert.True(part.Truncated);
    }

    [RequiresFact("linux")]
    public void ReadFile_never_reads_through_a_link_nor_opens_a_fifo_or_folder()
    {
        File.WriteAllText(dir.PathOf("data"), "secret");
        File.CreateSymbolicLink(dir.PathOf("link"), "data");
        Directory.CreateDirectory(dir.PathOf("folder"));
        ProcessRunner.Run("mkfifo", dir.PathOf("fifo")).EnsureSuccess();
        using var folder = Pin();
        var link = folder.ReadFile("link", 100);
        Assert.False(link.Succeeded);
        Assert.Contains("is a link", link.Problem, StringComparison.Ordinal);
        var fifo = folder.ReadFile("fifo", 100);
        Assert.False(fifo.Succeeded);
        Assert.Contains("not a regular file", fifo.Problem, StringComparison.Ordinal);
        Assert.False(folder.ReadFile("folder", 100).Succeeded);
        Assert.False(folder.ReadFile("missing", 100).Succeeded);
    }

    [RequiresFact("linux")]
    public void CreateFile_writes_exactly_the_bytes_and_never_over_anything()
    {
        File.WriteAllText(dir.PathOf("taken"), "keep");
        File.CreateSymbolicLink(dir.PathOf("dangling"), "would-be-created");
        using var folder = Pin();
        byte[] content = [(byte)'a', 0xFF, (byte)'\n'];
        Assert.True(folder.CreateFile("new", content).Succeeded);
        Assert.Equal(content, File.ReadAllBytes(dir.PathOf("new")));
        Assert.Equal(EntryType.File, folder.GetEntry("new").Type);

        Assert.False(folder.CreateFile("taken", content).Succeeded);
        Assert.Equal("keep", File.ReadAllText(dir.PathOf("taken")));
        // O_EXCL|O_NOFOLLOW: a dangling link is not followed to create its target.
        Assert.False(folder.CreateFile("dangling", content).Succeeded);
        Assert.False(File.Exists(dir.PathOf("would-be-created")));
    }
}
