using System.Runtime.InteropServices;
using Linkctl.Diagnosis;
using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>
/// Everything a feature needs from the machine, built once per process: the path rules with
/// their <see cref="OsFlavour"/>, the link system (the only door to the disk), the current
/// folder, and the OS's own sources (<see cref="Windows"/> or <see cref="Unix"/>). Features
/// (make, inspect, remove, list, repair, audit, doctor, fix, rights) take this and nothing
/// else; they never ask the host OS, read the process's current folder or construct an OS API,
/// so the same code runs on the real OS and on the simulated Windows of the tests.
/// </summary>
public sealed partial class LinkPlatform
{
    private LinkPlatform(ILinkSystem links, string currentDirectory, HostKind host, WindowsSources? windows, UnixSources? unix)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentException.ThrowIfNullOrEmpty(currentDirectory);
        Links = links;
        CurrentDirectory = currentDirectory;
        Host = host;
        Windows = windows;
        Unix = unix;
    }

    /// <summary>Which OS's rules apply: the one way to ask (never the separator or the host OS).</summary>
    public OsFlavour Flavour => Links.Paths.Flavour;

    public bool IsWindows => Flavour == OsFlavour.Windows;

    /// <summary>The OS doctor reports (Windows for the simulated Windows too).</summary>
    public HostKind Host { get; }

    public PathSyntax Paths => Links.Paths;

    /// <summary>The link operations on this platform's file systems.</summary>
    public ILinkSystem Links { get; }

    /// <summary>What relative paths given by the user are relative to (full, in <see cref="Paths"/>' syntax).</summary>
    public string CurrentDirectory { get; }

    /// <summary>The Windows-only sources; null on Unix.</summary>
    public WindowsSources? Windows { get; }

    /// <summary>The Linux facts from /proc and access(2); null on Windows.</summary>
    public UnixSources? Unix { get; }

    /// <summary>The bundle of the OS this process runs on. The one place that asks which OS it is.</summary>
    /// <exception cref="PlatformNotSupportedException">No backend for this OS (see the message).</exception>
    public static LinkPlatform ForCurrentOS()
    {
        if (OperatingSystem.IsLinux())
        {
            return ForLinux(new UnixLinkSystem(PathSyntax.Unix), new UnixSources(), Environment.CurrentDirectory);
        }

        if (OperatingSystem.IsWindows())
        {
            return ForThisWindows();
        }

        throw new PlatformNotSupportedException(
            $"linkctl has no file system backend for {RuntimeInformation.OSDescription} yet: the Unix backend " +
            "reads struct stat with Linux's layouts only, and macOS (whose struct stat differs) is not implemented.");
    }

    /// <summary>A Windows bundle over any <see cref="WindowsSources"/>: the live ones, or the simulated Windows in tests.</summary>
    public static LinkPlatform ForWindows(WindowsSources sources, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (!PathSyntax.Windows.IsFullyQualified(currentDirectory))
        {
            throw new ArgumentException($"the current folder must be a full Windows path: {currentDirectory}", nameof(currentDirectory));
        }

        return new LinkPlatform(new WindowsLinkSystem(sources.Api), currentDirectory, HostKind.Windows, sources, null);
    }

    /// <summary>The Linux bundle.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static LinkPlatform ForLinux(UnixLinkSystem links, UnixSources sources, string currentDirectory) =>
        new(links, currentDirectory, HostKind.Linux, null, sources);

    /// <summary>The same platform with another current folder (doctor --probe works inside its own folder).</summary>
    public LinkPlatform WithCurrentDirectory(string currentDirectory) => new(Links, currentDirectory, Host, Windows, Unix);
}
