using System.Text;

namespace Linkctl.Paths;

/// <summary>
/// Win32 path rules (drive letters, UNC shares, \\?\ and \\.\ prefixes, reserved device names,
/// trailing dot stripping, MAX_PATH), as string logic only: nothing here asks the host OS, so the
/// simulated Windows behaves the same on Linux as the real one would on Windows.
/// </summary>
internal sealed class WindowsPathSyntax : PathSyntax
{
    /// <summary>The legacy limit: a path this long or longer needs \\?\ to reach the OS unchanged.</summary>
    public const int MaxPath = 260;

    /// <summary>NTFS, ReFS and exFAT store at most 255 UTF-16 units per name.</summary>
    public const int MaxComponentLength = 255;

    /// <summary>The longest path the NT object manager takes (a UNICODE_STRING holds 65535 bytes).</summary>
    public const int MaxLongPathLength = 32767;

    private const string ExtendedPrefix = @"\\?\";
    private const string ExtendedUncPrefix = @"\\?\UNC\";
    private const string InvalidNameCharacters = "<>:\"|?*";

    public override OsFlavour Flavour => OsFlavour.Windows;

    public override char Separator => '\\';

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool IsFullyQualified(string path) => Parse(path).Kind is RootKind.Drive or RootKind.Unc or RootKind.Device or RootKind.Extended;

    /// <summary>
    /// Returns the path as Win32 would resolve it: '/' becomes '\', repeated separators collapse,
    /// "." and ".." are resolved lexically without climbing above the root, trailing dots and spaces
    /// of each name are removed, and a trailing separator is dropped. A \\?\ path is returned
    /// unchanged, because Win32 passes those to the file system verbatim.
    /// </summary>
    public override string GetFullPath(string path, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var parsed = Parse(path);
        if (parsed.Kind == RootKind.Extended)
        {
            return path;
        }

        if (parsed.Kind is RootKind.Drive or RootKind.Unc or RootKind.Device)
        {
            return Normalize(path, parsed);
        }

        if (!IsFullyQualified(baseDirectory))
        {
            throw new ArgumentException($"The base folder must be a full path: '{baseDirectory}'.", nameof(baseDirectory));
        }

        var baseRoot = Parse(baseDirectory);
        var extended = baseRoot.Kind == RootKind.Extended;
        var root = baseRoot.Root;
        var names = new List<string>();
        var baseRest = baseDirectory[baseRoot.Length..];
        if (extended)
        {
            // The base was written with \\?\ so its names are literal; only the relative part is Win32 syntax.
            names.AddRange(Split(baseRest, slashIsSeparator: false));
        }
        else
        {
            Resolve(names, baseRest, slashIsSeparator: true, stripTrailing: true);
        }

        string relative;
        switch (parsed.Kind)
        {
            case RootKind.Rooted:
                names.Clear();
                relative = path[parsed.Length..];
                break;
            case RootKind.DriveRelative:
                relative = path[parsed.Length..];
                if (DriveLetterOf(baseRoot) is not { } letter || char.ToUpperInvariant(letter) != char.ToUpperInvariant(path[0]))
                {
                    // Win32 would use that drive's own current folder (the hidden "=X:" variable),
                    // which a pure model does not have; its root is the only honest stand-in.
                    root = path[0] + @":\";
                    names.Clear();
                    extended = false;
                }

                break;
            default:
                relative = path;
                break;
        }

        Resolve(names, relative, slashIsSeparator: true, stripTrailing: !extended);
        return root + string.Join('\\', names);
    }

    public override string? GetDirectoryName(string path)
    {
        var parsed = Parse(path);
        var names = Split(path[parsed.Length..], parsed.Kind != RootKind.Extended);
        if (names.Count == 0)
        {
            return null;
        }

        return parsed.Root + string.Join('\\', names.Take(names.Count - 1));
    }

    public override string GetFileName(string path)
    {
        var parsed = Parse(path);
        var rest = path[parsed.Length..];
        var last = parsed.Kind == RootKind.Extended ? rest.LastIndexOf('\\') : rest.LastIndexOfAny(['\\', '/']);
        return rest[(last + 1)..];
    }

