using System.CommandLine;

namespace Linkctl.Cli.Commands;

/// <summary>Options every verb understands.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON on standard output (field names: docs/json.md). Errors still go to stderr as text too.",
        Recursive = true,
    };

    public static Option<bool> DryRun() => new("--dry-run", "-n")
    {
        Description = "Change nothing; say what would be done.",
    };
}
