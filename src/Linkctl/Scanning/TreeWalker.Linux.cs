using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Scanning;

/// <summary>
/// The Linux walker: getdents64 gives each entry's type, so ordinary files cost nothing beyond
/// the listing; links get one readlinkat and one statx (for their status), both relative to the
/// open folder so the kernel does not walk the path again; subfolders are opened with
/// openat(parent, name) while the parent is kept open. Names stay raw bytes.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxTreeWalker : ITreeWalker
{
    private const int AT_FDCWD = -100;
    private const int ListingBufferSize = 64 * 1024;
    private const int LinkBufferSize = 4096;

    private const int EMFILE = 24;

    // What following a link gave when it leads somewhere: one shared, immutable instance per
    // type instead of one object per link.
    private static readonly EntryFacts FileTarget = new(string.Empty, EntryType.File);
    private static readonly EntryFacts DirectoryTarget = new(string.Empty, EntryType.Directory) { IsDirectory = true };
    private static readonly EntryFacts SpecialTarget = new(string.Empty, EntryType.Special);

    private MountTable? mounts;

    private MountTable Mounts => LazyInitializer.EnsureInitialized(ref mounts, () => MountTable.Load());

    public IFolderLister CreateLister() => new Lister(this);

    public unsafe void StartRoot(string root, WalkContext context)
    {
        var given = RawPath.FromOsText(root);
        var absolute = given.Length > 0 && given[0] == (byte)'/';
        var cwd = RawPath.FromOsText(context.CurrentDirectory);
        var full = RawPath.Normalize(absolute ? given : RawPath.Combine(cwd, given));

        // The kernel resolves what is opened, ".." through links included: the path handed to it is
        // the current folder joined with the root as given, never lexically normalized.
        var open = absolute ? given : RawPath.Combine(cwd, given);
        var rootContext = new RootContext(given, full) { Open = open };

        LibC.StatxBuffer st;
        var mask = LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK;
        int rc;
        fixed (byte* p = NulTerminated(open))
        {
            rc = LibC.Statx(AT_FDCWD, p, LibC.AT_SYMLINK_NOFOLLOW, mask, &st);
        }

        if (rc != 0)
        {
            context.Report(new ScanProblem(given, "cannot read root", OsError.Errno(Marshal.GetLastPInvokeError())));
            return;
        }

        var type = st.Mode & LibC.S_IFMT;
        if (type == LibC.S_IFLNK && !context.Options.Follow)
        {
            // The link's own folder by its real path: that is where the kernel resolves its target from.
            var (folder, name) = SplitLast(open);
            var parent = RealPath(folder) ?? RawPath.Normalize(RawPath.Combine(full, ".."u8));
            rootContext.Real = RawPath.Combine(parent, name);
            var ancestors = ChainOfAncestors(rootContext.Real);
            rootContext.Device = ancestors?.Identity.Volume ?? st.Dev;
            using var buffer = new NativeBuffer(LinkBufferSize);
            fixed (byte* p = NulTerminated(open))
            {
                ProcessLink(AT_FDCWD, p, given, parent, new LinuxFolderWork(rootContext, given, 0, ancestors, false), ancestors, rootContext.Device, context, descend: false, buffer);
            }

            return;
        }

        rootContext.Device = st.Dev;
        if (type == LibC.S_IFDIR || type == LibC.S_IFLNK)
        {
            // Its ancestors by its real path: a link inside that leads to "../.." above it is met
            // where the kernel takes it, not where the path's text would say.
            rootContext.Real = RealPath(open);
            context.QueueRoot(new LinuxFolderWork(rootContext, given, 0, ChainOfAncestors(rootContext.Real ?? full), type == LibC.S_IFLNK));
        }
        else if (type == LibC.S_IFREG && context.Options.HardLinks && st.NLink > 1)
        {
            context.Emit(LinkRecordBuilder.HardLink(given, given, 0, st.NLink, new FileIdentity(st.Dev, st.Ino)));
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
                    chain = new AncestorChain(new FileIdentity(st.Dev, st.Ino), chain);
                }
            }
        }

        return chain;
    }

    /// <summary>
    /// The folder's real path, for resolving relative targets as the kernel does: from where the
    /// folder really is, not from the path it was reached by. A folder entered through a followed
    /// link has its own (realpath of the link, <see cref="LinuxFolderWork.Real"/>); a folder found
    /// by name is its parent's real path and its name. Lexical only when no real path could be had.
    /// </summary>
    private static byte[] FullPathOf(LinuxFolderWork work)
    {
        if (work.Real is { } real)
        {
            return real;
        }

        if (work.ParentReal is { } parent)
        {
            return RawPath.Combine(parent, work.Path.AsSpan(work.NameOffset));
        }

        if (work.Depth == 0)
        {
            return work.Root.Real ?? work.Root.Full;
        }

        return RawPath.Normalize(RawPath.Combine(work.Root.Full, work.Path.AsSpan(work.Root.Given.Length)));
    }

    /// <summary>realpath(3) of a raw path, or null when some part of it does not exist or cannot be searched.</summary>
    private static byte[]? RealPath(ReadOnlySpan<byte> path) =>
        LibC.Realpath(RawPath.ToOsText(path), out _) is { } real ? RawPath.FromOsText(real) : null;

    /// <summary>A path's folder part and last name ("a/b/" gives "a" and "b"; "b" gives "." and "b").</summary>
    private static (byte[] Folder, byte[] Name) SplitLast(ReadOnlySpan<byte> path)
    {
        var cut = path.TrimEnd((byte)'/');
        var slash = cut.LastIndexOf((byte)'/');
        return slash < 0 ? ("."u8.ToArray(), cut.ToArray()) : (slash == 0 ? "/"u8.ToArray() : cut[..slash].ToArray(), cut[(slash + 1)..].ToArray());
    }

    /// <summary>True when a stored target has a ".." component, the one part text cannot resolve (it may follow a link).</summary>
    private static bool HasDotDot(ReadOnlySpan<byte> stored)
    {
        for (var i = 0; i + 1 < stored.Length; i++)
        {
            if (stored[i] == (byte)'.' && stored[i + 1] == (byte)'.' && (i == 0 || stored[i - 1] == (byte)'/') && (i + 2 == stored.Length || stored[i + 2] == (byte)'/'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a link's target is, resolved as the kernel resolves it: from the link's real folder.
    /// Without a ".." in the text, joining and dropping "." is exact. With one, the text answer is
    /// kept only when it is the object the link leads to (same device and inode, one statx);
    /// otherwise (a component before ".." is itself a link, or the link is broken) the folder part
    /// is resolved by realpath(3) and the last name kept, so the answer is where the OS looks.
    /// </summary>
    private static unsafe byte[] Resolve(byte[] fullDirectory, byte[] stored, bool absolute, FileIdentity? leadsTo)
    {
        var lexical = absolute ? RawPath.Normalize(stored) : NormalizeJoined(fullDirectory, stored);
        if (!HasDotDot(stored))
        {
            return lexical;
        }

        var joined = absolute ? stored : RawPath.Combine(fullDirectory, stored);

        if (leadsTo is { } id)
        {
            LibC.StatxBuffer st;
            fixed (byte* p = NulTerminated(lexical))
            {
                if (LibC.Statx(AT_FDCWD, p, 0, LibC.STATX_INO, &st) == 0 && new FileIdentity(st.Dev, st.Ino) == id)
                {
                    return lexical;
                }
            }
        }

        var (folder, last) = SplitLast(joined);
        if (last.AsSpan().SequenceEqual(".."u8) || last.AsSpan().SequenceEqual("."u8))
        {
            return RealPath(joined) ?? lexical;
        }

        return RealPath(folder) is { } real ? RawPath.Combine(real, last) : lexical;
    }

    private unsafe void ProcessLink(int dirFd, byte* name, byte[] linkPath, byte[] fullDirectory, LinuxFolderWork work, AncestorChain? node, ulong folderDevice, WalkContext context, bool descend, NativeBuffer linkBuffer)
    {
        var options = context.Options;
        var depth = work.Depth + 1;
        var length = LibC.ReadlinkAt(dirFd, name, linkBuffer.Pointer, (nuint)linkBuffer.Size);
        if (length < 0)
        {
            var failure = OsError.Errno(Marshal.GetLastPInvokeError());
            if (!LinkClassifier.VanishedSinceListed(failure) && options.SymbolicLinks)
            {
                // A link whose target cannot be read (a folder with r but not x, EIO) is still listed.
                context.Emit(LinkRecordBuilder.Unreadable(linkPath, work.Root.Given, depth, LinkKind.SymbolicLink, failure));
            }

            return;
        }

        byte[] stored;
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

        LibC.StatxBuffer target;
        EntryFacts facts;
        FileIdentity? targetId = null;
        var otherVolume = false;
        var remoteVolume = false;
        var ancestor = false;
        if (LibC.Statx(dirFd, name, LibC.AT_NO_AUTOMOUNT, LibC.STATX_TYPE | LibC.STATX_INO, &target) == 0)
        {
            facts = (target.Mode & LibC.S_IFMT) switch
            {
                LibC.S_IFDIR => DirectoryTarget,
                LibC.S_IFREG => FileTarget,
                _ => SpecialTarget,
            };
            var type = facts.Type;
            if (target.Dev != folderDevice)
            {
                otherVolume = true;
                remoteVolume = Mounts.IsRemote(target.Dev);
            }

            targetId = new FileIdentity(target.Dev, target.Ino);
            ancestor = type == EntryType.Directory && node is not null && node.Contains(targetId.Value);
        }
        else
        {
            // The classifier names the status (and hides the error when it only says "missing").
            facts = new EntryFacts(string.Empty, EntryType.None) { Error = OsError.Errno(Marshal.GetLastPInvokeError()) };
        }

        var resolved = Resolve(fullDirectory, stored, absolute, targetId);
        var record = LinkRecordBuilder.Build(new LinkObservation
        {
            Path = linkPath,
            Root = work.Root.Given,
            Depth = depth,
            Kind = LinkKind.SymbolicLink,
            StoredTarget = stored,
            IsRelative = !absolute,
            ResolvedTarget = resolved,
            ResolvedBelowRoot = RawPath.IsSameOrBelow(resolved, work.Root.Real ?? work.Root.Full),
            Target = facts,
            TargetOnOtherVolume = otherVolume,
            TargetOnRemoteVolume = remoteVolume,
            TargetIsAncestor = ancestor,
        });

        if (options.Follow && facts.IsDirectory && targetId is { } id)
        {
            if (ancestor)
            {
                record = record with { Flags = record.Flags | LinkFlags.AlreadyVisited };
            }
            else if (descend && (!options.OneFileSystem || target.Dev == work.Root.Device))
            {
                // Its links resolve from where the folder really is (/sys/class/net/eth0 is
                // /sys/devices/.../net/eth0, whose "../../.." is not /sys/class's).
                var real = RealPath(RawPath.Combine(fullDirectory, MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name)));
                context.FollowLater(new FollowCandidate(record, id, new LinuxFolderWork(work.Root, linkPath, depth, node, true) { Real = real }));
                return;
            }
        }

        if (options.SymbolicLinks)
        {
            context.Emit(record);
        }
    }

    /// <summary>
    /// <see cref="RawPath.Normalize"/> of folder + '/' + target, joined on the stack when short:
    /// one array per link (the answer) instead of two.
    /// </summary>
    private static byte[] NormalizeJoined(byte[] folder, byte[] target)
    {
        var length = folder.Length + 1 + target.Length;
        if (length > 1024)
        {
            return RawPath.Normalize(RawPath.Combine(folder, target));
        }

        Span<byte> joined = stackalloc byte[length];
        folder.CopyTo(joined);
        var at = folder.Length;
        if (at == 0 || folder[at - 1] != (byte)'/')
        {
            joined[at++] = (byte)'/';
        }

        target.CopyTo(joined[at..]);
        return RawPath.Normalize(joined[..(at + target.Length)]);
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

    private static byte[] NulTerminated(byte[] path)
    {
        var result = new byte[path.Length + 1];
        path.CopyTo(result, 0);
        return result;
    }

    /// <summary>A folder to list on Linux; <paramref name="ParentHandle"/> (when set) is its parent, still open, to open it by name.</summary>
    private sealed record LinuxFolderWork(RootContext Root, byte[] Path, int Depth, AncestorChain? Ancestors, bool ViaLink, FolderHandle? ParentHandle = null, int NameOffset = 0)
        : FolderWork(Root, Path, Depth, Ancestors, ViaLink)
    {
        /// <summary>The path the kernel opens it by: the root as opened (joined to the current folder, never normalized), then the names below.</summary>
        public byte[] OpenPath => Depth == 0 ? Root.Open : RawPath.Combine(Root.Open, Path.AsSpan(Root.Given.Length + (Root.Given is [.., (byte)'/'] ? 0 : 1)));

        /// <summary>The folder's real path when it was reached through a followed link (realpath of the link), else null.</summary>
        public byte[]? Real { get; init; }

        /// <summary>The real path of the folder this one was found in by name, else null.</summary>
        public byte[]? ParentReal { get; init; }

        public override void Abandon() => ParentHandle?.Release();
    }

    /// <summary>
    /// An open folder kept open while its subfolders wait to be listed, shared by them and closed
    /// by the last one: each then opens with openat(parent, name), one name lookup instead of a
    /// walk of the whole path. The lister holds a reference while it lists, so a folder without
    /// subfolders closes when its listing ends. Only folders with waiting subfolders stay open, so the number of
    /// descriptors is bounded like the stack of waiting folders.
    /// </summary>
    private sealed class FolderHandle(int fd)
    {
        // The lister's own reference, released when its listing ends.
        private int references = 1;

        public int Fd { get; } = fd;

        /// <summary>One more subfolder waits to open through it; called by its lister only, before the subfolder is queued.</summary>
        public void AddReference() => references++;

        public void Release()
        {
            if (Interlocked.Decrement(ref references) == 0)
            {
                LibC.Close(Fd);
            }
        }
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

    /// <summary>One worker's listing: its buffers, reused for every folder it lists.</summary>
    private sealed unsafe class Lister(LinuxTreeWalker walker) : IFolderLister
    {
        private readonly NativeBuffer listing = new(ListingBufferSize);
        private readonly NativeBuffer linkBuffer = new(LinkBufferSize);
        private byte[] path = new byte[256];

        public void Dispose()
        {
            listing.Dispose();
            linkBuffer.Dispose();
        }

        public void List(FolderWork folder, WalkContext context)
        {
            var work = (LinuxFolderWork)folder;

            // A folder found by name opens relative to its open parent (its name starts at
            // NameOffset in Path); any other opens by its whole path.
            var name = work.ParentHandle is null ? work.OpenPath : work.Path;
            if (path.Length < name.Length + 1)
            {
                path = new byte[name.Length * 2 + 1];
            }

            name.CopyTo(path, 0);
            path[name.Length] = 0;
            fixed (byte* p = path)
            {
                ListDirectory(work, p, context);
            }
        }

        private void ListDirectory(LinuxFolderWork work, byte* path, WalkContext context)
        {
            var options = context.Options;
            var children = context.Children;

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
                    var whole = NulTerminated(work.OpenPath);
                    fixed (byte* w = whole)
                    {
                        fd = LibC.Open(w, flags);
                    }

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
                context.Report(new ScanProblem(work.Path, "cannot open folder", OsError.Errno(openError)));
                return;
            }

            var firstChild = children.Count;
            FolderHandle? handle = null;
            var listed = false;

            try
            {
                LibC.StatxBuffer self;
                byte emptyName = 0;
                if (LibC.Statx(fd, &emptyName, LibC.AT_EMPTY_PATH, LibC.STATX_INO, &self) != 0)
                {
                    context.Report(new ScanProblem(work.Path, "cannot read folder", OsError.Errno(Marshal.GetLastPInvokeError())));
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

                // Identity of the folder entered (opened following a link when that is how it was
                // reached): a second path to it, a bind mount of an ancestor, is not listed again.
                var identity = new FileIdentity(self.Dev, self.Ino);
                if (!work.Root.Visited.Enter(identity, work.Claimed))
                {
                    return;
                }

                var node = new AncestorChain(identity, work.Ancestors);
                var childDepth = work.Depth + 1;
                var descend = childDepth < options.MaxDepth;
                if (descend)
                {
                    handle = new FolderHandle(fd);
                }

                byte[]? fullDirectory = null;
                long entries = 0;
                var buffer = listing.Pointer;
                // Filled by statx only when d_type does not say enough; cleared once per folder, not per entry.
                LibC.StatxBuffer st = default;
                while (true)
                {
                    var filled = LibC.GetDents64(fd, buffer, (nuint)listing.Size);
                    if (filled < 0)
                    {
                        context.Report(new ScanProblem(work.Path, "cannot list folder", OsError.Errno(Marshal.GetLastPInvokeError())));
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
                        var statted = false;
                        if (type == LibC.DT_UNKNOWN)
                        {
                            // Some file systems (older XFS, some FUSE) do not fill d_type.
                            if (LibC.Statx(fd, namePtr, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK, &st) != 0)
                            {
                                continue;
                            }

                            statted = true;
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
                                if (handle is not null)
                                {
                                    // Subfolders found by name (not followed links) open relative to this folder.
                                    var childPath = RawPath.Combine(work.Path, name);
                                    fullDirectory ??= FullPathOf(work);
                                    handle.AddReference();
                                    children.Add(new LinuxFolderWork(work.Root, childPath, childDepth, node, false, handle, childPath.Length - name.Length) { ParentReal = fullDirectory });
                                }

                                break;
                            case LibC.DT_LNK:
                                if (options.SymbolicLinks || options.Follow)
                                {
                                    fullDirectory ??= FullPathOf(work);
                                    walker.ProcessLink(fd, namePtr, RawPath.Combine(work.Path, name), fullDirectory, work, node, self.Dev, context, descend, linkBuffer);
                                }

                                break;
                            case LibC.DT_REG:
                                if (options.HardLinks)
                                {
                                    if (!statted && LibC.Statx(fd, namePtr, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_TYPE | LibC.STATX_INO | LibC.STATX_NLINK, &st) != 0)
                                    {
                                        break;
                                    }

                                    if (st.NLink > 1)
                                    {
                                        context.Emit(LinkRecordBuilder.HardLink(RawPath.Combine(work.Path, name), work.Root.Given, childDepth, st.NLink, new FileIdentity(st.Dev, st.Ino)));
                                    }
                                }

                                break;
                        }
                    }
                }

                context.Counters.AddDirectory(entries);
                listed = true;
            }
            finally
            {
                if (handle is null)
                {
                    LibC.Close(fd);
                }
                else
                {
                    if (!listed)
                    {
                        // A sink threw (the reader went away): the subfolders found so far are not
                        // queued, so they give back their references to this folder here.
                        for (var i = firstChild; i < children.Count; i++)
                        {
                            children[i].Abandon();
                        }

                        children.RemoveRange(firstChild, children.Count - firstChild);
                    }

                    handle.Release();
                }
            }
        }
    }
}
