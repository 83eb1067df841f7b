using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Creation;

/// <summary>
/// Carries out <c>linkctl new</c>: gathers the facts, lets <see cref="CreationPlanner"/> decide,
/// makes the link, falls back when a symbolic link is refused, and reads every link back,
/// because an OS may report success without making anything (Wine's CreateSymbolicLinkW does).
/// </summary>
public sealed class LinkMaker(LinkPlatform platform)
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

    /// <summary>What a made (or planned) junction will not do, though it was made as asked.</summary>
    private CreationOutcome WithWarnings(CreationOutcome outcome, CreationFacts facts)
    {
        if (!IsWindows || outcome.Plan is not { Kind: MadeKind.Junction } plan || outcome.Result == CreationResult.Failed)
        {
            return outcome;
        }

        var warnings = new List<string>();
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

    /// <summary>Collects what the planner needs; public so that doctor and tests can show the facts.</summary>
    public CreationFacts Gather(LinkRequest request)
    {
        var paths = system.Paths;
        var link = paths.GetFullPath(request.Link, currentDirectory);
        var linkFolder = paths.GetDirectoryName(link) ?? link;
        var target = paths.GetFullPath(request.Target, linkFolder);
        var targetFromHere = paths.GetFullPath(request.Target, currentDirectory);
        var targetEntry = system.GetTargetEntry(target);
        var linkVolume = system.GetVolume(linkFolder);
        return new CreationFacts
        {
            LinkPath = link,
            LinkEntry = system.GetEntry(link),
            LinkParent = system.GetTargetEntry(linkFolder),
            TargetPath = target,
            TargetEntry = targetEntry,
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
                return new LinkctlError(FailureKind.InvalidInput, value, $"{role} cannot be used: {problem.Why}", "linkctl refuses names the OS would reject or silently change.", problem.Next);
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
        var problem = ReadBack(plan, at);
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

    /// <summary>Null when the link at <paramref name="at"/> is what the plan made; otherwise what was found.</summary>
    private string? ReadBack(CreationPlan plan, string at)
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
                return same ? null : $"found it pointing to {stored.Target} instead of {expected}";

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
    /// --force: the new link is made beside the old one and renamed over it, so at every moment
    /// LINK is either the old link or the new one. Windows cannot rename onto a folder link, so
    /// there the old link is first moved aside, and moved back if the new one cannot take its place.
    /// </summary>
    private CreationOutcome Replace(LinkRequest request, CreationPlan plan, CreationFacts facts)
    {
        var paths = system.Paths;
        var temporary = paths.Combine(paths.GetDirectoryName(plan.LinkPath)!, LinkSwap.BesideName(paths.GetFileName(plan.LinkPath), "new"));

        var made = MakeWithFallback(request, plan, facts, temporary);
        if (made.Result is CreationResult.Failed)
        {
            return made;
        }

        if (LinkSwap.Install(system, temporary, plan.LinkPath) is { Succeeded: false, Error: { } swapError })
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, plan,
                FailureAdvice.For(LinkClassifier.Classify(swapError, LinkOperation.Rename), LinkOperation.Rename, plan.LinkPath, swapError, facts.LinkVolume, IsWindows))
            { FallbackReason = made.FallbackReason };
        }

        var final = made.Plan! with { LinkPath = plan.LinkPath };
        var problem = ReadBack(final, plan.LinkPath);
        if (problem is not null)
        {
            return new CreationOutcome(CreationResult.Failed, request.Kind, final, new LinkctlError(FailureKind.ReadBackFailed, plan.LinkPath,
                $"The new link was moved into place, but reading it back {problem}.", "The rename did not leave the link that was made.", "Run `linkctl show` on the path and check it by hand."));
        }

        return made with { Plan = final, Replaced = true };
    }

    private static string Name(MadeKind kind) => kind switch
    {
        MadeKind.SymbolicLink => "symbolic link",
        MadeKind.Junction => "junction",
        MadeKind.HardLink => "hard link",
        _ => "copy",
    };
}
