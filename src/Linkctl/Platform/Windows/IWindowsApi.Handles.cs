using Linkctl.Errors;

namespace Linkctl.Platform.Windows;

/// <summary>
/// The handle-relative calls that pinned folders need (issue 9, docs/windows-facts.md "Acting on
/// handles"): a folder held open, names opened relative to it without following a link, and
/// delete and rename of exactly the object a handle holds. Every member answers the Win32 error
/// (an NTSTATUS is converted with RtlNtStatusToDosError) and never throws for an OS failure.
/// </summary>
internal partial interface IWindowsApi
{
    /// <summary>
    /// CreateFileW(path, FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | SYNCHRONIZE, share all,
    /// OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS): a folder as the OS resolves the path now, links on
    /// the way and at the end followed (a user's ROOT is meant as it resolves). Not a folder: ERROR_DIRECTORY (267).
    /// </summary>
    OsResult<IWindowsHandle> OpenFolder(string path);

    /// <summary>
    /// NtCreateFile with OBJECT_ATTRIBUTES.RootDirectory = <paramref name="folder"/> and ObjectName =
    /// the single name <paramref name="name"/> (OBJ_CASE_INSENSITIVE, as Win32 opens names):
    /// FILE_OPEN_REPARSE_POINT unless <see cref="WindowsOpenRequest.FollowLinks"/>, so a link is opened
    /// itself and never followed.
    /// </summary>
    OsResult<IWindowsHandle> OpenRelative(IWindowsHandle folder, string name, WindowsOpenRequest request);

    /// <summary>GetFileInformationByHandleEx(FileAttributeTagInfo): attributes and, for a reparse point, its tag.</summary>
    OsResult<WindowsEntryAttributes> GetAttributeTag(IWindowsHandle handle);

    /// <summary>GetFileInformationByHandleEx(FileIdInfo): volume serial and 128-bit file id (0 on FAT: the caller falls back).</summary>
    OsResult<WindowsFileId> GetFileId(IWindowsHandle handle);

    /// <summary>GetFileInformationByHandle: the 32-bit serial, 64-bit index and the number of names.</summary>
    OsResult<WindowsFileInformation> GetInformation(IWindowsHandle handle);

    /// <summary>FSCTL_GET_REPARSE_POINT on the handle. Not a reparse point: ERROR_NOT_A_REPARSE_POINT (4390).</summary>
    OsResult<byte[]> GetReparseData(IWindowsHandle handle);

    /// <summary>FSCTL_SET_REPARSE_POINT on the handle (opened with FILE_WRITE_ATTRIBUTES or FILE_WRITE_DATA).</summary>
    OsResult SetReparseData(IWindowsHandle handle, byte[] buffer);

    /// <summary>
    /// Marks the object the handle holds for deletion (the handle needs DELETE access): with
    /// <paramref name="posixSemantics"/>, SetFileInformationByHandle(FileDispositionInfoEx,
    /// FILE_DISPOSITION_FLAG_DELETE | FILE_DISPOSITION_FLAG_POSIX_SEMANTICS), whose name leaves the
    /// folder when this handle closes even if others keep it open; without, FileDispositionInfo
    /// (DeleteFile = TRUE), whose name goes when the last handle closes. Windows before 10 1607 and
    /// file systems without POSIX semantics (FAT) answer the Ex form with ERROR_INVALID_PARAMETER,
    /// ERROR_NOT_SUPPORTED or ERROR_INVALID_FUNCTION (Rust std, library/std/src/sys/fs/windows.rs
    /// File::delete falls back on exactly these); the caller then asks again without.
    /// A plain folder that is not empty: ERROR_DIR_NOT_EMPTY (145).
    /// </summary>
    OsResult SetDisposition(IWindowsHandle handle, bool posixSemantics);

