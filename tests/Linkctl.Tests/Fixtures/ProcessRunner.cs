using System.Diagnostics;

namespace Linkctl.Tests.Fixtures;

internal sealed record ProcessResult(string File, IReadOnlyList<string> Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with the command line and stderr when the exit code is not 0, so failures explain themselves.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{File} {string.Join(' ', Arguments)}' exited with {ExitCode}: {StdErr.Trim()} {StdOut.Trim()}".Trim());
        }

        return this;
    }
}

/// <summary>
/// Runs a program for a test. Arguments go through ArgumentList, never a concatenated
/// command line, so paths with spaces or quotes arrive intact.
/// </summary>
internal static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static ProcessResult Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var args = arguments.ToList();
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start '{file}'");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();

        // Both pipes are drained concurrently: reading one to the end first can deadlock
        // when the child fills the other.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{file} {string.Join(' ', args)}' did not finish within {limit}");
        }

        process.WaitForExit(); // flushes the async readers
        return new ProcessResult(file, args, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public static ProcessResult Run(string file, params string[] arguments) => Run(file, arguments, null);
}
