using System.Globalization;
using Linkctl.Cli.Output;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;

namespace Linkctl.Cli.Commands;

/// <summary>
/// <c>rm -r DIR...</c> and <c>rm --links-only DIR...</c> (the tree delete, <see cref="TreeRemover"/>):
/// like rm -r, it deletes at once when standard input or output is not a terminal; on a terminal it
/// first counts and shows what would go and asks, unless --yes. --dry-run only counts (-v: every entry).
/// </summary>
internal static class RmTreeOutput
{
    public static int Run(IReadOnlyList<string> operands, TreeRemovalMode treeMode, bool dry, bool yes, bool verbose, OutputMode mode)
    {
        var platform = CliPlatform.Current;
        var codes = new List<int>(operands.Count);
        var linkRemover = treeMode == TreeRemovalMode.LinksOnly ? new LinkRemover(platform) { Journal = dry ? null : UndoJournal.ForCurrentUser() } : null;
        foreach (var operand in operands)
        {
            // As rm: "." and ".." (also "dir/.", "./") are refused, never resolved to the folder they stand for.
            var trimmed = operand.TrimEnd(platform.IsWindows ? ['/', '\\'] : ['/']);
            if (trimmed.Length > 0 && platform.Paths.GetFileName(trimmed) is "." or "..")
            {
                codes.Add(ErrorOutput.Fail(new Linkctl.Errors.LinkctlError(Linkctl.Errors.FailureKind.InvalidInput, operand,
                    $"linkctl will not delete '{Terminal.Visible(operand)}': it ends in '.' or '..'.",
                    "rm -r refuses these too: they stand for a folder by another name (the current one, or its parent).",
                    "Name the folder by its own name or full path."), mode));
                continue;
            }

            var full = PhysicalPaths.Resolve(platform.Links, operand, platform.CurrentDirectory).Path;
            var ask = !dry && !yes && mode != OutputMode.Json && !Console.IsInputRedirected && !Console.IsOutputRedirected;
            if (ask)
            {
                var counted = new TreeRemover(platform) { LinkRemover = linkRemover }.Remove(full, treeMode, dryRun: true);
                PrintSummary(counted);
                if (!Confirm(counted))
                {
                    Console.Out.WriteLine($"Nothing deleted in {Terminal.Visible(full)}.");
                    codes.Add(ExitCodes.Ok);
                    continue;
                }
            }

            var remover = new TreeRemover(platform)
            {
                LinkRemover = linkRemover,
                OnEntry = verbose && mode != OutputMode.Json ? e => Console.Out.WriteLine(Line(e, dry)) : null,
            };
            var summary = remover.Remove(full, treeMode, dry);
            foreach (var problem in summary.Problems)
            {
                ErrorOutput.Print(problem.Error);
            }

            if (mode == OutputMode.Json)
            {
                CliJson.Write(ToJson(summary), CliJson.Default.TreeRemovalJson);
            }
            else if (!ask || dry || summary.Problems.Count > 0 || summary.MountsLeft.Count > 0)
            {
                PrintSummary(summary);
            }

            if (summary.RunId is { } run && summary.LinkTotal > 0 && mode != OutputMode.Json)
            {
                Console.Error.WriteLine($"linkctl: recorded as run {run}: `linkctl rm --undo` puts the removed link(s) back");
            }

            codes.Add(CodeOf(summary));
        }

        return ExitCodes.Worst(codes);
    }

    /// <summary>0 only when everything asked went; else the worst problem's code, and 4 (refused) for a mount left under DIR.</summary>
    internal static int CodeOf(TreeRemovalSummary summary) => ExitCodes.Worst(
        summary.Problems.Select(p => ExitCodes.For(p.Error.Kind)).Append(summary.MountsLeft.Count > 0 ? ExitCodes.Refused : ExitCodes.Ok));

