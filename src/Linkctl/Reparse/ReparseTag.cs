using System.Globalization;

namespace Linkctl.Reparse;

/// <summary>
/// Reparse tag values (MS-FSCC 2.1.2) and their classification. A scanner must tell
/// links from the many data/storage tags so it neither follows nor "repairs" them.
/// </summary>
internal static class ReparseTag
{
    public const uint MountPoint = 0xA0000003;
    public const uint Hsm = 0xC0000004;
    public const uint Hsm2 = 0x80000006;
    public const uint Sis = 0x80000007;
    public const uint Wim = 0x80000008;
    public const uint Csv = 0x80000009;
    public const uint Dfs = 0x8000000A;
    public const uint Symlink = 0xA000000C;
    public const uint Dfsr = 0x80000012;
    public const uint Dedup = 0x80000013;
    public const uint Nfs = 0x80000014;
    public const uint AppxStream = 0xC0000014;
    public const uint FilePlaceholder = 0x80000015;
    public const uint Wof = 0x80000017;
    public const uint Wci = 0x80000018;
    public const uint GlobalReparse = 0xA0000019;
    public const uint Cloud = 0x9000001A;
    public const uint Cloud1 = 0x9000101A;
    public const uint Cloud2 = 0x9000201A;
    public const uint Cloud3 = 0x9000301A;
    public const uint Cloud4 = 0x9000401A;
    public const uint Cloud5 = 0x9000501A;
    public const uint Cloud6 = 0x9000601A;
    public const uint Cloud7 = 0x9000701A;
    public const uint Cloud8 = 0x9000801A;
    public const uint Cloud9 = 0x9000901A;
    public const uint CloudA = 0x9000A01A;
    public const uint CloudB = 0x9000B01A;
    public const uint CloudC = 0x9000C01A;
    public const uint CloudD = 0x9000D01A;
    public const uint CloudE = 0x9000E01A;
    public const uint CloudF = 0x9000F01A;
    public const uint AppExecLink = 0x8000001B;
    public const uint ProjFs = 0x9000001C;
    public const uint LxSymlink = 0xA000001D;
    public const uint StorageSync = 0x8000001E;
    public const uint WciTombstone = 0xA000001F;
    public const uint OneDrive = 0x80000021;
    public const uint ProjFsTombstone = 0xA0000022;
    public const uint AfUnix = 0x80000023;
    public const uint LxFifo = 0x80000024;
    public const uint LxChr = 0x80000025;
    public const uint LxBlk = 0x80000026;
    public const uint WciLink = 0xA0000027;

    /// <summary>The cloud tags differ only in these bits (CLOUD_1..CLOUD_F).</summary>
    public const uint CloudMask = 0x0000F000;

    public const uint MicrosoftBit = 0x80000000;
    public const uint NameSurrogateBit = 0x20000000;
    public const uint DirectoryBit = 0x10000000;

    private static readonly Dictionary<uint, string> Names = new()
    {
        [MountPoint] = "IO_REPARSE_TAG_MOUNT_POINT",
        [Hsm] = "IO_REPARSE_TAG_HSM",
        [Hsm2] = "IO_REPARSE_TAG_HSM2",
        [Sis] = "IO_REPARSE_TAG_SIS",
        [Wim] = "IO_REPARSE_TAG_WIM",
        [Csv] = "IO_REPARSE_TAG_CSV",
        [Dfs] = "IO_REPARSE_TAG_DFS",
        [Symlink] = "IO_REPARSE_TAG_SYMLINK",
        [Dfsr] = "IO_REPARSE_TAG_DFSR",
        [Dedup] = "IO_REPARSE_TAG_DEDUP",
        [Nfs] = "IO_REPARSE_TAG_NFS",
        [AppxStream] = "IO_REPARSE_TAG_APPXSTRM",
        [FilePlaceholder] = "IO_REPARSE_TAG_FILE_PLACEHOLDER",
        [Wof] = "IO_REPARSE_TAG_WOF",
        [Wci] = "IO_REPARSE_TAG_WCI",
        [GlobalReparse] = "IO_REPARSE_TAG_GLOBAL_REPARSE",
        [AppExecLink] = "IO_REPARSE_TAG_APPEXECLINK",
        [ProjFs] = "IO_REPARSE_TAG_PROJFS",
        [LxSymlink] = "IO_REPARSE_TAG_LX_SYMLINK",
        [StorageSync] = "IO_REPARSE_TAG_STORAGE_SYNC",
        [WciTombstone] = "IO_REPARSE_TAG_WCI_TOMBSTONE",
        [OneDrive] = "IO_REPARSE_TAG_ONEDRIVE",
        [ProjFsTombstone] = "IO_REPARSE_TAG_PROJFS_TOMBSTONE",
        [AfUnix] = "IO_REPARSE_TAG_AF_UNIX",
        [LxFifo] = "IO_REPARSE_TAG_LX_FIFO",
        [LxChr] = "IO_REPARSE_TAG_LX_CHR",
        [LxBlk] = "IO_REPARSE_TAG_LX_BLK",
        [WciLink] = "IO_REPARSE_TAG_WCI_LINK",
    };

    /// <summary>
    /// The SDK name of a tag ("IO_REPARSE_TAG_SYMLINK"), "IO_REPARSE_TAG_CLOUD_3" for
    /// the cloud family, or "unknown reparse tag 0x12345678" so reports never go blank.
    /// </summary>
    public static string NameOf(uint tag)
    {
        if (Names.TryGetValue(tag, out var name))
        {
            return name;
        }

        if (IsCloud(tag))
        {
            var variant = (tag & CloudMask) >> 12;
            return variant == 0
                ? "IO_REPARSE_TAG_CLOUD"
                : "IO_REPARSE_TAG_CLOUD_" + variant.ToString("X", CultureInfo.InvariantCulture);
        }

        return "unknown reparse tag 0x" + tag.ToString("X8", CultureInfo.InvariantCulture);
    }

    public static bool IsMicrosoft(uint tag) => (tag & MicrosoftBit) != 0;

    /// <summary>Bit 29: the file stands for another name, so a tree walk must not recurse into it.</summary>
    public static bool IsNameSurrogate(uint tag) => (tag & NameSurrogateBit) != 0;

    /// <summary>OneDrive/cloud-files placeholders; reading their data would hydrate (download) them.</summary>
    public static bool IsCloud(uint tag) => (tag & ~CloudMask) == Cloud;

    /// <summary>
    /// A link linkctl can read, follow, repair and remove: junction/volume mount point,
    /// symbolic link, WSL symlink. AppExecLink is deliberately excluded: the I/O manager
    /// never follows it (opening one fails; only CreateProcess honours it), it is not a
    /// name surrogate, and "repairing" it would break a Store app's registration.
    /// Use <see cref="IsLinkLike"/> where aliases should be listed next to links.
    /// </summary>
    public static bool IsLink(uint tag) => tag is MountPoint or Symlink or LxSymlink;

    /// <summary><see cref="IsLink"/> plus app execution aliases, for listings that show a target.</summary>
    public static bool IsLinkLike(uint tag) => IsLink(tag) || tag == AppExecLink;
}
