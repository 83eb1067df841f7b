using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Linkctl.Interop.Windows;

internal static partial class NtDll
{
    /// <summary>CreateDisposition: open an existing entry only.</summary>
    internal const uint FILE_OPEN = 0x00000001;

    /// <summary>CreateDisposition: make a new entry; an existing name fails with STATUS_OBJECT_NAME_COLLISION.</summary>
    internal const uint FILE_CREATE = 0x00000002;

    /// <summary>CreateOptions: the entry must be (or is made) a folder; anything else fails with STATUS_NOT_A_DIRECTORY.</summary>
    internal const uint FILE_DIRECTORY_FILE = 0x00000001;

    /// <summary>CreateOptions: calls on the handle wait for their end (with SYNCHRONIZE access).</summary>
    internal const uint FILE_SYNCHRONOUS_IO_NONALERT = 0x00000020;

    /// <summary>CreateOptions: the entry is (or is made) not a folder.</summary>
    internal const uint FILE_NON_DIRECTORY_FILE = 0x00000040;

    /// <summary>CreateOptions: backup intent, as FILE_FLAG_BACKUP_SEMANTICS asks from CreateFileW.</summary>
    internal const uint FILE_OPEN_FOR_BACKUP_INTENT = 0x00004000;

    /// <summary>CreateOptions: open a reparse point itself, never what it leads to (no following).</summary>
    internal const uint FILE_OPEN_REPARSE_POINT = 0x00200000;

    /// <summary>OBJECT_ATTRIBUTES.Attributes: names compare case-insensitively, as Win32 opens them.</summary>
    internal const uint OBJ_CASE_INSENSITIVE = 0x00000040;

    internal const uint FILE_ATTRIBUTE_NORMAL = 0x00000080;

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct UNICODE_STRING
    {
        /// <summary>In bytes, without a NUL.</summary>
        internal ushort Length;
        internal ushort MaximumLength;
        internal char* Buffer;
    }

    /// <summary>With RootDirectory set, ObjectName is relative to that open folder (Learn: InitializeObjectAttributes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct OBJECT_ATTRIBUTES
    {
        internal uint Length;
        internal nint RootDirectory;
        internal UNICODE_STRING* ObjectName;
        internal uint Attributes;
        internal void* SecurityDescriptor;
        internal void* SecurityQualityOfService;
    }

    /// <summary>Answers an NTSTATUS (RtlNtStatusToDosError makes it a Win32 error) and never sets the last error.</summary>
    [LibraryImport(Libraries.NtDll, EntryPoint = "NtCreateFile")]
    [SupportedOSPlatform("windows")]
    internal static unsafe partial int NtCreateFile(
        out SafeFileHandle FileHandle,
        uint DesiredAccess,
        OBJECT_ATTRIBUTES* ObjectAttributes,
        IO_STATUS_BLOCK* IoStatusBlock,
        long* AllocationSize,
        uint FileAttributes,
        uint ShareAccess,
        uint CreateDisposition,
        uint CreateOptions,
        void* EaBuffer,
        uint EaLength);
}
