using Linkctl.Creation;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Security;

namespace Linkctl.Diagnosis;

/// <summary>Where the Windows facts come from: live (WindowsApi, registry, token, LSA) or simulated in the tests.</summary>
/// <param name="OsBuild">RtlGetVersion's build number; 0 when unknown.</param>
/// <param name="Registry">HKLM values.</param>
/// <param name="Token">The process token.</param>
/// <param name="Rights">LSA and Group Policy; null when this build has no reader (reported as unknown).</param>
public sealed record WindowsSources(int OsBuild, IRegistry Registry, ITokenReader Token, IAccountRights? Rights);

/// <summary>
/// Gathers <see cref="DoctorFacts"/> for a path: the effects side of doctor. Reads only; the one
/// exception is <see cref="LinkProbe"/>, run only when --probe is asked.
/// </summary>
public sealed partial class DoctorGatherer(ILinkSystem system, string currentDirectory)
{
    private bool IsWindows => system.Paths.Separator == '\\';

    /// <summary>Required when <see cref="ILinkSystem.Paths"/> is Windows'.</summary>
    public WindowsSources? Windows { get; init; }

    /// <summary>Linux facts from /proc; replaceable in tests.</summary>
    public UnixSources Unix { get; init; } = new();

    /// <summary>Where --probe makes its test folder and targets.</summary>
    public IScratchSpace Scratch { get; init; } = new FileSystemScratch();

    /// <param name="path">PATH: a folder (default: the current one), or with <paramref name="target"/> the link to make.</param>
    /// <param name="target">The intended target, or null.</param>
    /// <param name="probe">Really make, read back and remove a test link of each kind.</param>
    public DoctorFacts Gather(string? path, string? target, bool probe)
    {
        var paths = system.Paths;
        var full = paths.GetFullPath(path ?? ".", currentDirectory);
        IntendedLinkFacts? intended = null;
        string folder;
        if (target is not null)
        {
            folder = paths.GetDirectoryName(full) ?? full;
            intended = Intend(full, target);
        }
        else
        {
            folder = full;
        }

        var folderEntry = system.GetTargetEntry(folder);
        var volume = system.GetVolume(folder);
        var facts = new DoctorFacts
        {
            Path = full,
            Host = IsWindows ? HostKind.Windows : OperatingSystem.IsMacOS() ? HostKind.MacOS : OperatingSystem.IsLinux() ? HostKind.Linux : HostKind.Other,
            Folder = folder,
            FolderExists = folderEntry.Exists && folderEntry.IsDirectory,
            Volume = volume,
            Intended = intended,
        };

        facts = IsWindows ? AddWindows(facts, Windows ?? throw new InvalidOperationException("Windows sources are needed for a Windows path system")) : AddUnix(facts);
        if (probe && facts.FolderExists)
        {
            facts = facts with { Probe = new LinkProbe(system, Scratch).Run(folder) };
        }

        return facts;
    }

    private IntendedLinkFacts Intend(string link, string target)
    {
        var request = new LinkRequest(link, target) { Fallback = FallbackPolicy.None };
        var creation = new LinkMaker(system, currentDirectory).Gather(request);
        var refusal = CreationPlanner.Plan(request, creation, system.Paths).Refusal;
        bool? same = creation.LinkVolume.VolumeId is { } a && creation.TargetVolume.VolumeId is { } b ? a == b
            : IsWindows ? system.Paths.PathEquals(creation.LinkVolume.Root, creation.TargetVolume.Root) : null;
        return new IntendedLinkFacts
        {
            Link = creation.LinkPath,
            Target = creation.TargetPath,
            TargetExists = creation.TargetEntry.Exists,
            TargetIsDirectory = creation.TargetEntry.IsDirectory,
            TargetVolume = creation.TargetVolume,
            SameVolume = same,
            TargetSessionDrive = IsWindows ? SessionDrive.Of(system, creation.TargetPath) : null,
            Refusal = refusal,
            Creation = creation,
        };
    }

    private DoctorFacts AddWindows(DoctorFacts facts, WindowsSources sources)
    {
        var paths = system.Paths;
        var remote = facts.Volume.Location == VolumeLocation.Remote;

        // A mapped drive is a letter of this session that stands for a share; a local folder that
        // is a symbolic link onto a share is remote too (its volume is the share's) but no mapped drive.
        var session = SessionDrive.Of(system, facts.Folder);
        var mapped = session?.IsNetwork == true;
        bool? targetRemote = facts.Intended is { } i ? i.TargetVolume.Location == VolumeLocation.Remote || paths.IsUnc(i.Target) : null;
        var windows = new WindowsFacts
        {
            OsBuild = sources.OsBuild,
            DeveloperMode = WindowsFactsReader.DeveloperMode(sources.Registry),
            Token = sources.Token.Read(),
            Right = WindowsFactsReader.Right(sources.Rights),
            Evaluation = WindowsFactsReader.Evaluation(sources.Registry, EvaluationFacts.RelevantFor(remote || paths.IsUnc(facts.Folder), targetRemote)),
            MappedDrive = mapped,
            Sudo = WindowsFactsReader.Sudo(sources.Registry),
            SessionDrive = session,
        };

        // Windows has no access(2): an ACL check would need AccessCheck against the folder's
        // descriptor. Without --probe nothing is written, so write access stays unknown here.
        return facts with { Windows = windows, Writable = null, WritableDetail = "not checked without --probe on Windows" };
    }
}
