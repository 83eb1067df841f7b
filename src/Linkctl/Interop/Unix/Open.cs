using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // fcntl.h, Linux generic values (x86_64 and aarch64 agree on these).
    internal const int O_RDONLY = 0x0;
    internal const int O_WRONLY = 0x1;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_NOCTTY = 0x100;
    internal const int O_NONBLOCK = 0x800;

    // These two differ: asm-generic (x86_64) vs arch/arm64/include/uapi/asm/fcntl.h.
    internal static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    internal static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>open(2); returns a file descriptor or -1.</summary>
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Open(string path, int flags, uint mode);

    /// <summary>
    /// open(2) with a NUL-terminated byte path, for folders the scanner lists (names need not be
    /// UTF-8). Called without the mode argument, which open(2) reads only with O_CREAT.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    internal static unsafe partial int Open(byte* path, int flags);
}
