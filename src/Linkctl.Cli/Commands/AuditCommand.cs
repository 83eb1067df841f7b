using System.CommandLine;
using System.Text.Json.Serialization;
using Linkctl.Audit;
using Linkctl.Cli.Output;
using Linkctl.Errors;
using Linkctl.Security;
using Linkctl.Security.Inf;
using Linkctl.Security.Stig;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl audit</c>: the symlink right against the DISA STIG, and risky links in a tree.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand()
        : base("audit", "Compliance and risk checks: who may create symbolic links (DISA STIG), and risky links in a tree. Exit 0 clean, 1 findings (audit links: 8 when not everything could be examined).")
    {
        Subcommands.Add(Policy());
        Subcommands.Add(Links());
    }

    private static Command Policy()
    {
        var stig = new Option<bool>("--stig") { Description = "Check against the DISA STIG rule for this Windows (the only policy check today, so also the default)." };
        var inf = new Option<FileInfo?>("--inf") { Description = "Audit an exported template (secedit /export) instead of this machine; runs on any OS." };
        var hyperV = new Option<bool>("--hyper-v") { Description = "Hyper-V is in approved use: NT VIRTUAL MACHINE\\Virtual Machines (S-1-5-83-0) may hold the right." };
        var os = new Option<string?>("--os") { Description = "The Windows release the template comes from: win10, win11, server2016, server2019, server2022, server2025." };
        var command = new Command("policy", "Check who holds \"Create symbolic links\": any holder but Administrators is a STIG finding (CAT II).");
        command.Options.Add(stig);
        command.Options.Add(inf);
        command.Options.Add(hyperV);
        command.Options.Add(os);
        command.SetAction(r => RunPolicy(r, r.GetValue(inf), r.GetValue(hyperV), r.GetValue(os)));
        return command;
    }

    private static Command Links()
    {
        var root = new Argument<string>("ROOT") { Description = "The folder tree to audit." };
        var command = new Command("links", "Find risky links under ROOT: planted links, links into system or other users' folders, remote targets, absolute links leaving ROOT, hard links to others' files. Exit 0 clean, 1 findings, 8 when something could not be examined or decided (and nothing was found).");
        command.Arguments.Add(root);
        command.SetAction(r => RunLinks(r, r.GetValue(root)!));
        return command;
    }

    private static int RunPolicy(ParseResult r, FileInfo? inf, bool hyperV, string? osText)
    {
        var mode = Terminal.ModeFor(r.GetValue(CommonOptions.Json));
        WindowsRelease release;
        if (osText is not null)
        {
            if (WindowsVersion.Parse(osText) is not { } parsed)
            {
                return ErrorOutput.Fail(new LinkctlError(FailureKind.InvalidInput, string.Empty, $"Unknown --os '{osText}'.", "Known: win10, win11, server2016, server2019, server2022, server2025.", "Pass one of those."), mode);
            }

            release = parsed;
        }
        else
        {
            release = CliPlatform.OrNull?.Windows?.Release ?? WindowsRelease.Unknown;
        }

        var lsa = CliPlatform.OrNull?.Windows?.Rights;
        IReadOnlyList<RightHolder> holders;
        var notes = new List<string>();
        if (inf is not null)
        {
            if (RightsCommand.LoadTemplate(inf.FullName, mode, out var failed) is not { } template)
            {
                return failed;
            }

            var accounts = template.GetRight(StigCatalog.SymlinkRight);
            if (accounts is null)
            {
                notes.Add($"{inf.Name} does not define {StigCatalog.SymlinkRight}: in a secedit export that means nobody holds it.");
            }

            // Off Windows, names can only be matched against the English well-known names.
            holders = SymlinkRightCheck.HoldersFrom(
                accounts ?? [],
                name => lsa?.LookupName(name).ValueOr(null)?.Sid ?? WellKnownAccounts.SidOf(name),
                sid => lsa?.LookupSid(sid).ValueOr(null)?.Name ?? WellKnownAccounts.NameOf(sid));
        }
        else if (lsa is null)
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.NotSupported, string.Empty,
                "Auditing this machine's policy needs Windows.", "User rights are a Windows (LSA) setting.",
                "Export the policy on the Windows machine (secedit /export /areas USER_RIGHTS /cfg f.inf) and run 'linkctl audit policy --inf f.inf --os win11' here."), mode);
        }
        else
        {
            var live = lsa.ListHolders(StigCatalog.SymlinkRight);
            if (!live.Succeeded)
            {
                return ErrorOutput.Fail(new LinkctlError(RightsApplier.KindOf(live.Error), string.Empty, "LSA did not list who holds the right.",
                    $"LsaEnumerateAccountsWithUserRight answered {live.Error}.", RightsApplier.NextStepFor(live.Error), live.Error), mode);
            }

            holders = live.Value.Select(h => new RightHolder(h.Sid, h.Name)).ToList();
        }

        var result = SymlinkRightCheck.Evaluate(release, holders, hyperV);
        result = result with { Notes = [.. notes, .. result.Notes] };
        if (mode == OutputMode.Json)
        {
            CliJson.Write(result, AuditJson.Default.StigCheckResult);
        }
        else
        {
            var rule = result.Rule is { } ru ? $"{ru.StigId} ({ru.VulnId}, {ru.Severity})" : "no STIG rule";
            Console.Out.WriteLine($"{WindowsVersion.DisplayName(release)}: {rule}: {(result.Status == StigStatus.Compliant ? "compliant" : $"{result.Findings.Count} finding(s)")}");
            Console.Out.WriteLine($"holders: {(holders.Count == 0 ? "nobody" : string.Join(", ", holders))}");
            foreach (var f in result.Findings)
            {
                Console.Out.WriteLine($"[{f.Severity}] {f.RuleId ?? "-"} {f.VulnId ?? "-"} {f.Account}");
                Console.Out.WriteLine($"  why: {f.Why}");
                Console.Out.WriteLine($"  fix: {f.Fix}");
            }

            foreach (var n in result.Notes)
            {
                Console.Out.WriteLine($"note: {n}");
            }
        }

        return result.Status == StigStatus.Compliant ? ExitCodes.Ok : ExitCodes.Finding;
    }

    private static int RunLinks(ParseResult r, string root)
    {
        var mode = Terminal.ModeFor(r.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        var full = platform.Paths.GetFullPath(root, platform.CurrentDirectory);
        if (!platform.Links.GetEntry(full).Exists)
        {
            return ErrorOutput.Fail(new LinkctlError(FailureKind.NotFound, full, $"{full} does not exist.", "ROOT must be a folder.", "Check the path."), mode);
        }

        var report = new LinkAuditor(platform).Audit(full);
        if (mode == OutputMode.Json)
        {
            CliJson.Write(report, AuditJson.Default.LinkAuditReport);
        }
        else
        {
            foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
            {
                Console.Out.WriteLine($"[{f.Severity.ToString().ToLowerInvariant()}] {Terminal.Visible(f.Path)}{(f.Target is null ? string.Empty : " -> " + Terminal.Visible(f.Target))}");
                Console.Out.WriteLine($"  {f.Rule}: {f.Why}");
            }

            foreach (var u in report.Undetermined)
            {
                Console.Out.WriteLine($"[unknown] {Terminal.Visible(u.Path)}{(u.Target is null ? string.Empty : " -> " + Terminal.Visible(u.Target))}");
                Console.Out.WriteLine($"  {u.Rule} ({u.Severity.ToString().ToLowerInvariant()} if so): {u.Why}");
            }

            foreach (var u in report.Unknown)
            {
                Console.Error.WriteLine($"linkctl: unknown: {Terminal.Visible(u)}");
            }

            foreach (var p in report.Problems)
            {
                Console.Error.WriteLine($"linkctl: not examined: {p}");
            }

            var verdict = $"{report.Findings.Count} finding(s)";
            if (report.Undetermined.Count > 0 || report.Problems.Count > 0)
            {
                verdict += $", not clean: {report.Undetermined.Count} undetermined, {report.Problems.Count} not examined";
            }
            else if (report.Unknown.Count > 0)
            {
                verdict += $" ({report.Unknown.Count} fact(s) unreadable, none of them could make a finding)";
            }

            Console.Out.WriteLine($"{report.LinksExamined} link(s) examined, {verdict}");
        }

        return ExitCodeOf(report);
    }

    /// <summary>1 on findings; 8 when nothing was found but something could not be examined or decided; 0 only when clean.</summary>
    internal static int ExitCodeOf(LinkAuditReport report) =>
        report.Findings.Count > 0 ? ExitCodes.Finding
        : report.IsClean ? ExitCodes.Ok
        : ExitCodes.OsError;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StigCheckResult))]
[JsonSerializable(typeof(LinkAuditReport))]
internal sealed partial class AuditJson : JsonSerializerContext;
