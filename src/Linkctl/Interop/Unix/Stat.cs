using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static unsafe partial int StatRaw(string path, byte* buffer);

    /// <summary>stat(2): what the path finally leads to, following every link.</summary>
    internal static unsafe bool Stat(StatLayout layout, string path, out FileStatus status, out int errno)
    {
        var buffer = stackalloc byte[StatLayout.BufferSize];
        int result;
        try
        {
            result = StatRaw(path, buffer);
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.33 exports stat only as a macro over __xstat.
            result = LegacyStat(layout.LegacyVersion, path, buffer);
        }

        return Finish(layout, result, buffer, out status, out errno);
    }
}
