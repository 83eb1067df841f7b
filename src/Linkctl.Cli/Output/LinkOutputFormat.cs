namespace Linkctl.Cli.Output;

/// <summary>How <see cref="LinkWriter"/> writes links (docs/list.md describes each).</summary>
public enum LinkOutputFormat
{
    /// <summary>One JSON object per line (JSON Lines), streamed.</summary>
    JsonLines,
    /// <summary>One tab-separated line per link; names escaped so that one link is always one line.</summary>
    Lines,
    /// <summary>RFC 4180 CSV with a header row; names as their raw bytes (quoted when needed).</summary>
    Csv,
}
