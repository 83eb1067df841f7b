namespace Linkctl.Paths;

/// <summary>
/// Which OS's rules apply: the one way to ask it. A <see cref="PathSyntax"/> and the platform
/// bundle (<see cref="Platform.LinkPlatform"/>) carry it; the simulated Windows has the Windows
/// flavour although it runs on Linux, so nothing may ask the host OS instead.
/// </summary>
public enum OsFlavour
{
    /// <summary>POSIX rules (Linux, macOS): '/' separators, byte names, symbolic and hard links only.</summary>
    Unix,

    /// <summary>Win32 rules: drive letters, UNC, case-insensitive names, junctions and reparse points.</summary>
    Windows,
}
