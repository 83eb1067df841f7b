using Linkctl.Cli.Output;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Linkctl.Inspection;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary>
/// Issue 11, defect 18: a Windows name is any sequence of UTF-16 code units, and NTFS stores an
/// unpaired surrogate as it is (Naming Files, Paths, and Namespaces: names are UTF-16; Rust std
/// keeps them with WTF-8, its OsString on Windows). Encoding.UTF8 turns one into U+FFFD, which
/// names another file; linkctl must list, show and remove such names as they are.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class UnpairedSurrogateTests
{
    private const string Lone = "a\uD800b";

    // Written as escapes: a theory's string arguments pass through UTF-8 on the way to the test,
    // which would turn the very surrogates under test into U+FFFD.
    [Theory]
    [InlineData("plain.txt")]
    [InlineData("\\u540d\\u524d \\u00fc \\ud83d\\ude00")]
    [InlineData("a\\ud800b")]
    [InlineData("\\udc00")]
    [InlineData("x\\udbff")]
    [InlineData("\\udfff\\ud800")]
    public void Text_round_trips_through_bytes(string escaped)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var bytes = RawPath.FromText(text);

        Assert.Equal(text, RawPath.ToText(bytes));
        Assert.DoesNotContain('\uFFFD', RawPath.ToText(bytes));
        if (!RawPath.HasUnpairedSurrogate(text))
        {
            Assert.Equal(Encoding.UTF8.GetBytes(text), bytes);
        }
    }

    [Fact]
    public void An_unpaired_surrogate_is_its_three_wtf8_bytes_and_is_shown_by_its_code_unit()
    {
        var bytes = RawPath.FromText(Lone);

        Assert.Equal(new byte[] { (byte)'a', 0xED, 0xA0, 0x80, (byte)'b' }, bytes);
        Assert.False(RawPath.IsValidUtf8(bytes));
        Assert.Equal("a\\ud800b", RawPath.Escape(bytes));
    }

    [Fact]
    public void Json_keeps_the_escape_and_a_reader_gets_the_name_back()
    {
        var literal = RawPath.JsonLiteral("q\"" + Lone, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        Assert.Equal("\"q\\\"a\\ud800b\"", literal);

        // Well-formed JSON (JavaScript's and Python's readers give the name back; System.Text.Json
        // parses it but refuses to make a string of it).
        Assert.Equal(literal, JsonDocument.Parse(literal).RootElement.GetRawText());
    }

    [Fact]
    public void A_listed_link_with_such_a_name_writes_no_replacement_character()
    {
        var record = new LinkRecord
        {
            Path = RawPath.FromText(@"C:\r\" + Lone),
            Root = RawPath.FromText(@"C:\r"),
            Kind = LinkKind.SymbolicLink,
            StoredTarget = RawPath.FromText("t"),
            ResolvedTarget = RawPath.FromText(@"C:\r\t"),
            Status = LinkStatus.Ok,
            Depth = 1,
        };
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            LinkWriter.WriteJson(json, record);
        }

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("a\\ud800b", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\ufffd", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Equal("\"C:\\\\r\\\\a\\ud800b\"", JsonDocument.Parse(text).RootElement.GetProperty("path").GetRawText());
    }

    [Fact]
    public void Show_and_rm_work_on_a_link_whose_name_has_an_unpaired_surrogate()
    {
        // Only the exact name reaches the file: the simulated NTFS, like the real one, compares
        // names as UTF-16 units, so "a\uFFFDb" is another (missing) name.
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\data\t.txt", "kept");
        var links = new WindowsLinkSystem(windows);
        var name = @"C:\data\" + Lone;
        OsAssert.Succeeded(links.CreateSymbolicLink(name, "t.txt", isDirectory: false));
        Assert.False(links.GetEntry(@"C:\data\a\uFFFDb").Exists);

        var (report, _) = new LinkInspector(windows.Platform()).Inspect(name);
        Assert.Equal(LinkStatus.Ok, report!.Status);
        Assert.Equal(name, report.Path);

        var outcome = new LinkRemover(windows.Platform()).Remove(name, dryRun: false);
        Assert.True(outcome.Removed);
        Assert.False(windows.Exists(name));
        Assert.Equal("kept", windows.ReadText(@"C:\data\t.txt"));
    }

    [Fact]
    public void List_on_windows_reports_the_name_exactly_so_repair_can_act_on_it()
    {
        // The Windows walker (FindFirstFileExW over the simulated NTFS) names the link; its record
        // must give back the very name, not U+FFFD, for repair and rm to reach it.
        var windows = SimulatedWindows.AdminElevated().AddFile(@"C:\data\t.txt");
        var links = new WindowsLinkSystem(windows);
        var name = @"C:\data\" + Lone;
        OsAssert.Succeeded(links.CreateSymbolicLink(name, "t.txt", isDirectory: false));

        var found = new List<LinkRecord>();
        var problems = new List<ScanProblem>();
        new TreeScanner(windows.Platform(@"C:\")).Scan([@"C:\data"], () => new Sink(found, problems));

        Assert.Empty(problems);
        var record = Assert.Single(found);
        Assert.Equal(name, RawPath.ToText(record.Path));
        Assert.Equal(LinkStatus.Ok, record.Status);
        Assert.True(links.GetEntry(RawPath.ToText(record.Path)).Exists);
    }

    private sealed class Sink(List<LinkRecord> links, List<ScanProblem> problems) : ILinkSink
    {
        public void OnLink(LinkRecord link) => links.Add(link);

        public void OnProblem(ScanProblem problem) => problems.Add(problem);

        public void Complete()
        {
        }
    }
}
