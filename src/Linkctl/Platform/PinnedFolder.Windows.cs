using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Platform;

/// <summary>
/// A Windows folder pinned by a handle (see <see cref="IPinnedFolder"/>), over <see cref="IWindowsApi"/>
/// so that the simulated Windows runs the same code. The ROOT is opened as the OS resolves its path
/// now (CreateFileW with FILE_FLAG_BACKUP_SEMANTICS); every name inside is opened relative to the
/// folder's handle (NtCreateFile with OBJECT_ATTRIBUTES.RootDirectory) with FILE_OPEN_REPARSE_POINT,
/// so a link is opened itself and never followed, and its tag is read on that handle
/// (FileAttributeTagInfo), its identity too (FILE_ID_INFO: volume serial and 128-bit id).
/// Deleting and renaming act on the handle of the entry that was checked
/// (FileDispositionInfoEx / FileRenameInformationEx with POSIX semantics, falling back to
/// FileDispositionInfo / FileRenameInformation where Windows, the file system or Wine lacks them),
/// so they change that object and no other, whatever names change meanwhile (docs/windows-facts.md,
/// "Acting on handles"; docs/guarantees.md).
/// </summary>
internal sealed class WindowsPinnedFolder : IPinnedFolder
{
    private readonly IWindowsApi api;
    private readonly WindowsLinkSystem system;
    private IWindowsHandle? handle;

    private WindowsPinnedFolder(IWindowsApi api, WindowsLinkSystem system, IWindowsHandle handle, string path, FileIdentity identity)
    {
        this.api = api;
        this.system = system;
        this.handle = handle;
        Path = path;
        Identity = identity;
    }

    public string Path { get; }

    public FileIdentity Identity { get; }

    internal IWindowsHandle Handle => handle ?? throw new ObjectDisposedException(nameof(WindowsPinnedFolder), $"the pin of {Path} was already closed");

    /// <summary>Pins <paramref name="path"/> as the OS resolves it now (links on the way followed, as a user's ROOT is meant), once.</summary>
    internal static StepResult<IPinnedFolder> Pin(IWindowsApi api, WindowsLinkSystem system, string path)
    {
        var opened = api.OpenFolder(path);
        if (!opened.TryGetValue(out var folder))
        {
            return StepResult<IPinnedFolder>.Failed($"cannot open the folder {path}", opened.Error);
        }

        return FromHandle(api, system, folder, path, expected: null);
    }

    public string PathOf(string name) => PathSyntax.Windows.Combine(Path, name);

    public EntryFacts GetEntry(string name)
    {
        using var entry = OpenEntry(name, WindowsAccess.ReadAttributes, followLinks: false, shareDelete: true, out var facts);
        return facts;
    }

    public EntryFacts GetTargetEntry(string name)
    {
        using var entry = OpenEntry(name, WindowsAccess.ReadAttributes, followLinks: true, shareDelete: true, out var facts);
        if (entry is null)
        {
            return facts;
        }

        // The open is the proof that the target exists; its final path is a bonus (docs/windows-facts.md).
        return facts with { FinalPath = api.GetFinalPath(entry).ValueOr(null) };
    }

    public StepResult<StoredLink> ReadLink(string name)
    {
        using var entry = OpenEntry(name, WindowsAccess.ReadAttributes, followLinks: false, shareDelete: true, out var facts);
        return entry is null ? LinkRead.Failed(facts.Error ?? OsError.Win32(Win32.FileNotFound)) : ReadLinkOn(entry);
    }

