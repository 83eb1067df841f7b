namespace Linkctl.Cli.Output;

/// <summary>How a command writes its answer.</summary>
public enum OutputMode
{
    /// <summary>Tables and colour (Spectre.Console): standard output is a terminal.</summary>
    Terminal,
    /// <summary>Plain lines, no colour, no decoration: output is piped or redirected, or TERM=dumb.</summary>
    Plain,
    /// <summary>--json: machine-readable, documented field names.</summary>
    Json,
}
