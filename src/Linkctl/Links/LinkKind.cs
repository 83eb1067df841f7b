using System.Text.Json.Serialization;

namespace Linkctl.Links;

/// <summary>What kind of link a path is, as <c>linkctl show</c> and <c>list</c> name it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkKind>))]
public enum LinkKind
{
    /// <summary>Not a link: an ordinary file or folder with one name, or something else.</summary>
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("symbolic_link")] SymbolicLink,
    [JsonStringEnumMemberName("junction")] Junction,
    /// <summary>A mount-point reparse point whose target is a volume (<c>\??\Volume{GUID}\</c>).</summary>
    [JsonStringEnumMemberName("volume_mount_point")] VolumeMountPoint,
    /// <summary>A file with more than one name.</summary>
    [JsonStringEnumMemberName("hard_link")] HardLink,
    /// <summary>An app execution alias (IO_REPARSE_TAG_APPEXECLINK), e.g. WindowsApps\python.exe.</summary>
    [JsonStringEnumMemberName("app_execution_alias")] AppExecutionAlias,
    /// <summary>A symbolic link made by WSL (IO_REPARSE_TAG_LX_SYMLINK).</summary>
    [JsonStringEnumMemberName("wsl_symlink")] WslSymlink,
    /// <summary>A reparse point that is not a link (cloud placeholder, dedup...): reported by tag name.</summary>
    [JsonStringEnumMemberName("other_reparse_point")] OtherReparsePoint,
}
