using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    [LibraryImport(Library, EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int FstatRaw(int fd, byte* buffer);

    /// <summary>__fxstat(ver, fd, buf): glibc &lt; 2.33's real symbol behind fstat.</summary>
    [LibraryImport(Library, EntryPoint = "__fxstat", SetLastError = true)]
    private static unsafe partial int LegacyFstat(int version, int fd, byte* buffer);

    /// <summary>fstat(2): the status of the open file itself, so a check is about what was opened, not what a path names now.</summary>
    internal static unsafe bool Fstat(StatLayout layout, int fd, out FileStatus status, out int errno)
    {
        var buffer = stackalloc byte[StatLayout.BufferSize];
        int result;
        try
        {
            result = FstatRaw(fd, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            result = LegacyFstat(layout.LegacyVersion, fd, buffer);
        }

        return Finish(layout, result, buffer, out status, out errno);
    }
}
