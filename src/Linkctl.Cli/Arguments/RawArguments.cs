using System.Text;
using Linkctl.Scanning;

namespace Linkctl.Cli.Arguments;

/// <summary>
/// The command line as the bytes the user typed. On Unix an argument is a byte string, and .NET
/// decodes argv as UTF-8 with U+FFFD in place of every byte that is not UTF-8, so a name such as
/// "l\xff" would reach the disk as "l\xef\xbf\xbd", another name (issue 10). Where an argument
/// holds U+FFFD, the raw argv is read again (Linux: /proc/self/cmdline) and each argument is
/// re-decoded with surrogateescape (<see cref="RawPath.ToOsText"/>), which the Unix backend's
/// marshaller turns back into the exact bytes.
/// </summary>
internal static partial class RawArguments
{
    /// <summary>
    /// The arguments with their raw bytes where the runtime lost some; <paramref name="args"/>
    /// itself when none holds U+FFFD, or when the raw argv cannot be read or matched to them.
    /// </summary>
    public static string[] Recover(string[] args)
    {
        if (!args.Any(a => a.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            return args;
        }

        return ReadRawArgv() is { } raw ? Match(args, raw) : args;
    }

    /// <summary>
    /// Pure: the argv tail that <paramref name="args"/> was decoded from, re-decoded losslessly.
    /// argv starts with the host and its own options (`dotnet linkctl.dll ...`), so only its last
    /// args.Length entries are the program's; each must decode (lossily, as the runtime does) to
    /// exactly the argument it replaces, else nothing is replaced: a raw argv that does not match
    /// (rewritten by the process, a different launcher) must never swap one name for another.
    /// </summary>
    public static string[] Match(string[] args, IReadOnlyList<byte[]> argv)
    {
        if (argv.Count < args.Length)
        {
            return args;
        }

        var offset = argv.Count - args.Length;
        var recovered = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var bytes = argv[offset + i];
            if (!string.Equals(Encoding.UTF8.GetString(bytes), args[i], StringComparison.Ordinal))
            {
                return args;
            }

            recovered[i] = RawPath.ToOsText(bytes);
        }

        return recovered;
    }

    /// <summary>Splits a NUL-separated argv block (/proc/PID/cmdline): every entry ends with NUL.</summary>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> block)
    {
        var entries = new List<byte[]>();
        while (!block.IsEmpty)
        {
            var end = block.IndexOf((byte)0);
            if (end < 0)
            {
                // No final NUL: the process rewrote its argv (setproctitle); the last entry is kept as read.
                entries.Add(block.ToArray());
                break;
            }

            entries.Add(block[..end].ToArray());
            block = block[(end + 1)..];
        }

        return entries;
    }

    private static partial IReadOnlyList<byte[]>? ReadRawArgv();
}
