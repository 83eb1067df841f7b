namespace Linkctl.Reparse;

/// <summary>
/// IO_REPARSE_TAG_APPEXECLINK, the app execution alias behind %LOCALAPPDATA%\Microsoft\WindowsApps\python.exe
/// and friends. The layout is undocumented (a u32, then NUL-terminated UTF-16 strings), so
/// strings after the fourth are ignored rather than rejected.
/// </summary>
internal sealed record AppExecLinkReparsePoint(
    uint Version, string PackageId, string AppUserModelId, string TargetPath, string? Extra)
    : ReparsePoint(ReparseTag.AppExecLink);
