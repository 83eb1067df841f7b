namespace Linkctl.Cli.Arguments;

internal static partial class RawArguments
{
    /// <summary>
    /// The process's argv as bytes, where the OS shows it: Linux's /proc/self/cmdline (proc(5):
    /// the arguments as NUL-terminated strings, complete for the process itself). Elsewhere (macOS,
    /// Windows, where arguments are UTF-16 and nothing is lost) null: the decoded args are kept.
    /// </summary>
    private static partial IReadOnlyList<byte[]>? ReadRawArgv()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return Split(File.ReadAllBytes("/proc/self/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // /proc not mounted (a minimal container): the names stay as the runtime decoded them;
            // a name with U+FFFD in it then names a file that does not exist and is refused as such.
            return null;
        }
    }
}
