namespace Linkctl.Reparse;

/// <summary>IO_REPARSE_TAG_MOUNT_POINT: a junction (\??\C:\dir) or a volume mount point (\??\Volume{GUID}\).</summary>
public sealed record MountPointReparsePoint(string SubstituteName, string PrintName)
    : ReparsePoint(ReparseTag.MountPoint)
{
    /// <summary>The target as a Windows path: "C:\dir", or "\\?\Volume{GUID}\" for a volume.</summary>
    public string Target => ReparseBufferCodec.FromNtPath(SubstituteName);

    public bool IsVolumeMountPoint =>
        SubstituteName.StartsWith(@"\??\Volume{", StringComparison.OrdinalIgnoreCase);
}
