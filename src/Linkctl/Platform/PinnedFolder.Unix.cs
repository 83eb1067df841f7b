using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Scanning;

namespace Linkctl.Platform;

/// <summary>
/// A Linux folder pinned by an O_PATH descriptor (see <see cref="IPinnedFolder"/>). O_PATH needs no
/// read permission on the folder and is enough for every *at call; only listing opens "." for reading.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class UnixPinnedFolder : IPinnedFolder
{
    private const int AtFdCwd = -100;
    private const uint FactsMask = LibC.STATX_TYPE | LibC.STATX_MODE | LibC.STATX_NLINK | LibC.STATX_INO | LibC.STATX_UID
        | LibC.STATX_GID | LibC.STATX_SIZE | LibC.STATX_ATIME | LibC.STATX_MTIME;

    private int fd;

    private UnixPinnedFolder(int fd, string path, FileIdentity identity)
    {
        this.fd = fd;
        Path = path;
        Identity = identity;
    }

    public string Path { get; }

    public FileIdentity Identity { get; }

    private int Fd => fd >= 0 ? fd : throw new ObjectDisposedException(nameof(UnixPinnedFolder), $"the pin of {Path} was already closed");

    /// <summary>
    /// Pins <paramref name="path"/> as the kernel resolves it now (through links on the way, as a
    /// user's ROOT is meant), once; everything after acts on that folder, whatever the path later leads to.
    /// </summary>
    internal static StepResult<IPinnedFolder> Pin(string path)
    {
        var opened = LibC.Open(path, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (opened < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return StepResult<IPinnedFolder>.Failed($"cannot open the folder {path}", OsError.Errno(errno));
        }

        return FromDescriptor(opened, path, expected: null);
    }

    public string PathOf(string name) => PathSyntax.Unix.Combine(Path, name);

    public EntryFacts GetEntry(string name) => Facts(name, LibC.AT_SYMLINK_NOFOLLOW | LibC.AT_NO_AUTOMOUNT);

    public EntryFacts GetTargetEntry(string name) => Facts(name, LibC.AT_NO_AUTOMOUNT);

    private unsafe EntryFacts Facts(string name, int flags)
    {
        Check(name);
        LibC.StatxBuffer st;
        if (LibC.Statx(Fd, name, flags, FactsMask, &st) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is LibC.ENOENT or LibC.ENOTDIR)
            {
                return EntryFacts.Missing(PathOf(name));
            }

            var error = OsError.Errno(errno);
            return new EntryFacts(PathOf(name), EntryType.None) { Error = error, ErrorKind = LinkClassifier.Classify(error, LinkOperation.Read) };
        }

        return FactsOf(PathOf(name), st);
    }

    public StepResult<StoredLink> ReadLink(string name)
    {
        Check(name);
        var target = LibC.ReadlinkAt(Fd, name, out var errno);
        return target is null
            ? LinkRead.Failed(OsError.Errno(errno))
            : LinkRead.Of(new StoredLink(LinkKind.SymbolicLink, target, IsRelative: !target.StartsWith('/')));
    }

    /// <remarks><paramref name="isDirectory"/> is ignored: a Unix symbolic link has no file/folder flavour.</remarks>
    public OsResult CreateSymbolicLink(string name, string target, bool isDirectory)
    {
        Check(name);
        ArgumentException.ThrowIfNullOrEmpty(target);
        return LibC.SymlinkAt(target, Fd, name) == 0 ? default : LastError();
    }

    public OsResult CreateHardLink(string name, IPinnedFolder sourceFolder, string sourceName)
    {
        Check(name);
        Check(sourceName);
        return LibC.LinkAt(Same(sourceFolder).Fd, sourceName, Fd, name, 0) == 0 ? default : LastError();
    }

    public OsResult RemoveName(string name)
    {
        Check(name);
        return LibC.UnlinkAt(Fd, name, 0) == 0 ? default : LastError();
    }

    public OsResult RemoveFile(string name) => RemoveName(name);

    /// <remarks>
    /// statx on the name, then unlinkat(AT_REMOVEDIR). Between the two another process could swap in
    /// another empty folder, which would then go instead: an empty folder inside the same pinned
    /// folder, never anything outside it and never a link (rmdir of a link fails ENOTDIR).
    /// </remarks>
    public StepResult RemoveFolder(string name, FileIdentity expected)
    {
        var facts = GetEntry(name);
        if (facts.Type != EntryType.Directory || facts.Identity != expected)
        {
            return StepResult.Failed(facts.Type == EntryType.None && facts.Error is null
                ? $"{PathOf(name)} is gone: something else removed or renamed it meanwhile"
                : PinnedFolders.Swapped(PathOf(name)), facts.Error);
        }

        return LibC.UnlinkAt(Fd, name, LibC.AT_REMOVEDIR) == 0
            ? StepResult.Success
            : StepResult.Failed($"cannot remove the folder {PathOf(name)}", OsError.Errno(Marshal.GetLastPInvokeError()));
    }

    public OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode)
    {
        Check(name);
        Check(destinationName);
        var flags = mode == RenameMode.Exchange ? LibC.RENAME_EXCHANGE : LibC.RENAME_NOREPLACE;
        return LibC.RenameAt2(Fd, name, Same(destination).Fd, destinationName, flags) == 0 ? default : LastError();
    }

    public unsafe StepResult<FileContent> ReadFile(string name, int maxBytes)
    {
        Check(name);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var opened = LibC.OpenAt(Fd, name, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (opened < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return StepResult<FileContent>.Failed(errno == LibC.ELOOP ? $"{PathOf(name)} is a link, not a file" : $"cannot open {PathOf(name)} to read it", OsError.Errno(errno));
        }

        try
        {
            LibC.StatxBuffer st;
            if (LibC.Statx(opened, string.Empty, LibC.AT_EMPTY_PATH, LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_SIZE, &st) != 0)
            {
                return StepResult<FileContent>.Failed($"cannot read what {PathOf(name)} is", OsError.Errno(Marshal.GetLastPInvokeError()));
            }

            if ((st.Mode & LibC.S_IFMT) != LibC.S_IFREG)
            {
                return StepResult<FileContent>.Failed($"{PathOf(name)} is not a regular file");
            }

            var buffer = new byte[(int)Math.Min((ulong)maxBytes, st.Size)];
            var filled = 0;
            fixed (byte* p = buffer)
            {
                while (filled < buffer.Length)
                {
                    var n = LibC.Read(opened, p + filled, (nuint)(buffer.Length - filled));
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == LibC.EINTR)
                        {
                            continue;
                        }

                        return StepResult<FileContent>.Failed($"cannot read {PathOf(name)}", OsError.Errno(errno));
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    filled += (int)n;
                }
            }

            // A file that shrank while it was read reports what it held; the size is the one statx gave,
            // so a caller comparing sizes and bytes sees the difference.
            return StepResult<FileContent>.Of(new FileContent(new FileIdentity(st.Dev, st.Ino), st.Size, buffer[..filled]));
        }
        finally
        {
            LibC.Close(opened);
        }
    }

    public OsResult CreateFile(string name, ReadOnlySpan<byte> content)
    {
        // 0666 less the umask, as git makes files; O_EXCL and O_NOFOLLOW come with CreateFile.
        var created = CreateFile(name, 0x1B6);
        if (!created.TryGetValue(out var file))
        {
            return created.WithoutValue();
        }

        using (file)
        {
            try
            {
                RandomAccess.Write(file, content, 0);
            }
            catch (IOException e)
            {
                return OsResult.Failed(OsError.FromHostException(e));
            }

            // The file is the only copy of what it holds once the caller swaps it in: on the disk first.
            return LibC.Fsync((int)file.DangerousGetHandle()) == 0 ? default : LastError();
        }
    }

    public OsResult<IReadOnlyList<string>> ListNames()
    {
        var listed = List(withTypes: false);
        return listed.TryGetValue(out var entries)
            ? OsResult<IReadOnlyList<string>>.Of(entries.Select(e => e.Name).ToList())
            : OsResult<IReadOnlyList<string>>.Failed(listed.Error!);
    }

    public OsResult<IReadOnlyList<ListedName>> ListEntries() => List(withTypes: true);

    private unsafe OsResult<IReadOnlyList<ListedName>> List(bool withTypes)
    {
        // A fresh open of "." through the pin: the pin's own descriptor (O_PATH) cannot be read, and
        // a separate descriptor keeps listings from sharing one directory offset.
        var listing = LibC.OpenAt(Fd, ".", LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (listing < 0)
        {
            return OsResult<IReadOnlyList<ListedName>>.Failed(OsError.Errno(Marshal.GetLastPInvokeError()));
        }

        try
        {
            var names = new List<ListedName>();
            var buffer = new byte[32 * 1024];
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    var filled = LibC.GetDents64(listing, p, (nuint)buffer.Length);
                    if (filled < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == LibC.EINTR)
                        {
                            continue;
                        }

                        return OsResult<IReadOnlyList<ListedName>>.Failed(OsError.Errno(errno));
                    }

                    if (filled == 0)
                    {
                        return OsResult<IReadOnlyList<ListedName>>.Of(names);
                    }

                    for (var offset = 0; offset < filled;)
                    {
                        var record = p + offset;
                        var length = *(ushort*)(record + LibC.Dirent64RecLenOffset);
                        var entry = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(record + LibC.Dirent64NameOffset);
                        if (!(entry.SequenceEqual("."u8) || entry.SequenceEqual(".."u8)))
                        {
                            names.Add(new ListedName(RawPath.ToOsText(entry), withTypes ? TypeOf(record[LibC.Dirent64TypeOffset]) : null));
                        }

                        offset += length;
                    }
                }
            }
        }
        finally
        {
            LibC.Close(listing);
        }
    }

    // DT_UNKNOWN (some file systems never fill d_type) and anything new: not said.
    private static EntryType? TypeOf(byte type) => type switch
    {
        LibC.DT_DIR => EntryType.Directory,
        LibC.DT_REG => EntryType.File,
        LibC.DT_LNK => EntryType.SymbolicLink,
        LibC.DT_FIFO or LibC.DT_CHR or LibC.DT_BLK or LibC.DT_SOCK => EntryType.Special,
        _ => null,
    };
    public unsafe StepResult<SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null)
    {
        Check(name);
        var opened = LibC.OpenAt(Fd, name, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC | LibC.O_NOCTTY | LibC.O_NONBLOCK);
        if (opened < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var problem = errno == LibC.ELOOP
                ? $"{PathOf(name)} is a link (it may have been swapped for one after it was checked): linkctl does not follow it"
                : $"cannot open the file {PathOf(name)}";
            return StepResult<SafeFileHandle>.Failed(problem, OsError.Errno(errno));
        }

        var handle = new SafeFileHandle(opened, ownsHandle: true);
        LibC.StatxBuffer st;
        if (LibC.Statx(opened, string.Empty, LibC.AT_EMPTY_PATH, LibC.STATX_TYPE | LibC.STATX_INO, &st) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            return StepResult<SafeFileHandle>.Failed($"cannot read the identity of {PathOf(name)}", OsError.Errno(errno));
        }

        // O_NONBLOCK above keeps a FIFO planted at the name from blocking the open; only a regular file is read.
        if ((st.Mode & LibC.S_IFMT) != LibC.S_IFREG || (expected is { } wanted && wanted != new FileIdentity(st.Dev, st.Ino)))
        {
            handle.Dispose();
            return StepResult<SafeFileHandle>.Failed($"{PathOf(name)} is not the file that was checked: it was replaced after linkctl looked at it, so linkctl skipped it rather than read something else");
        }

        return StepResult<SafeFileHandle>.Of(handle);
    }

    public OsResult<SafeFileHandle> CreateFile(string name, uint mode)
    {
        Check(name);
        var opened = LibC.OpenAt(Fd, name, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, mode);
        return opened < 0
            ? OsResult<SafeFileHandle>.Failed(OsError.Errno(Marshal.GetLastPInvokeError()))
            : OsResult<SafeFileHandle>.Of(new SafeFileHandle(opened, ownsHandle: true));
    }

    public OsResult CreateFolder(string name, uint mode)
    {
        Check(name);
        return LibC.MkdirAt(Fd, name, mode) == 0 ? default : LastError();
    }

    public OsResult SetFolderMode(string name, uint mode)
    {
        Check(name);

        // fchmodat(2) follows a link at the name (AT_SYMLINK_NOFOLLOW is not supported there), and an
        // O_PATH descriptor cannot be fchmod-ed: so the folder is opened without following, then set.
        var opened = LibC.OpenAt(Fd, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (opened < 0)
        {
            return LastError();
        }

        try
        {
            return LibC.Fchmod(opened, mode) == 0 ? default : LastError();
        }
        finally
        {
            LibC.Close(opened);
        }
    }

    public OsResult SetOwner(string name, uint owner, uint group)
    {
        Check(name);
        return LibC.FchownAt(Fd, name, owner, group, LibC.AT_SYMLINK_NOFOLLOW) == 0 ? default : LastError();
    }

    public unsafe OsResult SetTimes(string name, EntryTimes times)
    {
        Check(name);
        var spec = stackalloc LibC.Timespec[2];
        spec[0] = new LibC.Timespec { Seconds = times.AccessSeconds, Nanoseconds = times.AccessNanoseconds };
        spec[1] = new LibC.Timespec { Seconds = times.ModifySeconds, Nanoseconds = times.ModifyNanoseconds };
        return LibC.UtimensAt(Fd, name, spec, LibC.AT_SYMLINK_NOFOLLOW) == 0 ? default : LastError();
    }

    public StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null)
    {
        Check(name);

        // O_NOFOLLOW|O_DIRECTORY: a link at the name fails (ELOOP or ENOTDIR), whatever it points to.
        var opened = LibC.OpenAt(Fd, name, LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        if (opened < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var problem = errno is LibC.ELOOP or LibC.ENOTDIR
                ? $"{PathOf(name)} is not a folder (it may be a link, or have been swapped for one): linkctl does not follow links into folders it acts in"
                : $"cannot open the folder {PathOf(name)}";
            return StepResult<IPinnedFolder>.Failed(problem, OsError.Errno(errno));
        }

        return FromDescriptor(opened, PathOf(name), expected);
    }

    public void Dispose()
    {
        var old = Interlocked.Exchange(ref fd, -1);
        if (old >= 0)
        {
            // close(2) of an O_PATH descriptor writes nothing back, so its result carries no lost data.
            LibC.Close(old);
        }
    }

    private static unsafe StepResult<IPinnedFolder> FromDescriptor(int opened, string path, FileIdentity? expected)
    {
        LibC.StatxBuffer st;
        if (LibC.Statx(opened, string.Empty, LibC.AT_EMPTY_PATH, LibC.STATX_INO, &st) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.Close(opened);
            return StepResult<IPinnedFolder>.Failed($"cannot read the identity of the folder {path}", OsError.Errno(errno));
        }

        var identity = new FileIdentity(st.Dev, st.Ino);
        if (expected is { } wanted && wanted != identity)
        {
            LibC.Close(opened);
            return StepResult<IPinnedFolder>.Failed(PinnedFolders.Swapped(path));
        }

        return StepResult<IPinnedFolder>.Of(new UnixPinnedFolder(opened, path, identity));
    }

    private static EntryFacts FactsOf(string path, LibC.StatxBuffer st)
    {
        var type = (st.Mode & LibC.S_IFMT) switch
        {
            LibC.S_IFLNK => EntryType.SymbolicLink,
            LibC.S_IFDIR => EntryType.Directory,
            LibC.S_IFREG => EntryType.File,
            _ => EntryType.Special,
        };

        return new EntryFacts(path, type)
        {
            IsDirectory = type == EntryType.Directory,
            LinkCount = st.NLink,
            Identity = new FileIdentity(st.Dev, st.Ino),
            OwnerId = st.Uid,
            Mode = (uint)(st.Mode & 0xFFF),
            Size = (st.Mask & LibC.STATX_SIZE) != 0 ? (long)st.Size : null,
            IsMountRoot = (st.AttributesMask & st.Attributes & LibC.STATX_ATTR_MOUNT_ROOT) != 0,
            GroupId = st.Gid,
            Times = new EntryTimes(st.AtimeSeconds, st.AtimeNanoseconds, st.MtimeSeconds, st.MtimeNanoseconds),
        };
    }

    private static UnixPinnedFolder Same(IPinnedFolder other) =>
        other as UnixPinnedFolder ?? throw new ArgumentException("a Linux pin can only act together with another Linux pin", nameof(other));

    private static void Check(string name) => PinnedFolders.CheckName(name, '/');

    private static OsResult LastError() => OsResult.Failed(OsError.Errno(Marshal.GetLastPInvokeError()));
}
