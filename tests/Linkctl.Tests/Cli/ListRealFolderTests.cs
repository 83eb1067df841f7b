using System.Text.Json;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Cli;

/// <summary>
/// `list` resolves each link from the real path of the folder it was found in (issue 10): a
/// folder entered through a followed link (as /sys/class/net/eth0 is /sys/devices/.../net/eth0)
/// and a ROOT reached through a link. Built in a temp tree shaped like /sys, with a decoy where
/// the text answer (from the path the folder was reached by) would land.
/// </summary>
public sealed class ListRealFolderTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string P(string relative) => scratch.PathOf(relative);

    /// <summary>
    /// class/net/eth0 -> ../../devices/bus/dev1/net/eth0, and in that real folder the relative links
    /// device -> ../../../dev1 (devices/bus/dev1) and subsystem -> ../../../../../class/net (the ROOT
    /// class/net). From class/net/eth0 as text, device would be ./dev1 (a decoy exists there) and
    /// subsystem would be above the scratch folder.
    /// </summary>
    private void SysLikeTree()
    {
        var eth0 = P("devices/bus/dev1/net/eth0");
        Directory.CreateDirectory(eth0);
        Directory.CreateDirectory(P("class/net"));
        Directory.CreateDirectory(P("dev1"));
        File.CreateSymbolicLink(Path.Combine(eth0, "device"), "../../../dev1");
        File.CreateSymbolicLink(Path.Combine(eth0, "subsystem"), "../../../../../class/net");
        File.CreateSymbolicLink(P("class/net/eth0"), "../../devices/bus/dev1/net/eth0");
    }

    private static Dictionary<string, JsonElement> ByPath(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("path").GetString()!);

    [RequiresFact("linux")]
    public void Links_in_a_followed_folder_resolve_from_its_real_path()
    {
        SysLikeTree();
        var result = LinkctlCli.Run(scratch.Path, "list", "--json", "--follow", P("class/net"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        var links = ByPath(result.StdOut);

        var device = links[P("class/net/eth0/device")];
        Assert.Equal(P("devices/bus/dev1"), device.GetProperty("resolved_target").GetString());
        Assert.Equal("ok", device.GetProperty("status").GetString());
        Assert.True(device.GetProperty("outside_root").GetBoolean());

        var subsystem = links[P("class/net/eth0/subsystem")];
        Assert.Equal(P("class/net"), subsystem.GetProperty("resolved_target").GetString());
        Assert.False(subsystem.GetProperty("outside_root").GetBoolean());
        Assert.True(subsystem.GetProperty("points_to_ancestor").GetBoolean());
    }

    [RequiresFact("linux")]
    public void Outside_selects_by_the_real_resolution()
    {
        SysLikeTree();
        var result = LinkctlCli.Run(scratch.Path, "list", "--json", "--follow", "--outside", "class/net", P("class/net"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        var links = ByPath(result.StdOut);
        Assert.Contains(P("class/net/eth0/device"), links.Keys);
        Assert.DoesNotContain(P("class/net/eth0/subsystem"), links.Keys);
    }

    [RequiresFact("linux")]
    public void A_root_reached_through_a_link_resolves_from_its_real_path()
    {
        // a/sym -> ../real/deep/pkg; the ROOT a/sym/.. is real/deep, where l -> x is real/deep/x
        // (a/x is the decoy the text "a/sym/.." -> "a" would give).
        Directory.CreateDirectory(P("real/deep/pkg"));
        File.WriteAllText(P("real/deep/x"), "right");
        Directory.CreateDirectory(P("a"));
        File.WriteAllText(P("a/x"), "decoy");
        File.CreateSymbolicLink(P("a/sym"), "../real/deep/pkg");
        File.CreateSymbolicLink(P("real/deep/l"), "x");
        File.CreateSymbolicLink(P("real/deep/pkg/up"), "../x");

        var result = LinkctlCli.Run(scratch.Path, "list", "--json", "a/sym/..");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var links = ByPath(result.StdOut);
        Assert.Equal(P("real/deep/x"), links["a/sym/../l"].GetProperty("resolved_target").GetString());
        Assert.False(links["a/sym/../l"].GetProperty("outside_root").GetBoolean());
        Assert.Equal(P("real/deep/x"), links["a/sym/../pkg/up"].GetProperty("resolved_target").GetString());
    }

    [RequiresFact("linux")]
    public void A_dotdot_after_a_linked_folder_in_the_target_resolves_physically()
    {
        // t/l -> sym/../x where t/sym -> ../real/deep/pkg: the kernel's answer is real/deep/x;
        // the text answer t/x exists as a decoy.
        Directory.CreateDirectory(P("real/deep/pkg"));
        File.WriteAllText(P("real/deep/x"), "right");
        Directory.CreateDirectory(P("t"));
        File.WriteAllText(P("t/x"), "decoy");
        File.CreateSymbolicLink(P("t/sym"), "../real/deep/pkg");
        File.CreateSymbolicLink(P("t/l"), "sym/../x");
        File.CreateSymbolicLink(P("t/gone"), "sym/../missing");

        var result = LinkctlCli.Run(scratch.Path, "list", "--json", P("t"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        var links = ByPath(result.StdOut);
        Assert.Equal(P("real/deep/x"), links[P("t/l")].GetProperty("resolved_target").GetString());
        Assert.Equal(P("real/deep/missing"), links[P("t/gone")].GetProperty("resolved_target").GetString());
        Assert.Equal("broken", links[P("t/gone")].GetProperty("status").GetString());
    }
}
