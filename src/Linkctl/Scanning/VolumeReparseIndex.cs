using System.Globalization;
using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;

namespace Linkctl.Scanning;

/// <summary>Why a whole-volume listing could not be made at all (a single link that cannot be read is a <see cref="ScanProblem"/> instead).</summary>
internal enum VolumeIndexFailureKind
{
    /// <summary>The argument is not a drive ("C:").</summary>
    InvalidDrive,

    /// <summary>No volume answers at that drive letter.</summary>
    NoSuchDrive,

    /// <summary>The volume is not NTFS, or it has no $Reparse index to open (Wine, an NTFS driver that does not expose it).</summary>
    NoIndex,

    /// <summary>The index may be read only from an elevated process.</summary>
    NeedsElevation,

    /// <summary>Anything else the OS answered.</summary>
    OsError,
}

/// <summary>A whole-volume listing that could not be made, with a message to show as it is.</summary>
internal sealed record VolumeIndexFailure(VolumeIndexFailureKind Kind, string Message, OsError? Error);

/// <summary>What a whole-volume listing found besides the links it reported.</summary>
internal sealed record VolumeIndexSummary(long Entries, long LinksExamined, IReadOnlyDictionary<string, long> OtherTags, VolumeIndexFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// <c>linkctl list --volume C:</c>: every link on an NTFS volume from its $Reparse index
/// (<see cref="IWindowsApi.OpenReparseIndex"/>), without walking a folder. Entries with a link tag
/// (the walker's <see cref="ReparseTag.IsLinkLike"/>) are opened by id and recorded as the walker
/// does (<see cref="WindowsLinkObserver"/>, <see cref="LinkRecordBuilder"/>);
/// every other tag (cloud placeholders, dedup, WOF...) is counted by name and never opened, so
/// nothing is hydrated. Links are reported with the volume root ("C:\") as their root.
/// </summary>
internal sealed class VolumeReparseIndex
{
    /// <summary>What to tell someone who may not read the index of <paramref name="root"/> ("C:\").</summary>
    public static string ElevationAdvice(string root) => $"needs an elevated window: run as administrator or use `linkctl list {root}` to walk the tree instead";

    /// <summary>ERROR_INVALID_DRIVE, what some Windows versions answer for an unassigned letter.</summary>
    private const int ErrorInvalidDrive = 15;

    private readonly IWindowsApi api;
    private readonly WindowsLinkSystem links;
    private readonly WindowsLinkObserver observer;
    private readonly Func<LinkRecord, bool>? filter;

    /// <exception cref="ArgumentException">The platform is not Windows.</exception>
    public VolumeReparseIndex(LinkPlatform platform, Func<LinkRecord, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        api = platform.Windows?.Api ?? throw new ArgumentException("the $Reparse index is a Windows (NTFS) feature", nameof(platform));
        links = (WindowsLinkSystem)platform.Links;
        observer = new WindowsLinkObserver(links);
        this.filter = filter;
    }

    /// <summary>Running totals, readable from another thread while <see cref="Scan"/> runs.</summary>
    public ScanCounters Counters { get; } = new();

    /// <summary>"C:", "c:\", "C" → "C:\"; null for anything else (a folder, a UNC path, a volume GUID path).</summary>
    public static string? ParseDrive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length is < 1 or > 3 || !char.IsAsciiLetter(t[0]))
        {
            return null;
        }

        if (t.Length == 1 || (t[1] == ':' && (t.Length == 2 || t[2] is '\\' or '/')))
        {
            return char.ToUpperInvariant(t[0]) + ":\\";
        }

        return null;
    }

    /// <summary>Lists the links of <paramref name="drive"/>'s volume into <paramref name="sink"/>; never throws for what the OS answers.</summary>
    public VolumeIndexSummary Scan(string drive, ILinkSink sink, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var otherTags = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var root = ParseDrive(drive);
        if (root is null)
        {
            return Failed(new VolumeIndexFailure(VolumeIndexFailureKind.InvalidDrive, $"'{drive}' is not a drive: give a drive letter, e.g. C:", null));
        }

        var error = api.GetVolumeInformation(root, out var volume);
        if (error is Win32ErrorNames.FileNotFound or Win32ErrorNames.PathNotFound or ErrorInvalidDrive)
        {
            return Failed(new VolumeIndexFailure(VolumeIndexFailureKind.NoSuchDrive, $"there is no volume at {root}: {OsError.Win32(error)}", OsError.Win32(error)));
        }

        if (error != 0)
        {
            return Failed(FailureOf(root, "cannot read the volume of", error));
        }

        if (string.Equals(volume.FileSystemName, "ReFS", StringComparison.OrdinalIgnoreCase))
        {
            // ReFS keeps the same index with 128-bit file IDs (FILE_ID_128; docs/windows-facts.md,
            // "Finding links fast"), but its records' layout there is UNVERIFIED: read with the
            // NTFS layout, 64-bit references would open the wrong files. Refused by name instead.
            return Failed(new VolumeIndexFailure(
                VolumeIndexFailureKind.NoIndex,
                $"{root} is ReFS: its $Reparse index names files by 128-bit IDs, which linkctl does not read yet (only the NTFS layout is known and tested); use `linkctl list {root}` to walk the tree instead",
                null));
        }

        if (!string.Equals(volume.FileSystemName, "NTFS", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(new VolumeIndexFailure(
                VolumeIndexFailureKind.NoIndex,
                $"{root} is {volume.FileSystemName}, not NTFS: only NTFS keeps a $Reparse index; use `linkctl list {root}` to walk the tree instead",
                null));
        }

        error = api.OpenReparseIndex(root, out var opened);
        if (error != 0 || opened is null)
        {
            return Failed(FailureOf(root, "cannot open the $Reparse index of", error == 0 ? Win32ErrorNames.InvalidHandle : error));
        }

        using var index = opened;
        var batch = new List<ReparseIndexEntry>();
        long entries = 0;
        long examined = 0;
        var rootContext = new RootContext(RawPath.FromText(root), RawPath.FromText(root));
        var volumeSerial = links.IdentityOf(root, followLinks: true)?.Volume;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            batch.Clear();
            error = index.ReadEntries(batch);
            if (error != 0)
            {
                return new VolumeIndexSummary(entries, examined, otherTags, FailureOf(root, "cannot read the $Reparse index of", error));
            }

            if (batch.Count == 0)
            {
                break;
            }

            entries += batch.Count;
            Counters.AddEntries(batch.Count);
            foreach (var entry in batch)
            {
                if (!ReparseTag.IsLinkLike(entry.Tag))
                {
                    var name = ReparseTag.NameOf(entry.Tag);
                    otherTags[name] = otherTags.GetValueOrDefault(name) + 1;
                    continue;
                }

                examined++;
                Examine(index, entry, root, rootContext, volumeSerial, sink);
            }
        }

        return new VolumeIndexSummary(entries, examined, otherTags, null);

        VolumeIndexSummary Failed(VolumeIndexFailure failure) => new(0, 0, otherTags, failure);
    }

    private void Examine(IReparseIndex index, ReparseIndexEntry entry, string root, RootContext rootContext, ulong? volumeSerial, ILinkSink sink)
    {
        var error = index.OpenById(entry.FileReference, out var path, out var data);
        if (error is Win32ErrorNames.FileNotFound or Win32ErrorNames.PathNotFound or Win32ErrorNames.InvalidParameter or Win32ErrorNames.NotAReparsePoint)
        {
            // Deleted, or no longer a reparse point, since the index was read: a walk started
            // a moment later would not have seen it either.
            return;
        }

        if (error != 0)
        {
            var id = RawPath.FromText(string.IsNullOrEmpty(path) ? $"{root}<file id 0x{entry.FileReference.ToString("X16", CultureInfo.InvariantCulture)}>" : path);
            Report(sink, new ScanProblem(id, "cannot open link by id", OsError.Win32(error)));
            return;
        }

        var depth = path.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? path.AsSpan(root.Length).Count('\\') + 1 : path.AsSpan().Count('\\');
        if (observer.Observe(path, path, entry.Tag, WindowsLinkSystem.DecodeLink(data), rootContext, depth, volumeSerial) is not { } observed)
        {
            return;
        }

        var record = observed.Record;

        if (filter is { } f && !f(record))
        {
            return;
        }

        Counters.AddLink();
        sink.OnLink(record);
    }

    private void Report(ILinkSink sink, ScanProblem problem)
    {
        Counters.AddProblem();
        sink.OnProblem(problem);
    }

    private static VolumeIndexFailure FailureOf(string root, string what, int error)
    {
        var os = OsError.Win32(error);
        return error switch
        {
            Win32ErrorNames.AccessDenied or Win32ErrorNames.PrivilegeNotHeld => new VolumeIndexFailure(
                VolumeIndexFailureKind.NeedsElevation, $"{what} {root}: {os} The whole-volume index {ElevationAdvice(root)}", os),

            // Not there to open: no $Extend folder (Wine, a non-Microsoft NTFS driver), or the
            // stream syntax or the information class refused.
            Win32ErrorNames.FileNotFound or Win32ErrorNames.PathNotFound or Win32ErrorNames.InvalidName
                or Win32ErrorNames.InvalidParameter or Win32ErrorNames.InvalidFunction or Win32ErrorNames.NotSupported
                or Win32ErrorNames.CallNotImplemented => new VolumeIndexFailure(
                VolumeIndexFailureKind.NoIndex, $"{what} {root}: {os} This volume offers no $Reparse index (Wine, or a driver that does not expose it); use `linkctl list {root}` to walk the tree instead", os),
            _ => new VolumeIndexFailure(VolumeIndexFailureKind.OsError, $"{what} {root}: {os}", os),
        };
    }
}
