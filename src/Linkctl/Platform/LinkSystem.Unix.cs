using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>
/// The link operations on Linux through libc. Linux only: struct stat is read with the
/// x86_64 and aarch64 layouts, and the constructor refuses any other platform.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnixLinkSystem : ILinkSystem
{
    private const string HardLinkNamesUnavailable =
        "Unix has no call that lists a file's other names; `linkctl list --hard` scans a tree for them";

    private readonly StatLayout layout;

    /// <summary>
    /// Verdicts made where an error happened, when its meaning depends on the volume (EPERM from
    /// link(2) is "no hard links here" on exFAT but a permission refusal on ext4). Keyed by the
    /// very OsError instance returned, so <see cref="Classify"/> gives the answer made with the volume known.
    /// </summary>
    private readonly ConditionalWeakTable<OsError, StrongBox<FailureKind>> verdicts = new();

    /// <exception cref="PlatformNotSupportedException">Not Linux on x86_64 or aarch64.</exception>
    public UnixLinkSystem(PathSyntax paths)
    {
        layout = StatLayout.Current ?? throw new PlatformNotSupportedException(StatLayout.UnsupportedReason);
        Paths = paths;
    }

    public PathSyntax Paths { get; }

    public EntryFacts GetEntry(string path)
    {
        if (!LibC.Lstat(layout, path, out var status, out var errno))
        {
            return Unexamined(path, errno, LinkOperation.Read);
        }

        return FactsOf(path, status);
    }

    public EntryFacts GetTargetEntry(string path)
    {
        if (!LibC.Stat(layout, path, out var status, out var errno))
        {
            return Unexamined(path, errno, LinkOperation.Read);
        }

        // realpath can fail after stat succeeded only through a race (a link changed in between);
        // the facts stand, without a final path.
        return FactsOf(path, status) with { FinalPath = LibC.Realpath(path, out _) };
    }

    public LinkReadResult ReadLink(string path)
    {
        var target = LibC.Readlink(path, out var errno, out var validUtf8, out var raw);
        if (target is null)
        {
            // EINVAL: the entry exists but is not a symbolic link.
            return LinkReadResult.Failed(OsError.Errno(errno));
        }

        var link = new StoredLink(LinkKind.SymbolicLink, target, IsRelative: !target.StartsWith('/'));
        return validUtf8
            ? LinkReadResult.Of(link)
            : new LinkReadResult(link, null,
                "the stored target is not valid UTF-8, so it is shown with U+FFFD in place of the bytes " +
                Convert.ToHexString(raw!) + "; UnixLinkSystem.ReadLinkBytes gives the exact bytes");
    }

    /// <summary>The stored target exactly as bytes, for names that are not valid UTF-8; null with <paramref name="error"/> on failure.</summary>
    public byte[]? ReadLinkBytes(string path, out OsError? error)
    {
        var raw = LibC.ReadlinkBytes(path, out var errno);
        error = raw is null ? OsError.Errno(errno) : null;
        return raw;
    }

    /// <remarks><paramref name="isDirectory"/> is ignored: a Unix symbolic link has no file/folder flavour.</remarks>
    public OsError? CreateSymbolicLink(string link, string target, bool isDirectory)
    {
        if (LibC.Symlink(target, link) == 0)
        {
            return null;
        }

        return OsError.Errno(Marshal.GetLastPInvokeError());
    }

    /// <summary>Always ENOTSUP: junctions exist only on Windows NTFS; the caller says why.</summary>
    public OsError? CreateJunction(string link, string targetFullPath) => OsError.Errno(LibC.ENOTSUP);

    public OsError? CreateHardLink(string link, string existingFile)
    {
        if (LibC.Link(existingFile, link) == 0)
        {
            return null;
        }

        var errno = Marshal.GetLastPInvokeError();
        var error = OsError.Errno(errno);
        if (errno == LibC.EPERM)
        {
            // link(2) says EPERM for a folder, for a file system without hard links (exFAT, FAT),
            // and for fs.protected_hardlinks or an immutable file: tell them apart now.
            var kind = LibC.Lstat(layout, existingFile, out var existing, out _) && existing.IsDirectory
                ? FailureKind.InvalidInput
                : ClassifyAt(error, LinkOperation.CreateHardLink, existingFile);
            verdicts.AddOrUpdate(error, new StrongBox<FailureKind>(kind));
        }

        return error;
    }

    /// <summary>
    /// Removes a symbolic link, or one name of a file that has other names. Anything else (a real
    /// folder, a file with a single name, a device) is refused with EINVAL, readlink(2)'s answer for
    /// "not a link", because removing it would delete data. A symbolic link to a folder is
    /// unlinked, never entered.
    /// </summary>
    public OsError? RemoveLink(string path)
    {
        if (!LibC.Lstat(layout, path, out var status, out var errno))
        {
            return OsError.Errno(errno);
        }

        if (!status.IsSymbolicLink && !(status.IsRegularFile && status.LinkCount > 1))
        {
            return OsError.Errno(LibC.EINVAL);
        }

        // unlink(2) removes the name itself: it never follows a link and never removes a folder.
        // Between lstat and unlink another process could remove the file's other names; the
        // kernel offers no "unlink only if nlink > 1", so that window remains.
        return LibC.Unlink(path) == 0 ? null : OsError.Errno(Marshal.GetLastPInvokeError());
    }

    public OsError? Rename(string source, string destination) =>
        LibC.Rename(source, destination) == 0 ? null : OsError.Errno(Marshal.GetLastPInvokeError());

    /// <summary>
    /// Copies a file (its mode too) or a folder tree. The source itself is followed; inside a
    /// folder, symbolic links are copied as links with their stored target. The destination must
    /// not exist (EEXIST). A FIFO, socket or device inside the tree stops the copy with EOPNOTSUPP.
    /// On failure a partly written file is removed (it was created by this call with O_EXCL);
    /// folders already copied are left in place.
    /// </summary>
    public OsError? Copy(string source, string destination, bool isDirectory)
    {
        if (LibC.Lstat(layout, destination, out _, out var destErrno))
        {
            return OsError.Errno(LibC.EEXIST);
        }

        if (destErrno != LibC.ENOENT)
        {
            return OsError.Errno(destErrno);
        }

        if (!LibC.Stat(layout, source, out var status, out var errno))
        {
            return OsError.Errno(errno);
        }

        if (isDirectory != status.IsDirectory)
        {
            return OsError.Errno(isDirectory ? LibC.ENOTDIR : LibC.EISDIR);
        }

        var result = status.IsDirectory ? CopyTree(source, destination, status) : CopyFile(source, destination, status);
        return result is null ? null : OsError.Errno(result.Value);
    }

    public VolumeFacts GetVolume(string path)
    {
        var probe = ExistingVolumePath(path, out var status, out var statErrno);
        if (probe is null)
        {
            return new VolumeFacts { Root = path, FileSystem = "unknown", Error = OsError.Errno(statErrno) };
        }

        if (!LibC.Statfs(probe, out var fs, out var errno))
        {
            return new VolumeFacts { Root = probe, FileSystem = "unknown", Error = OsError.Errno(errno) };
        }

        var resolved = LibC.Realpath(probe, out _) ?? probe;
        var mount = MountInfo.FindFor(MountInfo.ReadSelf(), resolved);
        var type = mount?.FileSystemType ?? FileSystemMagic.NameOf(fs.Type) ?? $"0x{fs.Type:x}";
        var format = type is "fuse" or "fuseblk" && mount is not null ? ReadOnDiskFormat(mount.Source) : null;
        var capabilities = UnixFileSystemCapabilities.For(type, mount, format);

        var detail = new StringBuilder();
        if (mount is not null)
        {
            detail.Append($"source {mount.Source}; mount options {mount.MountOptions}; file system options {mount.SuperOptions}");
        }

        if (format is not null)
        {
            detail.Append($"; on-disk format {format}");
        }

        if (capabilities.Note is not null)
        {
            detail.Append(detail.Length > 0 ? "; " : string.Empty).Append(capabilities.Note);
        }

        return new VolumeFacts
        {
            Root = mount?.MountPoint ?? "/",
            FileSystem = type,
            OnDiskFormat = format,
            Location = capabilities.Location,
            ReadOnly = fs.ReadOnly || (mount?.ReadOnly ?? false),
            SupportsSymbolicLinks = capabilities.SymbolicLinks,
            SupportsHardLinks = capabilities.HardLinks,
            VolumeId = status.Device,
            Detail = detail.Length > 0 ? detail.ToString() : null,
        };
    }

    public HardLinkNames GetHardLinkNames(string path) => HardLinkNames.NotAvailable(HardLinkNamesUnavailable);

    /// <summary>
    /// errno to failure kind. EPERM depends on the volume for link(2); errors returned by this
    /// instance's CreateHardLink carry the verdict made with the volume known, others get
    /// AccessDenied (protected_hardlinks, immutable files). Use <see cref="ClassifyAt"/> for an
    /// error met elsewhere.
    /// </summary>
    public FailureKind Classify(OsError error, LinkOperation operation)
    {
        if (verdicts.TryGetValue(error, out var verdict))
        {
            return verdict.Value;
        }

        if (error.Domain != OsErrorDomain.Errno)
        {
            return FailureKind.Other;
        }

        return error.Code switch
        {
            LibC.ENOSYS or LibC.ENOTSUP => FailureKind.NotSupported,
            // symlink(2): "The file system containing linkpath does not support the creation of symbolic links."
            LibC.EPERM when operation == LinkOperation.CreateSymbolicLink => FailureKind.NotSupported,
            LibC.EPERM or LibC.EACCES => FailureKind.AccessDenied,
            LibC.EROFS => FailureKind.ReadOnly,
            LibC.EEXIST or LibC.ENOTEMPTY or LibC.EISDIR or LibC.EBUSY => FailureKind.Conflict,
            LibC.ENOENT or LibC.ENOTDIR => FailureKind.NotFound,
            LibC.EXDEV => FailureKind.CrossDevice,
            LibC.EMLINK => FailureKind.TooManyLinks,
            LibC.ELOOP => FailureKind.CannotFollow,
            LibC.ENAMETOOLONG => FailureKind.InvalidInput,
            // readlink(2) and RemoveLink say EINVAL for "not a link".
            LibC.EINVAL when operation is LinkOperation.Read or LinkOperation.Remove => FailureKind.Conflict,
            LibC.EINVAL => FailureKind.InvalidInput,
            _ => FailureKind.Other,
        };
    }

    /// <summary>
    /// Like <see cref="Classify"/>, knowing the path the operation was about. It differs for EPERM
    /// from link(2): NotSupported when the volume holding <paramref name="path"/> cannot store hard
    /// links (exFAT, FAT), AccessDenied otherwise (fs.protected_hardlinks, an immutable file).
    /// </summary>
    public FailureKind ClassifyAt(OsError error, LinkOperation operation, string path)
    {
        if (error.Domain == OsErrorDomain.Errno && error.Code == LibC.EPERM && operation == LinkOperation.CreateHardLink)
        {
            return GetVolume(path).SupportsHardLinks == false ? FailureKind.NotSupported : FailureKind.AccessDenied;
        }

        return Classify(error, operation);
    }

    private EntryFacts Unexamined(string path, int errno, LinkOperation operation)
    {
        // ENOTDIR: a component on the way is a file, so nothing can exist at the path.
        if (errno is LibC.ENOENT or LibC.ENOTDIR)
        {
            return EntryFacts.Missing(path);
        }

        var error = OsError.Errno(errno);
        return new EntryFacts(path, EntryType.None) { Error = error, ErrorKind = Classify(error, operation) };
    }

    private static EntryFacts FactsOf(string path, FileStatus status)
    {
        var type = status.FileType switch
        {
            FileStatus.S_IFLNK => EntryType.SymbolicLink,
            FileStatus.S_IFDIR => EntryType.Directory,
            FileStatus.S_IFREG => EntryType.File,
            _ => EntryType.Special,
        };

        return new EntryFacts(path, type)
        {
            IsDirectory = status.IsDirectory,
            LinkCount = (long)status.LinkCount,
            Identity = new FileIdentity(status.Device, status.Inode),
            OwnerId = status.Uid,
            Mode = status.Permissions,
        };
    }

    /// <summary>
    /// The path whose file system answers for <paramref name="path"/>: the path itself when it
    /// exists and is not a symbolic link (a link's name lives in its folder's file system, while
    /// statfs would follow it), else the nearest existing folder above it. <paramref name="status"/>
    /// is that path's lstat, which is also its stat since it is not a link.
    /// </summary>
    private string? ExistingVolumePath(string path, out FileStatus status, out int errno)
    {
        var current = path;
        errno = 0;
        while (true)
        {
            if (LibC.Lstat(layout, current, out status, out errno) && !status.IsSymbolicLink)
            {
                return current;
            }

            if (errno is not (0 or LibC.ENOENT or LibC.ENOTDIR))
            {
                return null;
            }

            var parent = Paths.GetDirectoryName(current);
            if (parent is null || parent == current)
            {
                errno = errno == 0 ? LibC.ENOENT : errno;
                return null;
            }

            current = parent;
        }
    }

    /// <summary>The format in the boot sector of a FUSE mount's source (a device or image), when it can be read (usually only as root).</summary>
    private static string? ReadOnDiskFormat(string source)
    {
        if (!source.StartsWith('/'))
        {
            return null;
        }

        var fd = LibC.Open(source, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            Span<byte> sector = stackalloc byte[512];
            var filled = ReadFully(fd, sector);
            return filled < 0 ? null : UnixFileSystemCapabilities.FormatFromBootSector(sector[..filled]);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private static unsafe int ReadFully(int fd, Span<byte> buffer)
    {
        var total = 0;
        fixed (byte* p = buffer)
        {
            while (total < buffer.Length)
            {
                var n = LibC.Read(fd, p + total, (nuint)(buffer.Length - total));
                if (n < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
                {
                    continue;
                }

                if (n < 0)
                {
                    return -1;
                }

                if (n == 0)
                {
                    break;
                }

                total += (int)n;
            }
        }

        return total;
    }

    /// <returns>Null on success, else the errno.</returns>
    private static unsafe int? CopyFile(string source, string destination, FileStatus status)
    {
        var input = LibC.Open(source, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (input < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            var output = LibC.Open(destination, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0x180); // 0600 until the copy is whole
            if (output < 0)
            {
                return Marshal.GetLastPInvokeError();
            }

            var failure = CopyContent(input, output);
            if (failure is null && LibC.Fchmod(output, status.Permissions) != 0)
            {
                failure = Marshal.GetLastPInvokeError();
            }

            if (LibC.Close(output) != 0 && failure is null)
            {
                failure = Marshal.GetLastPInvokeError();
            }

            if (failure is not null)
            {
                // O_EXCL made this file in this call: it holds nothing but our partial copy.
                LibC.Unlink(destination);
            }

            return failure;
        }
        finally
        {
            LibC.Close(input);
        }
    }

    private static unsafe int? CopyContent(int input, int output)
    {
        var buffer = new byte[128 * 1024];
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var read = LibC.Read(input, p, (nuint)buffer.Length);
                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }

                    return errno;
                }

                if (read == 0)
                {
                    return null;
                }

                nint written = 0;
                while (written < read)
                {
                    var n = LibC.Write(output, p + written, (nuint)(read - written));
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == LibC.EINTR)
                        {
                            continue;
                        }

                        return errno;
                    }

                    written += n;
                }
            }
        }
    }

    private int? CopyTree(string source, string destination, FileStatus status)
    {
        if (LibC.Mkdir(destination, 0x1C0) != 0) // 0700 while filling it
        {
            return Marshal.GetLastPInvokeError();
        }

        string[] names;
        try
        {
            // Listing a folder does not follow the links inside it; names that are not valid
            // UTF-8 come back altered, so lstat of them fails with ENOENT and the copy stops there.
            names = Directory.GetFileSystemEntries(source).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            return LibC.EACCES;
        }
        catch (DirectoryNotFoundException)
        {
            return LibC.ENOENT;
        }
        catch (IOException)
        {
            return LibC.EIO;
        }

        foreach (var name in names)
        {
            var from = source + "/" + name;
            var to = destination + "/" + name;
            if (!LibC.Lstat(layout, from, out var entry, out var errno))
            {
                return errno;
            }

            int? failure;
            if (entry.IsSymbolicLink)
            {
                failure = CopyLink(from, to);
            }
            else if (entry.IsDirectory)
            {
                failure = CopyTree(from, to, entry);
            }
            else if (entry.IsRegularFile)
            {
                failure = CopyFile(from, to, entry);
            }
            else
            {
                failure = LibC.EOPNOTSUPP;
            }

            if (failure is not null)
            {
                return failure;
            }
        }

        return LibC.Chmod(destination, status.Permissions) == 0 ? null : Marshal.GetLastPInvokeError();
    }

    private static unsafe int? CopyLink(string from, string to)
    {
        var target = LibC.ReadlinkBytes(from, out var errno);
        if (target is null)
        {
            return errno;
        }

        // Bytes, not a string: a target that is not valid UTF-8 is copied unchanged.
        var targetZ = new byte[target.Length + 1];
        target.CopyTo(targetZ, 0);
        var toZ = new byte[Encoding.UTF8.GetByteCount(to) + 1];
        Encoding.UTF8.GetBytes(to, toZ);
        fixed (byte* t = targetZ)
        fixed (byte* l = toZ)
        {
            return LibC.Symlink(t, l) == 0 ? null : Marshal.GetLastPInvokeError();
        }
    }
}
