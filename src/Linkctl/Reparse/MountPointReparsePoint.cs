namespace Linkctl.Reparse;

/// <summary>
/// IO_REPARSE_TAG_MOUNT_POINT: a junction (\??\C:\dir, or a folder named through its volume,
/// \??\Volume{GUID}\dir) or a volume mount point (a whole volume, \??\Volume{GUID}\).
/// </summary>
internal sealed record MountPointReparsePoint(string SubstituteName, string PrintName)
    : ReparsePoint(ReparseTag.MountPoint)
{
    /// <summary>The target as a Windows path: "C:\dir", "\\?\Volume{GUID}\dir", or "\\?\Volume{GUID}\" for a volume.</summary>
    public string Target => ReparseBufferCodec.FromNtPath(SubstituteName);

    /// <summary>
    /// Only a volume's root is a mounted volume: "\??\Volume{GUID}\" (SetVolumeMountPointW's form).
    /// A mount point to a folder on a volume named by its GUID is a junction like any other.
    /// </summary>
    public bool IsVolumeMountPoint => ReparseBufferCodec.IsVolumeRoot(SubstituteName);
}
