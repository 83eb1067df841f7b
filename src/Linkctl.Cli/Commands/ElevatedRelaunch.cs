using System.ComponentModel;
using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.Versioning;
using System.Text;
using Linkctl.Diagnosis;
using Linkctl.Elevation;
using Linkctl.Journal;

namespace Linkctl.Cli.Commands;

/// <summary>
/// `--elevate`: runs this same command again elevated and shows its output and result here, as
/// <see cref="ElevationPlanner"/> decides (Windows' sudo inline when enabled; otherwise UAC with
/// the output piped back).
/// </summary>
internal static class ElevatedRelaunch
{
    // How long after the copy ends an unconnected pipe is still waited for (a connection made
    // just before the end may not have been noticed yet).
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(2);

    public static int Run(Platform.LinkPlatform platform, IReadOnlyList<string> arguments, bool json)
    {
        if (!OperatingSystem.IsWindows() || platform.Windows is not { } sources)
        {
            Console.Error.WriteLine("linkctl: --elevate works on Windows only.");
            return ExitCodes.Unsupported;
        }

        return RunOnWindows(arguments, platform.CurrentDirectory, WindowsFactsReader.Sudo(sources.Registry), json);
    }

    /// <summary>The settings the elevated copy must see, passed explicitly: runas starts it with a fresh environment.</summary>
    public static IReadOnlyDictionary<string, string> Settings(bool outputRedirected)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string name && e.Value is string value && name.StartsWith("LINKCTL_", StringComparison.OrdinalIgnoreCase))
            {
                settings[name] = value;
            }
        }

        // The journal of *this* user, resolved here: the copy may run as another administrator.
        settings[UndoJournal.PathVariable] = UndoJournal.DefaultPath();
        if (Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 } noColor)
        {
            settings["NO_COLOR"] = noColor;
        }

        if (outputRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb")
        {
            // The copy's own console is not where its text goes: plain text, as this run would write.
            settings["TERM"] = "dumb";
        }

        return settings;
    }

    [SupportedOSPlatform("windows")]
    private static int RunOnWindows(IReadOnlyList<string> arguments, string currentDirectory, SudoFacts sudo, bool json)
    {
        var sudoPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "sudo.exe");
        var request = new ElevationRequest(
            Environment.ProcessPath,
            Path.Combine(AppContext.BaseDirectory, "linkctl.dll"),
            arguments,
            currentDirectory,
            Settings(Console.IsOutputRedirected),
            sudo,
            File.Exists(sudoPath) ? sudoPath : null);
        var id = Guid.NewGuid().ToString("N");
        var plan = ElevationPlanner.Plan(request, $"linkctl-elevated-{id}-out", $"linkctl-elevated-{id}-err");
        if (plan.FileName is null)
        {
            Console.Error.WriteLine($"linkctl: cannot relaunch this command elevated: {plan.Problem}.");
            Console.Error.WriteLine("  next:  run it from an elevated window.");
            return ExitCodes.Denied;
        }

        try
        {
            var exit = plan.Method == ElevationMethod.SudoInline ? RunSudo(plan) : RunAs(plan);
            if (!json)
            {
                Console.Error.WriteLine($"linkctl: the elevated step finished with exit code {exit}. Run `linkctl doctor` to confirm.");
            }

            return exit;
        }
        catch (Win32Exception e)
        {
            // 1223 ERROR_CANCELLED: the user said no at the UAC prompt.
            Console.Error.WriteLine($"linkctl: the elevated step did not run: {e.Message} ({e.NativeErrorCode}).");
            return ExitCodes.Denied;
        }
    }

    private static int RunSudo(ElevationPlan plan)
    {
        var start = new ProcessStartInfo(plan.FileName!) { UseShellExecute = false };
        foreach (var a in plan.Arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var sudo = Process.Start(start) ?? throw new Win32Exception(2);
        sudo.WaitForExit();
        return sudo.ExitCode;
    }

    [SupportedOSPlatform("windows")]
    private static int RunAs(ElevationPlan plan)
    {
        var outName = plan.Arguments[plan.Arguments.ToList().IndexOf(ElevationPlanner.StdoutOption) + 1];
        var errName = plan.Arguments[plan.Arguments.ToList().IndexOf(ElevationPlanner.StderrOption) + 1];
        using var stdout = new NamedPipeServerStream(outName, PipeDirection.In, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        using var stderr = new NamedPipeServerStream(errName, PipeDirection.In, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);

        // A console program started through "runas" gets a console of its own: hidden, since its
        // output comes back here.
        var start = new ProcessStartInfo(plan.FileName!) { UseShellExecute = true, Verb = "runas", WindowStyle = ProcessWindowStyle.Hidden };
        foreach (var a in plan.Arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start) ?? throw new Win32Exception(2);
        using var exited = new CancellationTokenSource();
        var relays = Task.WhenAll(
            Relay(stdout, Console.OpenStandardOutput(), exited.Token),
            Relay(stderr, Console.OpenStandardError(), exited.Token));
        child.WaitForExit();
        exited.CancelAfter(ConnectGrace);
        relays.GetAwaiter().GetResult();
        return child.ExitCode;
    }

    /// <summary>
    /// Copies what the elevated copy writes to one pipe to this process's stream, until it closes
    /// its end. <paramref name="stopWaiting"/> ends only the wait for a connection, never a copy.
    /// </summary>
    internal static async Task Relay(NamedPipeServerStream pipe, Stream destination, CancellationToken stopWaiting)
    {
        try
        {
            await pipe.WaitForConnectionAsync(stopWaiting).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The copy ended without connecting (it failed to start, or is an older linkctl).
            return;
        }

        await pipe.CopyToAsync(destination).ConfigureAwait(false);
        await destination.FlushAsync().ConfigureAwait(false);
    }
}

/// <summary>The elevated copy's side: takes the hand-off off its arguments and sends its output back.</summary>
internal sealed class ElevatedCopy : IDisposable
{
    private readonly StreamWriter? stdout;
    private readonly StreamWriter? stderr;

    private ElevatedCopy(StreamWriter? stdout, StreamWriter? stderr)
    {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /// <summary>When <paramref name="args"/> starts with a hand-off, applies it and removes it; otherwise does nothing.</summary>
    public static ElevatedCopy? Attach(ref string[] args)
    {
        var handoff = ElevationPlanner.TakeHandoff(args);
        if (!handoff.IsElevatedCopy)
        {
            return null;
        }

        args = handoff.Arguments;
        foreach (var (name, value) in handoff.Settings)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        if (handoff.CurrentDirectory is { } directory && Directory.Exists(directory))
        {
            Environment.CurrentDirectory = directory;
        }

        var copy = new ElevatedCopy(Connect(handoff.StdoutPipe), Connect(handoff.StderrPipe));
        if (copy.stdout is not null)
        {
            Console.SetOut(copy.stdout);
        }

        if (copy.stderr is not null)
        {
            Console.SetError(copy.stderr);
        }

        return copy;
    }

    public void Dispose()
    {
        stdout?.Dispose();
        stderr?.Dispose();
    }

    private static StreamWriter? Connect(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var pipe = new NamedPipeClientStream(".", name, PipeDirection.Out);
        try
        {
            pipe.Connect(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException)
        {
            pipe.Dispose();
            return null;
        }

        return new StreamWriter(pipe, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }
}
