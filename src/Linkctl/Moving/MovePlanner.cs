using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;

namespace Linkctl.Moving;

/// <summary>How the folder gets to DEST.</summary>
internal enum MoveMethod
{
    /// <summary>SRC and DEST's folder are on one file system: one rename (RENAME_NOREPLACE), nothing copied.</summary>
    Rename,

    /// <summary>Another file system: copy beside DEST, verify, rename into place, set SRC aside, link, remove the set-aside tree.</summary>
    CopyVerifySwap,
}

/// <summary>How the copy is checked against SRC before SRC is touched.</summary>
internal enum MoveVerification
{
    /// <summary>Every name, kind, link text, size, and a SHA-256 of every file's bytes on both sides.</summary>
    Full,

    /// <summary>Every name, kind, link text and size, without reading the data again (faster).</summary>
    Size,
}

/// <summary>What is left at SRC's name once the folder is at DEST.</summary>
internal enum MoveLinkKind
{
    SymbolicLink,
    Junction,
}

/// <summary>
/// Everything <see cref="MovePlanner"/> needs, gathered by the effects side (<see cref="FolderMover"/>):
/// no disk here, so every decision is a unit test, for both path flavours.
/// </summary>
internal sealed record MoveFacts
{
    public required OsFlavour Flavour { get; init; }

    /// <summary>SRC's full path: its folder's real path (links on the way resolved), then its own name.</summary>
    public required string Source { get; init; }

    /// <summary>What SRC's name holds, not followed.</summary>
    public required EntryFacts SourceEntry { get; init; }

    /// <summary>DEST's full path: its folder's real path, then its own name.</summary>
    public required string Destination { get; init; }

    /// <summary>DEST's folder (followed): it must exist.</summary>
    public required EntryFacts DestinationParent { get; init; }

    /// <summary>What DEST's name holds, not followed.</summary>
    public required EntryFacts DestinationEntry { get; init; }

    /// <summary>The file system of SRC's folder (to tell a rename from a copy, and what kind of link it can hold).</summary>
    public required VolumeFacts SourceVolume { get; init; }

    public required VolumeFacts DestinationVolume { get; init; }

    /// <summary>The user's home (Linux) or profile folder (Windows, %USERPROFILE%); null when unknown.</summary>
    public string? UserHome { get; init; }

    /// <summary>Windows: %SystemRoot%, %ProgramFiles%, %ProgramFiles(x86)%, %ProgramData% and the profiles folder (C:\Users); null entries are left out.</summary>
    public IReadOnlyList<string?> WindowsSystemFolders { get; init; } = [];

    /// <summary>Bytes of SRC's files and its entry count (a walk of SRC); null when not counted (a rename needs no space).</summary>
    public long? SourceBytes { get; init; }

    public long? SourceEntries { get; init; }

    /// <summary>Bytes free for this user on DEST's file system (statfs f_bavail x f_bsize); null when unknown.</summary>
    public long? DestinationFreeBytes { get; init; }

    /// <summary>Whether this process can make a symbolic link now (Windows: the privilege or Developer Mode); Linux: true.</summary>
    public bool CanCreateSymbolicLinks { get; init; } = true;

    /// <summary>Whether the tree copier works on this platform (false on Windows: not written there).</summary>
    public bool CopierAvailable { get; init; } = true;

    /// <summary>Whether a same-volume rename by handle is written on this platform (false on Windows for now).</summary>
    public bool RenameAvailable { get; init; } = true;

    public MoveVerification Verification { get; init; } = MoveVerification.Full;

    /// <summary>Entries of SRC a copy cannot carry (FIFOs, sockets, devices, other file systems mounted inside), found by the counting walk.</summary>
    public IReadOnlyList<string> Uncopyable { get; init; } = [];

    /// <summary>An unfinished move in the journal ("SRC -> DEST, run R"), or null: a new move waits until it is resumed or undone.</summary>
    public string? UnfinishedMove { get; init; }
}

/// <summary>What <c>linkctl move</c> will do, step by step.</summary>
internal sealed record MovePlan(string Source, string Destination, MoveMethod Method, MoveLinkKind Link, string LinkTarget, MoveVerification Verification)
{
    /// <summary>Why this kind of link (new's rules, reported to the user).</summary>
    public required string LinkReason { get; init; }

    public long? Bytes { get; init; }

    public long? Entries { get; init; }

    public long? BytesNeeded { get; init; }

