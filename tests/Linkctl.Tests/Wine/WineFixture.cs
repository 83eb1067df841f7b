using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Wine;

/// <summary>
/// The win-x64 CLI and one Wine prefix, shared by every test in the "wine" collection.
/// Both are made on first use, not in the constructor, so a run where every Wine test is
/// skipped pays nothing: publishing takes a minute or more, a new prefix tens of seconds.
/// </summary>
public sealed class WineFixture : IDisposable
{
    public const string Collection = "wine";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PrefixTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    // MSBuild variables that `dotnet test` leaves in the test host's environment; a nested
    // `dotnet publish` that inherits them may pick up the outer build's SDK resolution.
    private static readonly string[] OuterBuildVariables = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"];

    private readonly Lazy<string> exe;
    private readonly string root;

    public WineFixture()
    {
        root = Directory.CreateTempSubdirectory("linkctl-wine-").FullName;
        Prefix = Path.Combine(root, "prefix");
        Wine = File.Exists("/usr/lib/wine/wine64") ? "/usr/lib/wine/wine64" : Requirements.FindOnPath("wine64") ?? "wine64";
        exe = new Lazy<string>(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The 64-bit Wine loader (Debian's "wine" wrapper insists on wine32).</summary>
    public string Wine { get; }

    public string Prefix { get; }

    /// <summary>The published linkctl.exe (publishes and makes the prefix on first use).</summary>
    public string Exe => exe.Value;

    /// <summary>Runs the published linkctl.exe under Wine with <paramref name="args"/>.</summary>
    public (int ExitCode, string StdOut, string StdErr) Run(params string[] args)
    {
        var result = ProcessRunner.Run("env", [.. WineEnvironment(), Wine, Exe, .. args], RunTimeout);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <summary>Runs linkctl.exe with extra environment variables ("NAME=value"), which Wine passes to the Windows process.</summary>
    public (int ExitCode, string StdOut, string StdErr) RunWith(IEnumerable<string> variables, params string[] args)
    {
        var result = ProcessRunner.Run("env", [.. WineEnvironment(), .. variables, Wine, Exe, .. args], RunTimeout);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <summary>Runs one of Wine's own programs (reg, cmd...) in the prefix.</summary>
    public (int ExitCode, string StdOut, string StdErr) RunWineProgram(params string[] args)
    {
        var result = ProcessRunner.Run("env", [.. WineEnvironment(), Wine, .. args], RunTimeout);
        return (result.ExitCode, result.StdOut, result.StdErr);
    }

    /// <summary>A Linux path as Wine's programs name it: Z: is the Linux root.</summary>
    public static string ToWinePath(string linuxPath)
    {
        if (!linuxPath.StartsWith('/'))
        {
            throw new ArgumentException($"'{linuxPath}' is not an absolute Linux path", nameof(linuxPath));
        }

        return "Z:" + linuxPath.Replace('/', '\\');
    }

    /// <summary>A fresh folder for one test, outside the prefix, deleted with the fixture.</summary>
    public string NewFolder()
    {
        var folder = Path.Combine(root, "work", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        if (exe.IsValueCreated || Directory.Exists(Prefix))
        {
            // Ends this prefix's wineserver only; other prefixes are not ours.
            ProcessRunner.Run("env", [.. WineEnvironment(), WineServer(), "-k"], RunTimeout);
        }

        // The prefix holds links to / (dosdevices\z:) and to $HOME (Desktop, Documents...):
        // a delete that followed them would wipe the machine.
        DeleteWithoutFollowingLinks(new DirectoryInfo(root));
    }

    private string Prepare()
    {
        var repo = FindRepositoryRoot();
        var publish = Path.Combine(root, "publish");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // Not as one file: Wine 8 cannot start a single-file .NET 10 bundle (CoreCLR fails to
        // load System.Private.CoreLib from it, E_INVALIDARG; with IncludeAllContentForSelfExtract
        // it dies with MissingMethodException). The code under test is the same either way.
        List<string> args = [.. OuterBuildVariables.Select(v => "--unset=" + v), dotnet, "publish", Path.Combine(repo, "src", "Linkctl.Cli"),
            "-r", "win-x64", "--self-contained", "-c", "Release", "-p:PublishSingleFile=false", "-o", publish, "--nologo"];
        ProcessRunner.Run("env", args, PublishTimeout).EnsureSuccess();

        var linkctl = Path.Combine(publish, "linkctl.exe");
        if (!File.Exists(linkctl))
        {
            throw new InvalidOperationException($"dotnet publish made no {linkctl}");
        }

        Directory.CreateDirectory(Prefix);
        ProcessRunner.Run("env", [.. WineEnvironment(), Wine, "wineboot", "--init"], PrefixTimeout).EnsureSuccess();
        return linkctl;
    }

    private string[] WineEnvironment() => ["WINEPREFIX=" + Prefix, "WINEDEBUG=-all"];

    private string WineServer()
    {
        var beside = Path.Combine(Path.GetDirectoryName(Wine) ?? "/usr/lib/wine", "wineserver");
        return File.Exists(beside) ? beside : "wineserver";
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "linkctl.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no linkctl.slnx above {AppContext.BaseDirectory}");
    }

    private static void DeleteWithoutFollowingLinks(DirectoryInfo directory)
    {
        if (!directory.Exists)
        {
            return;
        }

        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
            {
                DeleteWithoutFollowingLinks(sub);
            }
            else
            {
                // A file, or a link (to a file or a folder): removes the entry itself.
                File.Delete(entry.FullName);
            }
        }

        directory.Delete();
    }
}

[CollectionDefinition(WineFixture.Collection)]
public sealed class WineCollection : ICollectionFixture<WineFixture>
{
}
