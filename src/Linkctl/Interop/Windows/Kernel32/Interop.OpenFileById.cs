using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Interop.Windows;

internal static partial class Kernel32
{
    internal const uint FILE_READ_ATTRIBUTES = 0x80;
    internal const uint SYNCHRONIZE = 0x00100000;

    /// <summary>FILE_ID_TYPE.FileIdType: the 64-bit file reference NTFS indexes files by.</summary>
    internal const int FileIdType = 0;

    /// <summary>FILE_ID_DESCRIPTOR: the union (LARGE_INTEGER / GUID / FILE_ID_128) takes 16 bytes, so 24 in all.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 24)]
    internal struct FILE_ID_DESCRIPTOR
    {
        [FieldOffset(0)]
        internal uint dwSize;

        [FieldOffset(4)]
        internal int Type;

        [FieldOffset(8)]
        internal long FileId;
    }

    /// <summary><paramref name="hVolumeHint"/> is any open handle on the volume.</summary>
    [LibraryImport(Libraries.Kernel32, EntryPoint = "OpenFileById", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial SafeFileHandle OpenFileById(
        SafeHandle hVolumeHint,
        FILE_ID_DESCRIPTOR* lpFileId,
        uint dwDesiredAccess,
        uint dwShareMode,
        nint lpSecurityAttributes,
        uint dwFlagsAndAttributes);
}
