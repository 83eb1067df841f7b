using System.Runtime.InteropServices;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Scanning;

// The Linux walker: getdents64 gives each entry's type, so ordinary files cost nothing beyond
// the listing; links get one readlinkat and one statx (for their status), both relative to the
// open folder so the kernel does not walk the path again.
public sealed partial class TreeScanner
{
    private const int AT_FDCWD = -100;
    private const int ListingBufferSize = 64 * 1024;
    private const int LinkBufferSize = 4096;

    private const int EMFILE = 24;

    private MountTable? mounts;

    private MountTable Mounts => LazyInitializer.EnsureInitialized(ref mounts, () => MountTable.Load());

    private unsafe void StartRoot(string root, ILinkSink sink)
    {
        var given = RawPath.FromText(root);
        var full = RawPath.Normalize(given.Length > 0 && given[0] == (byte)'/'
            ? given
            : RawPath.Combine(RawPath.FromText(platform.CurrentDirectory), given));
        var context = new RootContext(given, full);
        var ancestors = ChainOfAncestors(full);

        LibC.StatxBuffer st;
        var mask = LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK;
        int rc;
        fixed (byte* p = NulTerminated(given))
        {
            rc = LibC.Statx(AT_FDCWD, p, LibC.AT_SYMLINK_NOFOLLOW, mask, &st);
        }

        if (rc != 0)
        {
            Report(sink, new ScanProblem(given, "cannot read root", OsError.Errno(Marshal.GetLastPInvokeError())));
            return;
        }

        var type = st.Mode & LibC.S_IFMT;
        if (type == LibC.S_IFLNK && !options.Follow)
        {
            context.Device = ancestors?.Device ?? st.Dev;
            var parent = RawPath.Normalize(RawPath.Combine(full, ".."u8));
            using var buffer = new NativeBuffer(LinkBufferSize);
            fixed (byte* p = NulTerminated(given))
            {
                ProcessLink(AT_FDCWD, p, given, parent, new DirectoryWork(context, given, 0, ancestors, false), ancestors, context.Device, sink, null, buffer);
            }

            return;
        }

        context.Device = st.Dev;
        if (type == LibC.S_IFDIR || type == LibC.S_IFLNK)
        {
            pool.Push(new DirectoryWork(context, given, 0, ancestors, type == LibC.S_IFLNK));
        }
        else if (type == LibC.S_IFREG && options.HardLinks && st.NLink > 1)
        {
            Emit(sink, HardLinkRecord(context, given, 0, st));
        }
    }

    /// <summary>The folders above a root, top first, so that a link from inside the tree to "/" or "../.." above the root is seen as an ancestor too.</summary>
    private static unsafe AncestorChain? ChainOfAncestors(byte[] full)
    {
        AncestorChain? chain = null;
        var prefixes = new List<byte[]> { "/"u8.ToArray() };
        for (var i = 1; i < full.Length; i++)
        {
            if (full[i] == (byte)'/')
            {
                prefixes.Add(full[..i]);
            }
        }

        foreach (var prefix in prefixes)
        {
            LibC.StatxBuffer st;
            fixed (byte* p = NulTerminated(prefix))
            {
                if (LibC.Statx(AT_FDCWD, p, 0, LibC.STATX_INO, &st) == 0)
                {
                    chain = new AncestorChain(st.Dev, st.Ino, chain);
                }
            }
        }

        return chain;
    }

    private unsafe void WorkerLoop(ILinkSink sink)
    {
        using var listing = new NativeBuffer(ListingBufferSize);
        using var linkBuffer = new NativeBuffer(LinkBufferSize);
        var path = new byte[256];
        var children = new List<DirectoryWork>();
        while (pool.TryTake(out var work))
        {
            try
            {
                if (path.Length < work.Path.Length + 1)
                {
                    path = new byte[work.Path.Length * 2 + 1];
                }

                work.Path.CopyTo(path, 0);
                path[work.Path.Length] = 0;
                fixed (byte* p = path)
                {
                    ListDirectory(work, p, sink, children, listing, linkBuffer);
                }

                if (children.Count > 0)
                {
                    pool.PushAll(children);
                    children.Clear();
                }
            }
            finally
            {
                pool.Done();
            }
        }
    }

