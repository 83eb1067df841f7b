using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>geteuid(2): the user whose rights this process acts with (never fails).</summary>
    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint Geteuid();
}
