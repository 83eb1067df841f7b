using System.Buffers.Binary;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// An MFT record: a file or folder, independent of its names. Hard links are several
/// directory entries holding one node; a reparse point is a node with reparse data.
/// </summary>
internal abstract class SimulatedNode(ulong fileIndex)
{
    public ulong FileIndex { get; } = fileIndex;

    /// <summary>The whole REPARSE_DATA_BUFFER as FSCTL_SET_REPARSE_POINT stored it, or null.</summary>
    public byte[]? ReparseData { get; set; }

    public uint ReparseTag => ReparseData is null ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(ReparseData);

    public bool ReadOnlyAttribute { get; set; }

    /// <summary>Attributes set besides the kind's (Hidden | System on the OS's compatibility junctions).</summary>
    public FileAttributes ExtraAttributes { get; set; }

    /// <summary>
    /// What CreateFileW on this entry answers instead of a handle: ACCESS_DENIED (an ACL that
    /// denies even FILE_READ_ATTRIBUTES) or SHARING_VIOLATION (a file the system holds open,
    /// pagefile.sys, hiberfil.sys: Rust std's metadata comments on both). 0: opens normally.
    /// Listing the parent still describes the entry.
    /// </summary>
    public int OpenError { get; set; }

    public abstract FileAttributes Attributes { get; }

    public abstract uint NumberOfLinks { get; }

    protected FileAttributes Common(FileAttributes kind)
    {
        var a = kind | ExtraAttributes;
        if (ReparseData is not null)
        {
            a |= FileAttributes.ReparsePoint;
        }

        if (ReadOnlyAttribute)
        {
            a |= FileAttributes.ReadOnly;
        }

        return a;
    }
}

internal sealed class SimulatedFile(ulong fileIndex, byte[] content) : SimulatedNode(fileIndex)
{
    public byte[] Content { get; set; } = content;

    /// <summary>How many directory entries name this file; NTFS allows 1023.</summary>
    public uint LinkCount { get; set; } = 1;

    public override FileAttributes Attributes => Common(FileAttributes.Archive);

    public override uint NumberOfLinks => LinkCount;
}

internal sealed class SimulatedDirectory(ulong fileIndex) : SimulatedNode(fileIndex)
{
    // Names compare case-insensitively but keep the case they were created with, as NTFS does.
    private readonly Dictionary<string, (string Name, SimulatedNode Node)> _entries = new(StringComparer.OrdinalIgnoreCase);

    public override FileAttributes Attributes => Common(FileAttributes.Directory);

    public override uint NumberOfLinks => 1;

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>
    /// The folder's ACL denies listing (FILE_LIST_DIRECTORY) to the caller: FindFirstFileExW on it
    /// or on any name in it answers ERROR_ACCESS_DENIED, while each entry may still be opened by
    /// name (docs/windows-facts.md, "Paths, volumes and identity"; System Volume Information and
    /// the profile compatibility junctions deny listing this way).
    /// </summary>
    public bool ListDenied { get; set; }

    public IEnumerable<(string Name, SimulatedNode Node)> Entries => _entries.Values;

    public bool TryGet(string name, out string storedName, out SimulatedNode node)
    {
        if (_entries.TryGetValue(name, out var e))
        {
            (storedName, node) = e;
            return true;
        }

        (storedName, node) = (name, null!);
        return false;
    }

    public void Add(string name, SimulatedNode node) => _entries.Add(name, (name, node));

    public void Remove(string name) => _entries.Remove(name);
}
