using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Carries out <c>linkctl new</c>: gathers the facts, lets <see cref="CreationPlanner"/> decide,
/// makes the link, falls back when a symbolic link is refused, and reads every link back,
/// because an OS may report success without making anything (Wine's CreateSymbolicLinkW does).
/// </summary>
internal sealed class LinkMaker(LinkPlatform platform)
{
    private readonly ILinkSystem system = platform.Links;
    private readonly string currentDirectory = platform.CurrentDirectory;

    private bool IsWindows => platform.IsWindows;

    public CreationOutcome Make(LinkRequest request, bool dryRun)
    {
        var invalid = Validate(request);
        if (invalid is not null)
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, null, invalid);
        }

        var facts = Gather(request);
        var decision = CreationPlanner.Plan(request, facts, system.Paths);
        if (decision.Refusal is not null)
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, null, decision.Refusal);
        }

        var plan = decision.Plan!;
        if (ConversionProblem(request, plan, facts) is { } changed)
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, plan, changed);
        }

        if (dryRun)
        {
            return WithWarnings(new CreationOutcome(CreationResult.WouldCreate, request.Kind, plan, null) { Replaced = plan.ReplaceExisting }, facts);
        }

        return WithWarnings(plan.ReplaceExisting ? Replace(request, plan, facts) : MakeWithFallback(request, plan, facts, plan.LinkPath), facts);
    }

    /// <summary>
    /// Whether this process runs elevated (Windows): a junction made otherwise is untrusted by
    /// Redirection Guard. Null when unknown (then nothing is said about it).
    /// </summary>
    public bool? CallerElevated { get; init; }

    /// <summary>
    /// Where a link replaced by <c>--force</c> is recorded before it is replaced, so that
    /// <c>linkctl new --undo</c> can put it back (docs/journal.md); null records nothing. A
    /// replacement whose record cannot be written is not made.
    /// </summary>
    public UndoJournal? Journal { get; init; }

    /// <summary>The run the replacement is recorded under.</summary>
    public string RunId { get; init; } = UndoJournal.NewRunId();

    /// <summary>
    /// --relative and --absolute rewrite the target's text: the text planned must lead, from the
    /// link's real folder, to the very object the user named (same device and inode, or volume and
    /// file ID), or the link is refused. Text that looks equivalent is not proof: "a/sym/.." is
    /// not "a" when sym is a link.
    /// </summary>
    private LinkctlError? ConversionProblem(LinkRequest request, CreationPlan plan, CreationFacts facts)
    {
        if (plan.Kind != MadeKind.SymbolicLink || request.Form == TargetForm.AsGiven || !facts.TargetEntry.Exists)
        {
            return null;
        }

        var leads = system.GetTargetEntry(LeadsFrom(plan.LinkPath, plan.StoredTarget));
        if (facts.TargetEntry.Identity is not { } wanted || (leads.Exists && leads.Identity is null))
        {
            return new LinkctlError(FailureKind.Conflict, plan.LinkPath,
                $"Cannot tell whether {plan.StoredTarget} leads, from {system.Paths.GetDirectoryName(plan.LinkPath)}, to the same object as {request.Target}.",
                "The OS did not give the identity (device and inode, or volume and file ID) of one of them, and rewriting a target without proof could point the link elsewhere.",
                "Drop --relative/--absolute: the target is then stored as you typed it.");
        }

        if (leads.Identity == wanted)
        {
            return null;
        }

        return new LinkctlError(FailureKind.Conflict, plan.LinkPath,
            $"Storing {plan.StoredTarget} would make the link lead to {(leads.Exists ? leads.FinalPath ?? "another object" : "nothing")}, not to {facts.TargetPath}.",
            "A folder on the way is a symbolic link, so the rewritten text resolves differently from the target you named; the link must keep pointing at the same object.",
            "Drop --relative/--absolute to store the target as you typed it, or give the target by its real path.");
    }

    /// <summary>The path the OS follows for a link at <paramref name="link"/> storing <paramref name="stored"/>: joined as text, never edited.</summary>
    private string LeadsFrom(string link, string stored)
    {
        var paths = system.Paths;
        if (paths.IsFullyQualified(stored))
        {
            return stored;
        }

        var folder = paths.GetDirectoryName(link) ?? link;

        // Windows joins and normalises the text itself (see PhysicalPaths); Unix walks it.
        return paths.Flavour == Paths.OsFlavour.Windows ? paths.GetFullPath(stored, folder) : folder.TrimEnd('/') + "/" + stored;
    }

    /// <summary>What a made (or planned) link will not do, though it was made as asked.</summary>
    private CreationOutcome WithWarnings(CreationOutcome outcome, CreationFacts facts)
    {
        if (outcome.Result == CreationResult.Failed || outcome.Plan is not { } made)
        {
            return outcome;
        }

        var warnings = new List<string>();
        var targetReal = facts.TargetEntry.FinalPath ?? facts.TargetPath;
        if (made.Kind is MadeKind.SymbolicLink or MadeKind.Junction && facts.TargetEntry.IsDirectory && system.Paths.IsSameOrBelow(made.LinkPath, targetReal))
        {
            warnings.Add($"The link is inside the folder it points to ({targetReal}): a program that walks the tree following links meets it again at every level (find -L, backup tools and indexers loop or stop with ELOOP).");
        }

        if (!IsWindows || made is not { Kind: MadeKind.Junction } plan)
        {
            return warnings.Count == 0 ? outcome : outcome with { Warnings = warnings };
        }

        if (CallerElevated == false)
        {
            // Learn, PROCESS_MITIGATION_REDIRECTION_TRUST_POLICY: processes that enforce it do not
            // follow "filesystem junctions created by non-admin users" (docs/windows-facts.md, 448).
            warnings.Add("This junction was made from a window that is not elevated, so Redirection Guard does not trust it: installers, elevated programs and services that enable it refuse to follow it (ERROR_UNTRUSTED_MOUNT_POINT, 448). If such a program must use it, make it again from an elevated window, or use a symbolic link.");
        }

        if (SessionDrive.Of(system, plan.StoredTarget) is { } drive)
        {
            warnings.Add($"The junction stores {plan.StoredTarget}, and {drive.Describe()}: other sessions, elevated windows, services and other users do not have {drive.Drive}, so for them it leads nowhere. Point it at {drive.RealPathOf(plan.StoredTarget)} instead.");
        }

        return warnings.Count == 0 ? outcome : outcome with { Warnings = warnings };
    }

    /// <summary>
    /// Collects what the planner needs; public so that doctor and tests can show the facts.
    /// Paths are resolved as the kernel resolves them (<see cref="PhysicalPaths"/>): LINK's
    /// folder by its real path, so "a/symdir/../l" is made where the shell's ln would make it,
    /// and a relative TARGET from that real folder, which is where the OS will resolve it.
    /// </summary>
    public CreationFacts Gather(LinkRequest request)
    {
        var paths = system.Paths;
        var linkText = request.Link.Length > 1 ? request.Link.TrimEnd(paths.Separator) : request.Link;
        var linkResolved = PhysicalPaths.Resolve(system, linkText.Length == 0 ? request.Link : linkText, currentDirectory);
        var link = linkResolved.Path;
        var linkFolder = paths.GetDirectoryName(link) ?? link;
        var targetResolved = PhysicalPaths.Resolve(system, request.Target, linkFolder);
        var target = targetResolved.Path;
        var targetFromHere = PhysicalPaths.Resolve(system, request.Target, currentDirectory).Path;

        // A trailing slash makes the kernel require a folder: "realfile/" does not exist even
        // though realfile does (ENOTDIR), so it is never examined as the text minus its slash.
        var targetEntry = targetResolved.NotADirectory is not null ? EntryFacts.Missing(target) : system.GetTargetEntry(target);
        var linkVolume = system.GetVolume(linkFolder);
        return new CreationFacts
        {
            LinkPath = link,
            LinkEntry = system.GetEntry(link),
            LinkParent = linkResolved.NotADirectory is not null ? EntryFacts.Missing(linkFolder) : system.GetTargetEntry(linkFolder),
            LinkNotADirectory = linkResolved.NotADirectory,
            TargetPath = target,
            TargetEntry = targetEntry,
            TargetNotADirectory = targetResolved.NotADirectory,
            TargetFromCurrentDirectory = paths.PathEquals(target, targetFromHere) ? targetEntry : system.GetTargetEntry(targetFromHere),
            LinkVolume = linkVolume,
            TargetVolume = targetEntry.Exists ? system.GetVolume(target) : linkVolume,
            IsWindows = IsWindows,
        };
    }

    private LinkctlError? Validate(LinkRequest request)
    {
        foreach (var (role, value) in new[] { ("LINK", request.Link), ("TARGET", request.Target) })
        {
            if (system.Paths.Validate(value) is { } problem)
            {
                return new LinkctlError(problem.Kind, value, $"{role} cannot be used: {problem.Why}", problem.Kind == FailureKind.NameTooLong ? "The OS would refuse it (ENAMETOOLONG): the limit is the file system's and the kernel's, not linkctl's." : "linkctl refuses names the OS would reject or silently change.", problem.Next);
            }
        }

        return null;
    }

    private CreationOutcome MakeWithFallback(LinkRequest request, CreationPlan plan, CreationFacts facts, string at)
    {
        var failure = Attempt(plan, at, facts);
        if (failure is null)
        {
            return Verified(request, plan, at, facts, CreationResult.Created, null);
        }

        var fallback = CreationPlanner.PlanFallback(request, plan, failure.Kind, facts, system.Paths);
        if (fallback.Plan is null)
        {
            var error = fallback.Refusal!.Next.Length == 0 || request.Fallback == FallbackPolicy.None
                ? failure
                : failure with { Why = $"{failure.Why} {fallback.Refusal.What} {fallback.Refusal.Why}", Next = $"{fallback.Refusal.Next} {failure.Next}".Trim() };
            return new CreationOutcome(CreationResult.Failed, request.Kind, plan, error);
        }

        var second = fallback.Plan;
        var secondFailure = Attempt(second, at, facts);
        if (secondFailure is not null)
        {
            var both = failure with
            {
                Why = $"{failure.Why} The fallback ({Name(second.Kind)}) failed too: {secondFailure.What} {secondFailure.OsError}",
            };
            return new CreationOutcome(CreationResult.Failed, request.Kind, second, both) { FallbackReason = failure };
        }

        return Verified(request, second, at, facts, CreationResult.CreatedFallback, failure);
    }

    /// <summary>Makes one thing at <paramref name="at"/>; returns the failure told for the user, or null.</summary>
    private LinkctlError? Attempt(CreationPlan plan, string at, CreationFacts facts)
    {
        var (result, operation) = plan.Kind switch
        {
            MadeKind.SymbolicLink => (system.CreateSymbolicLink(at, plan.StoredTarget, plan.IsDirectory), LinkOperation.CreateSymbolicLink),
            MadeKind.Junction => (system.CreateJunction(at, plan.TargetPath), LinkOperation.CreateJunction),
            MadeKind.HardLink => (system.CreateHardLink(at, plan.TargetPath), LinkOperation.CreateHardLink),
            _ => (platform.Copier.Copy(plan.TargetPath, at, plan.IsDirectory), LinkOperation.Copy),
        };
        if (result.Succeeded)
        {
            return null;
        }

        // EPERM and friends are ambiguous on Unix (permissions, or a file system that cannot
        // store links): the classifier settles it with the volume's own capabilities.
        var kind = LinkClassifier.Classify(result.Error, operation, facts.LinkVolume, facts.TargetEntry);
        return FailureAdvice.For(kind, operation, at, result.Error, facts.LinkVolume, IsWindows);
    }

    private CreationOutcome Verified(LinkRequest request, CreationPlan plan, string at, CreationFacts facts, CreationResult result, LinkctlError? fallbackReason)
    {
        var problem = ReadBack(plan, at, facts);
        if (problem is null)
        {
            return new CreationOutcome(result, request.Kind, plan, null) { FallbackReason = fallbackReason };
        }

        // Leave nothing behind: remove what we made if it is there at all (a link of ours, never data).
        var left = system.GetEntry(at);
        var cleanup = left.Type is EntryType.SymbolicLink or EntryType.Junction || (plan.Kind == MadeKind.HardLink && left.Type == EntryType.File && left.LinkCount > 1)
            ? system.RemoveLink(at)
            : OsResult.Success;
        var leftover = left.Exists && (!cleanup.Succeeded || left.Type is not (EntryType.SymbolicLink or EntryType.Junction or EntryType.File))
            ? $" Something remains at {at}; check it by hand."
            : string.Empty;

        var error = new LinkctlError(FailureKind.ReadBackFailed, at,
            $"The OS reported that the {Name(plan.Kind)} was made, but reading it back {problem}.",
            "Some systems report success without creating the link (Wine's CreateSymbolicLinkW does exactly this), and a link that is not there or points elsewhere must not be reported as made." + leftover,
            IsWindows
                ? "Nothing was left behind. Try --kind junction (folders) or --kind hard (files), or run `linkctl doctor --probe` here."
                : "Nothing was left behind. Run `linkctl doctor --probe` here to test what this file system can store.");
        return new CreationOutcome(CreationResult.Failed, request.Kind, plan, error) { FallbackReason = fallbackReason };
    }

    /// <summary>
    /// Null when the link at <paramref name="at"/> is what the plan made, both its stored text and
    /// where it leads (the target's identity); otherwise what was found.
    /// </summary>
    private string? ReadBack(CreationPlan plan, string at, CreationFacts facts)
    {
        var entry = system.GetEntry(at);
        if (!entry.Exists)
        {
            return "found nothing there";
        }

        switch (plan.Kind)
        {
            case MadeKind.SymbolicLink:
            case MadeKind.Junction:
                var expectedType = plan.Kind == MadeKind.SymbolicLink ? EntryType.SymbolicLink : EntryType.Junction;
                if (entry.Type != expectedType)
                {
                    return $"found {CreationPlanner.Describe(entry)} instead";
                }

                var read = system.ReadLink(at);
                if (!read.TryGetValue(out var stored))
                {
                    return $"could not read its target ({read})";
                }

                var expected = plan.Kind == MadeKind.Junction ? plan.TargetPath : plan.StoredTarget;
                var same = system.Paths.IsFullyQualified(expected)
                    ? system.Paths.PathEquals(stored.Target, expected)
                    : string.Equals(stored.Target, expected, system.Paths.Comparison);
                if (!same)
                {
                    return $"found it pointing to {stored.Target} instead of {expected}";
                }

                return LeadsWrong(at, facts);

            case MadeKind.HardLink:
                var target = system.GetEntry(plan.TargetPath);
                if (entry.Type != EntryType.File)
                {
                    return $"found {CreationPlanner.Describe(entry)} instead of a file";
                }

                if (entry.Identity is { } a && target.Identity is { } b)
                {
                    return a == b ? null : "found a different file, not another name of the target";
                }

                return entry.LinkCount > 1 ? null : "found a file with only one name";

            default:
                return entry.IsDirectory == plan.IsDirectory || entry.Type == (plan.IsDirectory ? EntryType.Directory : EntryType.File)
                    ? null
                    : $"found {CreationPlanner.Describe(entry)} instead";
        }
    }

    /// <summary>
    /// Where the link now leads, compared with the target it was made for: the stored text alone
    /// does not prove it (a folder on the way may be a link). A target that was missing
    /// (--allow-missing) is not checked: it may appear at any moment.
    /// </summary>
    private string? LeadsWrong(string at, CreationFacts facts)
    {
        if (facts.TargetEntry.Identity is not { } wanted)
        {
            return null;
        }

        var leads = system.GetTargetEntry(at);
        if (!leads.Exists)
        {
            return $"found that it leads nowhere ({(leads.Error is { } e ? e.ToString() : "nothing at its target")}), though {facts.TargetPath} exists";
        }

        return leads.Identity is { } got && got != wanted
            ? $"found it leading to {leads.FinalPath ?? "another object"}, not to {facts.TargetPath}"
            : null;
    }

    /// <summary>
    /// --force: the new link is made beside the old one under a private name (a later run can tell a
    /// stale one as linkctl's, StaleTemporaries) and put in its place by <see cref="LinkSwap"/>, which
    /// replaces only the link that was checked.
    /// </summary>
    private CreationOutcome Replace(LinkRequest request, CreationPlan plan, CreationFacts facts)
    {
        var paths = system.Paths;
        var temporary = paths.Combine(paths.GetDirectoryName(plan.LinkPath)!, PinnedFolders.PrivateName("new"));

        var made = MakeWithFallback(request, plan, facts, temporary);
        if (made.Result is CreationResult.Failed)
        {
            return made;
        }

        if (RecordReplacement(plan, facts, temporary, made.Plan!) is { } notRecorded)
        {
            RemoveMadeAt(temporary, made.Plan!);
            return new CreationOutcome(CreationResult.Failed, request.Kind, plan, notRecorded) { FallbackReason = made.FallbackReason };
        }

        if (LinkSwap.Install(system, temporary, plan.LinkPath) is { Succeeded: false, Error: { } swapError })
        {
            // "Not made" only while the old link is provably still in place; otherwise the record
            // stays a replacement, and undo finds and reverses whatever happened.
            if (facts.LinkEntry.Identity is { } old && system.GetEntry(plan.LinkPath).Identity == old)
            {
                NotMade(plan.LinkPath);
            }

            return new CreationOutcome(CreationResult.Failed, request.Kind, plan,
                FailureAdvice.For(LinkClassifier.Classify(swapError, LinkOperation.Rename), LinkOperation.Rename, plan.LinkPath, swapError, facts.LinkVolume, IsWindows))
            { FallbackReason = made.FallbackReason };
        }

        var final = made.Plan! with { LinkPath = plan.LinkPath };
        var problem = ReadBack(final, plan.LinkPath, facts);
        if (problem is not null)
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, final, new LinkctlError(FailureKind.ReadBackFailed, plan.LinkPath,
                $"The new link was moved into place, but reading it back {problem}.", "The rename did not leave the link that was made.", "Run `linkctl show` on the path and check it by hand."));
        }

        return made with { Plan = final, Replaced = true };
    }

    /// <summary>
    /// Records (and syncs) the link about to be replaced: what it stores, its kind, its folder's
    /// identity and the identity of the new link, so that undo removes the new link only while it is
    /// still that one. The error that stops the replacement when that cannot be done.
    /// </summary>
    private LinkctlError? RecordReplacement(CreationPlan plan, CreationFacts facts, string temporary, CreationPlan made)
    {
        if (Journal is null)
        {
            return null;
        }

        var old = system.ReadLink(plan.LinkPath);
        if (!old.TryGetValue(out var stored))
        {
            return new LinkctlError(FailureKind.Conflict, plan.LinkPath, $"{plan.LinkPath} was not replaced: the link there cannot be read ({old.Problem}), so it could not be recorded for undo.",
                "--force replaces a link only once what it stored is in the undo journal.", "Run `linkctl show` on it; remove it with `linkctl rm` if it can go, then make the new link.", old.Error);
        }

        // Both identities from the pinned folder (statx on Linux, FILE_ID_INFO on the handle on
        // Windows), as undo reads them: Linux's path-based stat(2) encodes the device differently,
        // so the two kinds are never compared.
        FileIdentity? folder;
        FileIdentity? ours;
        using (var pinned = system.PinFolder(system.Paths.GetDirectoryName(plan.LinkPath)!).ValueOr(null))
        {
            folder = pinned?.Identity;
            ours = pinned?.GetEntry(system.Paths.GetFileName(temporary)).Identity;
        }

        var after = made.Kind is MadeKind.Junction or MadeKind.HardLink ? made.TargetPath : made.StoredTarget;
        return LinkUndo.RecordBefore(Journal, LinkUndo.Record(RunId, LinkUndo.NewCommand, LinkUndo.ReplaceLinkAction, plan.LinkPath, stored.Target, after,
            LinkUndo.LinkTypeOf(stored.Kind, facts.LinkEntry.IsDirectory, IsWindows), folder, ours), plan.LinkPath, "replaced");
    }

    private void NotMade(string path) => LinkUndo.MarkNotMade(Journal, RunId, LinkUndo.NewCommand, path);

    /// <summary>Removes the new link made at <paramref name="at"/> for a replacement that will not happen: only a link of ours, never data.</summary>
    private void RemoveMadeAt(string at, CreationPlan made)
    {
        var left = system.GetEntry(at);
        if (left.Type is EntryType.SymbolicLink or EntryType.Junction || (made.Kind == MadeKind.HardLink && left.Type == EntryType.File && left.LinkCount > 1))
        {
            system.RemoveLink(at);
        }
    }

    private static string Name(MadeKind kind) => kind switch
    {
        MadeKind.SymbolicLink => "symbolic link",
        MadeKind.Junction => "junction",
        MadeKind.HardLink => "hard link",
        _ => "copy",
    };
}
