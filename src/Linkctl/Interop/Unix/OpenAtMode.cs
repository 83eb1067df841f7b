using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // O_NONBLOCK (x86_64 and arm64 agree: 04000): opening a FIFO planted where a file was checked
    // must not hang the run; a regular file ignores it.
    internal const int O_NONBLOCK = 0x800;

    /// <summary>
    /// openat(2) with a creation mode (O_CREAT), the name marshalled as its exact bytes. openat is
    /// variadic; the mode is passed as the one extra int, which the SysV x86_64 and AAPCS64 Linux
    /// calling conventions pass like a fixed argument.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int OpenAtWithMode(int dirFd, string name, int flags, uint mode);
}
