using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    // O_PATH (x86_64 and arm64 agree: 010000000): a handle that pins a folder for the *at calls
    // without needing read permission on it; getdents64 needs a real open of "." through it.
    internal const int O_PATH = 0x200000;

    /// <summary>openat(2) with a name marshalled as its exact bytes (<see cref="UnixNameMarshaller"/>).</summary>
    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int OpenAt(int dirFd, string name, int flags);
}
