using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>realpath(3) with a null buffer: returns a malloc'd path that must be passed to free(3).</summary>
    [LibraryImport(Library, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    private static partial nint RealpathRaw(string path, nint resolved);

    private static unsafe string UnixName(nint p) => Scanning.RawPath.ToOsText(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)p));

    /// <summary>The absolute path with every link, "." and ".." resolved, or null with <paramref name="errno"/> set.</summary>
    internal static string? Realpath(string path, out int errno)
    {
        var p = RealpathRaw(path, 0);
        if (p == 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        try
        {
            errno = 0;
            return UnixName(p);
        }
        finally
        {
            Free(p);
        }
    }
}
