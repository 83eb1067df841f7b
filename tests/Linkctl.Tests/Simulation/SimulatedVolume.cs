using Linkctl.Platform.Windows;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// One volume of the simulated Windows: how it is reached (drive letter, UNC share or both for
/// a mapped drive) and what GetVolumeInformationW/GetDriveTypeW say about it. What a volume can
/// do is decided by its <see cref="FileSystemFlags"/> alone, as Windows callers must decide it.
/// </summary>
internal sealed record SimulatedVolume
{
    // FILE_CASE_SENSITIVE_SEARCH..FILE_SUPPORTS_REPARSE_POINTS (0xFF), 0x600, object ids,
    // encryption, named streams, transactions, hard links, EAs, open by id, USN journal:
    // the value a Windows 10 NTFS volume reports.
    public const uint NtfsFlags = 0x03E706FF;

    // ReFS as formatted before v3.5: reparse points and symlinks, no hard links (UNVERIFIED
    // for newer ReFS, which gained hard links; build a volume with NtfsFlags to model those).
    public const uint ReFSFlags = NtfsFlags & ~WindowsVolumeInformation.FileSupportsHardLinks;

    // Case-preserved, Unicode names; no reparse points, no hard links (UNVERIFIED exact value;
    // only the absence of 0x80 and 0x400000 matters to link logic).
    public const uint FatFlags = 0x00000206;

    public char? DriveLetter { get; init; }

    /// <summary>\\server\share for a share or a mapped drive; null for a local volume.</summary>
    public string? UncRoot { get; init; }

    /// <summary>Names the volume as \\?\Volume{GUID}\ (volume mount points store this).</summary>
    public Guid VolumeGuid { get; init; }

    /// <summary>The folder this volume is mounted in (C:\mnt\data), when it has one; set by <see cref="SimulatedWindows.MountVolume"/>.</summary>
    public string? MountFolder { get; init; }

    /// <summary>
    /// What GetFinalPathNameByHandleW answers for anything on this volume instead of a path, or 0
    /// when it works. docs/windows-facts.md ("Paths, volumes and identity", after CPython's
    /// _getfinalpathname_nonstrict): ERROR_INVALID_FUNCTION on RAM disks (ImDisk, OSFMount),
    /// ERROR_UNRECOGNIZED_VOLUME (1005) on some FUSE drivers (WinFsp), ERROR_ACCESS_DENIED on an
    /// SMB share whose parent folder the user may not read. A volume with neither a drive letter
    /// nor a mounted folder answers ERROR_PATH_NOT_FOUND without this being set.
    /// </summary>
    public int FinalPathError { get; init; }

    public required string FileSystemName { get; init; }

    public required uint FileSystemFlags { get; init; }

    public WindowsDriveType DriveType { get; init; } = WindowsDriveType.Fixed;

    public required uint SerialNumber { get; init; }

    /// <summary>A share, or a drive letter mapped to one: what SymlinkEvaluation calls "remote".</summary>
    public bool IsRemote => DriveType == WindowsDriveType.Remote;

    public bool IsReadOnly => (FileSystemFlags & WindowsVolumeInformation.FileReadOnlyVolume) != 0;

    public bool SupportsReparsePoints => (FileSystemFlags & WindowsVolumeInformation.FileSupportsReparsePoints) != 0;

    public bool SupportsHardLinks => (FileSystemFlags & WindowsVolumeInformation.FileSupportsHardLinks) != 0;

    /// <summary>What GetVolumePathNameW answers for a path written with this volume's name: "C:\", "\\server\share\", the mounted folder, or "\\?\Volume{GUID}\".</summary>
    public string VolumePath => DriveLetter is char c ? $"{c}:\\" : UncRoot is not null ? UncRoot + "\\" : MountFolder is not null ? MountFolder.TrimEnd('\\') + "\\" : GuidPath;

