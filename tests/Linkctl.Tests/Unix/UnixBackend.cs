using System.Runtime.Versioning;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Tests.Fixtures;

namespace Linkctl.Tests.Unix;

/// <summary>The live Linux backend, and coreutils' own answers to compare it with.</summary>
[SupportedOSPlatform("linux")]
internal static class UnixBackend
{
    public static UnixLinkSystem Create() => new(PathSyntax.Unix);

    /// <summary>The live copier (<c>new --fallback copy</c>).</summary>
    public static Linkctl.Copying.UnixTreeCopier Copier() => new();

    /// <summary>coreutils stat(1) of the entry itself: device, inode, link count, owner, permission bits (octal), type.</summary>
    public static (ulong Device, ulong Inode, long Links, uint Owner, uint Mode, string Type) Stat(string path)
    {
        var fields = ProcessRunner.Run("stat", "-c", "%d|%i|%h|%u|%a|%F", "--", path).EnsureSuccess().StdOut.TrimEnd('\n').Split('|');
        return (ulong.Parse(fields[0]), ulong.Parse(fields[1]), long.Parse(fields[2]), uint.Parse(fields[3]), Convert.ToUInt32(fields[4], 8), fields[5]);
    }

    /// <summary>findmnt(8)'s answer for the mount holding a path: type, mount point, options.</summary>
    public static (string Type, string Target, string Options) FindMount(string path)
    {
        var lines = ProcessRunner.Run("findmnt", "-n", "-r", "-o", "FSTYPE,TARGET,OPTIONS", "-T", path).EnsureSuccess().StdOut.Split('\n');
        var fields = lines[0].Split(' ');
        return (fields[0], Unescape(fields[1]), fields[2]);
    }

    // findmnt -r writes unsafe characters as \xHH.
    private static string Unescape(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw, @"\\x([0-9a-fA-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
