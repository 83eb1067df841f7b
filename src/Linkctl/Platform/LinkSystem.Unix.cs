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
internal sealed class UnixLinkSystem : ILinkSystem
{
    private const string HardLinkNamesUnavailable =
        "Unix has no call that lists a file's other names; `linkctl list --hard` scans a tree for them";

    private readonly StatLayout layout;

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

    /// <summary>
    /// The stored target. A target that is not valid UTF-8 keeps its bytes as escapes
    /// (<see cref="Scanning.RawPath.ToOsText"/>), so it can be handed back to the OS unchanged;
    /// show it with \xNN escapes (the CLI's Terminal.Visible), never U+FFFD.
    /// </summary>
    public StepResult<StoredLink> ReadLink(string path)
    {
        var target = LibC.Readlink(path, out var errno);
        if (target is null)
        {
            // EINVAL: the entry exists but is not a symbolic link.
            return LinkRead.Failed(OsError.Errno(errno));
        }

        return LinkRead.Of(new StoredLink(LinkKind.SymbolicLink, target, IsRelative: !target.StartsWith('/')));
    }

    /// <remarks><paramref name="isDirectory"/> is ignored: a Unix symbolic link has no file/folder flavour.</remarks>
    public OsResult CreateSymbolicLink(string link, string target, bool isDirectory) =>
        LibC.Symlink(target, link) == 0 ? OsResult.Success : LastError();

    /// <summary>Always ENOTSUP: junctions exist only on Windows NTFS; the caller says why.</summary>
    public OsResult CreateJunction(string link, string targetFullPath) => OsResult.Failed(OsError.Errno(LibC.ENOTSUP));

    /// <remarks>
    /// EPERM from link(2) means a folder, a file system without hard links or a protection
    /// (fs.protected_hardlinks, an immutable file): <see cref="Links.LinkClassifier.Classify"/>
    /// tells them apart from the volume's and the existing file's facts.
    /// </remarks>
    public OsResult CreateHardLink(string link, string existingFile) =>
        LibC.Link(existingFile, link) == 0 ? OsResult.Success : LastError();

    /// <summary>
    /// Removes a symbolic link, or one name of a file that has other names. Anything else (a real
    /// folder, a file with a single name, a device) is refused with EINVAL, readlink(2)'s answer for
    /// "not a link", because removing it would delete data. A symbolic link to a folder is
    /// unlinked, never entered.
    /// </summary>
    public OsResult RemoveLink(string path)
    {
        if (!LibC.Lstat(layout, path, out var status, out var errno))
        {
            return OsResult.Failed(OsError.Errno(errno));
        }

        if (!status.IsSymbolicLink && !(status.IsRegularFile && status.LinkCount > 1))
        {
            return OsResult.Failed(OsError.Errno(LibC.EINVAL));
        }

        // unlink(2) removes the name itself: it never follows a link and never removes a folder.
        // Between lstat and unlink another process could remove the file's other names; the
        // kernel offers no "unlink only if nlink > 1", so that window remains.
        return LibC.Unlink(path) == 0 ? OsResult.Success : LastError();
    }

    public OsResult Rename(string source, string destination) =>
        LibC.Rename(source, destination) == 0 ? OsResult.Success : LastError();

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

    public StepResult<IPinnedFolder> PinFolder(string path) => UnixPinnedFolder.Pin(path);

    public StepResult<IReadOnlyList<string>> GetHardLinkNames(string path) => StepResult<IReadOnlyList<string>>.Failed(HardLinkNamesUnavailable);

    private EntryFacts Unexamined(string path, int errno, LinkOperation operation)
    {
        // ENOTDIR: a component on the way is a file, so nothing can exist at the path.
        if (errno is LibC.ENOENT or LibC.ENOTDIR)
        {
            return EntryFacts.Missing(path);
        }

        var error = OsError.Errno(errno);
        return new EntryFacts(path, EntryType.None) { Error = error, ErrorKind = LinkClassifier.Classify(error, operation) };
    }

    private static OsResult LastError() => OsResult.Failed(OsError.Errno(Marshal.GetLastPInvokeError()));

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
}
