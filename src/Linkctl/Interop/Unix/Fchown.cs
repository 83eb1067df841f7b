using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>fchown(2): the owner of the open file itself (the copier's new file, by its descriptor).</summary>
    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    internal static partial int Fchown(int fd, uint owner, uint group);
}
