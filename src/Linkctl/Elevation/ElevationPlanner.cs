using Linkctl.Diagnosis;

namespace Linkctl.Elevation;

/// <summary>How the elevated copy of this run is started.</summary>
internal enum ElevationMethod
{
    /// <summary>Windows' sudo in inline mode: the copy runs in this window, output and exit code included.</summary>
    SudoInline,

    /// <summary>
    /// ShellExecuteEx "runas" (UAC): the copy runs in a new, hidden console with a fresh environment
    /// and C:\Windows\System32 as its folder, so its output comes back through two named pipes and its
    /// settings and folder are passed on its command line.
    /// </summary>
    RunAs,
}

/// <summary>What is known about this run when it must be repeated elevated.</summary>
/// <param name="ProcessPath">Environment.ProcessPath: linkctl.exe, or dotnet.exe when run as `dotnet linkctl.dll`.</param>
/// <param name="EntryAssemblyPath">The linkctl.dll being run (what dotnet.exe needs as its first argument).</param>
/// <param name="Arguments">This run's arguments, without --elevate.</param>
/// <param name="CurrentDirectory">The folder relative paths in the arguments are resolved against.</param>
/// <param name="Settings">Environment settings the copy must see (LINKCTL_JOURNAL resolved, the other LINKCTL_*, NO_COLOR, TERM).</param>
/// <param name="Sudo">Windows' sudo, as the registry says it is configured.</param>
/// <param name="SudoPath">sudo.exe's full path when it exists; null otherwise.</param>
internal sealed record ElevationRequest(
    string? ProcessPath,
    string? EntryAssemblyPath,
    IReadOnlyList<string> Arguments,
    string CurrentDirectory,
    IReadOnlyDictionary<string, string> Settings,
    SudoFacts Sudo,
    string? SudoPath);

/// <summary>The program to start and its arguments; null FileName with <see cref="Problem"/> when it cannot be planned.</summary>
internal sealed record ElevationPlan(ElevationMethod Method, string? FileName, IReadOnlyList<string> Arguments, string? Problem = null);

/// <summary>What an elevated copy was handed on its command line, taken off before its own arguments are parsed.</summary>
internal sealed record ElevationHandoff(IReadOnlyDictionary<string, string> Settings, string? CurrentDirectory, string? StdoutPipe, string? StderrPipe, string[] Arguments)
{
    public bool IsElevatedCopy => Settings.Count > 0 || CurrentDirectory is not null || StdoutPipe is not null || StderrPipe is not null;
}

/// <summary>
/// Decides how to run the same command again elevated, so that it is the real program (not
/// dotnet.exe without its dll), sees the same settings (the same undo journal above all: the
/// elevated copy may run as another administrator, whose profile holds another journal), works in
/// the same folder, and its output and result reach the window the user is looking at
/// (docs/windows-facts.md, "Elevation"). Pure: the CLI starts what it says.
/// </summary>
internal static class ElevationPlanner
{
    /// <summary>NAME=VALUE: an environment setting for the elevated copy (repeatable).</summary>
    public const string SettingOption = "--elevated-setting";

    /// <summary>The folder the elevated copy works in.</summary>
    public const string DirectoryOption = "--elevated-directory";

    /// <summary>The named pipe the elevated copy writes its standard output to.</summary>
    public const string StdoutOption = "--elevated-stdout";

    /// <summary>The named pipe the elevated copy writes its standard error to.</summary>
    public const string StderrOption = "--elevated-stderr";

    public static ElevationPlan Plan(ElevationRequest request, string stdoutPipe, string stderrPipe)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (program, programArguments, problem) = RealProgram(request);
        if (program is null)
        {
            return new ElevationPlan(ElevationMethod.RunAs, null, [], problem);
        }

        var handoff = new List<string>();
        foreach (var (name, value) in request.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            handoff.Add(SettingOption);
            handoff.Add($"{name}={value}");
        }

        handoff.Add(DirectoryOption);
        handoff.Add(request.CurrentDirectory);

        if (request.Sudo.IsInline && request.SudoPath is not null)
        {
            // sudo runs the program itself, in this window: output and exit code come back as they are.
            return new ElevationPlan(ElevationMethod.SudoInline, request.SudoPath, [program, .. programArguments, .. handoff, .. request.Arguments]);
        }

        return new ElevationPlan(ElevationMethod.RunAs, program, [.. programArguments, .. handoff, StdoutOption, stdoutPipe, StderrOption, stderrPipe, .. request.Arguments]);
    }

    /// <summary>Takes the hand-off options off the front of an elevated copy's arguments.</summary>
    public static ElevationHandoff TakeHandoff(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        string? directory = null, stdout = null, stderr = null;
        var i = 0;
        while (i + 1 < args.Length)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case SettingOption when value.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq:
                    settings[value[..eq]] = value[(eq + 1)..];
                    break;
                case DirectoryOption:
                    directory = value;
                    break;
                case StdoutOption:
                    stdout = value;
                    break;
                case StderrOption:
                    stderr = value;
                    break;
                default:
                    return new ElevationHandoff(settings, directory, stdout, stderr, args[i..]);
            }

            i += 2;
        }

        return new ElevationHandoff(settings, directory, stdout, stderr, args[i..]);
    }

    private static (string? Program, IReadOnlyList<string> Arguments, string? Problem) RealProgram(ElevationRequest request)
    {
        if (request.ProcessPath is not { Length: > 0 } process)
        {
            return (null, [], "this program's own path is unknown");
        }

        var name = Path.GetFileNameWithoutExtension(process.Replace('\\', '/').Split('/')[^1]);
        if (!string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (process, [], null);
        }

        // `dotnet linkctl.dll ...`: ProcessPath is the host; without the dll it would run nothing.
        return request.EntryAssemblyPath is { Length: > 0 } dll
            ? (process, [dll], null)
            : (null, [], "this program runs under dotnet.exe and its linkctl.dll could not be found");
    }
}
