using Linkctl.Creation;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Repair;

/// <summary>What a git stub is replaced by.</summary>
public enum GitStubLinkKind
{
    /// <summary>A symbolic link (Unix; Windows: a file symbolic link).</summary>
    FileSymbolicLink,
    /// <summary>A Windows folder symbolic link (SYMBOLIC_LINK_FLAG_DIRECTORY).</summary>
    DirectorySymbolicLink,
    /// <summary>A Windows junction: the fallback for a local folder when symbolic links cannot be made.</summary>
    Junction,
}

/// <summary>What the disk says about one index link's working file, gathered before planning.</summary>
internal sealed record GitStubFacts
{
    /// <summary>The path git printed, relative to ROOT ('/'-separated bytes).</summary>
    public required byte[] Path { get; init; }

    /// <summary>The link text: the blob's exact bytes.</summary>
    public required byte[] Text { get; init; }

    /// <summary>What is at the path now, not followed.</summary>
    public required EntryFacts Entry { get; init; }

    /// <summary>What the entry stores when it is a link (symbolic link or junction), else null.</summary>
    public byte[]? StoredText { get; init; }

    /// <summary>The working file's content when it is a regular file (at most the text's length + 1 bytes); null otherwise.</summary>
    public FileContent? Content { get; init; }

    /// <summary>Why the working file could not be read, when it could not.</summary>
    public string? ReadProblem { get; init; }

    /// <summary>What the link text leads to from the link's folder now (followed): decides file or folder on Windows.</summary>
    public required EntryFacts Target { get; init; }

    /// <summary>The target's full path as the OS would resolve it (for a junction, which stores a full path).</summary>
    public string? TargetFullPath { get; init; }

    /// <summary>The target's path relative to ROOT ('/'-separated) when it stays inside it, to see a link to another stub.</summary>
    public byte[]? TargetInRoot { get; init; }

    /// <summary>The target's volume is a network share (Windows; a junction cannot point there).</summary>
    public bool TargetIsRemote { get; init; }

    /// <summary>The link's <c>symlink</c> gitattribute as git check-attr printed it (null: not read). Windows only: it decides file or folder over the target.</summary>
    public string? SymlinkAttribute { get; init; }
}

/// <summary>Which repairs the planner may choose from.</summary>
public sealed record GitStubContext
{
    public required OsFlavour Flavour { get; init; }

    /// <summary>Whether this process can make symbolic links here (Unix: yes; Windows: privilege or Developer Mode).</summary>
    public required bool SymbolicLinksAllowed { get; init; }

    /// <summary>What may be made when symbolic links are refused (as <c>new --fallback</c>).</summary>
    public FallbackPolicy Fallback { get; init; } = FallbackPolicy.Auto;
}

/// <summary>One stub to replace by a link.</summary>
/// <param name="Path">Relative to ROOT.</param>
/// <param name="Text">The stub's content, which is the link text (undo writes it back).</param>
/// <param name="Stored">What the link stores (Windows: '/' turned into '\'; a junction: the target's full path).</param>
/// <param name="Kind">What is made.</param>
/// <param name="StubIdentity">The stub file as it was checked: only that file is replaced.</param>
/// <param name="StubSize">Its size then.</param>
/// <param name="Note">Said to the user (a fallback and why), or null.</param>
public sealed record GitStubAction(byte[] Path, byte[] Text, byte[] Stored, GitStubLinkKind Kind, FileIdentity StubIdentity, ulong StubSize, string? Note);

/// <summary>An index link whose working file is left as it is, and why (an edited stub, a missing file...).</summary>
public sealed record GitStubSkip(byte[] Path, string Why, bool Edited = false);

/// <summary>The whole plan: stubs to replace, links already real, and the ones left alone.</summary>
public sealed record GitStubPlan(IReadOnlyList<GitStubAction> Actions, IReadOnlyList<byte[]> AlreadyLinks, IReadOnlyList<GitStubSkip> Skipped);

/// <summary>What one planned replacement (or its undo) did.</summary>
public sealed record GitStubOutcome(GitStubAction Action, bool Applied, Errors.OsError? Error = null, string? Problem = null);