    /// <summary>
    /// Makes the symbolic link inside the pinned folder itself: a new empty entry opened relative to
    /// the folder's handle (FILE_CREATE), given the symbolic-link reparse buffer CreateSymbolicLinkW
    /// would write (FSCTL_SET_REPARSE_POINT on that handle). NTFS asks the privilege for that buffer
    /// (docs/windows-facts.md); without it (a Developer Mode account) the entry is deleted again by
    /// its handle and the link is made with CreateSymbolicLinkW at the folder's final path, then
    /// looked up through the pin: when the path no longer leads to this folder, the error says where
    /// the link may have been made instead (a private name: nothing there is replaced or removed).
    /// </summary>
    public OsResult CreateSymbolicLink(string name, string target, bool isDirectory)
    {
        Check(name);
        ArgumentException.ThrowIfNullOrEmpty(target);
        byte[] buffer;
        try
        {
            buffer = ReparseBufferCodec.EncodeSymbolicLink(target);
        }
        catch (ArgumentException)
        {
            return OsResult.Failed(OsError.Win32(Win32.InvalidName));
        }

        var made = MakeReparsePoint(name, buffer, isDirectory);
        if (made.Error is not { Domain: OsErrorDomain.Win32, Code: Win32.PrivilegeNotHeld })
        {
            return made;
        }

        var final = api.GetFinalPath(Handle);
        if (!final.TryGetValue(out var folderPath))
        {
            return made;
        }

        var byPath = system.CreateSymbolicLink(PathSyntax.Windows.Combine(folderPath, name), target, isDirectory);
        if (!byPath.Succeeded)
        {
            return byPath;
        }

        // Made by path: it must be here, in the folder held, or the path led elsewhere meanwhile.
        return GetEntry(name).Type == EntryType.SymbolicLink
            ? OsResult.Success
            : OsResult.Failed(OsError.Win32(Win32.PathNotFound));
    }

    /// <summary>A junction (mount point) to <paramref name="targetFullPath"/> made inside the pinned folder: a new folder by handle, then FSCTL_SET_REPARSE_POINT on it.</summary>
    internal OsResult CreateJunction(string name, string targetFullPath)
    {
        Check(name);
        byte[] buffer;
        try
        {
            buffer = ReparseBufferCodec.EncodeMountPoint(targetFullPath);
        }
        catch (ArgumentException)
        {
            return OsResult.Failed(OsError.Win32(Win32.InvalidParameter));
        }

        return MakeReparsePoint(name, buffer, isDirectory: true);
    }

    /// <summary>
    /// A WSL symbolic link (IO_REPARSE_TAG_LX_SYMLINK, its Linux target as UTF-8) made inside the
    /// pinned folder: a new empty file by handle, then FSCTL_SET_REPARSE_POINT on it, as for a
    /// junction. Used only to give back what <c>repair --to-native</c> replaced. Whether NTFS asks
    /// for a privilege to set this tag is UNVERIFIED (the simulated Windows asks none); a refusal is
    /// returned as the OS's error and the new link is left in place.
    /// </summary>
    internal OsResult CreateWslSymlink(string name, string linuxTarget)
    {
        Check(name);
        ArgumentException.ThrowIfNullOrEmpty(linuxTarget);
        return MakeReparsePoint(name, ReparseBufferCodec.EncodeLxSymlink(linuxTarget), isDirectory: false);
    }

    /// <summary>
    /// Reads the regular file <paramref name="name"/> on one handle opened relative to the pin
    /// (NtCreateFile with RootDirectory, FILE_OPEN, FILE_OPEN_REPARSE_POINT so a link is opened itself
    /// and never read through, FILE_NON_DIRECTORY_FILE so a folder is refused): what it is (no reparse
    /// tag, not a folder), its identity and size are read on that handle, and then at most
    /// <paramref name="maxBytes"/> bytes (ReadFile until the end or the limit), so all are about one
    /// object. The handle is closed on every path.
    /// </summary>
    public StepResult<FileContent> ReadFile(string name, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var entry = OpenFile(name, WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, shareWrite: true, shareDelete: true, out var facts, out var problem);
        return entry is null ? StepResult<FileContent>.Failed(problem!, facts.Error) : ReadOn(api, entry, facts, maxBytes, PathOf(name));
    }

