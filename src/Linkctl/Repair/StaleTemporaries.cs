using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Repair;

/// <summary>
/// Removes the temporary links a killed linkctl left in a folder (issue 9): only names that are
/// provably ours: our private prefix (<see cref="PinnedFolders.PrivatePrefix"/>), the process id in
/// the name no longer running, a symbolic link (never a file or folder), and owned by the user
/// running this linkctl. Such a link is either a new link never put in place, or an old link a
/// change had exchanged out and recorded; removing it loses nothing the journal cannot restore.
/// </summary>
internal static class StaleTemporaries
{
    /// <summary>Whether the entry <paramref name="name"/> (<paramref name="entry"/>) is a stale temporary link of ours; pure.</summary>
    public static bool IsStale(string name, EntryFacts entry, uint me, Func<int, bool> running)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(running);
        return PinnedFolders.OwnerProcessOf(name) is { } pid
            && pid != Environment.ProcessId
            && !running(pid)
            && entry.Type == EntryType.SymbolicLink
            && entry.OwnerId == me;
    }

    /// <summary>Sweeps <paramref name="folder"/> (Linux; elsewhere nothing is known to be stale); returns how many were removed.</summary>
    public static int Sweep(IPinnedFolder folder)
    {
        if (!OperatingSystem.IsLinux() || !folder.ListNames().TryGetValue(out var names))
        {
            return 0;
        }

        var me = Interop.Unix.LibC.Geteuid();
        var removed = 0;
        foreach (var name in names)
        {
            if (name.StartsWith(PinnedFolders.PrivatePrefix, StringComparison.Ordinal)
                && IsStale(name, folder.GetEntry(name), me, Running)
                && folder.RemoveName(name).Succeeded)
            {
                removed++;
            }
        }

        return removed;
    }

    // A process in another PID namespace looks gone from here: its temporary link would then be
    // removed under it, and its change fails and says so; nothing but that link is touched.
    private static bool Running(int pid) => Directory.Exists("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
