using System.Text;
using System.Text.Json;

namespace Linkctl.Tests.Fixtures;

/// <summary>
/// Runs the real linkctl CLI (the built linkctl.dll beside the tests) as a separate process,
/// so that tests see exactly what a user or script sees: exit code, stdout, stderr.
/// With LINKCTL_EXE set (.ci/run sets it to the native AOT build, issue 14) the same tests run
/// that executable instead: the build users get, not only the framework-dependent one.
/// </summary>
internal static class LinkctlCli
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "linkctl.dll");

    /// <summary>The native executable under test, or null for `dotnet linkctl.dll`.</summary>
    public static string? NativeExecutable => Environment.GetEnvironmentVariable("LINKCTL_EXE") is { Length: > 0 } exe ? exe : null;

    private static (string File, IEnumerable<string> Arguments) Command(string[] arguments) =>
        NativeExecutable is { } exe ? (exe, arguments) : ("dotnet", new[] { Dll }.Concat(arguments));

    public static ProcessResult Run(string workingDirectory, params string[] arguments)
    {
        var (file, args) = Command(arguments);
        return ProcessRunner.Run(file, args, TimeSpan.FromSeconds(60), workingDirectory, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
    }

    /// <summary>Runs with extra environment variables (LINKCTL_JOURNAL for a test's own journal).</summary>
    public static ProcessResult RunWithEnvironment(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var (file, args) = Command(arguments);
        var all = new Dictionary<string, string>(environment) { ["NO_COLOR"] = "1" };
        return ProcessRunner.Run(file, args, TimeSpan.FromSeconds(60), workingDirectory, all);
    }

    /// <summary>Runs with <paramref name="standardInput"/> written to the process's standard input.</summary>
    public static ProcessResult RunWithInput(string workingDirectory, string standardInput, params string[] arguments)
    {
        var (file, args) = Command(arguments);
        return ProcessRunner.Run(file, args, TimeSpan.FromSeconds(60), workingDirectory, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, standardInput);
    }

    /// <summary>
    /// Runs with arguments given as raw bytes (Unix names that are not UTF-8): .NET's ArgumentList
    /// can only pass UTF-8, so the command goes through bash, each word in its $'\xNN' quoting.
    /// </summary>
    public static ProcessResult RunBytes(string workingDirectory, params byte[][] arguments)
    {
        var (file, args) = Command([]);
        var words = new[] { file }.Concat(args).Select(Encoding.UTF8.GetBytes).Concat(arguments).Select(AnsiC);
        return ProcessRunner.Run("bash", ["-c", "exec " + string.Join(' ', words)], TimeSpan.FromSeconds(60), workingDirectory, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
    }

    /// <summary>The shell words that run linkctl with <paramref name="arguments"/> (for a bash script that must set the scene first, e.g. a cd chain).</summary>
    public static string ShellCommand(params string[] arguments)
    {
        var (file, args) = Command(arguments);
        return string.Join(' ', new[] { file }.Concat(args).Select(Encoding.UTF8.GetBytes).Select(AnsiC));
    }

    /// <summary>bash's ANSI-C quoting of a byte string: printable ASCII as it is, every other byte as \xNN.</summary>
    public static string AnsiC(byte[] word) =>
        "$'" + string.Concat(word.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\'' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}")) + "'";

    /// <summary>Runs with --json and parses standard output.</summary>
    public static (ProcessResult Result, JsonElement Json) RunJson(string workingDirectory, params string[] arguments)
    {
        // --json goes right after the verb: after a `--` every token is an argument.
        var result = Run(workingDirectory, [arguments[0], "--json", .. arguments[1..]]);
        try
        {
            using var document = JsonDocument.Parse(result.StdOut);
            return (result, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"linkctl {string.Join(' ', arguments)} --json printed no JSON (exit {result.ExitCode}): {result.StdOut}\n{result.StdErr}", e);
        }
    }

    /// <summary>As <see cref="RunJson"/>, with extra environment variables.</summary>
    public static (ProcessResult Result, JsonElement Json) RunJsonWithEnvironment(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var result = RunWithEnvironment(workingDirectory, environment, [arguments[0], "--json", .. arguments[1..]]);
        try
        {
            using var document = JsonDocument.Parse(result.StdOut);
            return (result, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"linkctl {string.Join(' ', arguments)} --json printed no JSON (exit {result.ExitCode}): {result.StdOut}\n{result.StdErr}", e);
        }
    }
}