    private unsafe void ListDirectory(DirectoryWork work, byte* path, ILinkSink sink, List<DirectoryWork> children, NativeBuffer listing, NativeBuffer linkBuffer)
    {
        // O_NOFOLLOW: a folder found by its listing entry may have been swapped for a link since;
        // only roots and links that --follow chose may be entered through a link.
        var flags = LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC | (work.ViaLink || work.Depth == 0 ? 0 : LibC.O_NOFOLLOW);
        int fd;
        int openError;
        if (work.ParentHandle is { } parent)
        {
            fd = LibC.OpenAt(parent.Fd, path + work.NameOffset, flags);
            openError = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            parent.Release();
            if (fd < 0 && openError == EMFILE)
            {
                // Too many folders held open: the full path still works.
                fd = LibC.Open(path, flags);
                openError = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
        }
        else
        {
            fd = LibC.Open(path, flags);
            openError = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }

        if (fd < 0)
        {
            Report(sink, new ScanProblem(work.Path, "cannot open folder", OsError.Errno(openError)));
            return;
        }

        var firstChild = children.Count;
        var keepOpen = false;

        try
        {
            LibC.StatxBuffer self;
            byte emptyName = 0;
            if (LibC.Statx(fd, &emptyName, LibC.AT_EMPTY_PATH, LibC.STATX_INO, &self) != 0)
            {
                Report(sink, new ScanProblem(work.Path, "cannot read folder", OsError.Errno(Marshal.GetLastPInvokeError())));
                return;
            }

            if (work.Depth == 0)
            {
                work.Root.Device = self.Dev;
            }
            else if (options.OneFileSystem && self.Dev != work.Root.Device)
            {
                return;
            }

            var node = new AncestorChain(self.Dev, self.Ino, work.Parent);
            var childDepth = work.Depth + 1;
            var descend = childDepth < options.MaxDepth;
            byte[]? fullDirectory = null;
            long entries = 0;
            var buffer = listing.Pointer;
            while (true)
            {
                var filled = LibC.GetDents64(fd, buffer, (nuint)listing.Size);
                if (filled < 0)
                {
                    Report(sink, new ScanProblem(work.Path, "cannot list folder", OsError.Errno(Marshal.GetLastPInvokeError())));
                    break;
                }

                if (filled == 0)
                {
                    break;
                }

                for (nint offset = 0; offset < filled;)
                {
                    var record = buffer + offset;
                    offset += *(ushort*)(record + LibC.Dirent64RecLenOffset);
                    var namePtr = record + LibC.Dirent64NameOffset;
                    var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(namePtr);
                    if (name[0] == (byte)'.' && (name.Length == 1 || (name.Length == 2 && name[1] == (byte)'.')))
                    {
                        continue;
                    }

                    entries++;
                    var type = record[LibC.Dirent64TypeOffset];
                    LibC.StatxBuffer st = default;
                    if (type == LibC.DT_UNKNOWN)
                    {
                        // Some file systems (older XFS, some FUSE) do not fill d_type.
                        if (LibC.Statx(fd, namePtr, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK, &st) != 0)
                        {
                            continue;
                        }

                        type = (st.Mode & LibC.S_IFMT) switch
                        {
                            LibC.S_IFDIR => LibC.DT_DIR,
                            LibC.S_IFLNK => LibC.DT_LNK,
                            LibC.S_IFREG => LibC.DT_REG,
                            _ => LibC.DT_UNKNOWN,
                        };
                    }

                    switch (type)
                    {
                        case LibC.DT_DIR:
                            if (descend)
                            {
                                var childPath = RawPath.Combine(work.Path, name);
                                children.Add(new DirectoryWork(work.Root, childPath, childDepth, node, false, null, childPath.Length - name.Length));
                            }

                            break;
                        case LibC.DT_LNK:
                            if (options.SymbolicLinks || options.Follow)
                            {
                                fullDirectory ??= FullPathOf(work);
                                ProcessLink(fd, namePtr, RawPath.Combine(work.Path, name), fullDirectory, work, node, self.Dev, sink, descend ? children : null, linkBuffer);
                            }

                            break;
                        case LibC.DT_REG:
                            if (options.HardLinks)
                            {
                                if (st.Mask == 0 && LibC.Statx(fd, namePtr, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK, &st) != 0)
                                {
                                    break;
                                }

                                if (st.NLink > 1)
                                {
                                    Emit(sink, HardLinkRecord(work.Root, RawPath.Combine(work.Path, name), childDepth, st));
                                }
                            }

                            break;
                    }
                }
            }

            Counters.AddDirectory(entries);

            // Subfolders found by name (not followed links) open relative to this folder.
            var byName = 0;
            for (var i = firstChild; i < children.Count; i++)
            {
                if (!children[i].ViaLink)
                {
                    byName++;
                }
            }

            if (byName > 0)
            {
                var handle = new FolderHandle(fd, byName);
                for (var i = firstChild; i < children.Count; i++)
                {
                    if (!children[i].ViaLink)
                    {
                        children[i] = children[i] with { ParentHandle = handle };
                    }
                }

                keepOpen = true;
            }
        }
        finally
        {
            if (!keepOpen)
            {
                LibC.Close(fd);
            }
        }
    }

    /// <summary>The folder's absolute, normalized path, for resolving relative targets.</summary>
    private static byte[] FullPathOf(DirectoryWork work)
    {
        if (work.Depth == 0)
        {
            return work.Root.Full;
        }

        return RawPath.Normalize(RawPath.Combine(work.Root.Full, work.Path.AsSpan(work.Root.Given.Length)));
    }

    private unsafe void ProcessLink(int dirFd, byte* name, byte[] linkPath, byte[] fullDirectory, DirectoryWork work, AncestorChain? node, ulong folderDevice, ILinkSink sink, List<DirectoryWork>? children, NativeBuffer linkBuffer)
    {
        var length = LibC.ReadlinkAt(dirFd, name, linkBuffer.Pointer, (nuint)linkBuffer.Size);
        byte[] stored;
        if (length < 0)
        {
            Report(sink, new ScanProblem(linkPath, "cannot read link", OsError.Errno(Marshal.GetLastPInvokeError())));
            return;
        }

        if (length >= linkBuffer.Size)
        {
            // Linux caps targets at PATH_MAX - 1 bytes; a longer answer (FUSE) is read with a bigger buffer.
            stored = ReadLongLink(dirFd, name) ?? new Span<byte>(linkBuffer.Pointer, (int)length).ToArray();
        }
        else
        {
            stored = new Span<byte>(linkBuffer.Pointer, (int)length).ToArray();
        }

        var absolute = stored.Length > 0 && stored[0] == (byte)'/';
        var resolved = RawPath.Normalize(absolute ? stored : RawPath.Combine(fullDirectory, stored));
        var flags = absolute ? LinkFlags.Absolute : LinkFlags.Relative;
        if (!RawPath.IsSameOrBelow(resolved, work.Root.Full))
        {
            flags |= LinkFlags.OutsideRoot;
        }

        LibC.StatxBuffer target;
        var status = LinkStatus.Ok;
        var targetType = EntryType.None;
        OsError? error = null;
        if (LibC.Statx(dirFd, name, LibC.AT_NO_AUTOMOUNT, LibC.STATX_TYPE | LibC.STATX_INO, &target) == 0)
        {
            targetType = (target.Mode & LibC.S_IFMT) switch
            {
                LibC.S_IFDIR => EntryType.Directory,
                LibC.S_IFREG => EntryType.File,
                _ => EntryType.Special,
            };
            if (target.Dev != folderDevice)
            {
                flags |= LinkFlags.CrossesFileSystem;
                if (Mounts.IsRemote(target.Dev))
                {
                    flags |= LinkFlags.Remote;
                }
            }

            if (targetType == EntryType.Directory && node is not null && node.Contains(target.Dev, target.Ino))
            {
                flags |= LinkFlags.PointsToAncestor;
            }
            else if (targetType == EntryType.Directory && options.Follow && children is not null
                && (!options.OneFileSystem || target.Dev == work.Root.Device))
            {
                flags |= LinkFlags.Followed;
                children.Add(new DirectoryWork(work.Root, linkPath, work.Depth + 1, node, true));
            }
        }
        else
        {
            var errno = Marshal.GetLastPInvokeError();
            error = OsError.Errno(errno);
            status = errno switch
            {
                LibC.ENOENT or LibC.ENOTDIR => LinkStatus.Broken,
                LibC.ELOOP => LinkStatus.Loop,
                LibC.EACCES or LibC.EPERM => LinkStatus.AccessDenied,
                _ => LinkStatus.Broken,
            };
            if (status == LinkStatus.Broken && errno == LibC.ENOENT)
            {
                error = null;
            }
        }

        if (!options.SymbolicLinks)
        {
            return;
        }

        Emit(sink, new LinkRecord
        {
            Path = linkPath,
            Root = work.Root.Given,
            Kind = LinkKind.SymbolicLink,
            StoredTarget = stored,
            ResolvedTarget = resolved,
            Status = status,
            TargetType = targetType,
            Flags = flags,
            Depth = work.Depth + 1,
            Error = error,
        });
    }

    private static unsafe byte[]? ReadLongLink(int dirFd, byte* name)
    {
        for (var size = LinkBufferSize * 4; size <= 1 << 20; size *= 4)
        {
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                var length = LibC.ReadlinkAt(dirFd, name, b, (nuint)size);
                if (length < 0)
                {
                    return null;
                }

                if (length < size)
                {
                    return buffer[..(int)length];
                }
            }
        }

        return null;
    }

