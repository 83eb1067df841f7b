using System.Runtime.InteropServices;

namespace Linkctl.Interop.Unix;

internal static partial class LibC
{
    /// <summary>rename(2): atomically replaces <paramref name="newPath"/> when it exists (and is not a non-empty folder).</summary>
    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(UnixNameMarshaller))]
    internal static partial int Rename(string oldPath, string newPath);

    /// <summary>rename(2) with NUL-terminated byte paths, for names that are not valid UTF-8.</summary>
    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true)]
    internal static unsafe partial int Rename(byte* oldPath, byte* newPath);
}