    /// <summary>
    /// Makes the new regular file <paramref name="name"/> by a handle relative to the pin (NtCreateFile
    /// FILE_CREATE with FILE_NON_DIRECTORY_FILE: any existing name, a link included, fails with
    /// ERROR_ALREADY_EXISTS, so nothing is overwritten or followed: Learn, NtCreateFile, CreateDisposition),
    /// writes <paramref name="content"/> on that handle (WriteFile until all is written) and flushes it
    /// (FlushFileBuffers). When a write or the flush fails, the file this call made is deleted again by
    /// its own handle. Its security is the folder's inherited ACL, as CreateFileW gives a new file.
    /// </summary>
    public OsResult CreateFile(string name, ReadOnlySpan<byte> content)
    {
        Check(name);
        var created = api.OpenRelative(Handle, name, new WindowsOpenRequest(
            WindowsAccess.GenericWriteFile | WindowsAccess.ReadAttributes | WindowsAccess.Delete, Create: WindowsCreate.NewFile, ShareDelete: false));
        if (!created.TryGetValue(out var made))
        {
            return created.WithoutValue();
        }

        using (made)
        {
            var written = WriteAll(api, made, content);
            var result = written.Succeeded ? api.FlushFileBuffers(made) : written;
            if (!result.Succeeded)
            {
                // Our own file from a moment ago, held by its handle: nothing else can be deleted here.
                DeleteByHandle(api, made);
            }

            return result;
        }
    }

    /// <summary>
    /// The regular file <paramref name="name"/> held for a checked change: opened relative to the pin
    /// with FILE_READ_DATA, FILE_READ_ATTRIBUTES and DELETE, not following a link, not a folder, and
    /// shared for reading only (no FILE_SHARE_WRITE, no FILE_SHARE_DELETE: while it is held nobody can
    /// write it, rename it or delete it; Learn, CreateFileW dwShareMode). Its content read on that
    /// handle (<see cref="WindowsPinnedEntry.ReadContent"/>) is then what it holds when it is renamed or
    /// deleted by the same handle. Null, with why, when it cannot be held (someone has it open for
    /// writing or deleting: ERROR_SHARING_VIOLATION) or is not a regular file.
    /// </summary>
    internal WindowsPinnedEntry? OpenFileForChange(string name, out EntryFacts facts, out string? problem)
    {
        var entry = OpenFile(name, WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes | WindowsAccess.Delete, shareWrite: false, shareDelete: false, out facts, out problem);
        return entry is null ? null : new WindowsPinnedEntry(api, this, entry, name, facts);
    }

    private IWindowsHandle? OpenFile(string name, WindowsAccess access, bool shareWrite, bool shareDelete, out EntryFacts facts, out string? problem)
    {
        Check(name);
        var path = PathOf(name);
        var opened = api.OpenRelative(Handle, name, new WindowsOpenRequest(access, FileOnly: true, ShareDelete: shareDelete, ShareWrite: shareWrite));
        if (!opened.TryGetValue(out var entry))
        {
            // A missing name keeps its error here too: the caller reports why the file could not be read.
            facts = Unexamined(path, opened.Error) with { Error = opened.Error };
            problem = $"cannot open {path} as a file without following a link";
            return null;
        }

        var read = FactsOf(api, entry, path);
        if (!read.TryGetValue(out var known))
        {
            entry.Dispose();
            facts = Unexamined(path, read.Error);
            problem = $"cannot read what {path} is";
            return null;
        }

        facts = known;
        if (known.Type != EntryType.File || known.Identity is null)
        {
            entry.Dispose();
            problem = known.Type == EntryType.File
                ? $"cannot read the identity of {path}"
                : $"{path} is a {(known.ReparseTag != 0 ? $"{ReparseTag.NameOf(known.ReparseTag)} reparse point" : known.Type.ToString())}, not a regular file: linkctl does not read through links";
            return null;
        }

        problem = null;
        return entry;
    }

