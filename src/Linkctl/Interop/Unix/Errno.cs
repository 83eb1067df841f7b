namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // Linux numbering (asm-generic/errno-base.h, errno.h); the backend runs only on Linux.
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EIO = 5;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal const int EMLINK = 31;
    internal const int ENAMETOOLONG = 36;
    internal const int ENOSYS = 38;
    internal const int ENOTEMPTY = 39;
    internal const int ELOOP = 40;
    internal const int EOPNOTSUPP = 95;
    internal const int EDQUOT = 122;
    internal const int ENOTSUP = EOPNOTSUPP;
    internal const int EINTR = 4;
}
