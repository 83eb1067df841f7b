using Linkctl.Cli.Output;
using System.Text;
using System.Text.Json;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Scanning;

public sealed class ScanEdgeTests : IDisposable
{
    private static readonly LinkPlatform Live = LinkPlatform.ForCurrentOS();

    private readonly ScratchDirectory scratch = new("linkctl-scanedge-");

    public void Dispose() => scratch.Dispose();

    private string Dir(string relative)
    {
        var path = scratch.PathOf(relative);
        Directory.CreateDirectory(path);
        return path;
    }

    [RequiresFact("linux", "root", "setpriv")]
    public void An_unreadable_folder_is_reported_and_skipped()
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(scratch.Path, (UnixFileMode)0b111_101_101);
            Dir("tree/open");
            Dir("tree/locked/inner");
            File.CreateSymbolicLink(scratch.PathOf("tree/open/l1"), "../locked");
            File.CreateSymbolicLink(scratch.PathOf("tree/locked/inner/hidden"), "x");
            File.CreateSymbolicLink(scratch.PathOf("tree/open/into-locked"), "../locked/inner/hidden");
            File.SetUnixFileMode(scratch.PathOf("tree/locked"), UnixFileMode.None);
        }

        // Root is not stopped by mode 000, so run the real CLI as nobody.
        var dll = Path.Combine(AppContext.BaseDirectory, "linkctl.dll");
        var result = ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", dll, "list", "--json", scratch.PathOf("tree")], TimeSpan.FromSeconds(60), null, new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = "/tmp", ["HOME"] = "/tmp" });
        Assert.Equal(5, result.ExitCode);
        Assert.Contains("cannot open folder", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("EACCES", result.StdErr, StringComparison.Ordinal);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        // The links it could list, then the documented error object as the last line.
        var error = lines[^1].GetProperty("error");
        Assert.Equal("access_denied", error.GetProperty("kind").GetString());
        Assert.Equal("EACCES", error.GetProperty("os_error").GetProperty("name").GetString());
        var links = lines[..^1];
        Assert.Equal(2, links.Count);
        var intoLocked = links.Single(l => l.GetProperty("path").GetString()!.EndsWith("into-locked", StringComparison.Ordinal));
        Assert.Equal("access_denied", intoLocked.GetProperty("status").GetString());
        Assert.Equal("ok", links.Single(l => l.GetProperty("path").GetString()!.EndsWith("l1", StringComparison.Ordinal)).GetProperty("status").GetString());
    }

    [RequiresFact("linux")]
    public void A_missing_root_is_a_problem_not_a_crash()
    {
        var (links, problems) = new TreeScanner(Live).Collect([scratch.PathOf("nope"), Dir("there")]);
        Assert.Empty(links);
        var problem = Assert.Single(problems);
        Assert.Equal("ENOENT", problem.Error.Name);
    }

    [RequiresFact("linux")]
    public void Names_that_are_not_utf8_keep_their_bytes()
    {
        var dir = Dir("bytes");
        try
        {
            NotUtf8(dir);
        }
        finally
        {
            // .NET's recursive delete cannot name this entry; rm works on bytes.
            ProcessRunner.Run("rm", "-rf", dir).EnsureSuccess();
        }
    }

    private static unsafe void NotUtf8(string dir)
    {
        byte[] name = [.. Encoding.UTF8.GetBytes(dir + "/bad"), 0xFF, 0xFE, (byte)'\n', (byte)'x', 0];
        byte[] target = [(byte)'t', 0xC3, 0];
        fixed (byte* n = name)
        fixed (byte* t = target)
        {
            Assert.Equal(0, LibC.Symlink(t, n));
        }

        var link = Assert.Single(new TreeScanner(Live).Collect([dir]).Links);
        Assert.Equal(name[..^1], link.Path);
        Assert.Equal(target[..^1], link.StoredTarget);
        Assert.EndsWith("/bad\\xff\\xfe\\nx", RawPath.Escape(link.Path), StringComparison.Ordinal);
        Assert.Equal("t\\xc3", RawPath.Escape(link.StoredTarget!));

        var json = LinkJson.From(link);
        Assert.Equal(name[..^1], Convert.FromBase64String(json.PathBase64!));
        Assert.Equal(target[..^1], Convert.FromBase64String(json.StoredTargetBase64!));

        // The line format keeps one link on one line.
        using var output = new MemoryStream();
        var writer = new LinkWriter(output, LinkOutputFormat.Lines, _ => { });
        var sink = writer.CreateSink();
        sink.OnLink(link);
        sink.Complete();
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RequiresFact("linux")]
    public void Follow_goes_into_folder_links_and_stops_at_loops()
    {
        var root = Dir("f");
        Dir("f/a/deep");
        Dir("outside/x");
        File.CreateSymbolicLink(scratch.PathOf("outside/x/found"), "nowhere");
        File.CreateSymbolicLink(scratch.PathOf("f/a/to-outside"), "../../outside");
        File.CreateSymbolicLink(scratch.PathOf("f/a/deep/up"), "../..");
        File.CreateSymbolicLink(scratch.PathOf("outside/back"), scratch.PathOf("f"));

        var plain = new TreeScanner(Live).Collect([root]).Links;
        Assert.Equal(2, plain.Count);

        var followed = new TreeScanner(Live, new ScanOptions { Follow = true }).Collect([root]).Links;
        var paths = followed.Select(l => Path.GetRelativePath(root, l.PathText)).Order().ToList();
        Assert.Equal(["a/deep/up", "a/to-outside", "a/to-outside/back", "a/to-outside/x/found"], paths);
        Assert.True((followed.Single(l => l.PathText.EndsWith("to-outside", StringComparison.Ordinal)).Flags & LinkFlags.Followed) != 0);
        Assert.True((followed.Single(l => l.PathText.EndsWith("/back", StringComparison.Ordinal)).Flags & LinkFlags.PointsToAncestor) != 0);
        Assert.True((followed.Single(l => l.PathText.EndsWith("/up", StringComparison.Ordinal)).Flags & LinkFlags.PointsToAncestor) != 0);
        Assert.Equal(LinkStatus.Broken, followed.Single(l => l.PathText.EndsWith("found", StringComparison.Ordinal)).Status);
        Assert.True((followed.Single(l => l.PathText.EndsWith("to-outside", StringComparison.Ordinal)).Flags & LinkFlags.OutsideRoot) != 0);
    }

    [RequiresFact("linux", "root")]
    public void A_target_on_another_file_system_is_flagged()
    {
        var root = Dir("xfs");
        using var mount = new TmpfsMount();
        File.WriteAllText(mount.PathOf("file"), "x");
        File.CreateSymbolicLink(Path.Combine(root, "cross"), mount.PathOf("file"));
        File.CreateSymbolicLink(Path.Combine(root, "same"), "cross");
        var links = new TreeScanner(Live).Collect([root]).Links;
        Assert.True((links.Single(l => l.PathText.EndsWith("/cross", StringComparison.Ordinal)).Flags & LinkFlags.CrossesFileSystem) != 0);

        // A chain ends where its last link leads: the same link through another name crosses too.
        Assert.True((links.Single(l => l.PathText.EndsWith("/same", StringComparison.Ordinal)).Flags & LinkFlags.CrossesFileSystem) != 0);
        Assert.All(links, l => Assert.True((l.Flags & LinkFlags.Remote) == 0));
    }

    [RequiresFact("linux", "root")]
    public void One_file_system_does_not_go_into_mounts()
    {
        var root = Dir("ofs");
        var mountPoint = Dir("ofs/mnt");
        ProcessRunner.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint).EnsureSuccess();
        try
        {
            File.CreateSymbolicLink(Path.Combine(mountPoint, "inside"), "x");
            File.CreateSymbolicLink(Path.Combine(root, "top"), "x");
            Assert.Equal(2, new TreeScanner(Live).Collect([root]).Links.Count);
            Assert.Single(new TreeScanner(Live, new ScanOptions { OneFileSystem = true }).Collect([root]).Links);
        }
        finally
        {
            MountPoint.Unmount(mountPoint);
        }
    }

    [Theory]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/../..", "/")]
    [InlineData("/a//b/", "/a/b")]
    [InlineData("a/../../b", "../b")]
    [InlineData("/", "/")]
    public void Normalize_is_lexical(string input, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(RawPath.Normalize(Encoding.UTF8.GetBytes(input))));

    [Theory]
    [InlineData("/r/a/b", "/r/c/d", "../../c/d")]
    [InlineData("/r", "/r/x", "x")]
    [InlineData("/r/a", "/r/a", ".")]
    [InlineData("/", "/etc", "etc")]
    public void Relative_paths_between_folders(string from, string to, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(RawPath.GetRelative(Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to))));

    [Theory]
    [InlineData("/r", "/r", true)]
    [InlineData("/r/x", "/r", true)]
    [InlineData("/rx", "/r", false)]
    [InlineData("/anything", "/", true)]
    public void Same_or_below_compares_whole_names(string path, string root, bool expected) =>
        Assert.Equal(expected, RawPath.IsSameOrBelow(Encoding.UTF8.GetBytes(path), Encoding.UTF8.GetBytes(root)));
}

