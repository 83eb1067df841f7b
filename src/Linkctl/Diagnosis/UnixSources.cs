using Linkctl.Errors;
using Linkctl.Interop.Unix;

namespace Linkctl.Diagnosis;

/// <summary>Linux facts from /proc and access(2). The file names are properties so a test can point them elsewhere.</summary>
internal sealed class UnixSources
{
    public string ProtectedSymlinksFile { get; init; } = "/proc/sys/fs/protected_symlinks";

    public string ProtectedHardlinksFile { get; init; } = "/proc/sys/fs/protected_hardlinks";

    public string WslInteropFile { get; init; } = "/proc/sys/fs/binfmt_misc/WSLInterop";

    public string ProcVersionFile { get; init; } = "/proc/version";

    public string MountInfoFile { get; init; } = "/proc/self/mountinfo";

    public int? ReadInt(string file)
    {
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool IsWsl()
    {
        if (File.Exists(WslInteropFile))
        {
            return true;
        }

        try
        {
            return File.ReadAllText(ProcVersionFile).Contains("microsoft", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>WSL's Windows drives: drvfs (WSL1) or 9p served as drvfs (WSL2), from mountinfo.</summary>
    public IReadOnlyList<string> WindowsDriveMounts()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(MountInfoFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var mounts = new List<string>();
        foreach (var line in lines)
        {
            // "... mountpoint options ... - fstype source superoptions"
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0)
            {
                continue;
            }

            var before = line[..dash].Split(' ');
            var after = line[(dash + 3)..].Split(' ');
            if (before.Length < 5 || after.Length < 2)
            {
                continue;
            }

            var type = after[0];
            var isDrive = type == "drvfs" || (type == "9p" && (after[1] == "drvfs" || (after.Length > 2 && after[2].Contains("aname=drvfs", StringComparison.Ordinal))));
            if (isDrive)
            {
                mounts.Add(before[4].Replace("\\040", " ", StringComparison.Ordinal));
            }
        }

        return mounts;
    }

    /// <summary>access(2) with W_OK: whether this process may create entries in the folder; the errno when not.</summary>
    public (bool? Writable, string Detail) CanWrite(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return (null, "not checked on this OS");
        }

        if (LibC.Access(folder, LibC.W_OK | LibC.X_OK) == 0)
        {
            return (true, "access(2) W_OK|X_OK succeeded");
        }

        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == LibC.EROFS ? (false, "read-only file system (EROFS)") : (false, $"access(2): {OsError.Errno(errno)}");
    }

    /// <summary>Sticky (01000) and writable by others (0002): the folders where protected_symlinks applies.</summary>
    public static bool IsStickyWorldWritable(uint? mode) => mode is { } m && (m & 0x200) != 0 && (m & 0x2) != 0;
}
