using Linkctl.Errors;

namespace Linkctl.Platform.Windows;

/// <summary>
/// The Win32 calls that links need, one method per call, each returning the Win32 error
/// code (0 = success) exactly as GetLastError gave it (the newer members return it in an
/// <see cref="OsResult"/>). WindowsLinkSystem
/// holds the logic on top; it runs against the real API on Windows (and Wine) and against
/// the simulated Windows in the tests, which answers as docs/windows-facts.md says (an abstract
/// contract test, WindowsApiContract, runs the same checks on both).
/// Paths are full Windows paths; the real implementation adds \\?\ where needed.
/// </summary>
internal partial interface IWindowsApi
{
    /// <summary>The OS build number (RtlGetVersion), e.g. 19045; 0 when unknown.</summary>
    int OsBuild { get; }

    /// <summary>CreateSymbolicLinkW. Note: it returns a 1-byte BOOLEAN, and Wine returns TRUE without creating anything.</summary>
    int CreateSymbolicLink(string link, string target, SymbolicLinkFlags flags);

    /// <summary>CreateHardLinkW(link, existing, NULL).</summary>
    int CreateHardLink(string link, string existing);

    int CreateDirectory(string path);

    int RemoveDirectory(string path);

    int DeleteFile(string path);

    /// <summary>MoveFileExW, with MOVEFILE_REPLACE_EXISTING when asked.</summary>
    int MoveFile(string source, string destination, bool replaceExisting);

    /// <summary>CopyFileW of one file.</summary>
    int CopyFile(string source, string destination);

    /// <summary>
    /// The attributes of the entry itself (not following a link) and, for a reparse point,
    /// its tag (FindFirstFileExW's dwReserved0), without opening the file.
    /// </summary>
    int GetAttributes(string path, out FileAttributes attributes, out uint reparseTag);

    /// <summary>
    /// The entry itself opened (CreateFileW with FILE_FLAG_OPEN_REPARSE_POINT, no access asked) and
    /// asked GetFileInformationByHandleEx(FileAttributeTagInfo): the same answer as
    /// <see cref="GetAttributes"/>, for an entry whose parent may not be listed (Rust std's metadata
    /// falls back between the two for that reason; docs/windows-facts.md).
    /// </summary>
    OsResult<WindowsEntryAttributes> GetAttributesByHandle(string path);

    /// <summary>
    /// What <paramref name="path"/> leads to, from one handle opened following every link (CreateFileW
    /// without FILE_FLAG_OPEN_REPARSE_POINT): its attributes and tag, GetFileInformationByHandle's
    /// identity, and GetFinalPathNameByHandleW's path as a bonus. The open is the proof of
    /// existence: a final path that cannot be had (a volume without a drive letter, a RAM disk, some
    /// FUSE drivers, SMB with an unreadable parent) leaves <see cref="WindowsOpenedTarget.FinalPath"/>
    /// null with the reason, never a failure.
    /// </summary>
    OsResult<WindowsOpenedTarget> OpenTarget(string path);

    /// <summary>
    /// DeleteVolumeMountPointW on a folder in which a volume is mounted (never a drive root): the
    /// volume is unmounted and the folder stays, to be removed with <see cref="RemoveDirectory"/>
    /// (Learn: Deleting a Mounted Folder).
    /// </summary>
    OsResult DeleteVolumeMountPoint(string mountFolder);

    /// <summary>FSCTL_GET_REPARSE_POINT on the entry opened with FILE_FLAG_OPEN_REPARSE_POINT.</summary>
    int GetReparseData(string path, out byte[] buffer);

    /// <summary>FSCTL_SET_REPARSE_POINT on an existing empty folder or file.</summary>
    int SetReparseData(string path, byte[] buffer);

    /// <summary>GetFileInformationByHandle, opening the entry itself or (followLinks) its final target.</summary>
    int GetFileInformation(string path, bool followLinks, out WindowsFileInformation information);

    /// <summary>
    /// GetFileInformationByHandleEx(FileIdInfo): the 64-bit volume serial and the 128-bit file id,
    /// of the entry itself or (followLinks) of what it leads to. The identity to compare files by:
    /// BY_HANDLE_FILE_INFORMATION's 64-bit index is not unique on ReFS (Learn: FILE_ID_INFO,
    /// BY_HANDLE_FILE_INFORMATION). Older systems answer ERROR_INVALID_PARAMETER or ERROR_CALL_NOT_IMPLEMENTED.
    /// </summary>
    int GetFileIdInfo(string path, bool followLinks, out WindowsFileId id);

    /// <summary>GetFinalPathNameByHandleW after opening with every link followed.</summary>
    int GetFinalPath(string path, out string finalPath);

    /// <summary>
    /// The volume of what <paramref name="path"/> opens (following junctions, directory links and
    /// mounted folders): GetVolumeInformationByHandleW on the opened handle, its root from the final
    /// path (GetVolumePathNameW of it) and GetDriveTypeW of that root. A path that does not exist
    /// (yet) is answered for the nearest folder above it that does, where it would be created.
    /// </summary>
    int GetVolumeInformation(string path, out WindowsVolumeInformation information);

    /// <summary>
    /// FindFirstFileNameW / FindNextFileNameW: every name of the file, relative to its volume
    /// ("\dir\a.txt"), or why not, also when the entry point is missing (Wine 8), which must never
    /// crash the caller.
    /// </summary>
    StepResult<IReadOnlyList<string>> FindFileNames(string path);

