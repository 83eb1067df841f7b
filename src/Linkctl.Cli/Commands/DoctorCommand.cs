using System.CommandLine;
using System.Globalization;
using Linkctl.Cli.Output;
using Linkctl.Diagnosis;
using Linkctl.Platform;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl doctor [PATH]</c>: can a link be made here, why not, and how to fix it.</summary>
internal sealed class DoctorCommand : Command
{
    private readonly Argument<string?> path = new("PATH") { Description = "The folder where links would be made (default: the current folder); with --target, the link to make.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> target = new("--target", "-t") { Description = "Check one intended link: PATH is the link, TARGET what it points to (already exists, swapped arguments, junction to a share, SymlinkEvaluation class)." };
    private readonly Option<bool> probe = new("--probe") { Description = "Really make, read back and remove a test link of each kind in PATH. Without it, doctor changes nothing." };

    public DoctorCommand()
        : base("doctor", "Say whether symbolic links, junctions and hard links can be made at PATH, why not, and the fixes (least privilege first). Exit 0 when a symbolic link can be made now, 1 when not.")
    {
        Arguments.Add(path);
        Options.Add(target);
        Options.Add(probe);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var gatherer = new DoctorGatherer(CliPlatform.Current);
        var facts = gatherer.Gather(result.GetValue(path), result.GetValue(target), result.GetValue(probe));
        var report = Diagnoser.Diagnose(facts);
        if (mode == OutputMode.Json)
        {
            CliJson.Write(report, DiagnosisJson.Default.DoctorReport);
        }
        else
        {
            foreach (var line in Lines(report))
            {
                Console.Out.WriteLine(line);
            }
        }

        return report.SymbolicLinkPossibleNow ? ExitCodes.Ok : ExitCodes.Finding;
    }

    internal static IEnumerable<string> Lines(DoctorReport report)
    {
        var f = report.Facts;
        yield return $"linkctl doctor: {Terminal.Visible(f.Path)}";
        foreach (var v in report.Verdicts)
        {
            yield return $"  {KindName(v.Kind),-26} {Text(v.Verdict)}";
        }

        // Kinds with the same verdict, reason, fixes and notes are shown once, under all their
        // names: the same advice is not repeated line for line.
        var groups = report.Verdicts.Where(v => v.Verdict != Verdict.NotApplicable)
            .GroupBy(v => (v.Verdict, v.Reason, Fixes: string.Join('\n', v.Fixes.Select(f => f.Id + f.Text)), Notes: string.Join('\n', v.Notes)));
        foreach (var group in groups)
        {
            var v = group.First();
            yield return string.Empty;
            yield return $"{string.Join(" and ", group.Select(g => KindName(g.Kind)))}: {Text(v.Verdict)}";
            yield return $"  why: {Terminal.Visible(v.Reason)}";
            for (var i = 0; i < v.Fixes.Count; i++)
            {
                var fix = v.Fixes[i];
                var commands = fix.Commands.Count == 0 ? string.Empty : "  [" + string.Join(" | ", fix.Commands) + "]";
                yield return $"  fix {i + 1} ({Privilege(fix.Privilege)}): {fix.Text}{commands}";
            }

            foreach (var note in v.Notes)
            {
                yield return $"  note: {Terminal.Visible(note)}";
            }
        }

        if (report.GitNotes.Count > 0)
        {
            yield return string.Empty;
            yield return "git work tree:";
            foreach (var note in report.GitNotes)
            {
                yield return $"  note: {Terminal.Visible(note)}";
            }
        }

        yield return string.Empty;
        yield return "facts:";
        foreach (var (key, value) in Facts(f))
        {
            yield return $"  {key}: {value}";
        }
    }

    private static IEnumerable<(string, string)> Facts(DoctorFacts f)
    {
        yield return ("host", f.Host.ToString().ToLowerInvariant());
        yield return ("folder", Terminal.Visible(f.Folder) + (f.FolderExists ? string.Empty : " (does not exist)"));
        var v = f.Volume;
        var name = v.OnDiskFormat is null ? v.FileSystem : $"{v.DisplayName} (mounted as {v.FileSystem}; format read from its boot sector)";
        yield return ("file system", $"{name} at {Terminal.Visible(v.Root)} ({v.Location.ToString().ToLowerInvariant()}{(v.ReadOnly ? ", read-only" : string.Empty)})");
        yield return ("stores symbolic links", YesNo(v.SupportsSymbolicLinks));
        yield return ("stores hard links", YesNo(v.SupportsHardLinks));
        if (v.SupportsReparsePoints is not null)
        {
            yield return ("FILE_SUPPORTS_REPARSE_POINTS", YesNo(v.SupportsReparsePoints));
        }

        if (v.Detail is not null)
        {
            yield return ("volume detail", Terminal.Visible(v.Detail));
        }

        yield return ("writable", YesNo(f.Writable) + (f.WritableDetail is null ? string.Empty : $" ({f.WritableDetail})"));
        if (f.Intended is { } i)
        {
            yield return ("link", Terminal.Visible(i.Link));
            yield return ("target", $"{Terminal.Visible(i.Target)} ({(i.TargetExists ? i.TargetIsDirectory ? "folder" : "file" : "missing")}; {i.TargetVolume.DisplayName} at {Terminal.Visible(i.TargetVolume.Root)}, {i.TargetVolume.Location.ToString().ToLowerInvariant()})");
            yield return ("same volume", YesNo(i.SameVolume));
        }

        if (f.Git is { } g)
        {
            yield return ("git core.symlinks", $"{g.CoreSymlinksRepository ?? "not set"} in the repository, {g.CoreSymlinksGlobal ?? "not set"} globally");
            yield return ("git links", g.Problem is null ? $"{g.IndexLinks} in the index here: {g.Links} link(s), {g.Stubs} stub(s), {g.EditedStubs} edited stub(s)" : Terminal.Visible(g.Problem));
        }

        if (f.Windows is { } w)
        {
            yield return ("Windows build", w.OsBuild == 0 ? "unknown" : w.OsBuild.ToString(CultureInfo.InvariantCulture) + (w.UnprivilegedFlagSupported ? " (knows the unprivileged flag 0x2)" : $" (older than {WindowsFacts.UnprivilegedFlagBuild}: no unprivileged flag)"));
            var d = w.DeveloperMode;
            yield return ("Developer Mode", $"{(d.Enabled ? "on" : "off")} (local value {Dword(d.LocalValue)}, policy value {Dword(d.PolicyValue)}{(d.SetByPolicy ? "; the policy wins" : string.Empty)}){Err(d.Error)}");
            var t = w.Token;
            yield return ("user", t.User ?? "unknown");
            yield return ("elevation", $"{t.ElevationType.ToString().ToLowerInvariant()} (elevated: {YesNo(t.Elevated)}; administrator: {YesNo(t.IsAdministrator)}){Err(t.Error)}");
            yield return ("SeCreateSymbolicLinkPrivilege in token", YesNo(t.HoldsSymlinkPrivilege));
            var r = w.Right;
            yield return ("right assigned in LSA", YesNo(r.AssignedToUser) + (r.AssignedThrough.Count > 0 ? $" (through {string.Join(", ", r.AssignedThrough)})" : string.Empty) + Err(r.UnknownReason));
            yield return ("right defined by a GPO", YesNo(r.GpoDefines) + (r.GpoName is null ? string.Empty : $" ({r.GpoName}: {string.Join(", ", r.GpoAccounts)})"));
            yield return ("mapped network drive", YesNo(w.MappedDrive));
            var e = w.Evaluation;
            var set = e.InForce switch
            {
                EvaluationSet.Policy => "the policy's values in force",
                EvaluationSet.Local => "the local values in force",
                _ => "no complete set: defaults in force",
            };
            var ignored = e.Ignored.Count == 0 ? string.Empty : "; " + string.Join("; ", e.Ignored);
            yield return ("SymlinkEvaluation", string.Join(" ", Enum.GetValues<EvaluationClass>().Select(c => $"{c}:{(e.Enabled(c) ? 1 : 0)}")) + $" ({set}{ignored})" + Err(e.Error));
            yield return ("classes that matter here", string.Join(", ", e.Relevant));
        }

        if (f.Unix is { } u)
        {
            yield return ("running as root", YesNo(u.IsRoot));
            yield return ("fs.protected_symlinks", Dword(u.ProtectedSymlinks) + (u.StickyWorldWritable ? " (this folder is sticky and world-writable)" : string.Empty));
            yield return ("fs.protected_hardlinks", Dword(u.ProtectedHardlinks));
            yield return ("WSL", YesNo(u.Wsl) + (u.WindowsDriveMounts.Count > 0 ? $" (Windows drives: {string.Join(", ", u.WindowsDriveMounts)})" : string.Empty) + (u.OnWindowsDrive ? "; PATH is on a Windows drive" : string.Empty));
        }

        if (f.Probe is { } probes)
        {
            foreach (var p in probes)
            {
                var what = p.Created ? "made, read back" : $"not made: {p.Error?.What}{(p.Error?.OsError is { } os ? $" [{os}]" : string.Empty)}";
                yield return ($"probe {KindName(p.Kind)}", $"{what}{(p.Removed ? "; removed" : "; NOT fully removed")}");
            }
        }
        else
        {
            yield return ("probe", "not run (add --probe to make, read back and remove a test link of each kind)");
        }
    }

    private static string Err(string? error) => error is null ? string.Empty : $" [{error}]";

    private static string Dword(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "absent";

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        _ => "unknown",
    };

    internal static string KindName(LinkKindToMake kind) => kind switch
    {
        LinkKindToMake.SymbolicLinkToFile => "symbolic link to a file",
        LinkKindToMake.SymbolicLinkToFolder => "symbolic link to a folder",
        LinkKindToMake.Junction => "junction",
        _ => "hard link",
    };

    private static string Text(Verdict verdict) => verdict switch
    {
        Verdict.Can => "can",
        Verdict.OnlyElevated => "only when elevated",
        Verdict.Cannot => "cannot",
        Verdict.Unknown => "unknown (try --probe)",
        _ => "not applicable",
    };

    private static string Privilege(FixPrivilege privilege) => privilege switch
    {
        FixPrivilege.None => "no privilege",
        FixPrivilege.User => "you",
        FixPrivilege.AdministratorOnce => "administrator, once",
        FixPrivilege.ElevatedEachTime => "elevated, each time",
        _ => "policy administrator",
    };
}
