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

/// <summary>Making and reading links on the real disk, checked with readlink(1) and stat(1).</summary>
[SupportedOSPlatform("linux")]
public sealed class UnixLinkTests : IDisposable
{
    private readonly ScratchDirectory _dir = new("linkctl-unix-link-");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> OddNames() => new()
    {
        "with space",
        " leading space",
        "ünïcödé ☃ 名前",
        "new\nline",
        "-leading-dash",
        "tab\there",
        "back\\slash",
        "quote\"and'",
    };

    [RequiresTheory("linux")]
    [MemberData(nameof(OddNames))]
    public void Odd_names_survive_as_link_name_and_as_stored_target(string name)
    {
        var system = UnixBackend.Create();
        var link = _dir.PathOf(name);

        OsAssert.Succeeded(system.CreateSymbolicLink(link, name + ".target", isDirectory: false));

        var read = OsAssert.Link(system.ReadLink(link));
        Assert.Equal(name + ".target", read.Target);
        Assert.True(read.IsRelative);
        Assert.Equal(LinkKind.SymbolicLink, read.Kind);
        // readlink(1) prints the target and a newline; the name itself may hold newlines.
        Assert.Equal(name + ".target\n", ProcessRunner.Run("readlink", "--", link).EnsureSuccess().StdOut);
        Assert.Equal(EntryType.SymbolicLink, system.GetEntry(link).Type);
    }

    [RequiresFact("linux")]
    public void A_target_is_stored_verbatim_relative_or_absolute()
    {
        var system = UnixBackend.Create();

        OsAssert.Succeeded(system.CreateSymbolicLink(_dir.PathOf("rel"), "../x/./y//z/", isDirectory: true));
        OsAssert.Succeeded(system.CreateSymbolicLink(_dir.PathOf("abs"), "/no/such/place", isDirectory: false));

        var rel = OsAssert.Link(system.ReadLink(_dir.PathOf("rel")));
        var abs = OsAssert.Link(system.ReadLink(_dir.PathOf("abs")));
        Assert.Equal("../x/./y//z/", rel.Target);
        Assert.True(rel.IsRelative);
        Assert.Equal("/no/such/place", abs.Target);
        Assert.False(abs.IsRelative);
        Assert.Equal(0u, abs.ReparseTag);
    }

    [RequiresFact("linux")]
    public void A_long_target_is_read_whole_past_the_first_buffer()
    {
        var system = UnixBackend.Create();
        var target = string.Join('/', Enumerable.Range(0, 300).Select(i => $"segment{i:D4}")); // 3,599 bytes, past the 256-byte first buffer
        OsAssert.Succeeded(system.CreateSymbolicLink(_dir.PathOf("long"), target, isDirectory: false));

        Assert.Equal(target, OsAssert.Link(system.ReadLink(_dir.PathOf("long"))).Target);
    }

    [RequiresFact("linux")]
    public unsafe void A_target_that_is_not_UTF8_keeps_its_bytes_through_the_link_system_and_show_flags_it()
    {
        var link = _dir.PathOf("latin1");
        byte[] target = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'t', (byte)'x', (byte)'t', 0];
        var linkZ = Encoding.UTF8.GetBytes(link + "\0");
        fixed (byte* t = target)
        fixed (byte* l = linkZ)
        {
            Assert.Equal(0, LibC.Symlink(t, l));
        }

        var system = UnixBackend.Create();
        var read = OsAssert.Link(system.ReadLink(link));

        // The byte 0xE9 travels as the lone surrogate U+DCE9 (PEP 383), so handing the target back
        // to the OS gives exactly the bytes read.
        Assert.Equal("caf\uDCE9.txt", read.Target);
        Assert.Equal(target[..^1], RawPath.FromOsText(read.Target));
        var copy = _dir.PathOf("copy");
        OsAssert.Succeeded(system.CreateSymbolicLink(copy, read.Target, isDirectory: false));
        Assert.Equal(target[..^1], RawPath.FromOsText(OsAssert.Link(system.ReadLink(copy)).Target));

