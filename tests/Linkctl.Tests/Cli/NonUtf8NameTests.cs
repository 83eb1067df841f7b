using System.Runtime.Versioning;
using System.Text;
using Linkctl.Cli.Arguments;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Unix;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// Names that are not valid UTF-8 on Linux (issue 10): `new`, `show` and `rm` act on the bytes
/// typed (raw argv from /proc/self/cmdline), never on U+FFFD. Each tree holds a decoy named with
/// the bytes of U+FFFD (EF BF BD), which is where a lossy decoding would act instead.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NonUtf8NameTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    // .NET's recursive delete cannot name files that are not UTF-8: rm(1) takes them as bytes.
    public void Dispose() => ProcessRunner.Run("rm", "-rf", "--", scratch.Path).EnsureSuccess();

    /// <summary>A name as bytes: each char is one byte (Latin-1), so "t\xff" is 74 FF.</summary>
    private static byte[] B(string latin1) => Encoding.Latin1.GetBytes(latin1);

    /// <summary>The full path of a raw name in the scratch folder, as OS text (surrogateescape).</summary>
    private string Full(byte[] name) => scratch.Path + "/" + RawPath.ToOsText(name);

    private static readonly byte[] Decoy = "\uFFFD"u8.ToArray();

    private static byte[] Cat(byte[] a, byte[] b) => [.. a, .. b];

    /// <summary>Runs a shell command in the scratch folder; raw names go in as <see cref="LinkctlCli.AnsiC"/> words (ArgumentList would send U+FFFD).</summary>
    private void Sh(string script) => ProcessRunner.Run("bash", ["-c", script], null, scratch.Path).EnsureSuccess();

    private static string Q(byte[] name) => LinkctlCli.AnsiC(name);

    private void MakeFile(byte[] name, string content) => Sh($"printf %s {Q(Encoding.UTF8.GetBytes(content))} > {Q(name)}");

    private byte[]? StoredTarget(byte[] link)
    {
        var read = UnixBackend.Create().ReadLink(Full(link));
        return read.Succeeded ? RawPath.FromOsText(read.ValueOr(null)!.Target) : null;
    }

    [RequiresFact("linux")]
    public void New_makes_the_link_with_the_bytes_typed_and_checks_the_target_by_its_bytes()
    {
        MakeFile(B("t\xff"), "right");
        MakeFile(Cat(B("t"), Decoy), "decoy");

        var made = LinkctlCli.RunBytes(scratch.Path, B("new"), B("l\xff"), B("t\xff"));
        Assert.True(made.ExitCode == 0, made.StdErr);
        Assert.Equal(B("t\xff"), StoredTarget(B("l\xff")));
        Assert.Null(StoredTarget(Cat(B("l"), Decoy)));
        Assert.Contains("l\\xff -> t\\xff", made.StdOut);
        Assert.DoesNotContain('\uFFFD', made.StdOut);

        // A target that exists only under the lossy name is refused: the bytes typed name nothing.
        var refused = LinkctlCli.RunBytes(scratch.Path, B("new"), B("m"), B("t\xfe"));
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("t\\xfe", refused.StdErr);
        Assert.False(UnixBackend.Create().GetEntry(scratch.PathOf("m")).Exists);
    }

    [RequiresFact("linux")]
    public void New_relative_and_absolute_keep_the_bytes_of_a_folder_that_is_not_UTF8()
    {
        Sh($"mkdir -- {Q(B("d\xfe"))}");
        MakeFile(B("t\xff"), "right");

        var relative = LinkctlCli.RunBytes(scratch.Path, B("new"), B("d\xfe/r"), RawPath.FromOsText(Full(B("t\xff"))), B("--relative"));
        Assert.True(relative.ExitCode == 0, relative.StdErr + relative.StdOut);
        Assert.Equal(B("../t\xff"), StoredTarget(B("d\xfe/r")));

        var absolute = LinkctlCli.RunBytes(scratch.Path, B("new"), B("d\xfe/a"), B("../t\xff"), B("--absolute"));
        Assert.True(absolute.ExitCode == 0, absolute.StdErr + absolute.StdOut);
        Assert.Equal(Encoding.UTF8.GetBytes(scratch.Path + "/").Concat(B("t\xff")).ToArray(), StoredTarget(B("d\xfe/a")));
    }

    [RequiresFact("linux")]
    public void Show_names_the_bytes_as_escapes_never_U_FFFD()
    {
        MakeFile(B("t\xff"), "right");
        Sh($"ln -s -- {Q(B("t\xff"))} {Q(B("l\xff"))} && ln -s t {Q(Cat(B("l"), Decoy))}");

        var shown = LinkctlCli.RunBytes(scratch.Path, B("show"), B("l\xff"));
        Assert.True(shown.ExitCode == 0, shown.StdErr);
        Assert.Contains("target: t\\xff", shown.StdOut);
        Assert.Contains("74FF", shown.StdOut);
        Assert.DoesNotContain('\uFFFD', shown.StdOut);

        // JSON: the byte as its surrogateescape \udcff (PEP 383), which names it exactly.
        var json = LinkctlCli.RunBytes(scratch.Path, B("show"), B("--json"), B("l\xff"));
        Assert.True(json.ExitCode == 0, json.StdErr);
        Assert.Contains("\"stored_target\": \"t\\udcff\"", json.StdOut);
        Assert.Contains("l\\udcff\"", json.StdOut);
    }

    [RequiresFact("linux")]
    public void Rm_removes_the_link_named_by_the_bytes_and_not_the_decoy()
    {
        MakeFile(B("t\xff"), "right");
        Sh($"ln -s -- {Q(B("t\xff"))} {Q(B("l\xff"))} && ln -s t {Q(Cat(B("l"), Decoy))}");

        var removed = LinkctlCli.RunBytes(scratch.Path, B("rm"), B("l\xff"));
        Assert.True(removed.ExitCode == 0, removed.StdErr);
        Assert.Contains("l\\xff", removed.StdOut);
        Assert.False(UnixBackend.Create().GetEntry(Full(B("l\xff"))).Exists);
        Assert.True(UnixBackend.Create().GetEntry(Full(Cat(B("l"), Decoy))).Exists);
        Assert.True(UnixBackend.Create().GetEntry(Full(B("t\xff"))).Exists);
    }

    [Fact]
    [Trait("Layer", "Pure")]
    public void Raw_argv_replaces_an_argument_only_when_its_tail_decodes_to_exactly_it()
    {
        // `dotnet linkctl.dll new l<FF> t`: the host's words come first.
        byte[][] argv = [B("dotnet"), B("linkctl.dll"), B("new"), B("l\xff"), B("t")];
        Assert.Equal(["new", "l\uDCFF", "t"], RawArguments.Match(["new", "l\uFFFD", "t"], argv));

        // A tail that does not decode to the arguments (a rewritten argv) replaces nothing.
        Assert.Equal(["new", "x\uFFFD", "t"], RawArguments.Match(["new", "x\uFFFD", "t"], argv));
        Assert.Equal(["a", "b\uFFFD", "c", "d", "e", "f"], RawArguments.Match(["a", "b\uFFFD", "c", "d", "e", "f"], argv));

        // A real U+FFFD typed as such stays U+FFFD (its bytes are valid UTF-8).
        Assert.Equal(["new", "l\uFFFD"], RawArguments.Match(["new", "l\uFFFD"], [B("new"), Decoy.Prepend((byte)'l').ToArray()]));
        Assert.Equal([B("a"), B(""), B("b")], RawArguments.Split("a\0\0b\0"u8));
    }
}
