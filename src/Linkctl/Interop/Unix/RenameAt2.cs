using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // linux/fs.h (uapi): the flags of renameat2(2).
    internal const uint RENAME_NOREPLACE = 0x1;
    internal const uint RENAME_EXCHANGE = 0x2;

    /// <summary>
    /// renameat2(2) (a glibc function since 2.28): renames <paramref name="oldName"/> in the open folder
    /// <paramref name="oldDirFd"/> to <paramref name="newName"/> in <paramref name="newDirFd"/>, neither
    /// name walked from the root again. RENAME_NOREPLACE fails with EEXIST instead of replacing;
    /// RENAME_EXCHANGE swaps two existing names atomically. Either fails with EINVAL where the file
    /// system lacks it (some FUSE and network file systems).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int RenameAt2(int oldDirFd, string oldName, int newDirFd, string newName, uint flags);
}