    public long? FreeBytes { get; init; }

    /// <summary>The steps in order, in words (for --dry-run).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
}

/// <summary>
/// The decisions of <c>linkctl move SRC DEST</c>, pure. DEST must not exist (an existing folder,
/// even an empty one, is refused: moving into it would need it removed first, which is a delete
/// linkctl was not asked for; name DEST/NAME instead).
/// </summary>
internal static class MovePlanner
{
    /// <summary>Per entry, what a file system spends beyond the bytes (a block rounded up, a folder's block, an inode): 4 KiB.</summary>
    public const long PerEntryAllowance = 4096;

    /// <summary>The margin kept free on DEST beyond SRC's bytes: 1/64 of them (1.6 %) plus 1 MiB.</summary>
    public static long Margin(long bytes) => (bytes / 64) + (1L << 20);

    /// <summary>The bytes DEST's file system must have free for a copy of <paramref name="bytes"/> in <paramref name="entries"/> entries.</summary>
    public static long BytesNeeded(long bytes, long entries) => bytes + (entries * PerEntryAllowance) + Margin(bytes);

    private static readonly string[] LinuxSystemFolders =
        ["/", "/usr", "/etc", "/proc", "/sys", "/dev", "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/var", "/home", "/run"];

    // Below these nothing is a user's folder: virtual file systems of the kernel.
    private static readonly string[] LinuxVirtualTrees = ["/proc", "/sys", "/dev", "/run"];

    /// <summary>Either a plan or the refusal that stops the move before anything is touched.</summary>
    public readonly record struct Decision(MovePlan? Plan, LinkctlError? Refusal)
    {
        public static implicit operator Decision(MovePlan plan) => new(plan, null);

        public static implicit operator Decision(LinkctlError refusal) => new(null, refusal);
    }

