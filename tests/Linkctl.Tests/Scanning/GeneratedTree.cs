using System.Text.Json;
using Linkctl.Tests.Fixtures;

namespace Linkctl.Tests.Scanning;

/// <summary>
/// A tree made once per test class by the benchmark generator (shared/bench/make_tree.py, or the
/// copy in bench/), with a fixed seed: files, folders, hard links and every kind of symbolic link,
/// including names with a newline, spaces and non-ASCII letters.
/// </summary>
public sealed class GeneratedTree : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-scan-");

    public GeneratedTree()
    {
        // Readable by everyone, so a test can walk it as an unprivileged user too.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(scratch.Path, (UnixFileMode)0b111_101_101);
        }
        Root = Path.Combine(scratch.Path, "tree");
        var generator = Generator ?? throw new InvalidOperationException("make_tree.py not found (bench/make_tree.py)");
        var result = ProcessRunner.Run("python3", [generator, Root, "--entries", "5000", "--seed", "7"], TimeSpan.FromMinutes(2)).EnsureSuccess();
        Summary = JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    public string Root { get; }

    /// <summary>The generator's counts per kind ("symlinks", "sym_dangling", "hardlinks"...).</summary>
    public JsonElement Summary { get; }

    public static string? Generator
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "make_tree.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public void Dispose() => scratch.Dispose();
}
