namespace Linkctl.Cli.Output;

/// <summary>The terminal's width in columns, for output that must not wrap.</summary>
internal static class TerminalSize
{
    /// <summary>When nothing says otherwise: the classic terminal width.</summary>
    public const int DefaultWidth = 80;

    /// <summary>
    /// The width of the terminal on standard output (.NET asks it with TIOCGWINSZ, or the
    /// console buffer on Windows); else $COLUMNS; else 80. Read once per use: a table sized at
    /// its start keeps that size, so rows stay aligned if the window is resized meanwhile.
    /// </summary>
    public static int Width
    {
        get
        {
            if (!Console.IsOutputRedirected)
            {
                try
                {
                    if (Console.WindowWidth is > 0 and var width)
                    {
                        return width;
                    }
                }
                catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
                {
                    // No console to ask (a service, a detached process): fall through.
                }
            }

            return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : DefaultWidth;
        }
    }
}
