using System.Text;
using System.Text.Json;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary>The scanner against the reference tools (find, symlinks) on a generated tree.</summary>
public sealed class ScanParityTests(GeneratedTree tree) : IClassFixture<GeneratedTree>
{
    private static HashSet<string> Nul(string output) => [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries)];

    private static HashSet<string> Find(params string[] args) => Nul(ProcessRunner.Run("find", args).StdOut);

    private (List<LinkRecord> Links, List<ScanProblem> Problems) Scan(ScanOptions? options = null) =>
        new TreeScanner(LinkPlatform.ForCurrentOS(), options ?? new ScanOptions { Workers = 2 }).Collect([tree.Root]);

    [RequiresFact("linux", "find")]
    public void Links_found_are_exactly_those_of_find_type_l()
    {
        var (links, problems) = Scan();
        Assert.Empty(problems);
        var expected = Find(tree.Root, "-type", "l", "-print0");
        Assert.Equal(expected.Order(StringComparer.Ordinal), links.Select(l => l.PathText).Order(StringComparer.Ordinal));
        Assert.Equal(tree.Summary.GetProperty("symlinks").GetInt32(), links.Count);
        Assert.All(links, l => Assert.Equal(LinkKind.SymbolicLink, l.Kind));
    }

    [RequiresFact("linux", "find")]
    public void Broken_are_find_xtype_l_and_broken_plus_loop_are_links_that_test_e_rejects()
    {
        var (links, _) = Scan();

        // GNU find lists dangling links for -xtype l but reports loops (ELOOP) on stderr instead.
        var dangling = Find(tree.Root, "-xtype", "l", "-print0");
        var broken = links.Where(l => l.Status == LinkStatus.Broken).Select(l => l.PathText).ToHashSet();
        Assert.Equal(dangling.Order(StringComparer.Ordinal), broken.Order(StringComparer.Ordinal));

        var unresolvable = Find(tree.Root, "-type", "l", "!", "-exec", "test", "-e", "{}", ";", "-print0");
        var brokenOrLoop = links.Where(l => l.Status is LinkStatus.Broken or LinkStatus.Loop).Select(l => l.PathText);
        Assert.Equal(unresolvable.Order(StringComparer.Ordinal), brokenOrLoop.Order(StringComparer.Ordinal));
        Assert.Equal(tree.Summary.GetProperty("sym_cycle").GetInt32(), links.Count(l => l.Status == LinkStatus.Loop));
        Assert.Equal(tree.Summary.GetProperty("sym_dangling").GetInt32(), broken.Count);
    }

    [RequiresFact("linux", "symlinks")]
    public void Absolute_relative_and_dangling_agree_with_symlinks_rv()
    {
        // symlinks prints full paths ("dangling: /full/path -> target"); a name with a newline
        // spreads over two of its lines, so only the lines of that shape are compared.
        var output = ProcessRunner.Run("symlinks", ["-rv", tree.Root]).StdOut;
        var byClass = new Dictionary<string, HashSet<string>>();
        foreach (var line in output.Split('\n'))
        {
            var colon = line.IndexOf(": /", StringComparison.Ordinal);
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (colon < 0 || arrow < colon)
            {
                continue;
            }

            var kind = line[..colon];
            (byClass.TryGetValue(kind, out var set) ? set : byClass[kind] = []).Add(line[(colon + 2)..arrow]);
        }

        var (links, _) = Scan();
        var comparable = links.Where(l => !l.PathText.Contains('\n', StringComparison.Ordinal)).ToList();
        HashSet<string> Ours(Func<LinkRecord, bool> which) => [.. comparable.Where(which).Select(l => l.PathText)];

        Assert.Equal(byClass.GetValueOrDefault("dangling", []).Order(), Ours(l => l.Status is LinkStatus.Broken or LinkStatus.Loop).Order());
        Assert.Equal(byClass.GetValueOrDefault("absolute", []).Order(), Ours(l => l.Status == LinkStatus.Ok && l.IsAbsolute).Order());
        Assert.Equal(byClass.GetValueOrDefault("relative", []).Order(), Ours(l => l.Status == LinkStatus.Ok && l.IsRelative).Order());
        Assert.False(byClass.ContainsKey("other_fs"));
        Assert.DoesNotContain(links, l => (l.Flags & LinkFlags.CrossesFileSystem) != 0);
    }

    [RequiresFact("linux")]
    public void Links_to_ancestors_are_flagged_by_identity()
    {
        var (links, _) = Scan();
        var dotDot = links.Where(l => l.StoredTarget is [(byte)'.', (byte)'.']).ToList();
        Assert.Equal(tree.Summary.GetProperty("sym_ancestor").GetInt32(), dotDot.Count);
        Assert.All(dotDot, l => Assert.True((l.Flags & LinkFlags.PointsToAncestor) != 0, l.PathText));

        // Folder links elsewhere point to an ancestor exactly when the resolved target is above the link.
        foreach (var l in links.Where(l => l.Status == LinkStatus.Ok && l.TargetType == EntryType.Directory))
        {
            var above = l.PathText.StartsWith(l.ResolvedTargetText + "/", StringComparison.Ordinal);
            Assert.Equal(above, (l.Flags & LinkFlags.PointsToAncestor) != 0);
        }
    }

    [RequiresFact("linux", "find")]
    public void Names_with_a_newline_keep_their_bytes()
    {
        var (links, _) = Scan();
        var expected = Find(tree.Root, "-type", "l", "-name", "*\n*", "-print0");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), links.Where(l => l.Path.Contains((byte)'\n')).Select(l => l.PathText).Order());
    }

    [RequiresFact("linux", "find")]
    public void Hard_links_are_files_with_more_than_one_name()
    {
        var (links, _) = Scan(new ScanOptions { HardLinks = true, SymbolicLinks = false });
        var expected = Find(tree.Root, "-type", "f", "-links", "+1", "-print0");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), links.Select(l => l.PathText).Order());
        Assert.All(links, l => Assert.True(l.Kind == LinkKind.HardLink && l.LinkCount > 1 && l.Identity is not null));

        // Names of one file share an identity: every group has as many names as the link count says.
        foreach (var group in links.GroupBy(l => l.Identity))
        {
            Assert.Equal(group.First().LinkCount, group.Count());
        }
    }

    [RequiresTheory("linux", "find")]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 4)]
    public void Max_depth_matches_find_maxdepth(int depth, int workers)
    {
        var (links, _) = Scan(new ScanOptions { MaxDepth = depth, Workers = workers });
        var expected = Find(tree.Root, "-maxdepth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "-type", "l", "-print0");
        Assert.Equal(expected.Order(), links.Select(l => l.PathText).Order());
    }

    [RequiresFact("linux", "find")]
    public void Cli_json_lines_are_one_object_per_link()
    {
        var result = LinkctlCli.Run(tree.Root, "list", "--json", ".");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var paths = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()!).ToList();
        var expected = Nul(ProcessRunner.Run("find", [".", "-type", "l", "-print0"], null, tree.Root).StdOut);
        Assert.Equal(expected.Order(), paths.Order());
        using var first = JsonDocument.Parse(lines[0]);
        foreach (var field in new[] { "path", "root", "kind", "stored_target", "resolved_target", "target_form", "status", "target_type", "points_to_ancestor", "crosses_file_system", "remote", "outside_root", "depth" })
        {
            Assert.True(first.RootElement.TryGetProperty(field, out _), field);
        }
    }

    [RequiresFact("linux", "find")]
    public void Cli_filters_select_what_find_selects()
    {
        var broken = LinkctlCli.Run(tree.Root, "list", "--broken", "--json", ".");
        var brokenPaths = broken.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("path").GetString()).Order();
        var expected = Nul(ProcessRunner.Run("find", [".", "-type", "l", "!", "-exec", "test", "-e", "{}", ";", "-print0"], null, tree.Root).StdOut).Order();
        Assert.Equal(expected, brokenPaths);

        var absolute = LinkctlCli.Run(tree.Root, "list", "--absolute", "--json", ".").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tree.Summary.GetProperty("sym_absolute_file").GetInt32(), absolute.Length);
        Assert.All(absolute, l => Assert.StartsWith("/", JsonDocument.Parse(l).RootElement.GetProperty("stored_target").GetString()));

        var lines = LinkctlCli.Run(tree.Root, "list", "--relative", ".").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tree.Summary.GetProperty("symlinks").GetInt32() - absolute.Length, lines.Length);
        Assert.All(lines, l => Assert.Equal("relative", l.Split('\t')[3]));

        var csv = LinkctlCli.Run(tree.Root, "list", "--csv", "--hard", ".").StdOut;
        Assert.StartsWith("path,kind,status,", csv, StringComparison.Ordinal);
        Assert.Contains(",hard_link,ok,", csv, StringComparison.Ordinal);
    }
}
