namespace Linkctl.Diagnosis;

/// <summary>Linux (and WSL) facts for doctor; the volume itself is in <see cref="DoctorFacts.Volume"/>.</summary>
/// <param name="IsRoot">The process runs as root (permissions do not stop it; read-only mounts still do).</param>
/// <param name="ProtectedSymlinks">/proc/sys/fs/protected_symlinks; null when unreadable.</param>
/// <param name="ProtectedHardlinks">/proc/sys/fs/protected_hardlinks; null when unreadable.</param>
/// <param name="StickyWorldWritable">The folder is sticky and world-writable (like /tmp), where protected_symlinks applies.</param>
/// <param name="Wsl">Running under WSL (/proc/sys/fs/binfmt_misc/WSLInterop, or "microsoft" in /proc/version).</param>
/// <param name="WindowsDriveMounts">Under WSL: the mounted Windows drives (/mnt/c ...).</param>
/// <param name="OnWindowsDrive">PATH is on one of those drives (drvfs/9p): Windows' rules apply there.</param>
public sealed record UnixFacts(bool IsRoot, int? ProtectedSymlinks, int? ProtectedHardlinks, bool StickyWorldWritable, bool Wsl, IReadOnlyList<string> WindowsDriveMounts, bool OnWindowsDrive);
