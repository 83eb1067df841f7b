namespace Linkctl.Platform;

/// <summary>
/// Identifies a file independently of its names: (device, inode) on Unix; on Windows the
/// volume's serial and the 128-bit file id of FILE_ID_INFO (the 64-bit index of
/// BY_HANDLE_FILE_INFORMATION is not unique on ReFS). Two names with one identity are hard
/// links of one file; a walk keeps the identities of the folders it entered to enter none twice.
/// </summary>
public readonly record struct FileIdentity(ulong Volume, UInt128 File);
