using Linkctl.Audit;
using Linkctl.Creation;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Inspection;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Repair;
using Linkctl.Scanning;

namespace Linkctl;

/// <summary>
/// The library's front door for other tools (build systems, installers, git clients): make,
/// inspect, remove, find, repair, diagnose and audit links with the same rules as the linkctl
/// CLI. Relative paths are relative to <see cref="LinkPlatform.CurrentDirectory"/> (the process's
/// current folder for <see cref="ForCurrentOS"/>), and every failure comes back as a
/// <see cref="LinkctlError"/> (what happened, why, what to do) rather than as an exception.
/// </summary>
/// <remarks>
/// Named LinkTools, not Links, because <c>Linkctl.Links</c> is already the namespace of the
/// vocabulary (LinkKind, LinkStatus, EntryType): a type and a namespace of one name collide (CS0101).
/// </remarks>
public sealed class LinkTools
{
    /// <summary>The tools over any platform bundle: the live one, or a simulated Windows in tests.</summary>
    public LinkTools(LinkPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Platform = platform;
    }

    /// <summary>The OS, path rules and link system the tools act through.</summary>
    public LinkPlatform Platform { get; }

    /// <summary>The tools for the OS this process runs on.</summary>
    /// <exception cref="PlatformNotSupportedException">linkctl has no backend for this OS (the message says which).</exception>
    public static LinkTools ForCurrentOS() => new(LinkPlatform.ForCurrentOS());

    /// <summary>
    /// Makes the link <paramref name="request"/> asks for (or, with <paramref name="dryRun"/>,
    /// only plans it). The outcome holds the plan, the read-back and any error; nothing throws
    /// for a link that cannot be made.
    /// </summary>
    public CreationOutcome Create(LinkRequest request, bool dryRun = false)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Whether the caller is elevated decides one warning (a junction made unelevated is not
        // trusted by Redirection Guard), as in the CLI.
        var maker = new LinkMaker(Platform) { CallerElevated = Platform.Windows?.Token.Read().Elevated };
        return maker.Make(request, dryRun);
    }

    /// <summary>What <paramref name="path"/> is: its kind, stored target, status and where it leads; or why that cannot be said.</summary>
    public (LinkReport? Report, LinkctlError? Error) Inspect(string path) => new LinkInspector(Platform).Inspect(Full(path));

    /// <summary>Removes the link at <paramref name="path"/> and never what it points to; refuses anything that is not a link.</summary>
    public RemovalOutcome Remove(string path, bool dryRun = false) => new LinkRemover(Platform).Remove(Full(path), dryRun);

    /// <summary>Every link under <paramref name="roots"/> (as <c>linkctl list</c> finds them), sorted, and the folders that could not be read.</summary>
    public (List<LinkRecord> Links, List<ScanProblem> Problems) Scan(IReadOnlyList<string> roots, ScanOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        return new TreeScanner(Platform, options).Collect([.. roots.Select(Full)], cancellation);
    }

    /// <summary>
    /// The repair runner: plans (<see cref="RepairRunner.Plan(RepairRequest, ScanOptions?, out List{ScanProblem})"/>),
    /// applies and undoes link repairs, journalling each change in <paramref name="journal"/>
    /// (the current user's journal when null, the one <c>linkctl repair --undo</c> reads).
    /// </summary>
    public RepairRunner Repair(UndoJournal? journal = null) => new(Platform, journal ?? UndoJournal.ForCurrentUser());

    /// <summary>
    /// The git-stub runner: plans (<see cref="GitStubRunner.Plan"/>, with <see cref="GitRepository.Open"/>),
    /// replaces git's symlink stubs by links (<see cref="GitStubRunner.Apply"/>, Linux) and undoes the last run
    /// (<see cref="GitStubRunner.UndoLast"/>), recording in <paramref name="journal"/> (default: the user's).
    /// </summary>
    public GitStubRunner GitStubs(UndoJournal? journal = null) => new(Platform, journal ?? UndoJournal.ForCurrentUser());

    /// <summary>
    /// Whether symbolic links, junctions and hard links can be made at <paramref name="path"/>
    /// (the current folder when null), why not, and the fixes; <paramref name="probe"/> also tries
    /// to make each kind in a scratch folder there.
    /// </summary>
    public DoctorReport Diagnose(string? path = null, string? target = null, bool probe = false) =>
        Diagnoser.Diagnose(new DoctorGatherer(Platform).Gather(path, target, probe));

    /// <summary>The links under <paramref name="root"/> that a less-privileged user could redirect, and why.</summary>
    public LinkAuditReport Audit(string root) => new LinkAuditor(Platform).Audit(Full(root));

    private string Full(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Platform.Paths.GetFullPath(path, Platform.CurrentDirectory);
    }
}
