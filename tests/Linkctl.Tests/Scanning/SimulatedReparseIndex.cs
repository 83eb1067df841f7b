using Linkctl.Errors;
using Linkctl.Scanning;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Scanning;

/// <summary>
/// The $Reparse index of a simulated volume: entries are added by path (the file reference is
/// the simulated file index, the tag is read from the planted or created reparse point), and
/// resolving an id answers the path and the reparse data as the simulated Windows holds them.
/// It records every id resolved, so tests can prove that data reparse points are never opened.
/// </summary>
internal sealed class SimulatedReparseIndex(SimulatedWindows windows) : IReparseIndexSource
{
    private readonly List<ReparseIndexEntry> entries = [];
    private readonly Dictionary<ulong, string> paths = [];
    private readonly Dictionary<ulong, int> resolveErrors = [];
    private int position;

    public int OpenError { get; set; }

    /// <summary>When set, reading fails with this error after this many entries were handed out.</summary>
    public (int After, int Error)? ReadFailure { get; set; }

    /// <summary>Entries handed out per ReadEntries call, as NtQueryDirectoryFile fills one buffer.</summary>
    public int BatchSize { get; set; } = 2;

    public List<string> OpenedVolumes { get; } = [];

    public List<ulong> Resolved { get; } = [];

    public bool Disposed { get; private set; }

    public ulong Add(string path)
    {
        Assert.Equal(0, windows.GetAttributes(path, out _, out var tag));
        Assert.Equal(0, windows.GetFileInformation(path, followLinks: false, out var info));
        entries.Add(new ReparseIndexEntry(info.FileIndex, tag));
        paths[info.FileIndex] = path;
        return info.FileIndex;
    }

    public void FailResolve(ulong id, int error) => resolveErrors[id] = error;

    public int Open(string volumeRoot)
    {
        OpenedVolumes.Add(volumeRoot);
        return OpenError;
    }

    public int ReadEntries(List<ReparseIndexEntry> batch)
    {
        Assert.NotEmpty(OpenedVolumes);
        if (ReadFailure is { } failure && position >= failure.After)
        {
            return failure.Error;
        }

        var take = Math.Min(BatchSize, entries.Count - position);
        batch.AddRange(entries.Skip(position).Take(take));
        position += take;
        return 0;
    }

    public int Resolve(ulong fileReference, out string path, out byte[] reparseData)
    {
        Resolved.Add(fileReference);
        path = string.Empty;
        reparseData = [];
        if (resolveErrors.TryGetValue(fileReference, out var error))
        {
            return error;
        }

        if (!paths.TryGetValue(fileReference, out var known))
        {
            return Win32ErrorNames.InvalidParameter;
        }

        path = known;
        return windows.GetReparseData(known, out reparseData);
    }

    public void Dispose() => Disposed = true;
}
