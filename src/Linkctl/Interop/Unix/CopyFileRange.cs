using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>
    /// copy_file_range(2) (glibc 2.27, Linux 4.5; across file systems since 5.3): copies file data
    /// inside the kernel, as a reflink where the file system can (Btrfs, XFS), without passing it
    /// through user space. Null offsets: both descriptors' own offsets advance. EXDEV, EINVAL,
    /// ENOSYS or EOPNOTSUPP mean "not here": the caller falls back to read/write.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "copy_file_range", SetLastError = true)]
    internal static unsafe partial nint CopyFileRange(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);
}
