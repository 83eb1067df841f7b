using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>struct timespec on 64-bit Linux (x86_64 and arm64: two 8-byte fields).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>
    /// utimensat(2): sets access and modification times ([0] and [1]) to the nanosecond. With
    /// AT_SYMLINK_NOFOLLOW a link's own times are set; for an open file see Futimens.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static unsafe partial int UtimensAt(int dirFd, string name, Timespec* times, int flags);
}
