using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Scanning;

namespace Linkctl.Copying;

/// <summary>
/// The copier on Linux, through libc: a file with its mode; a folder tree with symbolic links
/// copied as links storing the same bytes. Names are listed with getdents64 and kept as bytes,
/// so names that are not UTF-8 are copied unchanged. A FIFO, socket or device inside the tree
/// stops the copy with EOPNOTSUPP.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class UnixTreeCopier : ITreeCopier
{
    private const int ListingBufferSize = 32 * 1024;

    private readonly StatLayout layout = StatLayout.Current ?? throw new PlatformNotSupportedException(StatLayout.UnsupportedReason);

    public OsResult Copy(string source, string destination, bool isDirectory)
    {
        if (LibC.Lstat(layout, destination, out _, out var destErrno))
        {
            return Failed(LibC.EEXIST);
        }

        if (destErrno != LibC.ENOENT)
        {
            return Failed(destErrno);
        }

        if (!LibC.Stat(layout, source, out var status, out var errno))
        {
            return Failed(errno);
        }

        if (isDirectory != status.IsDirectory)
        {
            return Failed(isDirectory ? LibC.ENOTDIR : LibC.EISDIR);
        }

        var result = status.IsDirectory ? CopyTree(source, destination, status) : CopyFile(source, destination, status);
        if (result is not null && status.IsDirectory && LibC.Lstat(layout, destination, out var made, out _) && made.IsDirectory)
        {
            // All or nothing: the folder was made by this call (mkdir refuses an existing one) and
            // stays 0700 until whole, so everything in it is our partial copy. Entries are removed
            // without following links; the copy's own error is what the caller hears.
            RemovePartialCopy(destination);
        }

        return result is null ? OsResult.Success : Failed(result.Value);
    }

    private void RemovePartialCopy(string folder)
    {
        if (ListNames(folder, out var names) is null)
        {
            foreach (var name in names)
            {
                var path = folder + "/" + name;
                if (LibC.Lstat(layout, path, out var entry, out _) && entry.IsDirectory)
                {
                    RemovePartialCopy(path);
                }
                else
                {
                    LibC.Unlink(path);
                }
            }
        }

        LibC.Rmdir(folder);
    }

    private static OsResult Failed(int errno) => OsResult.Failed(OsError.Errno(errno));

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

    /// <summary>The data through the engine of <c>linkctl copy</c> (copy_file_range, else read/write): one data path for both.</summary>
    private static int? CopyContent(int input, int output)
    {
        using var from = new Microsoft.Win32.SafeHandles.SafeFileHandle(input, ownsHandle: false);
        using var to = new Microsoft.Win32.SafeHandles.SafeFileHandle(output, ownsHandle: false);
        return TreeCopier.CopyContent(from, to)?.Code;
    }

    private int? CopyTree(string source, string destination, FileStatus status)
    {
        if (LibC.Mkdir(destination, 0x1C0) != 0) // 0700 while filling it
        {
            return Marshal.GetLastPInvokeError();
        }

        var listed = ListNames(source, out var names);
        if (listed is not null)
        {
            return listed;
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
                if (failure is LibC.ENOSYS or LibC.EPERM or LibC.EOPNOTSUPP && LibC.Stat(layout, from, out var pointed, out _) && pointed.IsRegularFile)
                {
                    // The destination cannot store links (exFAT, FAT: ENOSYS or EPERM from
                    // symlink(2)): a link to a file is copied as the file it points to. A link to a
                    // folder is not followed (it may lead to an ancestor: a copy without end), so
                    // the copy fails and, all or nothing, leaves nothing behind.
                    failure = CopyFile(from, to, pointed);
                }
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

    /// <summary>The names in a folder (without "." and ".."), every byte kept; null on success, else the errno.</summary>
    private static unsafe int? ListNames(string folder, out List<string> names)
    {
        names = [];
        var fd = LibC.Open(folder, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var buffer = (byte*)NativeMemory.Alloc(ListingBufferSize);
        try
        {
            while (true)
            {
                var filled = LibC.GetDents64(fd, buffer, ListingBufferSize);
                if (filled < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }

                if (filled == 0)
                {
                    return null;
                }

                for (nint offset = 0; offset < filled;)
                {
                    var record = buffer + offset;
                    offset += *(ushort*)(record + LibC.Dirent64RecLenOffset);
                    var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(record + LibC.Dirent64NameOffset);
                    if (name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                    {
                        continue;
                    }

                    names.Add(RawPath.ToOsText(name));
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
            LibC.Close(fd);
        }
    }

    private static int? CopyLink(string from, string to)
    {
        // Strings that keep every byte (RawPath.ToOsText): a target that is not UTF-8 is copied unchanged.
        var target = LibC.Readlink(from, out var errno);
        if (target is null)
        {
            return errno;
        }

        return LibC.Symlink(target, to) == 0 ? null : Marshal.GetLastPInvokeError();
    }
}
