using Linkctl.Errors;
using Linkctl.Paths;

namespace Linkctl.Platform;

/// <summary>
/// The OS's link operations on the live file system: the only place where link commands
/// touch the disk. Paths passed in are full paths in <see cref="Paths"/>' syntax; on Unix a
/// path may hold escaped bytes (<see cref="Scanning.RawPath.ToOsText"/>) and reaches the OS
/// byte for byte. Every method reports failure as an <see cref="OsResult"/> (or a
/// <see cref="StepResult{T}"/> when a plain-words reason can stand instead of an OS error) and
/// never throws for an OS failure; <see cref="Links.LinkClassifier"/> tells what an error means.
/// </summary>
internal interface ILinkSystem
{
    /// <summary>The path rules of this OS (Windows rules for the simulated Windows too).</summary>
    PathSyntax Paths { get; }

    /// <summary>What is at <paramref name="path"/>, not following a link at its last component.</summary>
    EntryFacts GetEntry(string path);

    /// <summary>What <paramref name="path"/> finally leads to, following every link; FinalPath is set when it exists.</summary>
    EntryFacts GetTargetEntry(string path);

    /// <summary>
    /// The target stored in the link at <paramref name="path"/>. A failure has the OS's error,
    /// or only a reason when the OS answered data that is not a link (an undecodable reparse buffer).
    /// </summary>
    StepResult<StoredLink> ReadLink(string path);

    /// <summary>Makes a symbolic link storing <paramref name="target"/> verbatim (relative stays relative).</summary>
    OsResult CreateSymbolicLink(string link, string target, bool isDirectory);

    /// <summary>Makes a junction (Windows mount point) to a local absolute folder.</summary>
    OsResult CreateJunction(string link, string targetFullPath);

    OsResult CreateHardLink(string link, string existingFile);

    /// <summary>
    /// Removes the link entry itself, never what it points to and never recursively: a
    /// folder link or junction is removed as an empty directory entry is, without entering it.
    /// </summary>
    OsResult RemoveLink(string path);

    /// <summary>Renames, replacing an existing destination link atomically where the OS can.</summary>
    OsResult Rename(string source, string destination);

    VolumeFacts GetVolume(string path);

    /// <summary>
    /// Holds the folder <paramref name="path"/> open (resolved once, as the kernel resolves it now) so
    /// that later checks and acts inside it are relative to that folder, never to the path string
    /// again (<see cref="IPinnedFolder"/>). The caller disposes the pin.
    /// </summary>
    StepResult<IPinnedFolder> PinFolder(string path);

    /// <summary>Every name of the file, or why the OS cannot list them (Unix has no such call; Wine lacks FindFirstFileNameW).</summary>
    StepResult<IReadOnlyList<string>> GetHardLinkNames(string path);
}

/// <summary>The operation an OS error came from, for <see cref="Links.LinkClassifier.Classify"/>.</summary>
internal enum LinkOperation
{
    CreateSymbolicLink,
    CreateJunction,
    CreateHardLink,
    Remove,
    Rename,
    Copy,
    Read,
}