    /// <summary>The size (GetFileSizeEx) and at most <paramref name="maxBytes"/> bytes (ReadFile to the end or the limit) of the file the handle holds.</summary>
    internal static StepResult<FileContent> ReadOn(IWindowsApi api, IWindowsHandle entry, EntryFacts facts, int maxBytes, string path)
    {
        var sized = api.GetFileSize(entry);
        if (!sized.TryGetValue(out var size))
        {
            return StepResult<FileContent>.Failed($"cannot read the size of {path}", sized.Error);
        }

        var bytes = new byte[(int)Math.Min((ulong)maxBytes, size)];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = api.ReadFile(entry, bytes.AsSpan(filled));
            if (!read.TryGetValue(out var count))
            {
                return StepResult<FileContent>.Failed($"cannot read {path}", read.Error);
            }

            if (count == 0)
            {
                break;
            }

            filled += count;
        }

        return StepResult<FileContent>.Of(new FileContent(facts.Identity!.Value, size, filled == bytes.Length ? bytes : bytes[..filled]));
    }

    private static OsResult WriteAll(IWindowsApi api, IWindowsHandle file, ReadOnlySpan<byte> content)
    {
        while (content.Length > 0)
        {
            var written = api.WriteFile(file, content);
            if (!written.TryGetValue(out var count))
            {
                return written.WithoutValue();
            }

            if (count <= 0)
            {
                // WriteFile on a disk file writes everything or fails; 0 bytes with success would loop forever.
                return OsResult.Failed(OsError.Win32(Win32.WriteFault));
            }

            content = content[count..];
        }

        return OsResult.Success;
    }

    public OsResult CreateHardLink(string name, IPinnedFolder sourceFolder, string sourceName)
    {
        Check(name);
        Check(sourceName);
        return OsResult.Failed(OsError.Win32(Win32.NotSupported));
    }

    /// <summary>
    /// Deletes the entry <paramref name="name"/> by its own handle, opened without following it: a
    /// link (a folder link or junction as an entry, never entered) or one name of a file. A plain
    /// folder is never removed (ERROR_NOT_A_REPARSE_POINT), nor a folder a volume is mounted in
    /// (ERROR_REPARSE_TAG_MISMATCH: that needs DeleteVolumeMountPointW first, by path).
    /// </summary>
    public OsResult RemoveName(string name)
    {
        using var entry = OpenForChange(name, out var facts);
        if (entry is null)
        {
            return OsResult.Failed(facts.Error ?? OsError.Win32(Win32.FileNotFound));
        }

        return entry.Delete();
    }

    /// <summary>
    /// As <see cref="RemoveName"/>, on a handle opened with FILE_WRITE_ATTRIBUTES too, so that a
    /// read-only file's attribute can be cleared on the very handle that deletes it (and set again if
    /// the delete still fails). Where FILE_WRITE_ATTRIBUTES is refused (an ACL that grants DELETE only),
    /// it falls back to <see cref="RemoveName"/>.
    /// </summary>
    public OsResult RemoveFile(string name)
    {
        using var entry = OpenForChange(name, out var facts, extraAccess: WindowsAccess.WriteAttributes);
        if (entry is null)
        {
            return facts.Error is { Domain: OsErrorDomain.Win32, Code: Win32.AccessDenied }
                ? RemoveName(name)
                : OsResult.Failed(facts.Error ?? OsError.Win32(Win32.FileNotFound));
        }

        return entry.DeleteClearingReadOnly();
    }

    /// <summary>
    /// Deletes the empty plain folder <paramref name="name"/> by its own handle: opened relative to the
    /// pin without following a link, for DELETE without FILE_SHARE_DELETE, checked on that handle (a
    /// folder, no reparse point, identity <paramref name="expected"/>) and deleted by it, so only the
    /// checked folder can go. Not empty: ERROR_DIR_NOT_EMPTY (Learn: FILE_DISPOSITION_INFO_EX;
    /// Wine dlls/ntdll/tests/file.c test_file_disposition_information, docs/windows-facts.md "Acting on handles").
    /// </summary>
    public StepResult RemoveFolder(string name, FileIdentity expected)
    {
        using var entry = OpenEntry(name, WindowsAccess.ReadAttributes | WindowsAccess.Delete, followLinks: false, shareDelete: false, out var facts);
        if (entry is null)
        {
            return StepResult.Failed(facts.Type == EntryType.None && facts.Error is null
                ? $"{PathOf(name)} is gone: something else removed or renamed it meanwhile"
                : $"cannot open the folder {PathOf(name)} to remove it", facts.Error);
        }

        if (facts.Type != EntryType.Directory || facts.Identity != expected)
        {
            return StepResult.Failed(PinnedFolders.Swapped(PathOf(name)));
        }

        var deleted = DeleteByHandle(api, entry);
        return deleted.Succeeded ? StepResult.Success : StepResult.Failed($"cannot remove the folder {PathOf(name)}", deleted.Error);
    }

    /// <summary>
    /// Renames the entry <paramref name="name"/> by its handle into <paramref name="destination"/>
    /// (RootDirectory = that pin's handle). Windows has no atomic exchange of two names:
    /// <see cref="RenameMode.Exchange"/> answers ERROR_NOT_SUPPORTED, and callers use the
    /// move-aside steps of <see cref="Creation.CheckedSwap"/> instead.
    /// </summary>
    public OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode)
    {
        Check(name);
        Check(destinationName);
        var into = Same(destination);
        if (mode == RenameMode.Exchange)
        {
            return OsResult.Failed(OsError.Win32(Win32.NotSupported));
        }

        using var entry = OpenForChange(name, out var facts, refuseFolders: false);
        return entry is null ? OsResult.Failed(facts.Error ?? OsError.Win32(Win32.FileNotFound)) : entry.RenameTo(into, destinationName);
    }

    public OsResult<IReadOnlyList<string>> ListNames() => api.ListNames(Handle);

    // The copier's primitives are written for Linux only so far (issue 13): absent here, not faked.
    // ERROR_NOT_SUPPORTED makes the copier say "not yet on Windows" rather than do half a copy.
    private static OsError NotYetOnWindows => OsError.Win32(Win32.NotSupported);

    public StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null) =>
        StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle>.Failed($"reading {PathOf(name)} through a pinned folder is not written for Windows yet", NotYetOnWindows);

    public OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle> CreateFile(string name, uint mode) =>
        OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle>.Failed(NotYetOnWindows);

    public OsResult CreateFolder(string name, uint mode) => OsResult.Failed(NotYetOnWindows);

    public OsResult SetFolderMode(string name, uint mode) => OsResult.Failed(NotYetOnWindows);

    public OsResult SetOwner(string name, uint owner, uint group) => OsResult.Failed(NotYetOnWindows);

    public OsResult SetTimes(string name, EntryTimes times) => OsResult.Failed(NotYetOnWindows);

    public StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null)
    {
        Check(name);
        var opened = api.OpenRelative(Handle, name, new WindowsOpenRequest(WindowsAccess.ListDirectory | WindowsAccess.ReadAttributes, DirectoryOnly: true));
        if (!opened.TryGetValue(out var child))
        {
            var problem = opened.Error is { Code: Win32.DirectoryInvalid }
                ? $"{PathOf(name)} is not a folder (it may be a file link, or have been swapped for one): linkctl does not follow links into folders it acts in"
                : $"cannot open the folder {PathOf(name)}";
            return StepResult<IPinnedFolder>.Failed(problem, opened.Error);
        }

        // Opened with FILE_OPEN_REPARSE_POINT: a junction or folder link is a folder entry, and the tag on the handle tells.
        var tag = api.GetAttributeTag(child);
        if (!tag.TryGetValue(out var attributes) || attributes.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            child.Dispose();
            return StepResult<IPinnedFolder>.Failed(
                tag.Succeeded
                    ? $"{PathOf(name)} is a {ReparseTag.NameOf(attributes.ReparseTag)} reparse point, not a folder (it may have been swapped for a junction or link): linkctl does not follow links into folders it acts in"
                    : $"cannot read what {PathOf(name)} is",
                tag.Error);
        }

        return FromHandle(api, system, child, PathOf(name), expected);
    }

    public void Dispose() => Interlocked.Exchange(ref handle, null)?.Dispose();

    /// <summary>
    /// The entry <paramref name="name"/> held open for a change (DELETE access, not following it),
    /// with what it is read on that handle. FILE_SHARE_DELETE is not granted, so while it is held no
    /// one else can delete or rename this object under any of its names (Learn: CreateFileW,
    /// dwShareMode); opening fails with ERROR_SHARING_VIOLATION when someone already holds it for that.
    /// Null when it cannot be opened, or is a plain folder (unless <paramref name="refuseFolders"/> is
    /// false), or a mounted volume: <paramref name="facts"/> then says why.
    /// </summary>
    internal WindowsPinnedEntry? OpenForChange(string name, out EntryFacts facts, bool refuseFolders = true, WindowsAccess extraAccess = 0)
    {
        var entry = OpenEntry(name, WindowsAccess.ReadAttributes | WindowsAccess.Delete | extraAccess, followLinks: false, shareDelete: false, out facts);
        if (entry is null)
        {
            return null;
        }

        string? refusal = null;
        int error = 0;
        if (refuseFolders && facts.Type == EntryType.Directory)
        {
            (refusal, error) = ("a folder", Win32.NotAReparsePoint);
        }
        else if (facts.Type == EntryType.Junction && api.GetReparseData(entry).TryGetValue(out var data)
            && ReparseBufferCodec.Decode(data) is { Success: true, Point: MountPointReparsePoint { IsVolumeMountPoint: true } })
        {
            (refusal, error) = ("a folder a volume is mounted in", Win32.ReparseTagMismatch);
        }

        if (refusal is null)
        {
            return new WindowsPinnedEntry(api, this, entry, name, facts);
        }

        entry.Dispose();
        facts = facts with { Error = OsError.Win32(error) };
        return null;
    }

    internal StepResult<StoredLink> ReadLinkOn(IWindowsHandle entry)
    {
        var data = api.GetReparseData(entry);
        return data.TryGetValue(out var buffer) ? WindowsLinkSystem.DecodeLink(buffer) : LinkRead.Failed(data.Error);
    }

    /// <summary>Opens <paramref name="name"/> relative to the pin and reads what it is on that handle; null (and facts saying why) when it cannot be opened.</summary>
    private IWindowsHandle? OpenEntry(string name, WindowsAccess access, bool followLinks, bool shareDelete, out EntryFacts facts)
    {
        Check(name);
        var path = PathOf(name);
        var opened = api.OpenRelative(Handle, name, new WindowsOpenRequest(access, FollowLinks: followLinks, ShareDelete: shareDelete));
        if (!opened.TryGetValue(out var entry))
        {
            facts = Unexamined(path, opened.Error);
            return null;
        }

        var read = FactsOf(api, entry, path);
        if (!read.TryGetValue(out var known))
        {
            entry.Dispose();
            facts = Unexamined(path, read.Error);
            return null;
        }

        facts = known;
        return entry;
    }

    /// <summary>A new entry made by handle and given <paramref name="buffer"/>; deleted again by its handle when the buffer is refused.</summary>
    private OsResult MakeReparsePoint(string name, byte[] buffer, bool isDirectory)
    {
        var created = api.OpenRelative(Handle, name, new WindowsOpenRequest(
            WindowsAccess.ReadAttributes | WindowsAccess.WriteAttributes | WindowsAccess.WriteData | WindowsAccess.Delete,
            Create: isDirectory ? WindowsCreate.NewDirectory : WindowsCreate.NewFile));
        if (!created.TryGetValue(out var made))
        {
            return created.WithoutValue();
        }

        using (made)
        {
            var set = api.SetReparseData(made, buffer);
            if (!set.Succeeded)
            {
                // Our own empty entry from a moment ago, held by its handle: nothing else can be deleted here.
                DeleteByHandle(api, made);
            }

            return set;
        }
    }

    /// <summary>POSIX-semantics delete, or the classic one where Windows or the file system answers that it has none (Rust std's File::delete falls back on the same three errors).</summary>
    internal static OsResult DeleteByHandle(IWindowsApi api, IWindowsHandle entry)
    {
        var posix = api.SetDisposition(entry, posixSemantics: true);
        return posix.Error is { Domain: OsErrorDomain.Win32, Code: Win32.InvalidParameter or Win32.NotSupported or Win32.InvalidFunction }
            ? api.SetDisposition(entry, posixSemantics: false)
            : posix;
    }

    /// <summary>A rename by handle that never replaces anything (no FILE_RENAME_FLAG_REPLACE_IF_EXISTS), POSIX semantics where there are any.</summary>
    internal OsResult RenameByHandle(IWindowsHandle entry, string name)
    {
        Check(name);
        var posix = api.Rename(entry, Handle, name, replaceIfExists: false, posixSemantics: true);
        return posix.Error is { Domain: OsErrorDomain.Win32, Code: Win32.InvalidParameter or Win32.NotSupported or Win32.InvalidFunction }
            ? api.Rename(entry, Handle, name, replaceIfExists: false, posixSemantics: false)
            : posix;
    }

    /// <summary>What the handle says: the tag (FileAttributeTagInfo), the names count and the identity (FILE_ID_INFO, or the 64-bit index where the 128-bit id is 0 or not answered).</summary>
    internal static OsResult<EntryFacts> FactsOf(IWindowsApi api, IWindowsHandle entry, string path)
    {
        var tag = api.GetAttributeTag(entry);
        if (!tag.TryGetValue(out var attributes))
        {
            return OsResult<EntryFacts>.Failed(tag.Error);
        }

        var isReparse = attributes.Attributes.HasFlag(FileAttributes.ReparsePoint);
        var facts = new EntryFacts(path, WindowsLinkSystem.TypeOf(attributes.Attributes, attributes.ReparseTag))
        {
            IsDirectory = attributes.Attributes.HasFlag(FileAttributes.Directory),
            ReparseTag = isReparse ? attributes.ReparseTag : 0,
        };

        var information = api.GetInformation(entry);
        if (!information.TryGetValue(out var info))
        {
            return OsResult<EntryFacts>.Of(facts);
        }

        var identity = api.GetFileId(entry).TryGetValue(out var id) && id.FileId != UInt128.Zero
            ? new FileIdentity(id.VolumeSerialNumber, id.FileId)
            : new FileIdentity(info.VolumeSerialNumber, info.FileIndex);
        // BY_HANDLE_FILE_INFORMATION's nFileSizeHigh/Low (Learn): what rm -r's summary counts as bytes.
        return OsResult<EntryFacts>.Of(facts with { LinkCount = info.NumberOfLinks, Identity = identity, Size = facts.Type == EntryType.File ? (long)info.Size : null });
    }

    private static StepResult<IPinnedFolder> FromHandle(IWindowsApi api, WindowsLinkSystem system, IWindowsHandle folder, string path, FileIdentity? expected)
    {
        var facts = FactsOf(api, folder, path);
        if (!facts.TryGetValue(out var read) || read.Identity is not { } identity)
        {
            folder.Dispose();
            return StepResult<IPinnedFolder>.Failed($"cannot read the identity of the folder {path}", facts.Error);
        }

        if (expected is { } wanted && wanted != identity)
        {
            folder.Dispose();
            return StepResult<IPinnedFolder>.Failed(PinnedFolders.Swapped(path));
        }

        return StepResult<IPinnedFolder>.Of(new WindowsPinnedFolder(api, system, folder, path, identity));
    }

    private static EntryFacts Unexamined(string path, OsError error)
    {
        if (error is { Domain: OsErrorDomain.Win32, Code: Win32.FileNotFound or Win32.PathNotFound })
        {
            return EntryFacts.Missing(path);
        }

        return new EntryFacts(path, EntryType.None) { Error = error, ErrorKind = LinkClassifier.Classify(error, LinkOperation.Read) };
    }

    private static WindowsPinnedFolder Same(IPinnedFolder other) =>
        other as WindowsPinnedFolder ?? throw new ArgumentException("a Windows pin can only act together with another Windows pin", nameof(other));

    private static void Check(string name) => PinnedFolders.CheckName(name, '\\', '/');
}

