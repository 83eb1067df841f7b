using System.Text;

namespace Linkctl.Paths;

/// <summary>
/// POSIX path rules (Linux, macOS): '/' is the only separator and every other byte but NUL may
/// appear in a name. Spaces, newlines, leading dashes and any Unicode are valid names; making
/// the command line pass them safely is the CLI's job, not a reason to refuse them.
/// </summary>
internal sealed class UnixPathSyntax : PathSyntax
{
    /// <summary>NAME_MAX on Linux and macOS, in bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>PATH_MAX (4096) less the terminating NUL, in bytes.</summary>
    public const int MaxPathBytes = 4095;

    public override OsFlavour Flavour => OsFlavour.Unix;

    public override char Separator => '/';

    public override StringComparison Comparison => StringComparison.Ordinal;

    public override bool IsFullyQualified(string path) => path.StartsWith('/');

    /// <summary>
    /// Resolves "." and ".." lexically (".." at the root stays at the root) and collapses repeated
    /// separators. Lexical ".." can differ from the kernel's when a folder on the way is a symbolic
    /// link; callers that need the kernel's answer must resolve links themselves.
    /// </summary>
    public override string GetFullPath(string path, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (IsFullyQualified(path))
        {
            return Normalize(path);
        }

        if (!IsFullyQualified(baseDirectory))
        {
            throw new ArgumentException($"The base folder must be a full path: '{baseDirectory}'.", nameof(baseDirectory));
        }

        return Normalize(baseDirectory + "/" + path);
    }

    public override string? GetDirectoryName(string path)
    {
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return null;
        }

        var root = IsFullyQualified(path) ? "/" : "";
        return root + string.Join('/', names.Take(names.Length - 1));
    }

    public override string GetFileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    public override string Combine(string directory, string relative)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return directory;
        }

        if (string.IsNullOrEmpty(directory) || IsFullyQualified(relative))
        {
            return relative;
        }

        return directory.EndsWith('/') ? directory + relative : directory + '/' + relative;
    }

    /// <summary>Never null on Unix: every full path hangs below "/".</summary>
    public override string? GetRelativePath(string fromDirectory, string toPath)
    {
        if (!IsFullyQualified(fromDirectory) || !IsFullyQualified(toPath))
        {
            throw new ArgumentException("Both paths must be full paths.");
        }

        var from = Names(Normalize(fromDirectory));
        var to = Names(Normalize(toPath));
        var common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
        {
            common++;
        }

        var parts = Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }

    public override string GetRoot(string fullPath) => IsFullyQualified(fullPath) ? "/" : "";

    public override bool IsUnc(string path) => false;

    public override PathProblem? Validate(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new PathProblem("The path is empty.", "Give the path of the link or of its target.");
        }

        var nul = path.IndexOf('\0');
        if (nul >= 0)
        {
            var name = path[(path.LastIndexOf('/', nul) + 1)..];
            var end = name.IndexOf('/');
            name = end >= 0 ? name[..end] : name;
            return new PathProblem(
                $"The name {WindowsPathSyntax.Show(name)} contains a NUL character, the one byte Unix never allows in a path (it ends the string).",
                "Remove the NUL character; it usually comes from a broken script or a file list read without -0.");
        }

        // Counted as the bytes the kernel gets: a byte that is not UTF-8 (surrogateescape) is one.
        var bytes = Scanning.RawPath.FromOsText(path).Length;
        if (bytes > MaxPathBytes)
        {
            return new PathProblem(
                $"The path is {bytes} bytes long in UTF-8; the kernel accepts at most {MaxPathBytes} bytes in one path.",
                "Choose a shorter path, or make the link from a folder nearer to it and give a relative target.") { Kind = Errors.FailureKind.NameTooLong };
        }

        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var nameBytes = Scanning.RawPath.FromOsText(name).Length;
            if (nameBytes > MaxNameBytes)
            {
                return new PathProblem(
                    $"The name {WindowsPathSyntax.Show(name)} is {nameBytes} bytes long in UTF-8; file systems allow at most {MaxNameBytes} bytes per name (non-ASCII letters take 2 to 4 bytes each).",
                    $"Rename it to {MaxNameBytes} bytes or fewer.") { Kind = Errors.FailureKind.NameTooLong };
            }
        }

        return null;
    }

    public override string ToOsPath(string fullPath) => fullPath;

    private static string[] Names(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Normalize(string path)
    {
        var names = new List<string>();
        foreach (var name in Names(path))
        {
            if (name == ".")
            {
                continue;
            }

            if (name == "..")
            {
                if (names.Count > 0)
                {
                    names.RemoveAt(names.Count - 1);
                }

                continue;
            }

            names.Add(name);
        }

        return "/" + string.Join('/', names);
    }
}
