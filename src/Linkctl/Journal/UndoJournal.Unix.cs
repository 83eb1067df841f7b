using System.Globalization;
using System.Runtime.InteropServices;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Journal;

/// <summary>
/// The Linux side of the journal: open(2) with O_APPEND|O_NOFOLLOW, flock(2) LOCK_EX, one write(2)
/// per batch of records, fsync(2) per batch, and the ownership and mode checks done with fstat(2) on the
/// descriptor that is then used (so what was checked is what is written or read).
/// </summary>
public sealed partial class UndoJournal
{
    // fcntl.h, Linux generic values (x86_64 and aarch64 agree).
    private const int O_RDWR = 0x2;
    private const int O_APPEND = 0x400;
    private const int ENOSPC = 28;
    private const uint GroupOrOthersWrite = 0x12; // S_IWGRP | S_IWOTH

    /// <summary>Whether the libc path applies: Linux with a known struct stat layout; elsewhere the portable path is used.</summary>
    private static StatLayout? Layout => OperatingSystem.IsWindows() ? null : StatLayout.Current;

    private unsafe bool TryAppendUnix(string folder, byte[][] lines, bool sync, out bool tornTail)
    {
        tornTail = false;
        if (Layout is not { } layout)
        {
            return false;
        }

        CheckFolder(layout, folder);
        var fd = LibC.Open(FilePath, O_RDWR | O_APPEND | LibC.O_CREAT | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0x180 /* 0600 */);
        if (fd < 0)
        {
            throw new LinkctlException(OpenError(Marshal.GetLastPInvokeError(), "open the undo journal for writing"));
        }

        try
        {
            var status = CheckFile(layout, fd);
            while (LibC.Flock(fd, LibC.LOCK_EX) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LibC.EINTR)
                {
                    throw new LinkctlException(WriteError(OsError.Errno(errno), "lock the undo journal"));
                }
            }

            // Under the lock the size is final: another writer finished its whole batch.
            if (!LibC.Fstat(layout, fd, out status, out var statErrno))
            {
                throw new LinkctlException(WriteError(OsError.Errno(statErrno), "read the undo journal's size"));
            }

            if (status.Size > 0)
            {
                byte last = 0;
                if (LibC.Pread(fd, &last, 1, status.Size - 1) != 1)
                {
                    throw new LinkctlException(WriteError(OsError.Errno(Marshal.GetLastPInvokeError()), "read the undo journal's last byte"));
                }

                tornTail = last != (byte)'\n';
            }

            // The whole batch in one buffer, written with one write(2) while the lock is held: no
            // other writer can come between its records, and 512 records cost one system call, not 512.
            // The newline that closes a torn record goes first, in the same write.
            var length = tornTail ? 1 : 0;
            foreach (var line in lines)
            {
                length += line.Length;
            }

            var buffer = new byte[length];
            var at = 0;
            if (tornTail)
            {
                buffer[at++] = (byte)'\n';
            }

            foreach (var line in lines)
            {
                line.CopyTo(buffer, at);
                at += line.Length;
            }

            WriteWhole(fd, buffer);

            if (sync && LibC.Fsync(fd) != 0)
            {
                throw new LinkctlException(WriteError(OsError.Errno(Marshal.GetLastPInvokeError()), "make the undo journal durable (fsync)"));
            }

            if (sync && status.Size == 0)
            {
                // A journal just made: its name must be durable too, or a crash could lose the whole file.
                SyncFolder(folder);
            }

            return true;
        }
        finally
        {
            // Closing releases the flock.
            _ = LibC.Close(fd);
        }
    }

    /// <summary>
    /// Writes all of <paramref name="data"/>: a write the kernel cuts short (a signal) is continued
    /// where it stopped (the lock is still held, so nothing came between); an error (a full disk
    /// midway) is thrown, and the torn last record it leaves is closed off by the next append.
    /// </summary>
    private unsafe void WriteWhole(int fd, byte[] data)
    {
        fixed (byte* p = data)
        {
            nint done = 0;
            while (done < data.Length)
            {
                var n = LibC.Write(fd, p + done, (nuint)(data.Length - done));
                if (n > 0)
                {
                    done += n;
                    continue;
                }

                var errno = n < 0 ? Marshal.GetLastPInvokeError() : ENOSPC;
                if (n < 0 && errno == LibC.EINTR)
                {
                    continue;
                }

                throw new LinkctlException(WriteError(OsError.Errno(errno), done == 0 ? "write the undo journal" : $"write the whole batch to the undo journal ({done} of {data.Length} bytes were written)"));
            }
        }
    }

    private static void SyncFolder(string folder)
    {
        var dirFd = LibC.Open(folder, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (dirFd >= 0)
        {
            // Best effort: some file systems refuse fsync on a folder (EINVAL); the record itself is synced.
            _ = LibC.Fsync(dirFd);
            _ = LibC.Close(dirFd);
        }
    }

    private void CheckTrustedUnix(string folder)
    {
        if (Layout is not { } layout)
        {
            return;
        }

        CheckFolder(layout, folder);
        var fd = LibC.Open(FilePath, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ENOENT)
            {
                return;
            }

            throw new LinkctlException(OpenError(errno, "open the undo journal"));
        }

        try
        {
            CheckFile(layout, fd);
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    private bool OpenForReadingUnix(out Stream? stream)
    {
        stream = null;
        if (Layout is not { } layout)
        {
            return false;
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(FilePath))!;
        var fd = LibC.Open(FilePath, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is LibC.ENOENT or LibC.ENOTDIR)
            {
                return true;
            }

            throw new LinkctlException(OpenError(errno, "open the undo journal"));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            CheckFolder(layout, folder);
            CheckFile(layout, fd);
            stream = new FileStream(handle, FileAccess.Read);
            return true;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private LinkctlError OpenError(int errno, string doing) => errno == LibC.ELOOP
        ? new LinkctlError(FailureKind.AccessDenied, FilePath, $"refusing the undo journal {FilePath}: it is a symbolic link",
            "a journal reached through a link could be any file someone else chose; linkctl only trusts the file itself",
            $"point LINKCTL_JOURNAL at the real file (readlink -f {FilePath}), or replace the link with the file")
        : WriteError(OsError.Errno(errno), doing);

    /// <summary>The folder rule: owned by the caller or root, and not writable by group or others (anyone who could write it could swap the journal).</summary>
    private void CheckFolder(StatLayout layout, string folder)
    {
        if (!LibC.Stat(layout, folder, out var status, out var errno))
        {
            throw new LinkctlException(WriteError(OsError.Errno(errno), "check the undo journal's folder " + folder));
        }

        Refuse(status, folder, "folder", $"chmod go-w {folder}");
    }

    private FileStatus CheckFile(StatLayout layout, int fd)
    {
        if (!LibC.Fstat(layout, fd, out var status, out var errno))
        {
            throw new LinkctlException(WriteError(OsError.Errno(errno), "check the undo journal"));
        }

        if (!status.IsRegularFile)
        {
            throw new LinkctlException(new LinkctlError(FailureKind.InvalidInput, FilePath, $"refusing the undo journal {FilePath}: it is not a regular file",
                "the journal must be an ordinary file linkctl appends to", "point LINKCTL_JOURNAL at a regular file (or unset it to use the default)"));
        }

        Refuse(status, FilePath, "file", $"chmod go-w {FilePath}");
        return status;
    }

    /// <summary>As ssh's StrictModes: refuse what another user owns (root excepted) or what group/others may write.</summary>
    private void Refuse(FileStatus status, string what, string noun, string chmod)
    {
        var me = LibC.Geteuid();
        if (status.Uid != me && status.Uid != 0)
        {
            throw new LinkctlException(new LinkctlError(FailureKind.AccessDenied, FilePath,
                $"refusing the undo journal {FilePath}: its {noun} {what} belongs to user {status.Uid.ToString(CultureInfo.InvariantCulture)}, not to you ({me.ToString(CultureInfo.InvariantCulture)}) or root",
                "undo makes and removes links as you from what the journal says, so a journal another user controls could make you change any link; ssh refuses such key files for the same reason",
                $"use your own journal (unset LINKCTL_JOURNAL / XDG_STATE_HOME, or point LINKCTL_JOURNAL at a file you own); or, if the journal is really yours, chown {me.ToString(CultureInfo.InvariantCulture)} {what}"));
        }

        if ((status.Permissions & GroupOrOthersWrite) != 0)
        {
            throw new LinkctlException(new LinkctlError(FailureKind.AccessDenied, FilePath,
                $"refusing the undo journal {FilePath}: its {noun} {what} is writable by group or others (mode {Convert.ToString(status.Permissions, 8).PadLeft(4, '0')})",
                "anyone who can write the journal (or replace it in its folder) could make undo change links as you; ssh refuses such key files for the same reason",
                chmod));
        }
    }
}
