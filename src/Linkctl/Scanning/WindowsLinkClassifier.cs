using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// Turns one Windows link (its path and what <see cref="WindowsLinkSystem.ReadLink"/> read from
/// it) into a <see cref="LinkRecord"/>: target form, resolved target, status, flags. Shared by
/// the folder walker and the whole-volume reader so both report a link the same way. It sees
/// the disk only through <see cref="WindowsLinkSystem"/>, so it also runs on the simulated Windows.
/// </summary>
internal sealed class WindowsLinkClassifier(ILinkSystem system)
{
    /// <summary>
    /// <paramref name="full"/> is the link's full path, <paramref name="shown"/> the path reported;
    /// <paramref name="rootFull"/> the root that <see cref="LinkFlags.OutsideRoot"/> is judged against.
    /// </summary>
    public ClassifiedLink Classify(string full, string shown, LinkReadResult read, byte[] rootGiven, string rootFull, int depth)
    {
        if (read.Link is not { } link)
        {
            return new ClassifiedLink(null, new ScanProblem(
                RawPath.FromText(shown),
                read.Problem is null ? "cannot read link" : $"cannot read link ({read.Problem})",
                read.Error ?? OsError.Win32(Win32ErrorNames.InvalidReparseData)), null);
        }

        var folder = PathSyntax.Windows.GetDirectoryName(full) ?? full;
        var resolved = link.IsRelative ? PathSyntax.Windows.GetFullPath(link.Target, folder) : link.Target;
        var flags = link.IsRelative ? LinkFlags.Relative : LinkFlags.Absolute;
        if (!PathSyntax.Windows.IsSameOrBelow(resolved, rootFull))
        {
            flags |= LinkFlags.OutsideRoot;
        }

        if (PathSyntax.Windows.IsUnc(resolved))
        {
            flags |= LinkFlags.Remote;
        }

        var status = LinkStatus.Ok;
        var targetType = EntryType.None;
        OsError? error = null;
        var target = system.GetTargetEntry(full);
        if (target.Exists)
        {
            targetType = target.IsDirectory ? EntryType.Directory : target.Type;
            var final = target.FinalPath ?? resolved;
            if (!string.Equals(PathSyntax.Windows.GetRoot(final), PathSyntax.Windows.GetRoot(full), StringComparison.OrdinalIgnoreCase))
            {
                flags |= LinkFlags.CrossesFileSystem;
            }

            if (target.IsDirectory && PathSyntax.Windows.IsSameOrBelow(full, final))
            {
                flags |= LinkFlags.PointsToAncestor;
            }
        }
        else
        {
            error = target.Error;
            status = target.Error?.Code switch
            {
                Win32ErrorNames.AccessDenied => LinkStatus.AccessDenied,
                Win32ErrorNames.CantResolveFilename => LinkStatus.Loop,
                Win32ErrorNames.SymlinkClassDisabled => LinkStatus.EvaluationDisabled,
                _ => LinkStatus.Broken,
            };
            if (error?.Code is Win32ErrorNames.FileNotFound or Win32ErrorNames.PathNotFound)
            {
                error = null;
            }
        }

        var record = new LinkRecord
        {
            Path = RawPath.FromText(shown),
            Root = rootGiven,
            Kind = link.Kind,
            StoredTarget = RawPath.FromText(link.Target),
            ResolvedTarget = RawPath.FromText(resolved),
            Status = status,
            TargetType = targetType,
            Flags = flags,
            Depth = depth,
            Error = error,
        };
        return new ClassifiedLink(record, null, target);
    }
}

/// <summary>A classified link (with what its target turned out to be), or why it could not be read.</summary>
internal readonly record struct ClassifiedLink(LinkRecord? Record, ScanProblem? Problem, EntryFacts? Target);
