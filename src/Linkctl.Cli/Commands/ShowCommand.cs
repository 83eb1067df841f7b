using System.CommandLine;
using Linkctl.Cli.Output;
using Linkctl.Inspection;
using Linkctl.Links;
using Linkctl.Platform;
using Spectre.Console;

namespace Linkctl.Cli.Commands;

/// <summary><c>linkctl show PATH</c>: what a path is, where it leads, and whether that works.</summary>
internal sealed class ShowCommand : Command
{
    private readonly Argument<string> path = new("PATH") { Description = "The link (or any path) to inspect. It is never followed at its last component." };

    public ShowCommand()
        : base("show", "Show what a link is: kind, stored and resolved target, status; every name of a hard-linked file.")
    {
        Arguments.Add(path);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var mode = Terminal.ModeFor(result.GetValue(CommonOptions.Json));
        var platform = CliPlatform.Current;
        // The link the kernel would find at PATH: folders on the way resolved, the last name not followed.
        var full = PhysicalPaths.Resolve(platform.Links, result.GetValue(path)!, platform.CurrentDirectory).Path;
        var (report, error) = new LinkInspector(platform).Inspect(full);
        if (report is null)
        {
            return ErrorOutput.Fail(error!, mode);
        }

        switch (mode)
        {
            case OutputMode.Json:
                CliJson.Write(report, CliJson.Default.LinkReport);
                break;
            case OutputMode.Terminal:
                var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
                foreach (var (key, value) in Lines(report))
                {
                    grid.AddRow(new Markup($"[bold]{Terminal.Escape(key)}[/]"), new Text(value));
                }

                Terminal.Rich.Write(grid);
                break;
            default:
                foreach (var (key, value) in Lines(report))
                {
                    Console.Out.WriteLine($"{key}: {value}");
                }

                break;
        }

        return report.Status is LinkStatus.Ok or LinkStatus.NotALink ? ExitCodes.Ok : ExitCodes.Finding;
    }

    /// <summary>The report as "key: value" lines; the same keys in plain and rich output.</summary>
    internal static IEnumerable<(string Key, string Value)> Lines(LinkReport r)
    {
        yield return ("path", Terminal.Visible(r.Path));
        yield return ("kind", KindText(r));
        if (r.StoredTarget is not null)
        {
            yield return ("target", Terminal.Visible(r.StoredTarget) + (r.IsRelative == true ? "  (relative)" : "  (absolute)"));
        }

        if (r.TargetFullPath is not null)
        {
            yield return ("resolves to", Terminal.Visible(r.TargetFullPath));
        }

        if (r.FinalPath is not null && r.FinalPath != r.TargetFullPath)
        {
            yield return ("final path", Terminal.Visible(r.FinalPath));
        }

        yield return ("status", StatusText(r));
        if (r.ReparseTagName is not null)
        {
            yield return ("reparse tag", $"{r.ReparseTagName} (0x{r.ReparseTag:X8})");
        }

        if (r.LinkCount is { } count && (r.Kind == LinkKind.HardLink || r.EntryType == EntryType.File))
        {
            yield return ("names", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (r.Names is not null)
        {
            foreach (var name in r.Names)
            {
                yield return ("  name", Terminal.Visible(name));
            }
        }
        else if (r.NamesUnavailable is not null)
        {
            yield return ("other names", r.NamesUnavailable);
        }

        if (r.PackageId is not null)
        {
            yield return ("package", r.PackageId);
            yield return ("app id", r.AppId ?? string.Empty);
        }

        if (r.Problem is not null)
        {
            yield return ("problem", r.Problem);
        }

        foreach (var note in r.Notes)
        {
            yield return ("note", note);
        }
    }

    private static string KindText(LinkReport r) => r.Kind switch
    {
        LinkKind.SymbolicLink => r.IsDirectory ? "symbolic link to a folder" : r.Status == LinkStatus.Ok ? "symbolic link to a file" : "symbolic link",
        LinkKind.Junction => "junction (folder link)",
        LinkKind.VolumeMountPoint => "volume mount point",
        LinkKind.HardLink => $"hard-linked file ({r.LinkCount} names)",
        LinkKind.AppExecutionAlias => "app execution alias",
        LinkKind.WslSymlink => "WSL symbolic link",
        LinkKind.OtherReparsePoint => $"reparse point {r.ReparseTagName} (not a link)",
        _ => r.EntryType switch
        {
            EntryType.Directory => "folder (not a link)",
            EntryType.File => "file (not a link)",
            EntryType.Special => "device, FIFO or socket (not a link)",
            _ => "not a link",
        },
    };

    private static string StatusText(LinkReport r)
    {
        var text = r.Status switch
        {
            LinkStatus.Ok => "ok",
            LinkStatus.Broken => "broken: the target does not exist",
            LinkStatus.Loop => "loop: following it never ends",
            LinkStatus.AccessDenied => "access denied on the way to the target",
            LinkStatus.EvaluationDisabled => "blocked: Windows' SymlinkEvaluation forbids following this class of link",
            _ => "not a link",
        };
        return r.StatusError is null ? text : $"{text} ({r.StatusError.Name} {r.StatusError.Code})";
    }
}