    /// <summary>
    /// SetFileInformationByHandle(FileBasicInfo) on the handle (opened with FILE_WRITE_ATTRIBUTES):
    /// every time member 0, which keeps the file's current times (Learn: FILE_BASIC_INFORMATION, "If you
    /// specify a value of zero for any of the XxxTime members ... keeps a file's current setting";
    /// MS-FSCC 2.4.7), and FileAttributes = <paramref name="attributes"/>, or FILE_ATTRIBUTE_NORMAL when
    /// that is none (0 would mean "no change"; NORMAL is valid only alone: Learn, FILE_BASIC_INFORMATION
    /// remarks). Used to clear FILE_ATTRIBUTE_READONLY before a delete (Learn, DeleteFileW: "To delete a
    /// read-only file, first you must remove the read-only attribute").
    /// </summary>
    OsResult SetAttributes(IWindowsHandle handle, FileAttributes attributes);

    /// <summary>
    /// Renames the object the handle holds (whatever name it has by now; needs DELETE access) to
    /// <paramref name="name"/> in <paramref name="folder"/>: NtSetInformationFile with
    /// FILE_RENAME_INFORMATION.RootDirectory = <paramref name="folder"/>; with
    /// <paramref name="posixSemantics"/> FileRenameInformationEx (FILE_RENAME_POSIX_SEMANTICS, plus
    /// FILE_RENAME_REPLACE_IF_EXISTS when <paramref name="replaceIfExists"/>), else FileRenameInformation
    /// (ReplaceIfExists). The Ex form is refused where it does not exist (before Windows 10 1607:
    /// ERROR_INVALID_PARAMETER; Wine 8: ERROR_INVALID_FUNCTION, STATUS_INVALID_INFO_CLASS). An existing
    /// name without replace: ERROR_ALREADY_EXISTS (183); another volume: ERROR_NOT_SAME_DEVICE (17).
    /// </summary>
    OsResult Rename(IWindowsHandle handle, IWindowsHandle folder, string name, bool replaceIfExists, bool posixSemantics);

    /// <summary>
    /// GetFileInformationByHandleEx(FileFullDirectoryRestartInfo, then FileFullDirectoryInfo) on a
    /// folder handle: its names without "." and "..", read from the folder held, not from a path.
    /// </summary>
    OsResult<IReadOnlyList<string>> ListNames(IWindowsHandle folder);

    /// <summary>GetFinalPathNameByHandleW(VOLUME_NAME_DOS) without the \\?\ prefix: for messages and fallbacks, never a condition.</summary>
    OsResult<string> GetFinalPath(IWindowsHandle handle);

    /// <summary>GetFileSizeEx: the size of the file the handle holds (the handle needs FILE_READ_ATTRIBUTES).</summary>
    OsResult<ulong> GetFileSize(IWindowsHandle handle);

    /// <summary>
    /// ReadFile once into <paramref name="buffer"/> from the handle's position (handles here are
    /// synchronous: FILE_SYNCHRONOUS_IO_NONALERT); the number of bytes read, 0 at the end of the file.
    /// The handle needs FILE_READ_DATA (<see cref="WindowsAccess.ListDirectory"/>'s value): else ERROR_ACCESS_DENIED.
    /// </summary>
    OsResult<int> ReadFile(IWindowsHandle handle, Span<byte> buffer);

    /// <summary>WriteFile once from <paramref name="data"/> at the handle's position; the number of bytes written. The handle needs FILE_WRITE_DATA.</summary>
    OsResult<int> WriteFile(IWindowsHandle handle, ReadOnlySpan<byte> data);

    /// <summary>FlushFileBuffers: the file's data and metadata written through to the device. The handle needs GENERIC_WRITE, that is <see cref="WindowsAccess.GenericWriteFile"/> (Learn: FlushFileBuffers).</summary>
    OsResult FlushFileBuffers(IWindowsHandle handle);
}

/// <summary>A handle from <see cref="IWindowsApi.OpenFolder"/> or <see cref="IWindowsApi.OpenRelative"/>; disposing closes it (CloseHandle).</summary>
internal interface IWindowsHandle : IDisposable
{
}