    private static bool Confirm(TreeRemovalSummary counted)
    {
        var what = counted.Mode == TreeRemovalMode.LinksOnly ? "Remove these links" : "Delete all of this (it cannot be undone)";
        Console.Out.Write($"{what}? [y/N] ");
        var answer = Console.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    private static void PrintSummary(TreeRemovalSummary s)
    {
        // DIR itself refused or unreachable: no count to give, and "Removed /: 0 files" would read as done.
        if (s.Files == 0 && s.Folders == 0 && s.LinkTotal == 0 && s.Kept == 0 && s.Problems.Count > 0 && s.Problems.All(p => p.Path == s.Path))
        {
            Console.Out.WriteLine($"Nothing {(s.DryRun ? "would be" : "was")} removed at {Terminal.Visible(s.Path)} (see the message above).");
            return;
        }

        var verb = s.DryRun ? "Would remove" : "Removed";
        var links = s.Links.Count == 0 ? "0 links" : $"{s.LinkTotal} links ({string.Join(", ", s.Links.OrderBy(l => l.Key).Select(l => $"{l.Value} {KindName(l.Key)}"))})";
        var path = Terminal.Visible(s.Path);
        if (s.Mode == TreeRemovalMode.LinksOnly)
        {
            Console.Out.WriteLine($"{verb} under {path}: {links}; kept {s.Kept} entries that are not links. Targets are never touched.");
        }
        else
        {
            var bytes = s.Bytes is { } b ? $", {Bytes(b)}" : string.Empty;
            Console.Out.WriteLine($"{verb} {path}: {s.Files} files{bytes}, {s.Folders} folders, {links}. Links are removed, never followed.");
        }

        foreach (var mount in s.MountsLeft)
        {
            Console.Out.WriteLine($"Left {Terminal.Visible(mount)}: another file system is mounted there; linkctl never deletes into a mount, and the folder it is mounted on stays.");
        }

        if (s.Problems.Count > 0)
        {
            Console.Out.WriteLine($"{s.Problems.Count} entries {(s.DryRun ? "could not be examined" : "were not removed")} (see the messages above).");
        }
    }

    private static string Line(TreeEntry e, bool dry)
    {
        var what = e.Action switch
        {
            TreeAction.RemoveLink => KindName(e.Kind ?? LinkKind.SymbolicLink),
            TreeAction.Descend => "folder",
            TreeAction.LeaveMount => "mount point",
            _ => "file",
        };
        var verb = e.Action == TreeAction.LeaveMount ? "left" : dry ? "would remove" : "removed";
        return $"{verb} {what}: {Terminal.Visible(e.Path)}";
    }

    internal static string KindName(LinkKind kind) => kind switch
    {
        LinkKind.SymbolicLink => "symbolic_link",
        LinkKind.Junction => "junction",
        LinkKind.VolumeMountPoint => "volume_mount_point",
        LinkKind.HardLink => "hard_link",
        LinkKind.AppExecutionAlias => "app_execution_alias",
        LinkKind.WslSymlink => "wsl_symlink",
        LinkKind.OtherReparsePoint => "other_reparse_point",
        _ => "none",
    };

    private static string Bytes(long bytes) => bytes < 1024
        ? $"{bytes} bytes"
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({bytes / 1048576.0:0.#} MiB)");

    internal static TreeRemovalJson ToJson(TreeRemovalSummary s) => new(
        s.Path,
        s.Mode == TreeRemovalMode.LinksOnly ? "links_only" : "recursive",
        s.DryRun,
        s.Complete,
        s.Files,
        s.Bytes,
        s.Folders,
        new TreeLinkCountsJson(
            s.Links.GetValueOrDefault(LinkKind.SymbolicLink),
            s.Links.GetValueOrDefault(LinkKind.Junction),
            s.Links.GetValueOrDefault(LinkKind.WslSymlink),
            s.Links.GetValueOrDefault(LinkKind.AppExecutionAlias),
            s.Links.GetValueOrDefault(LinkKind.OtherReparsePoint)),
        s.LinkTotal,
        s.Kept,
        s.MountsLeft,
        s.Problems,
        s.RunId);
}

/// <summary>The summary object of <c>rm -r --json</c> / <c>rm --links-only --json</c> (docs/json.md).</summary>
internal sealed record TreeRemovalJson(
    string Path,
    string Mode,
    bool DryRun,
    bool Complete,
    long Files,
    long? Bytes,
    long Folders,
    TreeLinkCountsJson Links,
    long LinksTotal,
    long Kept,
    IReadOnlyList<string> MountsLeft,
    IReadOnlyList<TreeRemovalProblem> Problems,
    string? RunId);

/// <summary>The links removed, by kind (every kind a tree delete removes is always present; volume mount points are left, never removed).</summary>
internal sealed record TreeLinkCountsJson(long SymbolicLink, long Junction, long WslSymlink, long AppExecutionAlias, long OtherReparsePoint);