public sealed class LinkJsonTests
{
    public static TheoryData<int> Samples => [0, 1, 2, 3, 4];

    private static Linkctl.Scanning.LinkRecord Sample(int i) => i switch
    {
        0 => new() { Path = "r/a\nb"u8.ToArray(), Root = "r"u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = "../x \"q\""u8.ToArray(), ResolvedTarget = "/x"u8.ToArray(), Status = LinkStatus.Ok, TargetType = EntryType.Directory, Flags = LinkFlags.Relative | LinkFlags.PointsToAncestor | LinkFlags.OutsideRoot, Depth = 1 },
        1 => new() { Path = [(byte)'r', (byte)'/', 0xFF, (byte)'ü'], Root = "r"u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = [0xC3], ResolvedTarget = [(byte)'/', 0xC3], Status = LinkStatus.Loop, Flags = LinkFlags.Absolute, Depth = 2, Error = Linkctl.Errors.OsError.Errno(40) },
        2 => new() { Path = "r/h"u8.ToArray(), Root = "r"u8.ToArray(), Kind = LinkKind.HardLink, Status = LinkStatus.Ok, TargetType = EntryType.File, Depth = 1, LinkCount = 3, Identity = new Linkctl.Platform.FileIdentity(2049, 123456789) },
        // A Windows name with an unpaired surrogate, as WTF-8 (RawPath.FromText).
        4 => new() { Path = RawPath.FromText("C:\\r\\a\uD800b"), Root = "C:\\r"u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = RawPath.FromText("x\uDFFF"), ResolvedTarget = RawPath.FromText("C:\\r\\x\uDFFF"), Status = LinkStatus.Ok, Flags = LinkFlags.Relative, Depth = 1 },
        _ => new() { Path = "r/名前"u8.ToArray(), Root = "r"u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = "/mnt/ü"u8.ToArray(), ResolvedTarget = "/mnt/ü"u8.ToArray(), Status = LinkStatus.AccessDenied, Flags = LinkFlags.Absolute | LinkFlags.CrossesFileSystem | LinkFlags.Remote, Depth = 1, Error = Linkctl.Errors.OsError.Errno(13) },
    };