/// <summary>The access rights a handle-relative open asks for (winnt.h values).</summary>
[Flags]
internal enum WindowsAccess : uint
{
    /// <summary>FILE_LIST_DIRECTORY (= FILE_READ_DATA).</summary>
    ListDirectory = 0x1,

    /// <summary>FILE_WRITE_DATA: with FILE_WRITE_ATTRIBUTES, what FSCTL_SET_REPARSE_POINT needs.</summary>
    WriteData = 0x2,

    /// <summary>FILE_APPEND_DATA.</summary>
    AppendData = 0x4,

    /// <summary>FILE_WRITE_EA.</summary>
    WriteExtendedAttributes = 0x10,

    /// <summary>FILE_READ_ATTRIBUTES: enough for the tag, the identity and FSCTL_GET_REPARSE_POINT.</summary>
    ReadAttributes = 0x80,

    /// <summary>FILE_WRITE_ATTRIBUTES.</summary>
    WriteAttributes = 0x100,

    /// <summary>DELETE: needed to delete or rename by handle.</summary>
    Delete = 0x10000,

    /// <summary>READ_CONTROL (STANDARD_RIGHTS_WRITE).</summary>
    ReadControl = 0x20000,

    /// <summary>
    /// What GENERIC_WRITE maps to for a file, less SYNCHRONIZE (always added): FILE_GENERIC_WRITE =
    /// STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | FILE_APPEND_DATA |
    /// SYNCHRONIZE (Learn: File Security and Access Rights). FlushFileBuffers asks for GENERIC_WRITE.
    /// </summary>
    GenericWriteFile = ReadControl | WriteData | WriteAttributes | WriteExtendedAttributes | AppendData,
}

/// <summary>Whether <see cref="IWindowsApi.OpenRelative"/> opens an existing entry or makes a new one (FILE_OPEN / FILE_CREATE).</summary>
internal enum WindowsCreate
{
    OpenExisting,

    /// <summary>FILE_CREATE with FILE_NON_DIRECTORY_FILE: fails with ERROR_ALREADY_EXISTS (183: STATUS_OBJECT_NAME_COLLISION) if the name exists.</summary>
    NewFile,

    /// <summary>FILE_CREATE with FILE_DIRECTORY_FILE: fails the same way if the name exists.</summary>
    NewDirectory,
}

/// <summary>How <see cref="IWindowsApi.OpenRelative"/> opens a name.</summary>
/// <param name="Access">The rights asked (SYNCHRONIZE is always added).</param>
/// <param name="FollowLinks">Follow a link at the name (no FILE_OPEN_REPARSE_POINT); false opens the entry itself.</param>
/// <param name="Create">Open an existing entry or make a new one.</param>
/// <param name="ShareDelete">
/// FILE_SHARE_DELETE: false keeps anyone else from deleting or renaming the object (any of its
/// names) while the handle is open; opens that hold DELETE already fail with ERROR_SHARING_VIOLATION.
/// </param>
/// <param name="DirectoryOnly">FILE_DIRECTORY_FILE: anything but a folder (or a directory reparse point) fails with ERROR_DIRECTORY (267).</param>
/// <param name="FileOnly">
/// FILE_NON_DIRECTORY_FILE when opening an existing entry: a folder (or a folder reparse point, opened
/// itself) fails with STATUS_FILE_IS_A_DIRECTORY, which Win32 reports as ERROR_ACCESS_DENIED (5).
/// </param>
/// <param name="ShareWrite">
/// FILE_SHARE_WRITE: false keeps anyone else from opening the object for writing while the handle is
/// open (opens asking FILE_WRITE_DATA fail with ERROR_SHARING_VIOLATION), and the open itself fails
/// so when someone holds it open for writing already.
/// </param>
internal readonly record struct WindowsOpenRequest(
    WindowsAccess Access,
    bool FollowLinks = false,
    WindowsCreate Create = WindowsCreate.OpenExisting,
    bool ShareDelete = true,
    bool DirectoryOnly = false,
    bool FileOnly = false,
    bool ShareWrite = true);