    /// <summary>
    /// The root of this volume as the final path of anything on it names it: a mapped drive by its
    /// share (GetFinalPathNameByHandleW(VOLUME_NAME_DOS) answers UNC), a letterless volume by its
    /// mounted folder; null when it has no DOS name at all.
    /// </summary>
    public string? DosRoot => UncRoot is not null ? UncRoot + "\\" : DriveLetter is char c ? $"{c}:\\" : MountFolder is not null ? MountFolder.TrimEnd('\\') + "\\" : null;

    /// <summary>"\\?\Volume{GUID}\": the name every volume has.</summary>
    public string GuidPath => $"\\\\?\\Volume{{{VolumeGuid}}}\\";

    public static SimulatedVolume Ntfs(char letter, uint serial) => Local(letter, "NTFS", NtfsFlags, serial);

    public static SimulatedVolume ReFS(char letter, uint serial) => Local(letter, "ReFS", ReFSFlags, serial);

    public static SimulatedVolume Fat32(char letter, uint serial) =>
        Local(letter, "FAT32", FatFlags, serial) with { DriveType = WindowsDriveType.Removable };

    public static SimulatedVolume ExFat(char letter, uint serial) =>
        Local(letter, "exFAT", FatFlags, serial) with { DriveType = WindowsDriveType.Removable };

    /// <summary>A drive letter mapped to an SMB share; the server's NTFS answers for it.</summary>
    public static SimulatedVolume MappedDrive(char letter, string uncRoot, uint serial) =>
        Local(letter, "NTFS", NtfsFlags, serial) with { UncRoot = uncRoot.TrimEnd('\\'), DriveType = WindowsDriveType.Remote };

    /// <summary>A share reached only by its UNC name.</summary>
    public static SimulatedVolume Share(string uncRoot, uint serial) => new()
    {
        UncRoot = uncRoot.TrimEnd('\\'),
        FileSystemName = "NTFS",
        FileSystemFlags = NtfsFlags,
        DriveType = WindowsDriveType.Remote,
        SerialNumber = serial,
        VolumeGuid = GuidOf(serial),
    };

    /// <summary>
    /// A RAM disk (ImDisk, OSFMount): NTFS, DRIVE_RAMDISK, and GetFinalPathNameByHandleW fails with
    /// ERROR_INVALID_FUNCTION (docs/windows-facts.md; CPython's _getfinalpathname_nonstrict lists 1).
    /// </summary>
    public static SimulatedVolume RamDisk(char letter, uint serial) =>
        Ntfs(letter, serial) with { DriveType = WindowsDriveType.RamDisk, FinalPathError = Linkctl.Errors.Win32ErrorNames.InvalidFunction };

    /// <summary>
    /// A user-mode file system (WinFsp): it answers GetFinalPathNameByHandleW with
    /// ERROR_UNRECOGNIZED_VOLUME (1005) (docs/windows-facts.md; CPython's list has 1005).
    /// </summary>
    public static SimulatedVolume WinFsp(char letter, uint serial) =>
        Local(letter, "FUSE-ntfs", NtfsFlags & ~WindowsVolumeInformation.FileSupportsHardLinks, serial) with { FinalPathError = Linkctl.Errors.Win32ErrorNames.UnrecognizedVolume };

    /// <summary>A local NTFS volume with no drive letter: reachable only by its GUID path or a folder it is mounted in.</summary>
    public static SimulatedVolume Letterless(uint serial) => new()
    {
        FileSystemName = "NTFS",
        FileSystemFlags = NtfsFlags,
        SerialNumber = serial,
        VolumeGuid = GuidOf(serial),
    };

    public SimulatedVolume AsReadOnly() => this with { FileSystemFlags = FileSystemFlags | WindowsVolumeInformation.FileReadOnlyVolume };

    private static SimulatedVolume Local(char letter, string fileSystem, uint flags, uint serial) => new()
    {
        DriveLetter = char.ToUpperInvariant(letter),
        FileSystemName = fileSystem,
        FileSystemFlags = flags,
        SerialNumber = serial,
        VolumeGuid = GuidOf(serial),
    };

    // Deterministic, so a scenario can name a volume mount point target before building the machine.
    public static Guid GuidOf(uint serial) => new(serial, 0x1d2e, 0x4f00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01);
}
