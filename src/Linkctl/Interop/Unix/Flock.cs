using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // sys/file.h (the same on every Linux architecture and on macOS).
    internal const int LOCK_EX = 2;
    internal const int LOCK_UN = 8;

    /// <summary>flock(2): a whole-file advisory lock held by the open file description; released on close.</summary>
    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}