    /// <summary>
    /// FindFirstFileExW(path\*, FindExInfoBasic, FIND_FIRST_EX_LARGE_FETCH) / FindNextFileW /
    /// FindClose: each entry of a folder (without "." and ".."), appended to <paramref name="entries"/>
    /// with its attributes and, for a reparse point, its tag (WIN32_FIND_DATA.dwReserved0), so a
    /// walker classifies entries without opening them. A link at <paramref name="path"/> itself is
    /// followed, as opening "path\*" does. ERROR_FILE_NOT_FOUND (2) from an empty enumeration is
    /// success with no entries; a path that is not a folder answers ERROR_DIRECTORY (267) or
    /// ERROR_PATH_NOT_FOUND (3). On failure midway the entries read so far stay in the list.
    /// </summary>
    int ListDirectory(string path, List<WindowsDirectoryEntry> entries);

    /// <summary>
    /// Opens the NTFS $Reparse index of the volume whose root is <paramref name="volumeRoot"/>
    /// ("C:\"): <c>\\?\C:\$Extend\$Reparse:$R:$INDEX_ALLOCATION</c>, for backup (SeBackupPrivilege
    /// enabled first when the token holds it). Not an NTFS volume, or no index to open (Wine), is
    /// ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND or ERROR_INVALID_FUNCTION; not elevated is ERROR_ACCESS_DENIED.
    /// </summary>
    int OpenReparseIndex(string volumeRoot, out IReparseIndex? index);
}

/// <summary>An open $Reparse index (<see cref="IWindowsApi.OpenReparseIndex"/>); every member answers a Win32 error code.</summary>
internal interface IReparseIndex : IDisposable
{
    /// <summary>
    /// NtQueryDirectoryFile(FileReparsePointInformation): appends the next entries (file
    /// reference and tag) to <paramref name="batch"/>; success with nothing appended is the end.
    /// </summary>
    int ReadEntries(List<ReparseIndexEntry> batch);

    /// <summary>
    /// OpenFileById relative to the index's volume, without following the reparse point
    /// (FILE_FLAG_OPEN_REPARSE_POINT), for one of the file's full paths ("C:\x\y",
    /// GetFinalPathNameByHandleW) and its reparse data (FSCTL_GET_REPARSE_POINT). A file deleted,
    /// or no longer a reparse point, since the index was read answers ERROR_INVALID_PARAMETER,
    /// ERROR_FILE_NOT_FOUND or ERROR_NOT_A_REPARSE_POINT.
    /// </summary>
    int OpenById(ulong fileReference, out string path, out byte[] reparseData);
}

/// <summary>One entry of the NTFS $Reparse index: a file that holds a reparse point (its 64-bit file reference) and its tag.</summary>
internal readonly record struct ReparseIndexEntry(ulong FileReference, uint Tag);

/// <summary>One folder entry as FindFirstFileExW lists it.</summary>
/// <param name="Name">The entry's name (cFileName).</param>
/// <param name="Attributes">dwFileAttributes.</param>
/// <param name="ReparseTag">For a reparse point, its tag (dwReserved0); 0 otherwise.</param>
internal readonly record struct WindowsDirectoryEntry(string Name, FileAttributes Attributes, uint ReparseTag);

/// <summary>FILE_ID_INFO: the volume's 64-bit serial number and the file's 128-bit id.</summary>
internal readonly record struct WindowsFileId(ulong VolumeSerialNumber, UInt128 FileId);

[Flags]
internal enum SymbolicLinkFlags : uint
{
    None = 0,
    /// <summary>SYMBOLIC_LINK_FLAG_DIRECTORY.</summary>
    Directory = 0x1,
    /// <summary>SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE: honoured from build 14972 with Developer Mode on.</summary>
    AllowUnprivilegedCreate = 0x2,
}

/// <summary>BY_HANDLE_FILE_INFORMATION's fields that link logic needs.</summary>
internal readonly record struct WindowsFileInformation(FileAttributes Attributes, uint VolumeSerialNumber, ulong FileIndex, uint NumberOfLinks, ulong Size = 0);

/// <summary>FILE_ATTRIBUTE_TAG_INFO: the attributes and, for a reparse point, its tag (0 otherwise).</summary>
internal readonly record struct WindowsEntryAttributes(FileAttributes Attributes, uint ReparseTag);

/// <summary>What one handle, opened following every link, says about where a path leads.</summary>
internal sealed record WindowsOpenedTarget
{
    /// <summary>The attributes of what was opened; a data reparse point its filter serves (dedup, cloud) keeps ReparsePoint.</summary>
    public required FileAttributes Attributes { get; init; }

    /// <summary>The tag when <see cref="Attributes"/> has ReparsePoint; 0 otherwise.</summary>
    public uint ReparseTag { get; init; }

    /// <summary>GetFileInformationByHandle's answer; null when that call failed on the open handle.</summary>
    public WindowsFileInformation? Information { get; init; }

    /// <summary>GetFinalPathNameByHandleW (VOLUME_NAME_DOS) without its \?\ prefix; null when it failed.</summary>
    public string? FinalPath { get; init; }

    /// <summary>Why <see cref="FinalPath"/> is null (the Win32 error); 0 when it is set.</summary>
    public int FinalPathError { get; init; }
}

/// <summary>What GetVolumeInformationByHandleW (or GetVolumeInformationW) and GetDriveTypeW say.</summary>
internal sealed record WindowsVolumeInformation(string VolumePath, string FileSystemName, uint FileSystemFlags, uint SerialNumber, WindowsDriveType DriveType)
{
    public const uint FileSupportsReparsePoints = 0x80;
    public const uint FileReadOnlyVolume = 0x80000;
    public const uint FileSupportsHardLinks = 0x400000;
}

/// <summary>GetDriveTypeW's answer.</summary>
internal enum WindowsDriveType
{
    Unknown = 0,
    NoRootDirectory = 1,
    Removable = 2,
    Fixed = 3,
    Remote = 4,
    CdRom = 5,
    RamDisk = 6,
}