    public static Decision Plan(MoveFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var paths = PathSyntax.For(facts.Flavour);
        var source = facts.Source;
        var destination = facts.Destination;

        if (SystemFolderReason(facts) is { } system)
        {
            return Refuse(FailureKind.Conflict, source, $"linkctl will not move {source}: {system}.",
                "Programs and the OS itself expect that folder where it is; a link in its place breaks booting, updates or other users.",
                "Move a folder inside it instead (for example one program's data), or leave it where it is. Nothing was moved.");
        }

        if (!facts.SourceEntry.Exists)
        {
            return Refuse(facts.SourceEntry.Error is null ? FailureKind.NotFound : FailureKind.Other, source,
                $"SRC {source} {(facts.SourceEntry.Error is null ? "does not exist" : "could not be examined")}.",
                facts.SourceEntry.Error?.ToString() ?? "There is no folder there to move.", "Check the path. Nothing was moved.", facts.SourceEntry.Error);
        }

        if (facts.UnfinishedMove is { } unfinished)
        {
            return Refuse(FailureKind.Conflict, source, $"an earlier move is not finished: {unfinished}.",
                "A move journals every step so that it can be finished or rolled back; a new one waits until the old one is settled, so no two moves cross.",
                "Run `linkctl move --resume` to finish it or `linkctl move --undo` to roll it back, then run this move again. Nothing was moved.");
        }

        if (facts.SourceEntry.Type is EntryType.SymbolicLink or EntryType.Junction or EntryType.OtherReparsePoint)
        {
            return Refuse(FailureKind.Conflict, source, $"SRC {source} is a link ({Describe(facts.SourceEntry.Type)}), not a folder.",
                "Moving a link would move only the link, and its folder may have been moved already (linkctl move leaves a link behind).",
                "Move the folder the link leads to (linkctl show SRC says where), or `linkctl move --undo` if this link is from a move. Nothing was moved.");
        }

        if (facts.SourceEntry.Type != EntryType.Directory)
        {
            return Refuse(FailureKind.Conflict, source, $"SRC {source} is {Describe(facts.SourceEntry.Type)}, not a folder: linkctl move moves folders.",
                "A link is left at SRC so that programs find the folder; one file needs no such move.", "Use mv for a file, or name its folder. Nothing was moved.");
        }

        if (facts.SourceEntry.IsMountRoot)
        {
            return Refuse(FailureKind.Conflict, source, $"linkctl will not move {source}: it is a mount point (another file system is mounted there).",
                "What is mounted is a whole file system; moving it and leaving a link would change what the mount table means.",
                "Change the mount instead (fstab, or mount it elsewhere). Nothing was moved.");
        }

        if (paths.IsSameOrBelow(destination, source))
        {
            return Refuse(FailureKind.InvalidInput, destination, $"DEST {destination} lies inside SRC {source}.",
                "A folder cannot be moved into itself.", "Choose a DEST outside SRC. Nothing was moved.");
        }

        if (!facts.DestinationParent.Exists || !facts.DestinationParent.IsDirectory)
        {
            return Refuse(FailureKind.NotFound, destination, $"the folder that would hold DEST ({paths.GetDirectoryName(destination) ?? destination}) does not exist.",
                "linkctl move makes DEST itself, not the folders above it.", "Make DEST's folder first (mkdir -p). Nothing was moved.", facts.DestinationParent.Error);
        }

        if (facts.DestinationEntry.Exists || facts.DestinationEntry.Error is not null)
        {
            return Refuse(FailureKind.Conflict, destination,
                facts.DestinationEntry.Exists ? $"DEST {destination} exists already ({Describe(facts.DestinationEntry.Type)})." : $"DEST {destination} could not be examined.",
                "linkctl move never writes into or over anything that exists; it makes DEST itself (an existing folder, even an empty one, is refused).",
                $"Name a DEST that does not exist yet, for example {paths.Combine(destination, paths.GetFileName(source))}. Nothing was moved.", facts.DestinationEntry.Error);
        }

        if (facts.DestinationVolume.ReadOnly)
        {
            return Refuse(FailureKind.ReadOnly, destination, $"DEST's file system ({facts.DestinationVolume.Root}) is read-only.",
                "Nothing can be written there.", "Remount it read-write or choose another DEST. Nothing was moved.");
        }

        var sameVolume = facts.SourceVolume.VolumeId is { } a && facts.DestinationVolume.VolumeId is { } b && a == b;
        var method = sameVolume ? MoveMethod.Rename : MoveMethod.CopyVerifySwap;

        var link = ChooseLink(facts, paths);
        if (!link.TryPick(out var kind, out var linkReason, out var linkRefusal))
        {
            return linkRefusal!;
        }

        if (method == MoveMethod.CopyVerifySwap && !facts.CopierAvailable)
        {
            return Refuse(FailureKind.NotSupported, source, $"linkctl cannot move {source} to another volume here yet: the tree copier is written for Linux only.",
                "A move across volumes copies, verifies and then swaps; on Windows the copier's pinned-folder file primitives are not written yet (issue 13).",
                $"Copy with robocopy /E /COPY:DAT /SL /DCOPY:DAT, check it, then make the link with `linkctl new {source} {destination}`. Nothing was moved.");
        }

        if (method == MoveMethod.Rename && !facts.RenameAvailable)
        {
            return Refuse(FailureKind.NotSupported, source, $"linkctl cannot move {source} on Windows yet, even on one volume.",
                "The checked, journalled rename by handle and the journal's resume for it are written for Linux only so far (issue 13).",
                $"Use `move {source} {destination}` in cmd, then `linkctl new {source} {destination}`. Nothing was moved.");
        }

        if (method == MoveMethod.CopyVerifySwap && facts.Uncopyable.Count > 0)
        {
            return Refuse(FailureKind.Conflict, source, $"SRC holds {facts.Uncopyable.Count} entr{(facts.Uncopyable.Count == 1 ? "y" : "ies")} a copy cannot carry, first {facts.Uncopyable[0]}.",
                "A move to another file system copies SRC and removes it; a FIFO, socket, device or a file system mounted inside would be lost or left behind.",
                "Remove or unmount those entries (or move them yourself), then run linkctl move again. Nothing was moved.");
        }

        long? needed = null;
        if (method == MoveMethod.CopyVerifySwap && facts.SourceBytes is { } bytes)
        {
            needed = BytesNeeded(bytes, facts.SourceEntries ?? 0);
            if (facts.DestinationFreeBytes is { } free && free < needed)
            {
                return Refuse(FailureKind.NoSpace, destination,
                    $"DEST's file system ({facts.DestinationVolume.Root}) has {Size(free)} free; the copy needs {Size(needed.Value)}.",
                    $"SRC holds {Size(bytes)} in {facts.SourceEntries ?? 0} entries; linkctl asks for that, {PerEntryAllowance} bytes per entry and a margin of 1/64 + 1 MiB, checked before starting so that the copy never fills the disk halfway.",
                    "Free space on DEST's file system or choose another DEST. Nothing was moved.");
            }
        }

        var steps = method == MoveMethod.Rename
            ? new List<string>
            {
                $"rename {source} to {destination} (one file system; RENAME_NOREPLACE, SRC's identity checked)",
                $"make the {Name(kind)} {source} -> {destination} and read it back",
            }
            :
            [
                $"copy {source} into a private name beside {destination} (links kept as they are, hard-link sets kept)",
                $"verify the copy ({(facts.Verification == MoveVerification.Full ? "names, kinds, link texts, sizes and a SHA-256 of every file" : "names, kinds, link texts and sizes")})",
                $"rename the copy to {destination}",
                $"rename {source} aside to a private name in its own folder",
                $"make the {Name(kind)} {source} -> {destination} and read it back",
                "remove the set-aside tree (never following a link)",
            ];

        return new MovePlan(source, destination, method, kind, destination, facts.Verification)
        {
            LinkReason = linkReason!,
            Bytes = facts.SourceBytes,
            Entries = facts.SourceEntries,
            BytesNeeded = needed,
            FreeBytes = facts.DestinationFreeBytes,
            Steps = steps,
        };
    }

