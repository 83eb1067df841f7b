namespace Linkctl.Reparse;

/// <summary>IO_REPARSE_TAG_LX_SYMLINK, written by WSL (and ntfs-3g with special_files=wsl): a POSIX target in UTF-8.</summary>
internal sealed record LxSymlinkReparsePoint(uint Version, string Target) : ReparsePoint(ReparseTag.LxSymlink);
