using System.Buffers.Binary;

namespace Linkctl.Reparse;

/// <summary>
/// Builds and parses REPARSE_DATA_BUFFER bytes exactly as Windows lays them out
/// (docs/windows-facts.md, MS-FSCC 2.1.2). Pure managed code so the same bytes can be
/// written through FSCTL_SET_REPARSE_POINT on Windows or the ntfs-3g xattr on Linux.
/// </summary>
internal static partial class ReparseBufferCodec
{
    /// <summary>MAXIMUM_REPARSE_DATA_BUFFER_SIZE, header included.</summary>
    public const int MaximumSize = 16384;

    public const int HeaderSize = 8;

    /// <summary>SYMLINK_FLAG_RELATIVE in the symlink Flags field.</summary>
    public const uint SymlinkFlagRelative = 1;

    // Symlink: 4 u16 name fields + u32 Flags precede PathBuffer; mount point: just the 4 u16s.
    private const int SymlinkFixedSize = 12;
    private const int MountPointFixedSize = 8;

    private const string NtPrefix = @"\??\";
    private const string NtUncPrefix = @"\??\UNC\";

    /// <summary>
    /// A symbolic link buffer for a target as a user types it on Windows. Relative and
    /// rooted ("\dir") targets get SYMLINK_FLAG_RELATIVE with both names equal to the target;
    /// absolute ones get an NT SubstituteName and the Win32 path as PrintName.
    /// PrintName comes first in PathBuffer and neither name is NUL-terminated, as Windows writes it.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, contains NUL, drive-relative ("C:x"), or too long.</exception>
    public static byte[] EncodeSymbolicLink(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        RejectEmptyOrNul(target, nameof(target));

        string substitute;
        string print;
        bool relative = !IsFullyQualified(target);
        if (relative)
        {
            if (IsDriveRelative(target))
            {
                throw new ArgumentException(
                    $"'{target}' is relative to the current directory of drive {target[0]}:, which a stored link cannot " +
                    $"capture; give a full path such as {target[..2]}\\...", nameof(target));
            }

            // Stored verbatim: Windows resolves it against the link's own folder when followed.
            substitute = print = target;
        }
        else
        {
            substitute = ToNtPath(target);
            print = FromNtPath(substitute);
        }

        int printBytes = checked(print.Length * 2);
        int substituteBytes = checked(substitute.Length * 2);
        int total = HeaderSize + SymlinkFixedSize + printBytes + substituteBytes;
        EnsureFits(total, "symbolic link", target);

        var buffer = new byte[total];
        var span = buffer.AsSpan();
        WriteHeader(span, ReparseTag.Symlink, total - HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)printBytes);      // SubstituteNameOffset
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)substituteBytes); // SubstituteNameLength
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 0);                       // PrintNameOffset
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)printBytes);      // PrintNameLength
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], relative ? SymlinkFlagRelative : 0);
        WriteUtf16(span[20..], print);
        WriteUtf16(span[(20 + printBytes)..], substitute);
        return buffer;
    }

    /// <summary>
    /// A junction buffer for a local absolute directory ("C:\dir", "C:\", "\??\C:\dir") or a
    /// volume ("\??\Volume{GUID}\", "\\?\Volume{GUID}\"). SubstituteName then PrintName, each
    /// followed by a UTF-16 NUL that the lengths exclude.
    /// </summary>
    /// <exception cref="ArgumentException">Relative, UNC, drive-relative, rooted without a drive, or too long.</exception>
    public static byte[] EncodeMountPoint(string targetFullPath)
    {
        ArgumentNullException.ThrowIfNull(targetFullPath);
        RejectEmptyOrNul(targetFullPath, nameof(targetFullPath));

        if (!IsFullyQualified(targetFullPath))
        {
            throw new ArgumentException(
                $"'{targetFullPath}' is not a full path: junctions only point at local absolute directories " +
                @"such as C:\dir (Windows does not resolve them relative to the link)", nameof(targetFullPath));
        }

        string substitute = ToNtPath(targetFullPath);
        if (substitute.StartsWith(NtUncPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{targetFullPath}' is a network (UNC) path: junctions only point at local directories; " +
                "use a symbolic link for a share", nameof(targetFullPath));
        }

        bool isVolume = substitute.StartsWith(@"\??\Volume{", StringComparison.OrdinalIgnoreCase);
        if (!isVolume && !StartsWithDriveLetter(substitute.AsSpan(NtPrefix.Length)))
        {
            throw new ArgumentException(
                $"'{targetFullPath}' is neither a drive path (C:\\dir) nor a volume (\\\\?\\Volume{{GUID}}\\): " +
                "junctions only point at local directories", nameof(targetFullPath));
        }

        // UNVERIFIED: SetVolumeMountPoint is believed to leave PrintName empty for a whole volume,
        // and readers use SubstituteName. A junction to a folder named through its volume
        // (\??\Volume{GUID}\dir) is a junction like any other and gets a PrintName, since tools
        // that show PrintName would show it blank (docs/windows-facts.md, REPARSE_DATA_BUFFER).
        string print = isVolume && IsVolumeRoot(substitute) ? string.Empty : FromNtPath(substitute);

        int substituteBytes = checked(substitute.Length * 2);
        int printBytes = checked(print.Length * 2);
        int pathBufferBytes = substituteBytes + 2 + printBytes + 2;
        int total = HeaderSize + MountPointFixedSize + pathBufferBytes;
        EnsureFits(total, "junction", targetFullPath);

        var buffer = new byte[total];
        var span = buffer.AsSpan();
        WriteHeader(span, ReparseTag.MountPoint, total - HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)substituteBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)(substituteBytes + 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)printBytes);
        WriteUtf16(span[16..], substitute);
        WriteUtf16(span[(16 + substituteBytes + 2)..], print);
        return buffer;
    }

    /// <summary>A WSL symlink: u32 version, then the POSIX target in UTF-8 without a NUL.</summary>
    public static byte[] EncodeLxSymlink(string target, uint version = 2)
    {
        ArgumentNullException.ThrowIfNull(target);
        RejectEmptyOrNul(target, nameof(target));

        byte[] utf8;
        try
        {
            utf8 = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(target);
        }
        catch (System.Text.EncoderFallbackException e)
        {
            throw new ArgumentException($"target has an unpaired UTF-16 surrogate and has no UTF-8 form: {e.Message}", nameof(target));
        }

        int total = HeaderSize + 4 + utf8.Length;
        EnsureFits(total, "WSL symlink", target);
        var buffer = new byte[total];
        WriteHeader(buffer, ReparseTag.LxSymlink, total - HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), version);
        utf8.CopyTo(buffer, 12);
        return buffer;
    }

    /// <summary>
    /// An app execution alias: u32 version (Windows writes 3), then package id, app user model id,
    /// target exe and the optional fourth string, each NUL-terminated UTF-16.
    /// </summary>
    public static byte[] EncodeAppExecLink(
        string packageId, string appUserModelId, string targetPath, string? extra = null, uint version = 3)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        ArgumentNullException.ThrowIfNull(appUserModelId);
        ArgumentNullException.ThrowIfNull(targetPath);
        string[] strings = extra is null
            ? [packageId, appUserModelId, targetPath]
            : [packageId, appUserModelId, targetPath, extra];
        foreach (var s in strings)
        {
            // NUL is the separator: an embedded one would shift every later field.
            if (s.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException("app execution alias strings cannot contain NUL, the field separator");
            }
        }

        int total = HeaderSize + 4 + strings.Sum(s => (s.Length + 1) * 2);
        EnsureFits(total, "app execution alias", targetPath);
        var buffer = new byte[total];
        var span = buffer.AsSpan();
        WriteHeader(span, ReparseTag.AppExecLink, total - HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], version);
        int at = 12;
        foreach (var s in strings)
        {
            WriteUtf16(span[at..], s);
            at += (s.Length + 1) * 2; // the NUL is already zero
        }

        return buffer;
    }

    /// <summary>
    /// The NT-namespace form used in SubstituteName: "C:\x" → "\??\C:\x",
    /// "\\server\share" → "\??\UNC\server\share", "\\?\X" and "\\.\X" → "\??\X"; already-NT
    /// paths pass through. Forward slashes become backslashes because the NT namespace has no
    /// alternative separator (Win32 path normalisation does the same).
    /// </summary>
    /// <exception cref="ArgumentException">The path is not fully qualified.</exception>
    public static string ToNtPath(string windowsPath)
    {
        ArgumentNullException.ThrowIfNull(windowsPath);
        if (!IsFullyQualified(windowsPath))
        {
            throw new ArgumentException(
                $"'{windowsPath}' is not a full path (C:\\..., \\\\server\\share\\... or \\\\?\\...); " +
                "only those have an NT form", nameof(windowsPath));
        }

        string p = windowsPath.Replace('/', '\\');
        if (p.StartsWith(NtPrefix, StringComparison.Ordinal))
        {
            return p;
        }

        if (p.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase) ||
            p.StartsWith(@"\\.\UNC\", StringComparison.OrdinalIgnoreCase))
        {
            return NtUncPrefix + p[8..];
        }

        if (p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return NtPrefix + p[4..];
        }

        if (p.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return NtUncPrefix + p[2..];
        }

        return NtPrefix + p;
    }

    /// <summary>True for a volume's root in NT or Win32 form: "\??\Volume{GUID}\" or "\\?\Volume{GUID}" (trailing backslash optional).</summary>
    public static bool IsVolumeRoot(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Replace('/', '\\');
        if (!(p.StartsWith(@"\??\Volume{", StringComparison.OrdinalIgnoreCase) || p.StartsWith(@"\\?\Volume{", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var close = p.IndexOf('}', 4);
        return close > 0 && p.AsSpan(close + 1).TrimEnd('\\').IsEmpty;
    }

    /// <summary>
    /// The Win32 form of a SubstituteName: "\??\C:\x" → "C:\x", "\??\UNC\s\x" → "\\s\x",
    /// other "\??\" names (volumes, devices) → "\\?\Volume{...}\" so they stay openable.
    /// Names without the prefix (relative targets, native "\Device\..." paths) are returned unchanged.
    /// </summary>
    public static string FromNtPath(string substituteName)
    {
        ArgumentNullException.ThrowIfNull(substituteName);
        if (substituteName.StartsWith(NtUncPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return @"\\" + substituteName[NtUncPrefix.Length..];
        }

        if (!substituteName.StartsWith(NtPrefix, StringComparison.Ordinal))
        {
            return substituteName;
        }

        var rest = substituteName[NtPrefix.Length..];
        return StartsWithDriveLetter(rest) ? rest : @"\\?\" + rest;
    }

    private static bool IsFullyQualified(string path)
    {
        var p = path.AsSpan();
        if (p.Length >= 3 && StartsWithDriveLetter(p) && IsSeparator(p[2]))
        {
            return true;
        }

        // "\\server\share", "\\?\", "\\.\" and NT "\??\" are all absolute.
        return (p.Length >= 2 && IsSeparator(p[0]) && IsSeparator(p[1])) ||
               p.StartsWith(NtPrefix, StringComparison.Ordinal);
    }

    private static bool IsDriveRelative(string path) =>
        path.Length >= 2 && StartsWithDriveLetter(path) && (path.Length == 2 || !IsSeparator(path[2]));

    private static bool StartsWithDriveLetter(ReadOnlySpan<char> p) =>
        p.Length >= 2 && p[1] == ':' && char.IsAsciiLetter(p[0]);

    private static bool IsSeparator(char c) => c is '\\' or '/';

    private static void RejectEmptyOrNul(string value, string paramName)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException("the target is empty; a link needs somewhere to point", paramName);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("the target contains a NUL character, which no Windows path can hold", paramName);
        }
    }

    private static void EnsureFits(int totalBytes, string kind, string target)
    {
        // 16384 < 65535, so this also keeps every u16 length and offset in range.
        if (totalBytes > MaximumSize)
        {
            throw new ArgumentException(
                $"a {kind} to a {target.Length}-character target needs a {totalBytes}-byte reparse buffer; " +
                $"Windows allows at most {MaximumSize} bytes (MAXIMUM_REPARSE_DATA_BUFFER_SIZE)", nameof(target));
        }
    }

    private static void WriteHeader(Span<byte> buffer, uint tag, int dataLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], (ushort)dataLength);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], 0);
    }

    // Per code unit rather than Encoding.Unicode, so unpaired surrogates (legal in NTFS
    // names) survive instead of becoming U+FFFD.
    private static void WriteUtf16(Span<byte> destination, string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(i * 2)..], value[i]);
        }
    }

    private static string ReadUtf16(ReadOnlySpan<byte> source)
    {
        return string.Create(source.Length / 2, source.ToArray(), static (chars, bytes) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2));
            }
        });
    }
}
