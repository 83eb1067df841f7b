namespace Linkctl.Errors;

/// <summary>
/// POSIX errno names and messages. errno numbers differ between Linux and macOS, so the
/// running OS's numbering is used; names are what users and <c>linkctl explain</c> rely on.
/// </summary>
internal static class ErrnoNames
{
    private static readonly (string Name, int Linux, int Darwin, string Message)[] Table =
    [
        ("EPERM", 1, 1, "Operation not permitted"),
        ("ENOENT", 2, 2, "No such file or directory"),
        ("EIO", 5, 5, "Input/output error"),
        ("EBADF", 9, 9, "Bad file descriptor"),
        ("ENOMEM", 12, 12, "Cannot allocate memory"),
        ("EACCES", 13, 13, "Permission denied"),
        ("EBUSY", 16, 16, "Device or resource busy"),
        ("EEXIST", 17, 17, "File exists"),
        ("EXDEV", 18, 18, "Invalid cross-device link"),
        ("ENOTDIR", 20, 20, "Not a directory"),
        ("EISDIR", 21, 21, "Is a directory"),
        ("EINVAL", 22, 22, "Invalid argument"),
        ("ENOSPC", 28, 28, "No space left on device"),
        ("EROFS", 30, 30, "Read-only file system"),
        ("EMLINK", 31, 31, "Too many links"),
        ("ENAMETOOLONG", 36, 63, "File name too long"),
        ("ENOSYS", 38, 78, "Function not implemented"),
        ("ENOTEMPTY", 39, 66, "Directory not empty"),
        ("ELOOP", 40, 62, "Too many levels of symbolic links"),
        ("ENOTSUP", 95, 45, "Operation not supported"),
        ("EDQUOT", 122, 69, "Disk quota exceeded"),
        ("EILSEQ", 84, 92, "Invalid or incomplete multibyte or wide character"),
    ];

    private static bool IsDarwin => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst();

    /// <summary>The running OS's number for a name such as "ELOOP", or null when unknown.</summary>
    public static int? CodeOf(string name)
    {
        foreach (var e in Table)
        {
            if (string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return IsDarwin ? e.Darwin : e.Linux;
            }
        }

        return null;
    }

    public static string NameOf(int code)
    {
        foreach (var e in Table)
        {
            if ((IsDarwin ? e.Darwin : e.Linux) == code)
            {
                return e.Name;
            }
        }

        return $"ERRNO_{code}";
    }

    public static string MessageOf(int code)
    {
        foreach (var e in Table)
        {
            if ((IsDarwin ? e.Darwin : e.Linux) == code)
            {
                return e.Message;
            }
        }

        return $"errno {code}";
    }

    public static IEnumerable<string> KnownNames => Table.Select(e => e.Name);
}
