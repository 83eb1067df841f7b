using Linkctl.Errors;

namespace Linkctl.Platform;

/// <summary>How <see cref="IPinnedFolder.Rename"/> treats an existing destination name.</summary>
internal enum RenameMode
{
    /// <summary>Fail (EEXIST / ERROR_ALREADY_EXISTS) rather than replace anything: nothing can be lost.</summary>
    NoReplace,

    /// <summary>Swap the two names atomically; both must exist. What came out is then checked, and swapped back if wrong.</summary>
    Exchange,
}

/// <summary>
/// A folder held open, so that every operation inside it acts on the folder that was checked
/// and not on whatever a path string leads to by the time it runs (issue 9: "act on what was
/// checked"). Obtain one with <see cref="ILinkSystem.PinFolder"/>, descend with
/// <see cref="OpenFolder"/> (which never follows a link), and act by single names relative to it:
/// no path is walked again between check and act.
/// </summary>
/// <remarks>
/// Linux: an O_PATH|O_DIRECTORY|O_CLOEXEC descriptor; children are opened with openat and
/// O_NOFOLLOW, and the operations are fstatat/statx(AT_SYMLINK_NOFOLLOW), readlinkat, symlinkat,
/// linkat, unlinkat and renameat2 on it. Windows (<see cref="WindowsPinnedFolder"/>): a folder handle
/// (CreateFileW with FILE_FLAG_BACKUP_SEMANTICS), names opened relative to it by NtCreateFile with
/// RootDirectory and FILE_OPEN_REPARSE_POINT, delete and rename by the entry's own handle
/// (docs/windows-facts.md, "Acting on handles"). Names are single components in the
/// platform's OS text (escaped bytes on Unix); a name holding a separator, ".", ".." or nothing is
/// a caller's bug and throws <see cref="ArgumentException"/>. Every OS failure is returned, never thrown.
/// </remarks>
internal interface IPinnedFolder : IDisposable
{
    /// <summary>The full path the folder was pinned by: for messages only, never walked again.</summary>
    string Path { get; }

    /// <summary>The folder's identity when it was pinned (device + inode; volume + FILE_ID_INFO).</summary>
    FileIdentity Identity { get; }

    /// <summary>The full path of <paramref name="name"/> inside this folder, for messages.</summary>
    string PathOf(string name);

    /// <summary>What <paramref name="name"/> is, not following a link (a missing name is <see cref="EntryFacts.Missing"/>).</summary>
    EntryFacts GetEntry(string name);

    /// <summary>
    /// What <paramref name="name"/> finally leads to, following links as the kernel does from this
    /// (real) folder; not existing means a broken link. Path of the answer is <see cref="PathOf"/>(name).
    /// </summary>
    EntryFacts GetTargetEntry(string name);

    /// <summary>The target stored in the link <paramref name="name"/>.</summary>
    StepResult<StoredLink> ReadLink(string name);

    /// <summary>Makes the symbolic link <paramref name="name"/> storing <paramref name="target"/> verbatim; fails if the name exists.</summary>
    OsResult CreateSymbolicLink(string name, string target, bool isDirectory);

    /// <summary>Gives the file <paramref name="sourceName"/> of <paramref name="sourceFolder"/> the new name <paramref name="name"/> here, not following a link at the source.</summary>
    OsResult CreateHardLink(string name, IPinnedFolder sourceFolder, string sourceName);

    /// <summary>Removes the name <paramref name="name"/>; never a folder (Unix: unlinkat without AT_REMOVEDIR fails EISDIR) and never through a link.</summary>
    OsResult RemoveName(string name);

    /// <summary>
    /// Removes the name <paramref name="name"/> as <see cref="RemoveName"/> does (never a folder, never
    /// through a link), and on Windows a read-only file too: FILE_ATTRIBUTE_READONLY is cleared on the
    /// handle that then deletes it, and set again if the delete fails (Learn, DeleteFileW). Linux: the
    /// same as RemoveName (a file's own mode does not matter for unlinking; its folder's does).
    /// </summary>
    OsResult RemoveFile(string name);