    /// <summary>
    /// The link at SRC, by <c>new</c>'s rules: Linux a symbolic link. Windows a junction when DEST is on a
    /// local volume (a junction needs no privilege and reaches only local volumes: Learn, "Hard links and
    /// junctions"; docs/windows-facts.md), else a symbolic link (a network DEST), which needs the privilege or
    /// Developer Mode; without it there is no fallback (new's rule: "No junction fallback: the target is on a network share").
    /// </summary>
    internal static LinkChoice ChooseLink(MoveFacts facts, PathSyntax paths)
    {
        if (facts.Flavour != OsFlavour.Windows)
        {
            if (facts.SourceVolume.SupportsSymbolicLinks == false)
            {
                return LinkChoice.No(new LinkctlError(FailureKind.NotSupported, facts.Source,
                    $"SRC's file system ({facts.SourceVolume.Root}, {facts.SourceVolume.DisplayName}) cannot store symbolic links, so no link could be left at {facts.Source}.",
                    "linkctl move leaves a link at SRC so that programs still find the folder; without one the move would break them.",
                    "Move the folder with mv and point the programs at DEST yourself. Nothing was moved."));
            }

            return LinkChoice.Of(MoveLinkKind.SymbolicLink, "a symbolic link (Linux)");
        }

        if (facts.SourceVolume.SupportsReparsePoints == false)
        {
            return LinkChoice.No(new LinkctlError(FailureKind.NotSupported, facts.Source,
                $"SRC's volume {facts.SourceVolume.Root} ({facts.SourceVolume.DisplayName}) cannot store reparse points, so neither a junction nor a symbolic link could be left at {facts.Source}.",
                "FAT and exFAT volumes store no links of any kind.",
                "Move the folder yourself and point the programs at DEST. Nothing was moved."));
        }

        var remote = paths.IsUnc(facts.Destination) || facts.DestinationVolume.Location == VolumeLocation.Remote;
        if (!remote)
        {
            return LinkChoice.Of(MoveLinkKind.Junction, "a junction: DEST is on a local volume, and a junction needs no privilege (new's rule for a folder on a local volume)");
        }

        if (!facts.CanCreateSymbolicLinks)
        {
            return LinkChoice.No(new LinkctlError(FailureKind.PrivilegeNotHeld, facts.Source,
                $"DEST {facts.Destination} is on a network share, so the link at SRC must be a symbolic link, and this process may not make one.",
                "A junction can only point to a folder on a local volume, so new's junction fallback does not apply (new: \"No junction fallback: the target is on a network share\").",
                "Get the right to create symbolic links (`linkctl doctor` says how: Developer Mode or SeCreateSymbolicLinkPrivilege), or choose a DEST on a local volume. Nothing was moved."));
        }

        return LinkChoice.Of(MoveLinkKind.SymbolicLink, "a symbolic link: DEST is on a network share, where a junction cannot point");
    }

