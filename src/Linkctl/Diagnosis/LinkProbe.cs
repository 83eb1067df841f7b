using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Diagnosis;

/// <summary>
/// doctor --probe: makes a test link of each kind in a private folder inside PATH, with no
/// fallback (nothing is faked), reads each back (LinkMaker does), and removes everything it
/// made. It creates only its own uniquely named folder and never deletes anything it did not make.
/// </summary>
internal sealed class LinkProbe(LinkPlatform platform, IScratchSpace scratch)
{
    private readonly ILinkSystem system = platform.Links;

    public IReadOnlyList<ProbeResult> Run(string folder)
    {
        var paths = system.Paths;
        var isWindows = platform.IsWindows;
        var work = paths.Combine(folder, $".linkctl-probe-{Guid.NewGuid():N}"[..27]);
        var targetFile = paths.Combine(work, "target-file");
        var targetFolder = paths.Combine(work, "target-folder");
        var kinds = isWindows
            ? new[] { LinkKindToMake.SymbolicLinkToFile, LinkKindToMake.SymbolicLinkToFolder, LinkKindToMake.Junction, LinkKindToMake.HardLink }
            : [LinkKindToMake.SymbolicLinkToFile, LinkKindToMake.SymbolicLinkToFolder, LinkKindToMake.HardLink];

        try
        {
            scratch.CreateDirectory(work);
            scratch.CreateFile(targetFile);
            scratch.CreateDirectory(targetFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The one classifier decides, from the errno or Win32 code the exception carries.
            var full = LinkClassifier.Classify(OsError.FromException(e, isWindows), LinkOperation.Copy) == FailureKind.NoSpace;
            var setupFailed = full
                ? new LinkctlError(FailureKind.NoSpace, work, $"The probe could not create its test folder in {folder}: {e.Message}",
                    "The file system has no space left (or your quota there is used up), so nothing at all can be made there now; this says nothing about links.",
                    "Free some space there (`df -h`, `quota`), then run `linkctl doctor --probe` again.")
                : new LinkctlError(e is UnauthorizedAccessException ? FailureKind.AccessDenied : FailureKind.Other, work,
                    $"The probe could not create its test folder in {folder}: {e.Message}", "Nothing can be created there by this process.", "Choose a folder you can write to.");
            var cleaned = CleanUp(work, targetFile, targetFolder);
            return kinds.Select(k => new ProbeResult(k, false, cleaned, setupFailed)).ToList();
        }

        var results = new List<(LinkKindToMake Kind, bool Created, bool LinkGone, LinkctlError? Error)>();
        foreach (var kind in kinds)
        {
            var (name, target, requested) = kind switch
            {
                LinkKindToMake.SymbolicLinkToFile => ("symlink-to-file", "target-file", RequestedKind.Symbolic),
                LinkKindToMake.SymbolicLinkToFolder => ("symlink-to-folder", "target-folder", RequestedKind.Symbolic),
                LinkKindToMake.Junction => ("junction", targetFolder, RequestedKind.Junction),
                _ => ("hard-link", targetFile, RequestedKind.Hard),
            };
            var link = paths.Combine(work, name);
            var outcome = new LinkMaker(platform.WithCurrentDirectory(work)).Make(new LinkRequest(link, target) { Kind = requested, Fallback = FallbackPolicy.None }, dryRun: false);
            var created = outcome.Result == CreationResult.Created;
            results.Add((kind, created, RemoveProbeLink(link), outcome.Error));
        }

        var allClean = CleanUp(work, targetFile, targetFolder);
        return results.Select(r => new ProbeResult(r.Kind, r.Created, r.LinkGone && allClean, r.Error)).ToList();
    }

    /// <summary>Removes the test link if one is there; true when nothing remains at its name.</summary>
    private bool RemoveProbeLink(string link)
    {
        var entry = system.GetEntry(link);
        if (!entry.Exists)
        {
            return true;
        }

        // Only what the probe itself made can be here: a link, or a file that is a hard link to its target file.
        if (entry.Type is EntryType.SymbolicLink or EntryType.Junction or EntryType.File)
        {
            system.RemoveLink(link);
        }

        return !system.GetEntry(link).Exists;
    }

    private bool CleanUp(string work, string targetFile, string targetFolder)
    {
        try
        {
            // Never recursive: each folder is removed only if empty, so nothing unexpected is lost.
            scratch.DeleteFile(targetFile);
            scratch.DeleteEmptyDirectory(targetFolder);
            scratch.DeleteEmptyDirectory(work);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