/// <summary>
/// One entry of a <see cref="WindowsPinnedFolder"/> held open by its own handle (DELETE access,
/// opened without following it and without FILE_SHARE_DELETE), with what it was when opened: the
/// checks are made on this handle, and the delete or rename acts on this handle, so on exactly the
/// object that was checked.
/// </summary>
internal sealed class WindowsPinnedEntry(IWindowsApi api, WindowsPinnedFolder folder, IWindowsHandle handle, string name, EntryFacts facts) : IDisposable
{
    /// <summary>The name it was opened by.</summary>
    public string Name { get; private set; } = name;

    /// <summary>What the handle said when it was opened (type, tag, identity, names count).</summary>
    public EntryFacts Facts { get; } = facts;

    /// <summary>The target stored in it, read on the handle (FSCTL_GET_REPARSE_POINT).</summary>
    public StepResult<StoredLink> ReadLink() => folder.ReadLinkOn(handle);

    /// <summary>
    /// The size and at most <paramref name="maxBytes"/> bytes of this file, read on this handle from its
    /// start (an entry from <see cref="WindowsPinnedFolder.OpenFileForChange"/>, which holds FILE_READ_DATA; read once).
    /// </summary>
    public StepResult<FileContent> ReadContent(int maxBytes) => WindowsPinnedFolder.ReadOn(api, handle, Facts, maxBytes, folder.PathOf(Name));