    /// <summary>
    /// Removes the empty folder <paramref name="name"/> when it is still the folder
    /// <paramref name="expected"/> (checked on the entry right before; Windows: on the handle that
    /// deletes it). Never a link, never a folder with anything in it (ENOTEMPTY / ERROR_DIR_NOT_EMPTY),
    /// never a mount point (EBUSY; Windows: a volume mount point is a junction, not a plain folder).
    /// </summary>
    StepResult RemoveFolder(string name, FileIdentity expected);

    /// <summary>Renames <paramref name="name"/> to <paramref name="destinationName"/> in <paramref name="destination"/> (the same platform's pin). Windows has no <see cref="RenameMode.Exchange"/>: it answers ERROR_NOT_SUPPORTED.</summary>
    OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode);

    /// <summary>
    /// Reads the regular file <paramref name="name"/> without following a link there: opened with
    /// O_NOFOLLOW (a link, FIFO or device is refused, never read through), and its identity, size and
    /// at most <paramref name="maxBytes"/> bytes taken from that open file, so they are all about one
    /// object. Windows: one handle opened relative to the pin (NtCreateFile RootDirectory,
    /// FILE_OPEN_REPARSE_POINT | FILE_NON_DIRECTORY_FILE), refused unless it holds a regular file (no
    /// reparse tag), identity and size read on it, then ReadFile on it.
    /// </summary>
    StepResult<FileContent> ReadFile(string name, int maxBytes);

    /// <summary>
    /// Makes the new regular file <paramref name="name"/> holding <paramref name="content"/> (O_EXCL:
    /// fails if the name exists, never writes through a link), synced before it returns; its
    /// permissions are 0666 less the umask, as git makes files. Windows: NtCreateFile FILE_CREATE |
    /// FILE_NON_DIRECTORY_FILE relative to the pin (any existing name fails ERROR_ALREADY_EXISTS),
    /// WriteFile and FlushFileBuffers on that handle, the folder's inherited ACL; deleted again by
    /// its handle when writing fails.
    /// </summary>
    OsResult CreateFile(string name, ReadOnlySpan<byte> content);

    /// <summary>The names in the folder (without "." and ".."), read from the pinned folder itself.</summary>
    OsResult<IReadOnlyList<string>> ListNames();

    /// <summary>
    /// The names in the folder with what the listing itself says each is (Linux: getdents64's d_type),
    /// or a null type where the listing does not say (Windows here, DT_UNKNOWN). A hint for speed only:
    /// the entry may change before anything acts on it, so callers act only with calls that are safe
    /// whatever the name holds by then (the tree delete's unlinkat never removes a folder or follows a link).
    /// </summary>
    OsResult<IReadOnlyList<ListedName>> ListEntries()
    {
        var listed = ListNames();
        return listed.TryGetValue(out var names)
            ? OsResult<IReadOnlyList<ListedName>>.Of(names.Select(n => new ListedName(n, null)).ToList())
            : OsResult<IReadOnlyList<ListedName>>.Failed(listed.Error!);
    }

    /// <summary>
    /// Opens the file <paramref name="name"/> for reading without following a link there (a link, or a
    /// file swapped for one, fails ELOOP). When <paramref name="expected"/> is given, a file with
    /// another identity (replaced since it was checked) is refused:
    /// the result fails with <see cref="PinnedFolders.Swapped"/>'s reason. Windows: not written yet
    /// (ERROR_NOT_SUPPORTED).
    /// </summary>
    StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null);

    /// <summary>
    /// Makes the new file <paramref name="name"/> open for writing, with <paramref name="mode"/> (less
    /// the umask): O_CREAT|O_EXCL|O_NOFOLLOW, so an existing name of any kind (a link included) fails
    /// EEXIST and nothing is truncated or followed. Windows: not written yet (ERROR_NOT_SUPPORTED).
    /// </summary>
    OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle> CreateFile(string name, uint mode);

    /// <summary>Makes the new folder <paramref name="name"/> (mkdirat; EEXIST for any existing name). Windows: not written yet.</summary>
    OsResult CreateFolder(string name, uint mode);

    /// <summary>Sets the permission bits of the folder <paramref name="name"/>, opened without following a link (a link fails ELOOP). Windows: not written yet.</summary>
    OsResult SetFolderMode(string name, uint mode);

    /// <summary>Sets the owner of <paramref name="name"/> itself, not following a link (fchownat AT_SYMLINK_NOFOLLOW). Windows: not written yet.</summary>
    OsResult SetOwner(string name, uint owner, uint group);

    /// <summary>Sets the access and modification times of <paramref name="name"/> itself, not following a link (utimensat AT_SYMLINK_NOFOLLOW). Windows: not written yet.</summary>
    OsResult SetTimes(string name, EntryTimes times);

    /// <summary>
    /// Pins the child folder <paramref name="name"/> without following a link there: a link (or a
    /// folder swapped for one) fails with ELOOP/ENOTDIR. When <paramref name="expected"/> is given,
    /// a folder with another identity (swapped since it was checked) is refused with
    /// <see cref="PinnedFolders.Swapped"/>'s reason.
    /// </summary>
    StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null);
}

