using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Simulation;

// The NTFS $Reparse index of each simulated volume, kept by the model itself: every node that
// holds reparse data is in it, as NTFS records every reparse point of a volume in
// $Extend\$Reparse:$R (docs/windows-facts.md, "Finding links fast"). Its key is the tag, then the
// file reference (linux-ntfs documentation, "$Reparse"), so entries come in that order.
internal sealed partial class SimulatedWindows
{
    /// <summary>Faults and a record of what the index was asked, for tests of the whole-volume reader.</summary>
    public ReparseIndexControl ReparseIndex { get; } = new();

    public int OpenReparseIndex(string volumeRoot, out IReparseIndex? index)
    {
        index = null;
        ReparseIndex.OpenedVolumes.Add(volumeRoot);
        if (ReparseIndex.OpenError != 0)
        {
            return ReparseIndex.OpenError;
        }

        // Wine has no $Extend folder: docs/list.md records ERROR_PATH_NOT_FOUND under Wine 8.
        if (WineMode)
        {
            return Win32.PathNotFound;
        }

        var error = Parse(volumeRoot, out var volume, out var components);
        if (error != 0)
        {
            return error;
        }

        if (components.Count > 0 || !string.Equals(volume.Facts.FileSystemName, "NTFS", StringComparison.OrdinalIgnoreCase))
        {
            // Only an NTFS volume's root has $Extend\$Reparse.
            return Win32.PathNotFound;
        }

        // Opening $Extend for backup needs SeBackupPrivilege, which only an administrator's full
        // token holds (an elevated one, or UAC off: a Default token that is elevated).
        if (!Token.IsAdministratorsMember || Token.ElevationType == TokenElevationType.Limited)
        {
            return Win32.AccessDenied;
        }

        var entries = ReparsePoints(volume)
            .Select(p => new ReparseIndexEntry(p.Node.FileIndex, p.Node.ReparseTag))
            .OrderBy(e => e.Tag)
            .ThenBy(e => e.FileReference)
            .ToList();
        index = new Index(this, volume, entries);
        return Win32.Success;
    }

    /// <summary>Every node of the volume holding reparse data, with one of its paths; never walking into links.</summary>
    private IEnumerable<(string Path, SimulatedNode Node)> ReparsePoints(MountedVolume volume)
    {
        var seen = new HashSet<SimulatedNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(SimulatedDirectory Directory, string Path)>();
        pending.Push((volume.Root, volume.Facts.VolumePath.TrimEnd('\\')));
        while (pending.Count > 0)
        {
            var (directory, path) = pending.Pop();
            foreach (var (name, child) in directory.Entries)
            {
                var childPath = path + @"\" + name;
                if (child.ReparseData is not null && seen.Add(child))
                {
                    yield return (childPath, child);
                }

                if (child is SimulatedDirectory d && d.ReparseData is null)
                {
                    pending.Push((d, childPath));
                }
            }
        }
    }

    /// <summary>What the simulated $Reparse index was asked, and the failures it is to answer with.</summary>
    public sealed class ReparseIndexControl
    {
        public int OpenError { get; set; }

        /// <summary>When set, reading fails with this error after this many entries were handed out.</summary>
        public (int After, int Error)? ReadFailure { get; set; }

        /// <summary>Entries handed out per ReadEntries call, as NtQueryDirectoryFile fills one buffer.</summary>
        public int BatchSize { get; set; } = 2;

        public List<string> OpenedVolumes { get; } = [];

        /// <summary>Every file reference opened by id, in order: proof of what was (never) opened.</summary>
        public List<ulong> Opened { get; } = [];

        public Dictionary<ulong, int> OpenByIdErrors { get; } = [];

        public int Disposed { get; internal set; }
    }

    private sealed class Index(SimulatedWindows windows, MountedVolume volume, List<ReparseIndexEntry> entries) : IReparseIndex
    {
        private int position;

        public int ReadEntries(List<ReparseIndexEntry> batch)
        {
            var control = windows.ReparseIndex;
            if (control.ReadFailure is { } failure && position >= failure.After)
            {
                return failure.Error;
            }

            var take = Math.Min(control.BatchSize, entries.Count - position);
            batch.AddRange(entries.Skip(position).Take(take));
            position += take;
            return Win32.Success;
        }

        /// <summary>
        /// The file by its reference: one of its paths (GetFinalPathNameByHandleW gives one name of a
        /// file with several) and its reparse data. A reference no longer in use answers
        /// ERROR_INVALID_PARAMETER (UNVERIFIED which of that and ERROR_FILE_NOT_FOUND; callers take both as "gone").
        /// </summary>
        public int OpenById(ulong fileReference, out string path, out byte[] reparseData)
        {
            var control = windows.ReparseIndex;
            control.Opened.Add(fileReference);
            path = string.Empty;
            reparseData = [];
            if (control.OpenByIdErrors.TryGetValue(fileReference, out var error))
            {
                return error;
            }

            var found = windows.ReparsePoints(volume).FirstOrDefault(p => p.Node.FileIndex == fileReference);
            if (found.Node is null)
            {
                return Win32.InvalidParameter;
            }

            path = found.Path;
            reparseData = found.Node.ReparseData!.ToArray();
            return Win32.Success;
        }

        public void Dispose() => windows.ReparseIndex.Disposed++;
    }
}
