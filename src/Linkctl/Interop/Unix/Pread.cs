using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>pread(2): reads at an offset without moving the file offset (O_APPEND writes ignore it anyway).</summary>
    [LibraryImport(Library, EntryPoint = "pread", SetLastError = true)]
    internal static unsafe partial nint Pread(int fd, byte* buffer, nuint count, long offset);
}