        var (report, _) = new Linkctl.Inspection.LinkInspector(LinkPlatform.ForCurrentOS()).Inspect(link);
        Assert.Equal("caf\uDCE9.txt", report!.StoredTarget);
        Assert.Contains("not valid UTF-8", report.Problem);
        Assert.Contains("636166E92E747874", report.Problem);
    }

    [RequiresFact("linux")]
    public void ReadLink_of_a_file_is_EINVAL_meaning_not_a_link_and_of_nothing_is_ENOENT()
    {
        var file = _dir.PathOf("file");
        File.WriteAllText(file, "x");
        var system = UnixBackend.Create();

        var notLink = system.ReadLink(file);
        var missing = system.ReadLink(_dir.PathOf("missing"));

        Assert.False(notLink.Succeeded);
        Assert.Equal("EINVAL", notLink.Error!.Name);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(notLink.Error!, LinkOperation.Read));
        Assert.Equal("ENOENT", missing.Error!.Name);
        Assert.Equal(FailureKind.NotFound, LinkClassifier.Classify(missing.Error!, LinkOperation.Read));
    }

    [RequiresFact("linux")]
    public void CreateSymbolicLink_over_an_existing_name_is_EEXIST_and_into_a_missing_folder_is_ENOENT()
    {
        var system = UnixBackend.Create();
        File.WriteAllText(_dir.PathOf("taken"), "keep me");

        var exists = system.CreateSymbolicLink(_dir.PathOf("taken"), "elsewhere", isDirectory: false);
        var noFolder = system.CreateSymbolicLink(_dir.PathOf("no/folder/link"), "x", isDirectory: false);

        Assert.Equal("EEXIST", exists.Error!.Name);
        Assert.Equal(FailureKind.Conflict, LinkClassifier.Classify(exists.Error!, LinkOperation.CreateSymbolicLink));
        Assert.Equal("keep me", File.ReadAllText(_dir.PathOf("taken")));
        Assert.Equal("ENOENT", noFolder.Error!.Name);
        Assert.Equal(FailureKind.NotFound, LinkClassifier.Classify(noFolder.Error!, LinkOperation.CreateSymbolicLink));
    }

    [RequiresFact("linux")]
    public void CreateJunction_is_not_supported_and_makes_nothing()
    {
        var system = UnixBackend.Create();
        Directory.CreateDirectory(_dir.PathOf("target"));

        var error = system.CreateJunction(_dir.PathOf("junction"), _dir.PathOf("target"));

        Assert.Equal("ENOTSUP", error.Error!.Name);
        Assert.Equal(FailureKind.NotSupported, LinkClassifier.Classify(error.Error!, LinkOperation.CreateJunction));
        Assert.False(system.GetEntry(_dir.PathOf("junction")).Exists);
    }

    [RequiresFact("linux")]
    public void CreateHardLink_gives_one_identity_two_names_and_a_count_of_two()
    {
        var system = UnixBackend.Create();
        var original = _dir.PathOf("original");
        File.WriteAllText(original, "shared");

        OsAssert.Succeeded(system.CreateHardLink(_dir.PathOf("second name"), original));

        var a = system.GetEntry(original);
        var b = system.GetEntry(_dir.PathOf("second name"));
        Assert.Equal(2, a.LinkCount);
        Assert.Equal(2, b.LinkCount);
        Assert.Equal(a.Identity, b.Identity);
        Assert.Equal(2, UnixBackend.Stat(original).Links);
    }

    [RequiresFact("linux")]
    public void CreateHardLink_to_a_symbolic_link_links_the_link_itself()
    {
        var system = UnixBackend.Create();
        File.CreateSymbolicLink(_dir.PathOf("sym"), "nowhere");

        OsAssert.Succeeded(system.CreateHardLink(_dir.PathOf("sym2"), _dir.PathOf("sym")));

        Assert.Equal(EntryType.SymbolicLink, system.GetEntry(_dir.PathOf("sym2")).Type);
        Assert.Equal("nowhere", OsAssert.Link(system.ReadLink(_dir.PathOf("sym2"))).Target);
    }

    [RequiresFact("linux")]
    public void CreateHardLink_failures_are_named_by_the_kernel_errno()
    {
        var system = UnixBackend.Create();
        Directory.CreateDirectory(_dir.PathOf("folder"));
        File.WriteAllText(_dir.PathOf("file"), "x");

        var folder = system.CreateHardLink(_dir.PathOf("folder-link"), _dir.PathOf("folder"));
        var missing = system.CreateHardLink(_dir.PathOf("link"), _dir.PathOf("missing"));
        var exists = system.CreateHardLink(_dir.PathOf("file"), _dir.PathOf("file"));

        // link(2) on a folder is EPERM; on ext4 that is not "no hard links here" but a bad request.
        Assert.Equal("EPERM", folder.Error!.Name);
        Assert.Equal(FailureKind.InvalidInput, LinkClassifier.Classify(folder.Error!, LinkOperation.CreateHardLink, existing: system.GetEntry(_dir.PathOf("folder"))));
        Assert.Equal("ENOENT", missing.Error!.Name);
        Assert.Equal("EEXIST", exists.Error!.Name);
    }

    [RequiresFact("linux")]
    public void GetHardLinkNames_says_why_it_cannot_list_them()
    {
        var file = _dir.PathOf("file");
        File.WriteAllText(file, "x");

        var names = UnixBackend.Create().GetHardLinkNames(file);

        Assert.False(names.Succeeded);
        Assert.Contains("linkctl list --hard", names.Problem);
    }
}
