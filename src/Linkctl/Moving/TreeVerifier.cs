using System.Security.Cryptography;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Moving;

/// <summary>The outcome of comparing a copy with its original: counts, and the first differences by path.</summary>
internal sealed class TreeComparison
{
    public const int MaxDifferencesKept = 20;

    public long Entries { get; internal set; }

    public long Files { get; internal set; }

    public long Bytes { get; internal set; }

    /// <summary>Files whose bytes were hashed (SHA-256) on both sides.</summary>
    public long FilesHashed { get; internal set; }

    public long DifferenceCount { get; internal set; }

    /// <summary>The first <see cref="MaxDifferencesKept"/> differences, "path: what".</summary>
    public List<string> Differences { get; } = [];

    public bool Same => DifferenceCount == 0;

    internal void Differ(string path, string what)
    {
        DifferenceCount++;
        if (Differences.Count < MaxDifferencesKept)
        {
            Differences.Add($"{path}: {what}");
        }
    }
}

/// <summary>
/// Compares two pinned trees, name by name, never following a link: the same names in every folder,
/// each of the same kind; links with the same stored text; files of the same size and, with
/// <see cref="MoveVerification.Full"/>, the same SHA-256 of their bytes (both read from descriptors opened
/// with O_NOFOLLOW against the identity just listed). Modes, owners and times are not compared (the copier
/// sets them and reports any it could not). One pin per level of depth is held.
/// </summary>
internal static class TreeVerifier
{
    public static TreeComparison Compare(IPinnedFolder original, IPinnedFolder copy, MoveVerification how)
    {
        var result = new TreeComparison();
        Folder(original, copy, how, result);
        return result;
    }

    private static void Folder(IPinnedFolder original, IPinnedFolder copy, MoveVerification how, TreeComparison result)
    {
        var left = original.ListNames();
        var right = copy.ListNames();
        if (!left.TryGetValue(out var names) || !right.TryGetValue(out var copyNames))
        {
            result.Differ(original.Path, $"could not be listed: {left.Error ?? right.Error}");
            return;
        }

        var copied = new HashSet<string>(copyNames, StringComparer.Ordinal);
        foreach (var name in copyNames)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                result.Differ(copy.PathOf(name), "is in the copy but not in the original");
            }
        }

        foreach (var name in names)
        {
            result.Entries++;
            if (!copied.Contains(name))
            {
                result.Differ(original.PathOf(name), "is missing from the copy");
                continue;
            }

            var a = original.GetEntry(name);
            var b = copy.GetEntry(name);
            if (a.Type != b.Type)
            {
                result.Differ(original.PathOf(name), $"is {a.Type} but the copy is {b.Type}");
                continue;
            }

            switch (a.Type)
            {
                case EntryType.Directory:
                    var inA = original.OpenFolder(name, a.Identity);
                    var inB = copy.OpenFolder(name, b.Identity);
                    if (!inA.TryGetValue(out var subA) || !inB.TryGetValue(out var subB))
                    {
                        inA.ValueOr(null)?.Dispose();
                        inB.ValueOr(null)?.Dispose();
                        result.Differ(original.PathOf(name), $"could not be opened: {inA.Problem ?? inB.Problem}");
                        break;
                    }

                    using (subA)
                    using (subB)
                    {
                        Folder(subA, subB, how, result);
                    }

                    break;
                case EntryType.SymbolicLink:
                    var ta = original.ReadLink(name);
                    var tb = copy.ReadLink(name);
                    if (!ta.TryGetValue(out var sa) || !tb.TryGetValue(out var sb) || sa.Target != sb.Target)
                    {
                        result.Differ(original.PathOf(name), $"the link stores {ta.ValueOr(null)?.Target ?? ta.Problem} but the copy {tb.ValueOr(null)?.Target ?? tb.Problem}");
                    }

                    break;
                case EntryType.File:
                    result.Files++;
                    result.Bytes += a.Size ?? 0;
                    if (a.Size != b.Size)
                    {
                        result.Differ(original.PathOf(name), $"has {a.Size} bytes but the copy {b.Size}");
                        break;
                    }

                    if (how == MoveVerification.Full)
                    {
                        var ha = Hash(original, name, a.Identity);
                        var hb = Hash(copy, name, b.Identity);
                        if (ha is null || hb is null || !ha.AsSpan().SequenceEqual(hb))
                        {
                            result.Differ(original.PathOf(name), ha is null || hb is null ? "could not be read to compare its bytes" : "its bytes differ from the copy's (SHA-256)");
                        }
                        else
                        {
                            result.FilesHashed++;
                        }
                    }

                    break;
                default:
                    result.Differ(original.PathOf(name), "is a FIFO, socket or device: a move copies files, folders and links only");
                    break;
            }
        }
    }

    private static byte[]? Hash(IPinnedFolder folder, string name, FileIdentity? identity)
    {
        var opened = folder.OpenFileForReading(name, identity);
        if (!opened.TryGetValue(out var handle))
        {
            return null;
        }

        using (handle)
        {
            try
            {
                using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
                return SHA256.HashData(stream);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
