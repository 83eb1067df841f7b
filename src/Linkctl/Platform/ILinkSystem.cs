using Linkctl.Errors;
using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>
/// The OS's link operations on the live file system: the only place where link commands
/// touch the disk. Paths passed in are full paths in <see cref="Paths"/>' syntax.
/// Every method reports failure as an <see cref="OsError"/> (null = success) and never
/// throws for an OS failure, so callers can decide on fallbacks from the error.
/// </summary>
public interface ILinkSystem
{
    /// <summary>The path rules of this OS (Windows rules for the simulated Windows too).</summary>
    PathSyntax Paths { get; }

    /// <summary>What is at <paramref name="path"/>, not following a link at its last component.</summary>
    EntryFacts GetEntry(string path);

    /// <summary>What <paramref name="path"/> finally leads to, following every link; FinalPath is set when it exists.</summary>
    EntryFacts GetTargetEntry(string path);

    /// <summary>The target stored in the link at <paramref name="path"/>.</summary>
    LinkReadResult ReadLink(string path);

    /// <summary>Makes a symbolic link storing <paramref name="target"/> verbatim (relative stays relative).</summary>
    OsError? CreateSymbolicLink(string link, string target, bool isDirectory);

    /// <summary>Makes a junction (Windows mount point) to a local absolute folder.</summary>
    OsError? CreateJunction(string link, string targetFullPath);

    OsError? CreateHardLink(string link, string existingFile);

    /// <summary>
    /// Removes the link entry itself, never what it points to and never recursively: a
    /// folder link or junction is removed as an empty directory entry is, without entering it.
    /// </summary>
    OsError? RemoveLink(string path);

    /// <summary>Renames, replacing an existing destination link atomically where the OS can.</summary>
    OsError? Rename(string source, string destination);

    /// <summary>Copies a file, or a folder recursively, to a destination that does not exist.</summary>
    OsError? Copy(string source, string destination, bool isDirectory);

    VolumeFacts GetVolume(string path);

    HardLinkNames GetHardLinkNames(string path);

    /// <summary>Classifies an OS error met by the named operation, e.g. EPERM from symlink(2) on exFAT is NotSupported.</summary>
    FailureKind Classify(OsError error, LinkOperation operation);
}

/// <summary>The operation an OS error came from, for <see cref="ILinkSystem.Classify"/>.</summary>
public enum LinkOperation
{
    CreateSymbolicLink,
    CreateJunction,
    CreateHardLink,
    Remove,
    Rename,
    Copy,
    Read,
}
