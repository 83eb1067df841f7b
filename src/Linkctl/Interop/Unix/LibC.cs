namespace Linkctl.Interop.Unix;

/// <summary>
/// The C library calls of the Unix backend, one file per function.
/// </summary>
/// <remarks>
/// The library is named "libc". On Linux the runtime resolves that name to the already loaded
/// libc.so.6, which was checked on Debian 12 (glibc 2.36) where /usr/lib/x86_64-linux-gnu/libc.so
/// is a linker script that dlopen cannot load: the runtime does not stop at that file. So no
/// NativeLibrary resolver is needed. Every call sets errno; read it with
/// Marshal.GetLastPInvokeError() right after the call.
/// </remarks>
internal static partial class LibC
{
    internal const string Library = "libc";
}
