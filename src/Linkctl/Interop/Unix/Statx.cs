using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_NO_AUTOMOUNT = 0x800;
    internal const int AT_EMPTY_PATH = 0x1000;

    internal const uint STATX_TYPE = 0x1;
    internal const uint STATX_MODE = 0x2;
    internal const uint STATX_NLINK = 0x4;
    internal const uint STATX_GID = 0x10;
    internal const uint STATX_ATIME = 0x20;
    internal const uint STATX_MTIME = 0x40;
    internal const uint STATX_INO = 0x100;
    internal const uint STATX_SIZE = 0x200;

    /// <summary>stx_attributes: the entry is the root of a mount (bind mounts too, which share st_dev with their parent). Linux 5.8 (linux/stat.h).</summary>
    internal const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

    internal const ushort S_IFMT = 0xF000;
    internal const ushort S_IFDIR = 0x4000;
    internal const ushort S_IFREG = 0x8000;
    internal const ushort S_IFLNK = 0xA000;

    /// <summary>
    /// struct statx (linux/stat.h). Chosen over struct stat because its layout is the same on
    /// every Linux architecture, and because the mask lets the kernel skip fields we never read.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(8)] public ulong Attributes;
        [FieldOffset(16)] public uint NLink;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(56)] public ulong AttributesMask;
        [FieldOffset(64)] public long AtimeSeconds;
        [FieldOffset(72)] public uint AtimeNanoseconds;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;

        /// <summary>major and minor packed so that two equal values mean one device.</summary>
        public readonly ulong Dev => ((ulong)DevMajor << 32) | DevMinor;
    }

    /// <summary>statx(2) (a glibc function since 2.28): facts about <paramref name="name"/> inside <paramref name="dirFd"/>.</summary>
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    internal static unsafe partial int Statx(int dirFd, byte* name, int flags, uint mask, StatxBuffer* buffer);
}
