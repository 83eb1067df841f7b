using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

/// <summary>The fields of struct statfs that the link code reads.</summary>
internal readonly record struct FileSystemStatus(long Type, ulong Flags)
{
    /// <summary>f_bsize: the block size f_bavail counts in.</summary>
    internal long BlockSize { get; init; }

    /// <summary>f_bavail: blocks free for an unprivileged user.</summary>
    internal ulong BlocksAvailable { get; init; }

    /// <summary>Bytes free for an unprivileged user (f_bavail x f_bsize).</summary>
    internal long AvailableBytes => (long)Math.Min(BlocksAvailable * (ulong)Math.Max(BlockSize, 0), long.MaxValue);

    /// <summary>f_flags bit for a read-only mount (ST_RDONLY, sys/statvfs.h).</summary>
    internal const ulong ST_RDONLY = 1;

    internal bool ReadOnly => (Flags & ST_RDONLY) != 0;
}

internal static partial class LibC
{
    // struct statfs on 64-bit Linux (x86_64 and aarch64 alike, every field a 64-bit word):
    // f_type 0, f_bsize 8, f_blocks 16, f_bfree 24, f_bavail 32, f_files 40, f_ffree 48,
    // f_fsid 56, f_namelen 64, f_frsize 72, f_flags 80, f_spare[4] 88; size 120.
    private const int StatfsBufferSize = 256;
    private const int StatfsTypeOffset = 0;
    private const int StatfsFlagsOffset = 80;
    private const int StatfsBlockSizeOffset = 8;
    private const int StatfsAvailableOffset = 32;

    [LibraryImport(Library, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial int StatfsRaw(string path, byte* buffer);

    /// <summary>statfs(2): the file system holding <paramref name="path"/> (following links).</summary>
    internal static unsafe bool Statfs(string path, out FileSystemStatus status, out int errno)
    {
        var buffer = stackalloc byte[StatfsBufferSize];
        if (StatfsRaw(path, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            status = default;
            return false;
        }

        var span = new ReadOnlySpan<byte>(buffer, StatfsBufferSize);
        errno = 0;
        status = new FileSystemStatus(
            BinaryPrimitives.ReadInt64LittleEndian(span[StatfsTypeOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[StatfsFlagsOffset..]))
        {
            BlockSize = BinaryPrimitives.ReadInt64LittleEndian(span[StatfsBlockSizeOffset..]),
            BlocksAvailable = BinaryPrimitives.ReadUInt64LittleEndian(span[StatfsAvailableOffset..]),
        };
        return true;
    }
}
