using System.Globalization;
using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;

namespace Linkctl.Scanning;

/// <summary>One entry of the NTFS $Reparse index: a file that holds a reparse point, and its tag.</summary>
public readonly record struct ReparseIndexEntry(ulong FileReference, uint Tag);

/// <summary>
/// The NTFS $Reparse index of one volume (<c>$Extend\$Reparse:$R:$INDEX_ALLOCATION</c>), read
/// through NtQueryDirectoryFile(FileReparsePointInformation), and files opened by their id.
/// Every member answers a Win32 error code (0 = success) exactly as the OS gave it;
/// <see cref="VolumeReparseIndex"/> decides what it means. The real one is Windows-only; the
/// tests give a simulated one.
/// </summary>
public interface IReparseIndexSource : IDisposable
{
    /// <summary>Opens the index of the volume whose root is <paramref name="volumeRoot"/> ("C:\").</summary>
    int Open(string volumeRoot);

    /// <summary>Appends the next entries to <paramref name="batch"/>; success with nothing appended is the end.</summary>
    int ReadEntries(List<ReparseIndexEntry> batch);

    /// <summary>
    /// Opens the file by its id without following its reparse point, for its full path
    /// ("C:\x\y") and its reparse data (FSCTL_GET_REPARSE_POINT's buffer).
    /// </summary>
    int Resolve(ulong fileReference, out string path, out byte[] reparseData);
}

/// <summary>Why a whole-volume listing could not be made at all (a single link that cannot be read is a <see cref="ScanProblem"/> instead).</summary>
public enum VolumeIndexFailureKind
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
public sealed record VolumeIndexFailure(VolumeIndexFailureKind Kind, string Message, OsError? Error);

/// <summary>What a whole-volume listing found besides the links it reported.</summary>
public sealed record VolumeIndexSummary(long Entries, long LinksExamined, IReadOnlyDictionary<string, long> OtherTags, VolumeIndexFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// <c>linkctl list --volume C:</c>: every link on an NTFS volume from its $Reparse index, without
/// walking a folder. Entries with a link tag (the walker's <see cref="ReparseTag.IsLinkLike"/>)
/// are opened by id and classified as the walker does (<see cref="WindowsLinkClassifier"/>);
/// every other tag (cloud placeholders, dedup, WOF...) is counted by name and never opened, so
/// nothing is hydrated. Links are reported with the volume root ("C:\") as their root.
/// </summary>
public sealed partial class VolumeReparseIndex
{
    /// <summary>What to tell someone who may not read the index of <paramref name="root"/> ("C:\").</summary>
    public static string ElevationAdvice(string root) => $"needs an elevated window: run as administrator or use `linkctl list {root}` to walk the tree instead";

    /// <summary>ERROR_INVALID_DRIVE, what some Windows versions answer for an unassigned letter.</summary>
    private const int ErrorInvalidDrive = 15;

    private readonly IReparseIndexSource source;
    private readonly IWindowsApi api;
    private readonly WindowsLinkClassifier classifier;
    private readonly Func<LinkRecord, bool>? filter;

    public VolumeReparseIndex(IReparseIndexSource source, IWindowsApi api, Func<LinkRecord, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(api);
        this.source = source;
        this.api = api;
        this.filter = filter;
        classifier = new WindowsLinkClassifier(new WindowsLinkSystem(api));
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

        if (!string.Equals(volume.FileSystemName, "NTFS", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(new VolumeIndexFailure(
                VolumeIndexFailureKind.NoIndex,
                $"{root} is {volume.FileSystemName}, not NTFS: only NTFS keeps a $Reparse index; use `linkctl list {root}` to walk the tree instead",
                null));
        }

        error = source.Open(root);
        if (error != 0)
        {
            return Failed(FailureOf(root, "cannot open the $Reparse index of", error));
        }

        var batch = new List<ReparseIndexEntry>();
        long entries = 0;
        long examined = 0;
        var rootBytes = RawPath.FromText(root);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            batch.Clear();
            error = source.ReadEntries(batch);
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
                Examine(entry, root, rootBytes, sink);
            }
        }

        return new VolumeIndexSummary(entries, examined, otherTags, null);

        VolumeIndexSummary Failed(VolumeIndexFailure failure) => new(0, 0, otherTags, failure);
    }

    private void Examine(ReparseIndexEntry entry, string root, byte[] rootBytes, ILinkSink sink)
    {
        var error = source.Resolve(entry.FileReference, out var path, out var data);
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
        var classified = classifier.Classify(path, path, WindowsLinkSystem.DecodeLink(data), rootBytes, root, depth);
        if (classified.Record is not { } record)
        {
            Report(sink, classified.Problem!);
            return;
        }

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
