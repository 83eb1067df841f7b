using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using Linkctl.Scanning;

namespace Linkctl.Interop.Unix;

/// <summary>
/// Marshals a path for libc as the exact bytes it stands for: UTF-8, except that the lone
/// surrogates U+DC80..U+DCFF become the single bytes 0x80..0xFF they escape (the form
/// <see cref="RawPath.ToOsText"/> gives names that are not valid UTF-8, as Python's
/// "surrogateescape" does, PEP 383). So a name read from the disk reaches the disk again
/// unchanged, whatever its bytes, while valid UTF-8 names marshal exactly as UTF-8 does.
/// </summary>
[CustomMarshaller(typeof(string), MarshalMode.Default, typeof(UnixNameMarshaller))]
internal static unsafe class UnixNameMarshaller
{
    public static byte* ConvertToUnmanaged(string? managed)
    {
        if (managed is null)
        {
            return null;
        }

        var bytes = RawPath.FromOsText(managed);
        var native = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        native[bytes.Length] = 0;
        return native;
    }

    public static string? ConvertToManaged(byte* unmanaged) =>
        unmanaged is null ? null : RawPath.ToOsText(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(unmanaged));

    public static void Free(byte* unmanaged) => NativeMemory.Free(unmanaged);
}
