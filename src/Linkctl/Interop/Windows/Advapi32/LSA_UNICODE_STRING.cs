using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    /// <summary>Lengths are in bytes, without a terminating NUL (LSA strings are counted, not terminated).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct LSA_UNICODE_STRING
    {
        internal ushort Length;
        internal ushort MaximumLength;
        internal char* Buffer;
    }
}