    /// <summary>Deletes this object's name (the one it is opened by): POSIX semantics, else classic; done when the handle closes.</summary>
    public OsResult Delete() => WindowsPinnedFolder.DeleteByHandle(api, handle);

    /// <summary>
    /// Deletes this object, first clearing FILE_ATTRIBUTE_READONLY on this handle when it is set (the
    /// handle needs FILE_WRITE_ATTRIBUTES); the attributes are put back when the delete still fails, so a
    /// failed delete changes nothing. Only the attributes SetFileAttributesW may set are written back.
    /// </summary>
    public OsResult DeleteClearingReadOnly()
    {
        var read = api.GetAttributeTag(handle);
        if (!read.TryGetValue(out var now) || !now.Attributes.HasFlag(FileAttributes.ReadOnly))
        {
            return Delete();
        }

        const FileAttributes settable = FileAttributes.ReadOnly | FileAttributes.Hidden | FileAttributes.System | FileAttributes.Archive
            | FileAttributes.Temporary | FileAttributes.Offline | FileAttributes.NotContentIndexed;
        var before = now.Attributes & settable;
        var cleared = api.SetAttributes(handle, before & ~FileAttributes.ReadOnly);
        if (!cleared.Succeeded)
        {
            return cleared;
        }

        var deleted = Delete();
        if (!deleted.Succeeded)
        {
            api.SetAttributes(handle, before);
        }

        return deleted;
    }

    /// <summary>Renames this object to <paramref name="newName"/> in <paramref name="into"/>, never over an existing name.</summary>
    public OsResult RenameTo(WindowsPinnedFolder into, string newName)
    {
        var renamed = into.RenameByHandle(handle, newName);
        if (renamed.Succeeded)
        {
            Name = newName;
        }

        return renamed;
    }

    public void Dispose() => handle.Dispose();
}