    private static LinkRecord HardLinkRecord(RootContext root, byte[] path, int depth, LibC.StatxBuffer st) => new()
    {
        Path = path,
        Root = root.Given,
        Kind = LinkKind.HardLink,
        Status = LinkStatus.Ok,
        TargetType = EntryType.File,
        Depth = depth,
        LinkCount = st.NLink,
        Identity = new FileIdentity(st.Dev, st.Ino),
    };

    private void Emit(ILinkSink sink, LinkRecord link)
    {
        if (options.Filter is { } filter && !filter(link))
        {
            return;
        }

        Counters.AddLink();
        sink.OnLink(link);
    }

    private void Report(ILinkSink sink, ScanProblem problem)
    {
        Counters.AddProblem();
        sink.OnProblem(problem);
    }

    private static byte[] NulTerminated(byte[] path)
    {
        var result = new byte[path.Length + 1];
        path.CopyTo(result, 0);
        return result;
    }

    /// <summary>Unmanaged memory for the kernel to fill, so no pinning is needed per call.</summary>
    private sealed unsafe class NativeBuffer(int size) : IDisposable
    {
        public int Size { get; } = size;

        public byte* Pointer { get; private set; } = (byte*)NativeMemory.Alloc((nuint)size);

        public void Dispose()
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}
