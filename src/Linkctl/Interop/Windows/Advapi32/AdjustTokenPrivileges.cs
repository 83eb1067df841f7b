using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Linkctl.Interop.Windows;

internal static partial class Advapi32
{
    internal const uint TOKEN_ADJUST_PRIVILEGES = 0x0020;
    internal const uint SE_PRIVILEGE_ENABLED = 0x2;
    internal const string SE_BACKUP_NAME = "SeBackupPrivilege";

    /// <summary>TOKEN_PRIVILEGES with room for one LUID_AND_ATTRIBUTES (4-byte aligned: 16 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct TOKEN_PRIVILEGES_ONE
    {
        internal uint PrivilegeCount;
        internal long Luid;
        internal uint Attributes;
    }

    /// <summary>Succeeds even when the token lacks the privilege: then the last error is ERROR_NOT_ALL_ASSIGNED (1300).</summary>
    [LibraryImport(Library, EntryPoint = "AdjustTokenPrivileges", SetLastError = true)]
    [SupportedOSPlatform("windows")]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static unsafe partial bool AdjustTokenPrivileges(
        nint TokenHandle,
        [MarshalAs(UnmanagedType.Bool)] bool DisableAllPrivileges,
        TOKEN_PRIVILEGES_ONE* NewState,
        uint BufferLength,
        nint PreviousState,
        nint ReturnLength);
}
