using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // Linux numbering (asm-generic/fcntl.h, the same on x64 and arm64).
    internal const int O_RDONLY = 0;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_CLOEXEC = 0x80000;

    /// <summary>
    /// open(2) with a NUL-terminated byte path, for folders the scanner lists. Called without
    /// the optional mode argument, which open(2) reads only with O_CREAT.
    /// </summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static unsafe partial int Open(byte* path, int flags);
}