    /// <summary>Why SRC is a folder that must not be moved, or null.</summary>
    public static string? SystemFolderReason(MoveFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var paths = PathSyntax.For(facts.Flavour);
        var source = facts.Source;
        if (facts.Flavour == OsFlavour.Windows)
        {
            var root = paths.GetRoot(source);
            if (paths.PathEquals(root, source) || paths.GetDirectoryName(source) is null)
            {
                return "it is the root of a volume";
            }

            foreach (var folder in facts.WindowsSystemFolders)
            {
                if (folder is null)
                {
                    continue;
                }

                if (paths.PathEquals(folder, source))
                {
                    return $"it is a system folder ({folder})";
                }

                if (paths.IsSameOrBelow(folder, source))
                {
                    return $"it holds the system folder {folder}";
                }
            }

            if (facts.UserHome is { } profile && paths.IsSameOrBelow(profile, source))
            {
                return paths.PathEquals(profile, source) ? $"it is your user profile's root ({profile})" : $"it holds your user profile ({profile})";
            }

            return null;
        }

        foreach (var folder in LinuxSystemFolders)
        {
            if (paths.PathEquals(folder, source))
            {
                return folder == "/" ? "it is the root of the file system (/)" : $"it is a system folder ({folder})";
            }
        }

        foreach (var tree in LinuxVirtualTrees)
        {
            if (paths.IsSameOrBelow(source, tree))
            {
                return $"it lies in {tree}, a file system the kernel makes up (not data to move)";
            }
        }

        if (facts.UserHome is { } home && home != "/" && paths.PathEquals(home, source))
        {
            return $"it is your home folder ({home})";
        }

        return null;
    }

    /// <summary>
    /// A rename of SRC that Windows refused with ERROR_SHARING_VIOLATION (32): a process holds SRC or a file
    /// in it open without FILE_SHARE_DELETE (Learn, CreateFileW, dwShareMode: "no process can open the file or
    /// device if it requests delete access" unless FILE_SHARE_DELETE; docs/windows-facts.md, "Sharing"). The
    /// error names the open files found (<paramref name="openFiles"/>: the names a probe could not open for
    /// DELETE), or says that none was found. Other errors are told as they are.
    /// </summary>
    public static LinkctlError RenameRefused(string source, string destination, OsError error, IReadOnlyList<string> openFiles)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(openFiles);
        if (error.Domain == OsErrorDomain.Win32 && error.Code == Win32ErrorNames.SharingViolation)
        {
            var named = openFiles.Count == 0
                ? "no single open file was found (the folder itself may be open, as a program's current folder)"
                : openFiles.Count == 1 ? $"{openFiles[0]} is open" : $"{openFiles.Count} files are open, first {openFiles[0]}";
            return new LinkctlError(FailureKind.Conflict, source, $"{source} could not be moved: {named} in another program.",
                "Windows refuses to rename a folder while a file in it is open without FILE_SHARE_DELETE (ERROR_SHARING_VIOLATION).",
                $"Close the program that has {(openFiles.Count > 0 ? openFiles[0] : source)} open (Resource Monitor, CPU tab, Associated Handles, finds it), then run linkctl move again. Nothing was moved.", error);
        }

        return new LinkctlError(LinkClassifier.Classify(error, LinkOperation.Rename), source, $"{source} could not be renamed to {destination}.",
            error.ToString(), "Fix the cause the OS names, then run linkctl move again. Nothing was moved.", error);
    }

    internal static string Name(MoveLinkKind kind) => kind == MoveLinkKind.Junction ? "junction" : "symbolic link";

    private static string Describe(EntryType type) => type switch
    {
        EntryType.File => "a file",
        EntryType.Directory => "a folder",
        EntryType.SymbolicLink => "a symbolic link",
        EntryType.Junction => "a junction",
        EntryType.OtherReparsePoint => "a reparse point",
        EntryType.Special => "a FIFO, socket or device",
        _ => "missing",
    };

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} bytes",
    };

    private static LinkctlError Refuse(FailureKind kind, string path, string what, string why, string next, OsError? error = null) =>
        new(kind, path, what, why, next, error);

    internal readonly record struct LinkChoice(MoveLinkKind Kind, string? Reason, LinkctlError? Refusal)
    {
        public static LinkChoice Of(MoveLinkKind kind, string reason) => new(kind, reason, null);

        public static LinkChoice No(LinkctlError refusal) => new(default, null, refusal);

        public bool TryPick(out MoveLinkKind kind, out string? reason, out LinkctlError? refusal)
        {
            kind = Kind;
            reason = Reason;
            refusal = Refusal;
            return Refusal is null;
        }
    }
}
