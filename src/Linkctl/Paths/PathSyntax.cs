namespace Linkctl.Paths;

/// <summary>
/// The path rules of one OS, as pure string logic. The decision code uses this instead of
/// System.IO.Path so that Windows rules (drive letters, UNC, \\?\, case-insensitive names,
/// reserved device names) are applied, and tested, on Linux too.
/// </summary>
internal abstract class PathSyntax
{
    /// <summary>Win32 rules, usable on any host (the simulated Windows runs on Linux).</summary>
    public static PathSyntax Windows { get; } = new WindowsPathSyntax();

    /// <summary>POSIX rules (Linux, macOS).</summary>
    public static PathSyntax Unix { get; } = new UnixPathSyntax();

    /// <summary>Which OS's rules these are.</summary>
    public abstract OsFlavour Flavour { get; }

    public static PathSyntax For(OsFlavour flavour) => flavour == OsFlavour.Windows ? Windows : Unix;

    /// <summary>The preferred separator: '\' on Windows, '/' on Unix.</summary>
    public abstract char Separator { get; }

    /// <summary>How names compare: case-insensitive on Windows, ordinal on Unix.</summary>
    public abstract StringComparison Comparison { get; }

    /// <summary>True for a path that does not depend on a current folder or drive.</summary>
    public abstract bool IsFullyQualified(string path);

    /// <summary>Resolves <paramref name="path"/> against <paramref name="baseDirectory"/> and removes "." and ".." lexically.</summary>
    public abstract string GetFullPath(string path, string baseDirectory);

    /// <summary>The parent folder of a full path, or null for a root.</summary>
    public abstract string? GetDirectoryName(string path);

    /// <summary>The last component of a path.</summary>
    public abstract string GetFileName(string path);

    public abstract string Combine(string directory, string relative);

    /// <summary>The relative path from a folder to a full path; null when no relative path exists (another drive, another share).</summary>
    public abstract string? GetRelativePath(string fromDirectory, string toPath);

    /// <summary>The root of a full path: "C:\", "\\server\share\", "/".</summary>
    public abstract string GetRoot(string fullPath);

    /// <summary>True for a path on a network share written as such (UNC on Windows).</summary>
    public abstract bool IsUnc(string path);

    /// <summary>A reason the path cannot be used as a link's name or target, or null when it can.</summary>
    public abstract PathProblem? Validate(string path);

    /// <summary>The form to hand to the OS: Windows adds \\?\ (or \\?\UNC\) past the legacy 260-character limit.</summary>
    public abstract string ToOsPath(string fullPath);

    public bool PathEquals(string a, string b) => string.Equals(Trim(a), Trim(b), Comparison);

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or below it.</summary>
    public bool IsSameOrBelow(string path, string ancestor)
    {
        var p = Trim(path);
        var a = Trim(ancestor);
        if (string.Equals(p, a, Comparison))
        {
            return true;
        }

        var prefix = a.EndsWith(Separator) ? a : a + Separator;
        return p.StartsWith(prefix, Comparison);
    }

    private string Trim(string p) => p.Length > 1 && p[^1] == Separator && GetRoot(p).Length < p.Length ? p.TrimEnd(Separator) : p;
}

/// <summary>Why a path was refused, in words for the user, and what to do instead.</summary>
internal sealed record PathProblem(string Why, string Next)
{
    /// <summary>
    /// What kind of refusal it is: invalid input (a usage error), except a name or path too long
    /// for the OS, which is <see cref="Errors.FailureKind.NameTooLong"/> as the kernel's own
    /// ENAMETOOLONG is (issue 10: its own reason and exit code, not the usage code).
    /// </summary>
    public Errors.FailureKind Kind { get; init; } = Errors.FailureKind.InvalidInput;
}
