using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Unix;
using Linkctl.Platform;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Copying;

/// <summary>The copier's Linux parts: file data in the kernel, and metadata set on the new file's own descriptor.</summary>
internal sealed partial class TreeCopier
{
    private const int ChunkSize = 1 << 20;

    private static bool IsRoot() => OperatingSystem.IsLinux() && LibC.Geteuid() == 0;

    private static uint? EffectiveUser() => OperatingSystem.IsLinux() ? LibC.Geteuid() : null;

    /// <summary>Opens a file outside SRC following links, on purpose: --outer copy-content asks for what the link leads to.</summary>
    private static StepResult<SafeFileHandle> OpenFollowing(string path)
    {
        try
        {
            return StepResult<SafeFileHandle>.Of(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return StepResult<SafeFileHandle>.Failed($"cannot open {path}, where the link leads: {e.Message}");
        }
    }

    /// <summary>
    /// Copies every byte from <paramref name="input"/> to <paramref name="output"/>: copy_file_range(2)
    /// (in the kernel; a reflink where the file system can), falling back to read/write where the
    /// kernel says it cannot here (EXDEV, EINVAL, ENOSYS, EOPNOTSUPP: FUSE, older kernels, special files).
    /// </summary>
    /// <returns>Null when whole, else the error.</returns>
    [SupportedOSPlatform("linux")]
    internal static unsafe OsError? CopyContent(SafeFileHandle input, SafeFileHandle output)
    {
        var from = (int)input.DangerousGetHandle();
        var to = (int)output.DangerousGetHandle();
        var copiedAny = false;
        while (true)
        {
            var n = LibC.CopyFileRange(from, null, to, null, ChunkSize, 0);
            if (n > 0)
            {
                copiedAny = true;
                continue;
            }

            if (n == 0)
            {
                return null;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
            {
                continue;
            }

            // Only before the first byte: the offsets of both descriptors are then still at 0.
            if (!copiedAny && errno is LibC.EXDEV or LibC.EINVAL or LibC.ENOSYS or LibC.EOPNOTSUPP)
            {
                return ReadWrite(from, to);
            }

            return OsError.Errno(errno);
        }
    }

    [SupportedOSPlatform("linux")]
    private static unsafe OsError? ReadWrite(int input, int output)
    {
        var buffer = (byte*)NativeMemory.Alloc(128 * 1024);
        try
        {
            while (true)
            {
                var read = LibC.Read(input, buffer, 128 * 1024);
                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }

                    return OsError.Errno(errno);
                }

                if (read == 0)
                {
                    return null;
                }

                for (nint written = 0; written < read;)
                {
                    var n = LibC.Write(output, buffer + written, (nuint)(read - written));
                    if (n < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        if (errno == LibC.EINTR)
                        {
                            continue;
                        }

                        return OsError.Errno(errno);
                    }

                    written += n;
                }
            }
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>Owner (as root), mode and times on the new file's descriptor: the file made, not whatever its name leads to later.</summary>
    [SupportedOSPlatform("linux")]
    private static unsafe OsError? SetFileMetadata(SafeFileHandle output, EntryFacts facts)
    {
        var fd = (int)output.DangerousGetHandle();

        // Owner first: chown clears the set-user-ID and set-group-ID bits, which fchmod then sets.
        if (IsRoot() && facts.OwnerId is { } uid && facts.GroupId is { } gid && LibC.Fchown(fd, uid, gid) != 0)
        {
            // A file system without owners (exFAT, FAT) refuses chown; when the file already has
            // the owner asked for (the mount's), nothing is missing.
            var errno = Marshal.GetLastPInvokeError();
            LibC.StatxBuffer st;
            if (LibC.Statx(fd, string.Empty, LibC.AT_EMPTY_PATH, LibC.STATX_UID | LibC.STATX_GID, &st) != 0 || st.Uid != uid || st.Gid != gid)
            {
                return OsError.Errno(errno);
            }
        }

        if (facts.Mode is { } mode && LibC.Fchmod(fd, mode) != 0)
        {
            return OsError.Errno(Marshal.GetLastPInvokeError());
        }

        if (facts.Times is { } times)
        {
            var spec = stackalloc LibC.Timespec[2];
            spec[0] = new LibC.Timespec { Seconds = times.AccessSeconds, Nanoseconds = times.AccessNanoseconds };
            spec[1] = new LibC.Timespec { Seconds = times.ModifySeconds, Nanoseconds = times.ModifyNanoseconds };
            if (LibC.Futimens(fd, spec) != 0)
            {
                return OsError.Errno(Marshal.GetLastPInvokeError());
            }
        }

        return null;
    }
}
