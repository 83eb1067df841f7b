using Linkctl.Creation;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Security;

namespace Linkctl.Diagnosis;

/// <summary>
/// Gathers <see cref="DoctorFacts"/> for a path: the effects side of doctor. Reads only; the one
/// exception is <see cref="LinkProbe"/>, run only when --probe is asked.
/// </summary>
internal sealed partial class DoctorGatherer(LinkPlatform platform)
{
    private readonly ILinkSystem system = platform.Links;
    private readonly string currentDirectory = platform.CurrentDirectory;

    private bool IsWindows => platform.IsWindows;

    /// <summary>The platform's Windows sources (required on Windows).</summary>
    private WindowsSources? Windows => platform.Windows;

    /// <summary>The platform's Linux facts from /proc (a test may point them elsewhere).</summary>
    private UnixSources Unix => platform.Unix ?? new UnixSources();

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
            Host = platform.Host,
            Folder = folder,
            FolderExists = folderEntry.Exists && folderEntry.IsDirectory,
            Volume = volume,
            Intended = intended,
        };

        facts = IsWindows ? AddWindows(facts, Windows ?? throw new InvalidOperationException("a Windows platform without Windows sources")) : AddUnix(facts);
        if (facts.FolderExists)
        {
            facts = facts with { Git = GatherGit(folder) };
        }

        if (probe && facts.FolderExists)
        {
            facts = facts with { Probe = new LinkProbe(platform, Scratch).Run(folder) };
        }

        return facts;
    }

    /// <summary>The git facts of the work tree <paramref name="folder"/> is in, or null when it is not in one (or git is not installed).</summary>
    private GitFacts? GatherGit(string folder)
    {
        var opened = Repair.GitRepository.Open(folder);
        if (!opened.TryGetValue(out var repository))
        {
            // git refuses a repository another user owns (safe.directory, git 2.35.2): that is a work
            // tree doctor should speak of, not stay silent about.
            return opened.Problem?.Contains("dubious ownership", StringComparison.Ordinal) == true ? new GitFacts { Problem = opened.Problem } : null;
        }

        var settings = repository.SymlinkSettings();
        var context = new Repair.GitStubContext { Flavour = system.Paths.Flavour, SymbolicLinksAllowed = true };
        var planned = new Repair.GitStubRunner(platform).Plan(repository, folder, context);
        if (!planned.TryGetValue(out var both))
        {
            return new GitFacts { CoreSymlinksRepository = settings.Repository, CoreSymlinksGlobal = settings.Global, Problem = planned.Problem };
        }

        var plan = both.Plan;
        return new GitFacts
        {
            CoreSymlinksRepository = settings.Repository,
            CoreSymlinksGlobal = settings.Global,
            IndexLinks = both.Index.Links.Count + both.Index.Conflicted.Count,
            Stubs = plan.Actions.Count,
            EditedStubs = plan.Skipped.Count(s => s.Edited),
            Links = plan.AlreadyLinks.Count,
        };
    }

    private IntendedLinkFacts Intend(string link, string target)
    {
        var request = new LinkRequest(link, target) { Fallback = FallbackPolicy.None };
        var creation = new LinkMaker(platform).Gather(request);
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
