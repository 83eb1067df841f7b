using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>free(3), for memory that libc allocated (realpath's answer).</summary>
    [LibraryImport(Library, EntryPoint = "free")]
    internal static partial void Free(nint pointer);
}
