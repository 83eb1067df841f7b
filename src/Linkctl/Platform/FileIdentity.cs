namespace Linkctl.Platform;

/// <summary>
/// Identifies a file independently of its names: (device, inode) on Unix, (volume serial,
/// file index) on Windows. Two names with one identity are hard links of one file.
/// </summary>
public readonly record struct FileIdentity(ulong Volume, ulong File);
