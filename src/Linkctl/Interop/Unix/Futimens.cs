using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>futimens(3): access and modification times ([0], [1]) of the open file itself. (glibc's utimensat refuses a null name with EINVAL, so this is its own call.)</summary>
    [LibraryImport(Library, EntryPoint = "futimens", SetLastError = true)]
    internal static unsafe partial int Futimens(int fd, Timespec* times);
}