    public override string Combine(string directory, string relative)
    {
        if (string.IsNullOrEmpty(relative))
        {
            return directory;
        }

        if (string.IsNullOrEmpty(directory) || Parse(relative).Kind != RootKind.None)
        {
            return relative;
        }

        var needsSeparator = !IsSeparator(directory[^1]) && !(directory.Length == 2 && directory[1] == ':');
        return needsSeparator ? directory + '\\' + relative : directory + relative;
    }

    public override string? GetRelativePath(string fromDirectory, string toPath)
    {
        if (!IsFullyQualified(fromDirectory) || !IsFullyQualified(toPath))
        {
            throw new ArgumentException("Both paths must be full paths.");
        }

        var (fromRoot, fromNames) = FullNames(fromDirectory);
        var (toRoot, toNames) = FullNames(toPath);
        if (!string.Equals(fromRoot, toRoot, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var common = 0;
        while (common < fromNames.Count && common < toNames.Count && string.Equals(fromNames[common], toNames[common], Comparison))
        {
            common++;
        }

        var parts = Enumerable.Repeat("..", fromNames.Count - common).Concat(toNames.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join('\\', parts);
    }

    /// <summary>"C:\", "\\server\share\", "\\?\C:\", "\\?\UNC\server\share\"; "\" or "C:" for a path that is rooted but not fully qualified; "" for a relative path.</summary>
    public override string GetRoot(string fullPath) => Parse(fullPath).Root;

    public override bool IsUnc(string path)
    {
        var parsed = Parse(path);
        return parsed.Kind == RootKind.Unc
            || (parsed.Kind is RootKind.Extended or RootKind.Device && parsed.Root.AsSpan(4).StartsWith(@"UNC\", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Adds \\?\ (or \\?\UNC\) to a full path of <see cref="MaxPath"/> characters or more, after
    /// normalising it (a \\?\ path is not normalised by Windows, so it must already be in final form).
    /// Shorter paths, and paths already in the \\?\ or \\.\ namespace, are returned as given.
    /// </summary>
    public override string ToOsPath(string fullPath)
    {
        var parsed = Parse(fullPath);
        if (parsed.Kind is RootKind.Extended or RootKind.Device)
        {
            return fullPath;
        }

        if (parsed.Kind is not (RootKind.Drive or RootKind.Unc))
        {
            throw new ArgumentException($"Not a full path: '{fullPath}'.", nameof(fullPath));
        }

        var normalized = Normalize(fullPath, parsed);
        if (fullPath.Length < MaxPath && normalized.Length < MaxPath)
        {
            return fullPath;
        }

        return parsed.Kind == RootKind.Unc ? ExtendedUncPrefix + normalized[2..] : ExtendedPrefix + normalized;
    }

    /// <summary>
    /// The full path of an entry <paramref name="name"/> listed in the folder
    /// <paramref name="folderFullPath"/>, in a form Windows opens as that exact name: a name that
    /// ends in a dot or a space (WSL and Cygwin make them) goes in the \\?\ namespace, because
    /// Win32 path normalisation strips those characters and would open "dir" for "dir."
    /// (docs/windows-facts.md, "Paths, volumes and identity"; Learn: Naming Files, Paths, and
    /// Namespaces). Other names keep the ordinary form.
    /// </summary>
    public static string ChildPath(string folderFullPath, string name)
    {
        var prefix = folderFullPath.EndsWith('\\') ? folderFullPath : folderFullPath + "\\";
        if (name.Length == 0 || name[^1] is not ('.' or ' ') || name is "." or "..")
        {
            return prefix + name;
        }

        var parsed = Parse(prefix);
        return parsed.Kind switch
        {
            RootKind.Extended or RootKind.Device => prefix + name,
            RootKind.Unc => ExtendedUncPrefix + prefix[2..] + name,
            _ => ExtendedPrefix + prefix + name,
        };
    }

    /// <summary>
    /// Takes back the \\?\ prefix that Windows adds to final paths, so they compare with ordinary
    /// ones: "\\?\C:\x" → "C:\x", "\\?\UNC\s\x" → "\\s\x"; "\\?\Volume{...}\" stays, having no drive form.
    /// </summary>
    internal static string FromOsPath(string osPath)
    {
        if (osPath.StartsWith(ExtendedUncPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return @"\\" + osPath[ExtendedUncPrefix.Length..];
        }

        if (osPath.StartsWith(ExtendedPrefix, StringComparison.Ordinal) && osPath.Length >= 6 && char.IsAsciiLetter(osPath[4]) && osPath[5] == ':')
        {
            return osPath[ExtendedPrefix.Length..];
        }

        return osPath;
    }

    public override PathProblem? Validate(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new PathProblem("The path is empty.", "Give the path of the link or of its target.");
        }

        if (path.Length > MaxLongPathLength)
        {
            return new PathProblem(
                $"The path is {path.Length} characters long; Windows accepts at most {MaxLongPathLength} characters, even with the \\\\?\\ prefix.",
                "Choose a shorter path (a folder nearer the root, or shorter folder names).") { Kind = Errors.FailureKind.NameTooLong };
        }

        var parsed = Parse(path);
        var extended = parsed.Kind == RootKind.Extended;
        var start = parsed.Kind switch
        {
            RootKind.Extended or RootKind.Device => 4,
            RootKind.Drive or RootKind.DriveRelative or RootKind.Unc => 2,
            RootKind.Rooted => 1,
            _ => 0,
        };

        // The drive colon after a \\?\ or \\.\ prefix is syntax, not part of a name.
        if (start == 4 && path.Length >= 6 && char.IsAsciiLetter(path[4]) && path[5] == ':')
        {
            start = 6;
        }

        // "\\.\COM1" is how a device is addressed on purpose; only names below it are file names.
        var skipReservedCheck = parsed.Kind == RootKind.Device && start == 4;
        foreach (var name in Split(path[start..], slashIsSeparator: !extended))
        {
            var problem = ValidateName(name, extended, skipReservedCheck);
            if (problem is not null)
            {
                return problem;
            }

            skipReservedCheck = false;
        }

        return null;
    }

    /// <summary>True for CON, PRN, AUX, NUL, COM0-9, LPT0-9 and COM/LPT with ¹ ² ³, also with an extension or trailing dots and spaces.</summary>
    public static bool IsReservedDeviceName(string name)
    {
        var stem = name.TrimEnd(' ', '.');
        var dot = stem.IndexOf('.');
        if (dot >= 0)
        {
            stem = stem[..dot].TrimEnd(' ');
        }

        if (stem.Length == 3)
        {
            return stem.Equals("CON", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase)
                || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase);
        }

        return stem.Length == 4
            && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
            && (char.IsAsciiDigit(stem[3]) || stem[3] is '\u00B9' or '\u00B2' or '\u00B3');
    }

    private static PathProblem? ValidateName(string name, bool extended, bool skipReservedCheck)
    {
        if (name is "." or "..")
        {
            return null;
        }

        foreach (var c in name)
        {
            if (c < 0x20)
            {
                return new PathProblem(
                    $"The name {Show(name)} contains the control character U+{(int)c:X4}{ControlName(c)}, which Windows does not allow in file names.",
                    "Rename it without line breaks, tabs or other control characters.");
            }

            if (InvalidNameCharacters.Contains(c) || (extended && c == '/'))
            {
                var also = extended && c == '/' ? " (in a \\\\?\\ path '/' is not a separator)" : "";
                return new PathProblem(
                    $"The name {Show(name)} contains '{c}'{also}; Windows does not allow any of < > : \" | ? * in file names.",
                    "Rename it without those characters.");
            }
        }

        if (!skipReservedCheck && IsReservedDeviceName(name))
        {
            return new PathProblem(
                $"The name {Show(name)} is a reserved device name on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with or without an extension): opening it reaches the device, not a file.",
                "Rename it, for example by adding a character to the part before the dot.");
        }

        if (!extended && (name.EndsWith('.') || name.EndsWith(' ')))
        {
            var stripped = name.TrimEnd('.', ' ');
            var becomes = stripped.Length == 0 ? "it would vanish from the path" : $"the link would be named {Show(stripped)} instead of what you asked";
            return new PathProblem(
                $"The name {Show(name)} ends with a dot or a space. Windows silently strips trailing dots and spaces from names, so {becomes}.",
                $"Rename it without the trailing dot or space, or give the full path with the \\\\?\\ prefix (for example \\\\?\\C:\\folder\\{name}), which keeps the name exactly (many programs still cannot open such names).");
        }

        if (name.Length > MaxComponentLength)
        {
            return new PathProblem(
                $"The name {Show(name)} is {name.Length} characters long; Windows file systems allow at most {MaxComponentLength} characters per name.",
                $"Rename it to {MaxComponentLength} characters or fewer.") { Kind = Errors.FailureKind.NameTooLong };
        }

        return null;
    }

    private static string ControlName(char c) => c switch
    {
        '\n' => " (line feed)",
        '\r' => " (carriage return)",
        '\t' => " (tab)",
        '\0' => " (NUL)",
        _ => "",
    };

    /// <summary>A name quoted for a message: control characters escaped, very long names shortened.</summary>
    internal static string Show(string name)
    {
        var text = name.Length > 60 ? name[..40] + "…" + name[^10..] : name;
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c < 0x20)
            {
                sb.Append(c switch { '\n' => @"\n", '\r' => @"\r", '\t' => @"\t", _ => $"\\u{(int)c:X4}" });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool IsSeparator(char c) => c is '\\' or '/';

    private static string Normalize(string path, ParsedRoot parsed)
    {
        var names = new List<string>();
        Resolve(names, path[parsed.Length..], slashIsSeparator: true, stripTrailing: true);
        return parsed.Root + string.Join('\\', names);
    }

    private static void Resolve(List<string> names, string relative, bool slashIsSeparator, bool stripTrailing)
    {
        foreach (var name in Split(relative, slashIsSeparator))
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

            // Documented Win32 behaviour for the last name; for inner names UNVERIFIED, which is
            // harmless because Validate refuses every name that ends in a dot or a space.
            var kept = stripTrailing ? name.TrimEnd('.', ' ') : name;
            if (kept.Length > 0)
            {
                names.Add(kept);
            }
        }
    }

    private static List<string> Split(string text, bool slashIsSeparator) =>
        [.. text.Split(slashIsSeparator ? ['\\', '/'] : ['\\'], StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A root that means the same volume or share whatever prefix it was written with, and the resolved names below it.</summary>
    private static (string RootKey, List<string> Names) FullNames(string path)
    {
        var parsed = Parse(path);
        var names = new List<string>();
        if (parsed.Kind == RootKind.Extended)
        {
            names.AddRange(Split(path[parsed.Length..], slashIsSeparator: false));
        }
        else
        {
            Resolve(names, path[parsed.Length..], slashIsSeparator: true, stripTrailing: true);
        }

        var key = parsed.Root;
        if (parsed.Kind is RootKind.Extended or RootKind.Device)
        {
            var inner = parsed.Root[4..];
            key = DriveLetterOf(parsed) is not null ? inner
                : inner.StartsWith(@"UNC\", StringComparison.OrdinalIgnoreCase) ? @"\\" + inner[4..]
                : ExtendedPrefix + inner;
        }

        return (key, names);
    }

    private static char? DriveLetterOf(ParsedRoot root)
    {
        var r = root.Root;
        return root.Kind switch
        {
            RootKind.Drive => r[0],
            RootKind.Extended or RootKind.Device when r.Length == 7 && r[5] == ':' => r[4],
            _ => null,
        };
    }

    private enum RootKind
    {
        /// <summary>Relative to the current folder: "a\b".</summary>
        None,

        /// <summary>Relative to the current drive's root: "\a".</summary>
        Rooted,

        /// <summary>Relative to a drive's current folder: "C:a".</summary>
        DriveRelative,

        Drive,
        Unc,

        /// <summary>"\\.\" or "//?/": device namespace, still normalised by Win32.</summary>
        Device,

        /// <summary>"\\?\" exactly: passed to the file system verbatim.</summary>
        Extended,
    }

    /// <param name="Kind">Which of the Win32 path forms this is.</param>
    /// <param name="Root">The root in canonical form ('\' separators, trailing '\' when fully qualified).</param>
    /// <param name="Length">How many characters of the original path the root spans.</param>
    private readonly record struct ParsedRoot(RootKind Kind, string Root, int Length);

    private static ParsedRoot Parse(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new ParsedRoot(RootKind.None, "", 0);
        }

        if (path.StartsWith(ExtendedPrefix, StringComparison.Ordinal))
        {
            return ParseNamespace(path, ExtendedPrefix, RootKind.Extended, slashIsSeparator: false);
        }

        if (path.Length >= 4 && IsSeparator(path[0]) && IsSeparator(path[1]) && path[2] is '.' or '?' && IsSeparator(path[3]))
        {
            return ParseNamespace(path, path[2] == '?' ? ExtendedPrefix : @"\\.\", RootKind.Device, slashIsSeparator: true);
        }

        if (path.Length >= 2 && IsSeparator(path[0]) && IsSeparator(path[1]))
        {
            var i = 2;
            var (server, share) = ReadServerAndShare(path, ref i, slashIsSeparator: true);
            return new ParsedRoot(RootKind.Unc, @"\\" + server + '\\' + (share is null ? "" : share + '\\'), i);
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return path.Length >= 3 && IsSeparator(path[2])
                ? new ParsedRoot(RootKind.Drive, path[0] + @":\", 3)
                : new ParsedRoot(RootKind.DriveRelative, path[..2], 2);
        }

        return IsSeparator(path[0]) ? new ParsedRoot(RootKind.Rooted, @"\", 1) : new ParsedRoot(RootKind.None, "", 0);
    }

    private static ParsedRoot ParseNamespace(string path, string prefix, RootKind kind, bool slashIsSeparator)
    {
        var i = 4;
        var rest = path.AsSpan(4);
        if (rest.Length >= 3 && rest.StartsWith("UNC", StringComparison.OrdinalIgnoreCase) && IsSep(rest[3]))
        {
            i = 8;
            var (server, share) = ReadServerAndShare(path, ref i, slashIsSeparator);
            return new ParsedRoot(kind, prefix + @"UNC\" + server + '\\' + (share is null ? "" : share + '\\'), i);
        }

        if (rest.Length >= 2 && char.IsAsciiLetter(rest[0]) && rest[1] == ':')
        {
            var length = rest.Length >= 3 && IsSep(rest[2]) ? 7 : 6;
            return new ParsedRoot(kind, prefix + rest[0] + @":\", length);
        }

        var name = ReadName(path, ref i, slashIsSeparator);
        return new ParsedRoot(kind, prefix + (name.Length == 0 ? "" : name + '\\'), i);

        bool IsSep(char c) => c == '\\' || (slashIsSeparator && c == '/');
    }

    private static (string Server, string? Share) ReadServerAndShare(string path, ref int i, bool slashIsSeparator)
    {
        var server = ReadName(path, ref i, slashIsSeparator);
        var share = ReadName(path, ref i, slashIsSeparator);
        return (server, share.Length == 0 ? null : share);
    }

    /// <summary>Reads one name starting at <paramref name="i"/> and moves past it and one separator after it.</summary>
    private static string ReadName(string path, ref int i, bool slashIsSeparator)
    {
        var start = i;
        while (i < path.Length && !(path[i] == '\\' || (slashIsSeparator && path[i] == '/')))
        {
            i++;
        }

        var name = path[start..i];
        if (i < path.Length)
        {
            i++;
        }

        return name;
    }
}
