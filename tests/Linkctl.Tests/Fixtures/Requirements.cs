namespace Linkctl.Tests.Fixtures;

/// <summary>
/// What a test needs from the machine: "root", "linux", "fuse", "wine", or any other name
/// meaning an executable on PATH ("ntfs-3g", "setfattr", "mkfs.exfat", ...).
/// </summary>
internal static class Requirements
{
    /// <summary>Set to 1 in CI so a missing tool fails the run instead of skipping quietly.</summary>
    public const string RequireAllVariable = "LINKCTL_REQUIRE_ALL";

    // How to get each requirement, for the skip message; unknown names get a generic hint.
    private static readonly Dictionary<string, string> HowToGet = new(StringComparer.Ordinal)
    {
        ["root"] = "run the tests as root, e.g. sudo -E dotnet test",
        ["linux"] = "runs only on Linux",
        ["fuse"] = "/dev/fuse is missing; on a container add --device /dev/fuse --cap-add SYS_ADMIN",
        ["wine"] = "apt-get install -y wine wine64",
        ["mingw-w64"] = "apt-get install -y mingw-w64",
        ["ntfs-3g"] = "apt-get install -y ntfs-3g",
        ["mkntfs"] = "apt-get install -y ntfs-3g",
        ["setfattr"] = "apt-get install -y attr",
        ["getfattr"] = "apt-get install -y attr",
        ["mkfs.exfat"] = "apt-get install -y exfatprogs",
        ["mount.exfat-fuse"] = "apt-get install -y exfat-fuse",
        ["losetup"] = "apt-get install -y mount",
        ["zsh"] = "apt-get install -y zsh",
        ["git"] = "apt-get install -y git",
        ["fish"] = "apt-get install -y fish",
        ["pwsh"] = "PowerShell 7 is not in Debian's archive: Microsoft's package repository or `dotnet tool install -g PowerShell`; windows-latest has it",
    };

    // Tools .ci/run cannot install from Debian's archive: LINKCTL_REQUIRE_ALL does not turn their
    // absence into a failure (the skip still says they did not run and why).
    private static readonly HashSet<string> NotInDebian = new(StringComparer.Ordinal) { "pwsh" };

    public static bool RequireAll =>
        Environment.GetEnvironmentVariable(RequireAllVariable) == "1";

    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    public static bool IsPresent(string requirement) => requirement switch
    {
        "root" => IsRoot,
        "linux" => OperatingSystem.IsLinux(),
        "fuse" => File.Exists("/dev/fuse"),
        // Debian's "wine" wrapper insists on wine32; the 64-bit loader is what the tests run.
        "wine" => File.Exists("/usr/lib/wine/wine64") || FindOnPath("wine64") is not null,
        "mingw-w64" => FindOnPath("x86_64-w64-mingw32-gcc") is not null,
        _ => FindOnPath(requirement) is not null,
    };

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd", ".bat", ""] : [""];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir, name + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The skip reason for the first missing requirements, or null when all are present
    /// (or when <see cref="RequireAllVariable"/> forbids skipping: for every requirement but
    /// those Debian cannot install, <see cref="NotInDebian"/>).
    /// </summary>
    public static string? SkipReason(IEnumerable<string> requirements)
    {
        var missing = requirements.Where(r => !IsPresent(r)).ToList();
        if (RequireAll)
        {
            missing.RemoveAll(r => !NotInDebian.Contains(r));
        }

        if (missing.Count == 0)
        {
            return null;
        }

        var parts = missing.Select(r =>
            $"{r}: not present ({HowToGet.GetValueOrDefault(r, $"install it so that '{r}' is on PATH")})");
        return "needs " + string.Join("; ", parts) + (RequireAll
            ? $". {RequireAllVariable}=1 does not apply: Debian's archive does not have it."
            : $". Set {RequireAllVariable}=1 to fail instead of skip.");
    }
}
