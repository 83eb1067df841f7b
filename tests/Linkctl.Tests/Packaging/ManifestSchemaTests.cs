using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Linkctl.Tests.Fixtures;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Linkctl.Tests.Packaging;

/// <summary>
/// packaging/generate.py on a release's archives gives winget, scoop and Chocolatey manifests that
/// validate against the schemas vendored in packaging/schemas (winget-cli's JSON schemas for its
/// YAML, v1.10.0; Scoop's schema.json), with the archives' real SHA-256 (issue 14).
/// </summary>
public sealed class ManifestSchemaTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Repo
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "linkctl.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("repository root (linkctl.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    // JsonSchema.Net registers each schema by its $id once per process: built once, kept.
    private static readonly Dictionary<string, JsonSchema> Schemas = [];

    private static JsonSchema Schema(string relative)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(relative, out var schema))
            {
                Schemas[relative] = schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Repo, "packaging", "schemas", relative)));
            }

            return schema;
        }
    }

    /// <summary>YAML as JSON: every scalar a string (our manifests have no number or boolean fields).</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };

    private static JsonNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return ToJson(stream.Documents.Single().RootNode)!;
    }

    private static void AssertValid(JsonSchema schema, JsonNode document, string what)
    {
        var result = schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, $"{what} does not match its schema:\n" + string.Join('\n', errors));
    }

    private (string Out, Dictionary<string, string> Sha) Generate(string version = "1.2.3")
    {
        var artifacts = scratch.PathOf("dist");
        Directory.CreateDirectory(artifacts);
        var sha = new Dictionary<string, string>();
        foreach (var rid in new[] { "win-x64", "win-arm64" })
        {
            var file = Path.Combine(artifacts, $"linkctl-{version}-{rid}.zip");
            File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(4096));
            sha[rid] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        var output = scratch.PathOf("manifests");
        var run = ProcessRunner.Run("python3", [Path.Combine(Repo, "packaging", "generate.py"), "--version", version, "--artifacts", artifacts, "--repo", "owner/linkctl", "--out", output], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.StdErr);
        return (output, sha);
    }

    [RequiresFact("linux")]
    public void Winget_manifests_validate_and_carry_the_archives_hashes()
    {
        var (output, sha) = Generate();
        var dir = Path.Combine(output, "winget");
        AssertValid(Schema("winget-1.10.0/manifest.version.1.10.0.json"), LoadYaml(Path.Combine(dir, "Linkctl.Linkctl.yaml")), "version manifest");
        AssertValid(Schema("winget-1.10.0/manifest.defaultLocale.1.10.0.json"), LoadYaml(Path.Combine(dir, "Linkctl.Linkctl.locale.en-US.yaml")), "defaultLocale manifest");
        var installer = LoadYaml(Path.Combine(dir, "Linkctl.Linkctl.installer.yaml"));
        AssertValid(Schema("winget-1.10.0/manifest.installer.1.10.0.json"), installer, "installer manifest");

        Assert.Equal("portable", (string?)installer["NestedInstallerType"]);
        Assert.Equal("linkctl", (string?)installer["NestedInstallerFiles"]![0]!["PortableCommandAlias"]);
        var installers = installer["Installers"]!.AsArray();
        Assert.Equal(sha["win-x64"], (string?)installers.Single(i => (string?)i!["Architecture"] == "x64")!["InstallerSha256"]);
        Assert.Equal(sha["win-arm64"], (string?)installers.Single(i => (string?)i!["Architecture"] == "arm64")!["InstallerSha256"]);
    }

    [RequiresFact("linux")]
    public void Scoop_manifest_validates_with_checkver_and_autoupdate()
    {
        var (output, sha) = Generate();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "scoop", "linkctl.json")))!;
        AssertValid(Schema("scoop/schema.json"), manifest, "scoop manifest");
        Assert.Equal(sha["win-x64"].ToLowerInvariant(), (string?)manifest["architecture"]!["64bit"]!["hash"]);
        Assert.NotNull(manifest["checkver"]);
        Assert.Contains("$version", (string?)manifest["autoupdate"]!["architecture"]!["64bit"]!["url"]);
    }

    [Fact]
    public void A_schema_check_can_fail()
    {
        // The check itself, on a manifest with a field winget does not know and no installer.
        var bad = JsonNode.Parse("""{"PackageIdentifier":"Linkctl.Linkctl","PackageVersion":"1.2.3","Bogus":"x","ManifestType":"installer","ManifestVersion":"1.10.0"}""")!;
        var result = Schema("winget-1.10.0/manifest.installer.1.10.0.json").Evaluate(JsonDocument.Parse(bad.ToJsonString()).RootElement);
        Assert.False(result.IsValid);
    }

    [RequiresFact("linux")]
    public void A_sha256_file_that_disagrees_stops_the_generator()
    {
        var artifacts = scratch.PathOf("dist");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "linkctl-1.0.0-win-x64.zip"), "a");
        File.WriteAllText(Path.Combine(artifacts, "linkctl-1.0.0-win-x64.zip.sha256"), new string('0', 64) + "  linkctl-1.0.0-win-x64.zip\n");
        File.WriteAllText(Path.Combine(artifacts, "linkctl-1.0.0-win-arm64.zip"), "b");
        var run = ProcessRunner.Run("python3", [Path.Combine(Repo, "packaging", "generate.py"), "--version", "1.0.0", "--artifacts", artifacts, "--repo", "o/l", "--out", scratch.PathOf("m")], TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("do not match", run.StdErr);
    }
}
