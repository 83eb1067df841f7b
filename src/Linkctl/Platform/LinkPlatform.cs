using System.Runtime.InteropServices;
using Linkctl.Copying;
using Linkctl.Diagnosis;
using Linkctl.Paths;
using Linkctl.Scanning;

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
    private LinkPlatform(ILinkSystem links, ITreeWalker? walker, ITreeCopier copier, string currentDirectory, HostKind host, WindowsSources? windows, UnixSources? unix)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(copier);
        ArgumentException.ThrowIfNullOrEmpty(currentDirectory);
        Links = links;
        Walker = walker;
        Copier = copier;
        CurrentDirectory = currentDirectory;
        Host = host;
        Windows = windows;
        Unix = unix;
    }

    /// <summary>Which OS's rules apply: the one way to ask (never the separator or the host OS).</summary>
    public OsFlavour Flavour => Links.Paths.Flavour;

    public bool IsWindows => Flavour == OsFlavour.Windows;

    /// <summary>The OS doctor reports (Windows for the simulated Windows too).</summary>
    internal HostKind Host { get; }

    internal PathSyntax Paths => Links.Paths;

    /// <summary>The link operations on this platform's file systems.</summary>
    internal ILinkSystem Links { get; }

    /// <summary>How <see cref="Scanning.TreeScanner"/> lists folders here; null where there is no walker (<see cref="WalkerUnsupportedReason"/>).</summary>
    internal ITreeWalker? Walker { get; }

    /// <summary>Why there is no walker, when <see cref="Walker"/> is null.</summary>
    internal string WalkerUnsupportedReason => "the tree walker is written for Linux (getdents64, statx) and Windows (FindFirstFileExW) only; the macOS walker is not written yet";

    /// <summary>The recursive copier (<c>new --fallback copy</c>).</summary>
    internal ITreeCopier Copier { get; }

    /// <summary>What relative paths given by the user are relative to (full, in <see cref="Paths"/>' syntax).</summary>
    public string CurrentDirectory { get; }

    /// <summary>The Windows-only sources; null on Unix.</summary>
    internal WindowsSources? Windows { get; }

    /// <summary>The Linux facts from /proc and access(2); null on Windows.</summary>
    internal UnixSources? Unix { get; }

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
    internal static LinkPlatform ForWindows(WindowsSources sources, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (!PathSyntax.Windows.IsFullyQualified(currentDirectory))
        {
            throw new ArgumentException($"the current folder must be a full Windows path: {currentDirectory}", nameof(currentDirectory));
        }

        var links = new WindowsLinkSystem(sources.Api);
        return new LinkPlatform(links, new WindowsTreeWalker(sources.Api, links), new WindowsTreeCopier(sources.Api, links), currentDirectory, HostKind.Windows, sources, null);
    }

    /// <summary>The Linux bundle.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static LinkPlatform ForLinux(UnixLinkSystem links, UnixSources sources, string currentDirectory) =>
        new(links, new LinuxTreeWalker(), new UnixTreeCopier(), currentDirectory, HostKind.Linux, null, sources);

    /// <summary>The same platform with another current folder (doctor --probe works inside its own folder).</summary>
    public LinkPlatform WithCurrentDirectory(string currentDirectory) => new(Links, Walker, Copier, currentDirectory, Host, Windows, Unix);
}
