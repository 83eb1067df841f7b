using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>fchmod(2): sets the mode exactly, which open(2)'s mode cannot because of the umask.</summary>
    [LibraryImport(Library, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(int fd, uint mode);
}