/// <summary>One name of <see cref="IPinnedFolder.ListEntries"/>, with the type the listing gave (null: not said).</summary>
internal readonly record struct ListedName(string Name, Links.EntryType? Type);

/// <summary>What every platform's pins share: name rules, private names, descent.</summary>
internal static class PinnedFolders
{
    /// <summary>The prefix of every temporary name linkctl makes; a later run removes stale ones that are provably its own.</summary>
    public const string PrivatePrefix = ".linkctl-tmp-";

    /// <summary>Throws when <paramref name="name"/> is not one plain component (a bug in the caller, never user input reaching here unchecked).</summary>
    public static void CheckName(string name, char separator, char? altSeparator = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name is "." or ".." || name.Contains(separator) || (altSeparator is { } alt && name.Contains(alt)) || name.Contains('\0'))
        {
            throw new ArgumentException($"not a single name inside a folder: '{name}'", nameof(name));
        }
    }

    /// <summary>
    /// A fresh temporary name for <paramref name="purpose"/> ("rm", "new", "repair"): our prefix,
    /// the process id (so a later run can tell a live run's names from stale ones) and 64 random bits
    /// (so another user cannot predict it and plant an entry there first; NOREPLACE refuses one anyway).
    /// </summary>
    public static string PrivateName(string purpose) =>
        $"{PrivatePrefix}{purpose}-{ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}";

    // Environment.ProcessId is a getpid(2) per call on Linux; repair asks once per link.
    private static readonly int ProcessId = Environment.ProcessId;

    /// <summary>The process id a private name carries, or null when <paramref name="name"/> is not one of ours.</summary>
    public static int? OwnerProcessOf(string name)
    {
        if (!name.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = name[PrivatePrefix.Length..].Split('-');
        return parts.Length == 3 && parts[2].Length == 16 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>The reason given when a folder's identity changed between check and act.</summary>
    public static string Swapped(string path) =>
        $"{path} is not the folder that was checked: it was replaced (perhaps by a link) after linkctl looked at it, so linkctl skipped it rather than act somewhere else";

    /// <summary>
    /// Pins the folder <paramref name="components"/> below <paramref name="root"/>, one name at a
    /// time, following no link on the way: the walk cannot be steered out of <paramref name="root"/>
    /// by a folder swapped for a link. The caller disposes the result (not <paramref name="root"/>).
    /// When <paramref name="expected"/> is given, entry i must have identity expected[i].
    /// </summary>
    public static StepResult<IPinnedFolder> Descend(IPinnedFolder root, IReadOnlyList<string> components, IReadOnlyList<FileIdentity>? expected = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(components);
        IPinnedFolder? current = null;
        for (var i = 0; i < components.Count; i++)
        {
            var next = (current ?? root).OpenFolder(components[i], expected?[i]);
            current?.Dispose();
            if (!next.TryGetValue(out var opened))
            {
                return StepResult<IPinnedFolder>.Failed(next.Problem!, next.Error);
            }

            current = opened;
        }

        return current is null
            ? StepResult<IPinnedFolder>.Failed("nothing to descend into: the list of folder names is empty")
            : StepResult<IPinnedFolder>.Of(current);
    }
}
