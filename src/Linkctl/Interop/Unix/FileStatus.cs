using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

/// <summary>The fields of struct stat that the link code reads.</summary>
internal readonly record struct FileStatus(ulong Device, ulong Inode, uint Mode, ulong LinkCount, uint Uid, uint Gid, long Size)
{
    // sys/stat.h file type bits.
    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFSOCK = 0xC000;
    internal const uint S_IFLNK = 0xA000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFBLK = 0x6000;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFCHR = 0x2000;
    internal const uint S_IFIFO = 0x1000;

    internal uint FileType => Mode & S_IFMT;

    internal uint Permissions => Mode & 0xFFF; // 07777

    internal bool IsSymbolicLink => FileType == S_IFLNK;

    internal bool IsDirectory => FileType == S_IFDIR;

    internal bool IsRegularFile => FileType == S_IFREG;
}

/// <summary>
/// Where glibc's struct stat keeps each field. It differs per architecture, so only layouts
/// copied from glibc's bits/struct_stat.h are used; any other platform is refused rather than guessed.
/// </summary>
internal sealed class StatLayout
{
    /// <summary>Bytes to allocate: at least sizeof(struct stat) on every supported layout (144 on x86_64, 128 on aarch64).</summary>
    internal const int BufferSize = 256;

    private StatLayout(string name, int nlinkOffset, int nlinkSize, int modeOffset, int uidOffset, int gidOffset, int sizeOffset, int legacyVersion)
    {
        Name = name;
        NlinkOffset = nlinkOffset;
        NlinkSize = nlinkSize;
        ModeOffset = modeOffset;
        UidOffset = uidOffset;
        GidOffset = gidOffset;
        SizeOffset = sizeOffset;
        LegacyVersion = legacyVersion;
    }

    internal string Name { get; }

    private int NlinkOffset { get; }

    private int NlinkSize { get; }

    private int ModeOffset { get; }

    private int UidOffset { get; }

    private int GidOffset { get; }

    private int SizeOffset { get; }

    /// <summary>_STAT_VER for glibc before 2.33, which exports only __xstat/__lxstat.</summary>
    internal int LegacyVersion { get; }

    /// <summary>
    /// sysdeps/unix/sysv/linux/x86/bits/struct_stat.h, __x86_64__: st_dev 0 (8), st_ino 8 (8),
    /// st_nlink 16 (8), st_mode 24 (4), st_uid 28 (4), st_gid 32 (4), __pad0 36, st_rdev 40 (8),
    /// st_size 48 (8), st_blksize 56, st_blocks 64, st_atim 72, st_mtim 88, st_ctim 104, reserved 120; size 144.
    /// _STAT_VER_LINUX is 1.
    /// </summary>
    internal static readonly StatLayout LinuxX64 = new("linux-x64", nlinkOffset: 16, nlinkSize: 8, modeOffset: 24, uidOffset: 28, gidOffset: 32, sizeOffset: 48, legacyVersion: 1);

    /// <summary>
    /// sysdeps/unix/sysv/linux/generic/bits/struct_stat.h (used by aarch64): st_dev 0 (8),
    /// st_ino 8 (8), st_mode 16 (4), st_nlink 20 (4), st_uid 24 (4), st_gid 28 (4), st_rdev 32 (8),
    /// __pad1 40 (8), st_size 48 (8), st_blksize 56 (4), __pad2 60, st_blocks 64 (8), st_atim 72,
    /// st_mtim 88, st_ctim 104, reserved 120 (8); size 128. _STAT_VER is 0.
    /// </summary>
    internal static readonly StatLayout LinuxArm64 = new("linux-arm64", nlinkOffset: 20, nlinkSize: 4, modeOffset: 16, uidOffset: 24, gidOffset: 28, sizeOffset: 48, legacyVersion: 0);

    /// <summary>The layout for the running process, or null when it is not one we know.</summary>
    internal static StatLayout? Current => !OperatingSystem.IsLinux()
        ? null
        : RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => LinuxX64,
            Architecture.Arm64 => LinuxArm64,
            _ => null,
        };

    /// <summary>Why the running platform has no layout, for a PlatformNotSupportedException.</summary>
    internal static string UnsupportedReason =>
        $"linkctl's Unix backend reads struct stat with layouts for Linux x86_64 and Linux aarch64 only; " +
        $"this process is {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}), whose layout it does not know, " +
        "and guessing it would misreport link counts and file types.";

    internal FileStatus Decode(ReadOnlySpan<byte> buffer)
    {
        var nlink = NlinkSize == 8
            ? BinaryPrimitives.ReadUInt64LittleEndian(buffer[NlinkOffset..])
            : BinaryPrimitives.ReadUInt32LittleEndian(buffer[NlinkOffset..]);
        return new FileStatus(
            Device: BinaryPrimitives.ReadUInt64LittleEndian(buffer),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer[8..]),
            Mode: BinaryPrimitives.ReadUInt32LittleEndian(buffer[ModeOffset..]),
            LinkCount: nlink,
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(buffer[UidOffset..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(buffer[GidOffset..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(buffer[SizeOffset..]));
    }
}