    [Theory]
    [InlineData(LinkStatus.Broken, "missing")]
    [InlineData(LinkStatus.AccessDenied, "unknown")]
    [InlineData(LinkStatus.Loop, "unknown")]
    [InlineData(LinkStatus.EvaluationDisabled, "unknown")]
    public void A_target_never_seen_is_unknown_not_missing(LinkStatus status, string expected)
    {
        var record = new Linkctl.Scanning.LinkRecord { Path = "r/l"u8.ToArray(), Root = "r"u8.ToArray(), Kind = LinkKind.SymbolicLink, StoredTarget = "x"u8.ToArray(), Status = status, Flags = LinkFlags.Relative, Depth = 1 };
        using var fast = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(fast))
        {
            LinkWriter.WriteJson(w, record);
        }

        using var json = System.Text.Json.JsonDocument.Parse(fast.ToArray());
        Assert.Equal(expected, json.RootElement.GetProperty("target_type").GetString());
        Assert.Equal(expected, LinkJson.From(record).TargetType);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_fast_writer_writes_what_the_generated_serializer_writes(int sample)
    {
        var record = Sample(sample);
        var options = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var fast = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(fast, options))
        {
            LinkWriter.WriteJson(w, record);
        }

        using var generated = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(generated, options))
        {
            System.Text.Json.JsonSerializer.Serialize(w, LinkJson.From(record), ScanJsonContext.Default.LinkJson);
        }

        Assert.Equal(Encoding.UTF8.GetString(generated.ToArray()), Encoding.UTF8.GetString(fast.ToArray()));
    }
}
