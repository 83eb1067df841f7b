using System.Globalization;
using System.Text.RegularExpressions;
using Linkctl.Errors;

namespace Linkctl.Diagnosis;

/// <summary>
/// The knowledge table behind <c>linkctl explain</c>: the error codes and messages users meet
/// when making links, and how to recognise them inside pasted text (a Python traceback, npm's
/// log, cmd's output). Pure: no I/O. An input that matches nothing is reported as not known;
/// nothing is ever guessed from a partial resemblance.
/// </summary>
internal static partial class Explanations
{
    private const string Doctor = "Run `linkctl doctor` in the folder where the link goes: it checks this machine and says which of these fixes applies.";
    private const string DeveloperMode = "Turn on Developer Mode (no elevation needed afterwards): Settings > System > For developers > Developer Mode (Windows 10: Settings > Update & Security > For developers), or `linkctl fix devmode` from an administrator window. Programs that ask for unprivileged creation (linkctl, mklink, .NET, Python 3.8+, Go, Node) then make symbolic links as a standard user.";
    private const string Elevate = "Run the command in an elevated window (right-click the terminal > Run as administrator): administrators hold the privilege only in elevated windows.";
    private const string GrantRight = "Have the right \"Create symbolic links\" granted: `linkctl fix right --user NAME` (or secpol.msc > Local Policies > User Rights Assignment > Create symbolic links > Add User or Group), then log off and on: the right reaches a session only at logon. `linkctl doctor` confirms it.";
    private const string Junction = "For a folder, make a junction, which needs no privilege: `linkctl new --kind junction LINK TARGET` or `mklink /J LINK TARGET` (local folders only).";
    private const string HardLink = "For a file on the same volume, make a hard link, which needs no privilege: `linkctl new --kind hard LINK TARGET` or `mklink /H LINK TARGET`.";
    private const string Fallback = "`linkctl new LINK TARGET` falls back by itself to a junction (folders) or a hard link (files) when a symbolic link is refused, and says so.";
    private const string LinkFileSystem = "Put the link on a file system that stores links: NTFS or ReFS on Windows; ext4, XFS, Btrfs, tmpfs or NTFS (ntfs3/ntfs-3g) on Linux; APFS on macOS. `linkctl doctor --probe PATH` tests a folder for real.";

    private static readonly Explanation[] Table = [.. CoreEntries(), .. PastedEntries()];

    private static Explanation[] CoreEntries() =>
    [
        new("win32-1", "ERROR_INVALID_FUNCTION (1): \"Incorrect function.\"",
            "The file system does not have the operation that was asked for. For links: the volume cannot store reparse points, so it holds no symbolic links or junctions. PowerShell's New-Item words this error \"Symbolic links are not supported for the specified path.\" (or \"Hard links ...\").",
            [
                "The link is on a FAT32 or exFAT volume (USB sticks, SD cards, many external disks).",
                "The link is on a network, virtual or emulated file system that does not support reparse points (some NAS shares, Wine's drives, some cloud-drive folders).",
            ],
            [
                LinkFileSystem,
                "Convert a FAT32 volume to NTFS keeping its files: `convert E: /fs:ntfs` from an administrator window (back up first; exFAT cannot be converted, only reformatted).",
                "Copy instead of linking: `linkctl new --fallback copy LINK TARGET` (a copy does not follow later changes).",
                Doctor,
            ])
        {
            Source = SystemErrors0To499 + "; PowerShell/PowerShell FileSystemProvider.cs (errorCode 1 -> SymbolicLinkNotSupported / HardLinkNotSupported in FileSystemProviderStrings.resx)",
        },
        new("win32-3", "ERROR_PATH_NOT_FOUND (3): \"The system cannot find the path specified.\"",
            "A folder on the way to the path does not exist, as this process sees the namespace. mklink, New-Item and CreateSymbolicLink do not create folders, and a path through a folder link whose target is gone fails the same way; for links this is also often a drive letter that exists only in another logon session.",
            [
                "A folder in the link's or the target's path is missing or misspelled: the folder that is to hold the new link must exist (mklink C:\\new\\link ... when C:\\new is missing).",
                "A folder link or junction on the way points to a folder that no longer exists.",
                "The path is on a drive mapped (net use, Explorer) or made with subst in the normal window, and the command runs elevated: an elevated window is another logon session and does not see that letter (KB 937624).",
                "A junction stores a drive letter (\\??\\Z:\\...) that exists only in the session that made it; services, other users and elevated windows do not have it.",
            ],
            [
                "Check the path: `linkctl show PATH` says which part exists; create a missing folder first (`mkdir FOLDER`), then make the link.",
                "In the elevated window, use the share's own path (\\\\server\\share\\...) or the folder a subst drive stands for, instead of the letter; `linkctl doctor PATH` names it.",
                "To let elevated windows see the drives mapped in the normal one: set EnableLinkedConnections = 1 (DWORD) under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System and restart (KB 937624).",
                "Point junctions at real folders, not at mapped or subst letters.",
            ])
        {
            Source = SystemErrors0To499 + "; KB 937624 (drives mapped in another logon session, EnableLinkedConnections)",
        },
        new("win32-5", "ERROR_ACCESS_DENIED (5): \"Access is denied.\"",
            "Windows refused access to a path. From mklink this is rarely about the symbolic-link privilege (that is error 1314, \"You do not have sufficient privilege\"); it is about the folder, the target or the arguments.",
            [
                "The folder is protected (C:\\, C:\\Program Files, C:\\Windows, another user's profile) and the window is not elevated.",
                "`mklink /H` was given a folder: hard links are for files only (use /J or /D for folders).",
                "The link already exists (as a folder, or a file that is read-only or in use).",
                "The arguments are swapped: mklink's order is LINK TARGET, so the existing target was given as the new link's name.",
                "A drive letter mapped to a network share: an elevated window does not see drives mapped in the normal window, and the server may refuse links.",
            ],
            [
                "Make the link in a folder you own, or run the command in an elevated window (right-click > Run as administrator).",
                "For a folder use `mklink /J LINK TARGET` (junction) or `mklink /D LINK TARGET`; `/H` only for files. `linkctl new` picks the kind from the target.",
                "Check what is at LINK: `linkctl show LINK`; choose another name, or `linkctl new --force LINK TARGET` to replace a link (never a file or folder with data).",
                "Put the new name first: `mklink LINK TARGET`, `linkctl new LINK TARGET` (linkctl recognises swapped arguments and says so).",
                "Use the UNC path (\\\\server\\share\\...) instead of the drive letter, or map the drive again in the elevated window (`net use`).",
            ]),
        new("win32-17", "ERROR_NOT_SAME_DEVICE (17): \"The system cannot move the file to a different disk drive.\"",
            "A hard link must be on the same volume as the file it names; this one was asked across volumes.",
            [
                "`mklink /H` or CreateHardLink with LINK and TARGET on different drives (or one on a network share).",
                "A tool (package manager, backup tool) that deduplicates with hard links, with its store on another drive.",
            ],
            [
                "Make a symbolic link instead: `linkctl new LINK TARGET`.",
                "For a folder, a junction works across local volumes: `linkctl new --kind junction LINK TARGET` or `mklink /J`.",
                "Put the link on the target's volume.",
            ]),
        new("win32-87", "ERROR_INVALID_PARAMETER (87): \"The parameter is incorrect.\"",
            "Windows rejected one of the call's arguments. For links it usually means a flag or a target form this Windows does not accept.",
            [
                "Windows older than build 14972 (before Windows 10 1703) does not know SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE (0x2); a program that passes it must retry without it.",
                "A junction target that is not an absolute path on a local volume (relative, UNC or a network drive).",
                "A path with characters or a form the file system does not accept.",
            ],
            [
                "Use a tool that retries without the flag (linkctl, CPython, Go do), or update Windows.",
                "Give a junction an absolute local folder: `mklink /J C:\\link C:\\target`; for a network target use a symbolic link (`mklink /D`).",
                Doctor,
            ]),
        new("win32-183", "ERROR_ALREADY_EXISTS (183): \"Cannot create a file when that file already exists.\"",
            "Something already exists at the link's path; Windows does not replace it.",
            [
                "A link (or a file or folder) of that name is already there, perhaps from an earlier run.",
                "The arguments are swapped: mklink's order is LINK TARGET, ln's is TARGET LINK.",
            ],
            [
                "See what is there: `linkctl show LINK`.",
                "Replace an existing link (only a link, never data): `linkctl new --force LINK TARGET`.",
                "Put the new name first: `linkctl new LINK TARGET` or `mklink LINK TARGET`.",
            ]),
        new("win32-1142", "ERROR_TOO_MANY_LINKS (1142): \"An attempt was made to create more links on a file than the file system supports.\"",
            "The file already has the most names (hard links) its file system allows: 1023 on NTFS.",
            [
                "A tool that deduplicates files with hard links (a package store, a backup tool) reached the limit for one popular file.",
            ],
            [
                "Make a symbolic link instead: `linkctl new LINK TARGET`.",
                "Or copy the file: `linkctl new --fallback copy LINK TARGET`.",
            ]),
        new("win32-1314", "ERROR_PRIVILEGE_NOT_HELD (1314): \"A required privilege is not held by the client.\" (cmd: \"You do not have sufficient privilege to perform this operation.\")",
            "Making a symbolic link needs SeCreateSymbolicLinkPrivilege (\"Create symbolic links\"), and this process does not hold it, nor did Developer Mode lift the requirement for this call.",
            [
                "A standard user, with Developer Mode off and the right not granted (by default only Administrators hold it).",
                "An administrator in a window that is not elevated: UAC's filtered token does not hold the privilege.",
                "Developer Mode is on, but the program does not ask for unprivileged creation (the 0x2 flag): Python before 3.8, older Git, Java, many older tools.",
                "The right was granted, but this session started before that: it reaches the token only at the next logon.",
                "A Group Policy defines \"Create symbolic links\" and does not include you; local grants are reverted at the next policy refresh.",
            ],
            [
                Doctor,
                DeveloperMode,
                Elevate,
                GrantRight,
                Junction,
                HardLink,
                Fallback,
            ]),
        new("win32-1463", "ERROR_SYMLINK_CLASS_DISABLED (1463): \"The symbolic link cannot be followed because its type is disabled.\"",
            "The link exists, but Windows' SymlinkEvaluation setting forbids following this class of link: L2L (local link to local target), L2R (local to remote), R2L (remote link to local target) or R2R (remote to remote).",
            [
                "A link on a network share that points to a local path (R2L, off by default).",
                "A link on a network share that points to another share (R2R, off by default).",
                "A link on a local disk that points to a share, with L2R turned off.",
                "A Group Policy (\"Selectively allow the evaluation of a symbolic link\") sets the classes, overriding local settings.",
            ],
            [
                "See the current classes: `fsutil behavior query SymlinkEvaluation`; `linkctl doctor PATH` shows which class a link at PATH needs.",
                "Enable the class (administrator): `linkctl fix evaluation R2L:1` or `fsutil behavior set SymlinkEvaluation R2L:1`.",
                "When a policy sets it: gpedit.msc > Computer Configuration > Administrative Templates > System > Filesystem > Selectively allow the evaluation of a symbolic link (or ask your administrator).",
                "Point the link at a UNC path (\\\\server\\share\\...) so that no remote-to-local hop is needed, or make the link on the same side as its target.",
            ]),
        new("win32-1464", "ERROR_SYMLINK_NOT_SUPPORTED (1464): \"This application does not support the current operation on symbolic links.\"",
            "The program (or the API it called) does not support what it was asked to do on a symbolic link. It is not a file-system limit: the volume may store symbolic links perfectly well.",
            [
                "A program or API meant for plain files was given a symbolic link (or a path through one) and refuses to work on it.",
                "An older tool or library that predates symbolic links on Windows, or one that deliberately refuses them.",
            ],
            [
                "See what the path really is: `linkctl show PATH`.",
                "Give the program the link's target instead of the link (`linkctl show PATH` prints where it resolves to), or update the program.",
                "If a copy will do: `linkctl new --fallback copy LINK TARGET`.",
            ]),
        new("win32-448", "ERROR_UNTRUSTED_MOUNT_POINT (448): \"The path cannot be traversed because it contains an untrusted mount point.\"",
            "Redirection Guard refused to follow a junction (mount point) on the path: the process runs with the redirection-trust mitigation (installers, elevated programs and services, and their children, since the 2025-2026 updates), and the junction was made by a non-administrator, so it is not trusted.",
            [
                "A junction made from a normal (unelevated) window, followed by an installer, an elevated program or a service (Scoop, WezTerm and ShareX users met this).",
                "A tool that moves folders elsewhere and leaves a junction behind, used by programs that later run elevated.",
            ],
            [
                "Make the junction again from an elevated window (a junction made by an administrator is trusted): `linkctl rm LINK`, then `linkctl new --kind junction LINK TARGET` elevated.",
                "Or use a symbolic link instead of a junction (`linkctl new LINK TARGET`): Redirection Guard applies to junctions.",
                "Or give the program the real path (`linkctl show LINK` prints where the junction leads).",
                Doctor,
            ])
        {
            Source = "docs/windows-facts.md \"Error codes (Win32)\" (448 UNTRUSTED_MOUNT_POINT, Redirection Guard); Rust programs print it as \"... untrusted mount point. (os error 448)\", which explain reads as the code",
        },
        new("win32-4390", "ERROR_NOT_A_REPARSE_POINT (4390): \"The file or directory is not a reparse point.\"",
            "A program asked for a link's stored data (or to remove it), but the path is an ordinary file or folder, not a link.",
            [
                "The link was never made (a tool reported success without creating it; Wine does this) or was replaced by a real folder or file.",
                "A tool expected a junction or symbolic link at a path where a plain folder is.",
            ],
            [
                "See what is there: `linkctl show PATH`.",
                "Make the link again: `linkctl new LINK TARGET` (it reads every link back after making it).",
            ]),
        new("errno-eperm", "EPERM: \"Operation not permitted\"",
            "The OS refused the operation itself, not just access to a path. For links on Linux and macOS it usually means the file system cannot store this kind of link.",
            [
                "The file system cannot store symbolic links: vfat, exFAT, CIFS/SMB without the mfsymlinks option, VirtualBox shared folders (symlink(2) returns EPERM there).",
                "A hard link refused by fs.protected_hardlinks = 1: the file is not yours and you cannot both read and write it.",
                "The folder is immutable or append-only (`chattr +i` / `+a`; see `lsattr -d FOLDER`).",
                "On Windows, a runtime that maps ERROR_PRIVILEGE_NOT_HELD (1314) to EPERM (Node, Rust's std, libuv): see `linkctl explain 1314`.",
            ],
            [
                "Test the folder for real: `linkctl doctor --probe PATH`.",
                LinkFileSystem,
                "For CIFS/SMB: mount with `-o mfsymlinks` (symbolic links stored as Minshall+French files).",
                "For a hard link to another user's file: `sysctl fs.protected_hardlinks` shows the protection; make a symbolic link instead.",
            ]),
        new("errno-enosys", "ENOSYS: \"Function not implemented\"",
            "The kernel, a file system driver or a sandbox does not implement the call that was made.",
            [
                "A FUSE file system whose driver has no symlink or link operation.",
                "A sandbox or seccomp filter (some container runtimes, Flatpak, Snap) that blocks the call with ENOSYS.",
                "An emulation layer that lacks the call (old WSL1 builds, qemu-user).",
            ],
            [
                "Test the folder for real: `linkctl doctor --probe PATH`.",
                LinkFileSystem,
                "Run the tool outside the sandbox, or give it a writable folder on a native file system.",
            ]),
        new("errno-exdev", "EXDEV: \"Invalid cross-device link\"",
            "A hard link (or a rename) was asked across file systems or mounts; hard links stay within one mounted file system.",
            [
                "LINK and TARGET are on different file systems (/home and /tmp are often different).",
                "The same file system mounted twice (a bind mount) still counts as two mounts for link(2).",
            ],
            [
                "Make a symbolic link instead: `linkctl new LINK TARGET` or `ln -s TARGET LINK`.",
                "Put the link on the target's file system and mount point.",
            ]),
        new("errno-erofs", "EROFS: \"Read-only file system\"",
            "The file system at the link's path is mounted read-only, so nothing can be created there.",
            [
                "A read-only mount or read-only bind mount (containers often mount the image read-only).",
                "Media that is read-only by nature (squashfs, ISO images, live systems).",
                "A file system the kernel remounted read-only after errors (see `dmesg`).",
            ],
            [
                "Make the link in a writable folder.",
                "If the mount should be writable: `sudo mount -o remount,rw MOUNTPOINT` (after checking dmesg for errors).",
                "`linkctl doctor PATH` shows the mount and its options.",
            ]),
        new("errno-eloop", "ELOOP: \"Too many levels of symbolic links\"",
            "Following links never reached a real file: a link points to itself, links form a cycle, or the chain is longer than the kernel allows (40 on Linux).",
            [
                "A link that points to itself or to a link that points back.",
                "A relative target resolved from the link's folder, not from where it was typed, landing on the link itself.",
                "A program opened a link with O_NOFOLLOW (some tools report ELOOP for \"this is a link\").",
            ],
            [
                "See where it leads: `linkctl show PATH` (or `namei -l PATH`).",
                "Make the link again with the right target: `linkctl new --force LINK TARGET`.",
            ]),
        new("errno-eacces", "EACCES: \"Permission denied\"",
            "The permissions on a path refused the operation.",
            [
                "No write permission on the link's folder, or no search (x) permission on a folder on the way.",
                "fs.protected_symlinks = 1: following a symbolic link in a sticky world-writable folder (/tmp) that belongs to another user.",
                "A security module (SELinux, AppArmor) denied it.",
            ],
            [
                "Check the folder: `ls -ld FOLDER`; make the link in a folder you own.",
                "For links in /tmp: `sysctl fs.protected_symlinks`; keep shared links out of sticky world-writable folders.",
                "`linkctl doctor PATH` checks write access and these settings.",
            ]),
        new("errno-eexist", "EEXIST: \"File exists\"",
            "Something already exists at the link's path.",
            [
                "A link or file of that name is already there, perhaps from an earlier run.",
                "The arguments are swapped: ln's order is TARGET LINK (linkctl's and mklink's is LINK TARGET).",
            ],
            [
                "See what is there: `linkctl show LINK`.",
                "Replace an existing link (only a link): `linkctl new --force LINK TARGET` or `ln -sfn TARGET LINK`.",
                "Check the order of the arguments.",
            ]),
        new("node-eperm-symlink", "Node/npm: \"EPERM: operation not permitted, symlink 'TARGET' -> 'LINK'\"",
            "Node's fs.symlink failed with EPERM. On Windows that is ERROR_PRIVILEGE_NOT_HELD (1314): libuv reports it as EPERM. On Linux it means the file system refused the link.",
            [
                "Windows: a standard user or a non-elevated window, with Developer Mode off (npm, pnpm and yarn make links for workspaces, `npm link` and bin entries).",
                "Windows: Developer Mode was just turned on or the right just granted, and the terminal or editor was started before that (a new window, or for the right a new logon, is needed).",
                "Linux: the project is on a file system without links (exFAT or vfat USB disk, CIFS without mfsymlinks, VirtualBox shared folder).",
            ],
            [
                DeveloperMode,
                Elevate,
                GrantRight,
                "In your own code, link folders with junctions, which need no privilege: `fs.symlink(target, path, 'junction')`.",
                "Linux: move the project to a file system with links, or install with `npm install --no-bin-links`.",
                Doctor,
            ]),
    ];

    /// <summary>Every explanation linkctl knows.</summary>
    public static IReadOnlyList<Explanation> All => Table;

    /// <summary>Errno explanations by name, for the names <c>explain</c> recognises.</summary>
    private static readonly Dictionary<string, string> ErrnoIds = new(StringComparer.Ordinal)
    {
        ["EPERM"] = "errno-eperm",
        ["ENOSYS"] = "errno-enosys",
        ["EXDEV"] = "errno-exdev",
        ["EROFS"] = "errno-erofs",
        ["ELOOP"] = "errno-eloop",
        ["EACCES"] = "errno-eacces",
        ["EEXIST"] = "errno-eexist",
        ["ENOENT"] = "errno-enoent",
        ["ENAMETOOLONG"] = "errno-enametoolong",
        ["ENOTSUP"] = "errno-enotsup",
        ["EOPNOTSUPP"] = "errno-enotsup",
    };

    /// <summary>
    /// libuv's negative error numbers on Windows, as Node prints them ("errno: -4048"): its own
    /// numbering there (include/uv/errno.h, the values for _WIN32), never the C runtime's.
    /// -4048 has its own entry because it can only have come from Windows.
    /// </summary>
    private static readonly Dictionary<int, string> LibuvWindowsErrno = new()
    {
        [-4048] = "libuv-eperm-windows",
        [-4075] = "errno-eexist",
        [-4092] = "errno-eacces",
        [-4058] = "errno-enoent",
        [-4064] = "errno-enametoolong",
        [-4049] = "errno-enotsup",
        [-4037] = "errno-exdev",
        [-4067] = "errno-eloop",
        [-4043] = "errno-erofs",
    };

    /// <summary>
    /// Messages as users see them, each naming one explanation: Windows' own wording (Learn's
    /// System Error Codes pages), strerror's, and the tools' own (cmd's mklink, PowerShell's
    /// FileSystemProviderStrings.resx); the sources are on the entries. Matched case-insensitively
    /// anywhere in the input; an input that is only part of one of them matches it too (see
    /// <see cref="PartOfMessages"/>).
    /// </summary>
    private static readonly (string Phrase, string Id)[] Phrases =
    [
        ("You do not have sufficient privilege to perform this operation", "win32-1314"),
        ("A required privilege is not held by the client", "win32-1314"),
        ("The symbolic link cannot be followed because its type is disabled", "win32-1463"),
        ("does not support the current operation on symbolic links", "win32-1464"),
        ("Access is denied", "win32-5"),
        ("The system cannot find the path specified", "win32-3"),
        ("Cannot create a file when that file already exists", "win32-183"),
        ("The system cannot move the file to a different disk drive", "win32-17"),
        ("An attempt was made to create more links on a file than the file system supports", "win32-1142"),
        ("The file or directory is not a reparse point", "win32-4390"),
        ("Incorrect function", "win32-1"),
        ("Symbolic links are not supported for the specified path", "win32-1"),
        ("Hard links are not supported for the specified path", "win32-1"),
        ("The parameter is incorrect", "win32-87"),
        ("The system cannot find the file specified", "win32-2"),
        ("The request is not supported", "win32-50"),
        ("The file cannot be accessed by the system", "win32-1920"),
        ("The name of the file cannot be resolved by the system", "win32-1921"),
        ("The path cannot be traversed because it contains an untrusted mount point", "win32-448"),
        ("Local NTFS volumes are required to complete the operation", "mklink-local-ntfs"),
        ("The syntax of the command is incorrect", "mklink-syntax"),
        ("Administrator privilege required for this operation", "powershell-elevation-required"),
        ("Operation not permitted", "errno-eperm"),
        ("Function not implemented", "errno-enosys"),
        ("Invalid cross-device link", "errno-exdev"),
        ("Read-only file system", "errno-erofs"),
        ("Too many levels of symbolic links", "errno-eloop"),
        ("Permission denied", "errno-eacces"),
        ("File exists", "errno-eexist"),
        ("No such file or directory", "errno-enoent"),
        ("File name too long", "errno-enametoolong"),
        ("Operation not supported", "errno-enotsup"),
    ];

    /// <summary>
    /// Shorter forms of the messages above, as they appear in tools' output with other words
    /// around them or cut differently ("...to complete this operation", "untrusted mount point.
    /// (os error 448)"). Each is specific to its message.
    /// </summary>
    private static readonly (string Phrase, string Id)[] Fragments =
    [
        ("sufficient privilege", "win32-1314"),
        ("privilege is not held", "win32-1314"),
        ("untrusted mount point", "win32-448"),
        ("Local NTFS volumes are required", "mklink-local-ntfs"),
        ("syntax of the command is incorrect", "mklink-syntax"),
        ("Administrator privilege required", "powershell-elevation-required"),
        ("cannot find the path specified", "win32-3"),
        ("cannot find the file specified", "win32-2"),
    ];

    /// <summary>A more specific explanation replaces the general ones it implies.</summary>
    private static readonly Dictionary<string, string[]> Supersedes = new(StringComparer.Ordinal)
    {
        ["node-eperm-symlink"] = ["errno-eperm", "libuv-eperm-windows"],
        ["libuv-eperm-windows"] = ["errno-eperm"],
        // git's message ends with the errno's text; "Permission denied" is covered by the git entry.
        ["git-symlink"] = ["errno-eacces"],
    };

    /// <summary>
    /// Finds every known code, name and message in <paramref name="input"/>, each explained once,
    /// in the order they appear: a whole code or name ("1314", "EPERM"), several of them ("2 3 50",
    /// "1314, 5"), codes after a keyword inside text ("WinError 1314", "errors 2 and 3",
    /// "errno: -4048"), names, and messages, whole or in part (a part must be specific: three
    /// words or more of one message).
    /// </summary>
    public static ExplainResult Explain(string input)
    {
        var text = Normalise(input);
        var found = new List<(int At, string Matched, string Id)>();
        if (text.Length > 0)
        {
            if (WholeInput(text) is { } whole)
            {
                found.Add((0, text, whole));
            }
            else if (ListOfCodes(text) is { } list)
            {
                found.AddRange(list);
            }

            FindInText(text, found);
            if (found.Count == 0)
            {
                found.AddRange(PartOfMessages(text));
            }
        }

        var ids = found.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var superseded = ids.Where(Supersedes.ContainsKey).SelectMany(id => Supersedes[id]).ToHashSet(StringComparer.Ordinal);
        var matches = found
            .Where(f => !superseded.Contains(f.Id) && ByIdOrNull(f.Id) is not null)
            .OrderBy(f => f.At)
            .DistinctBy(f => f.Id)
            .Select(f => new ExplanationMatch(f.Matched, ById(f.Id)))
            .ToList();
        return new ExplainResult(input, matches);
    }

    public static Explanation ById(string id) => Table.First(e => e.Id == id);

    private static Explanation? ByIdOrNull(string id) => Table.FirstOrDefault(e => e.Id == id);

    /// <summary>The explanation for a Win32 code, or null when the table has none.</summary>
    public static Explanation? ForWin32(int code) => Table.FirstOrDefault(e => e.Id == "win32-" + code.ToString(CultureInfo.InvariantCulture));

    private static string Normalise(string input)
    {
        var text = Whitespace().Replace(input, " ").Trim();
        return text.Trim('"', '\'', '`', ' ');
    }

    /// <summary>An input that is nothing but a code or a name: "1314", "0x522", "PRIVILEGE_NOT_HELD", "eperm", "-4048".</summary>
    private static string? WholeInput(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return LibuvWindowsErrno.TryGetValue(number, out var uv) ? uv : number >= 0 ? ForWin32(number)?.Id : null;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return FromHex(hex);
        }

        if (ErrnoIds.TryGetValue(text.ToUpperInvariant(), out var errno))
        {
            return errno;
        }

        return Win32ErrorNames.CodeOf(text) is { } code ? ForWin32(code)?.Id : null;
    }

    /// <summary>
    /// An input made only of codes and names, separated by spaces, commas, slashes or "and"/"or"
    /// ("2 3 50", "1314, 5", "ENOENT or EACCES"): each one, when every one is known. One unknown
    /// token and it is not a list (digits in a path are not codes).
    /// </summary>
    private static List<(int, string, string)>? ListOfCodes(string text)
    {
        var tokens = ListSeparator().Split(text).Where(t => t.Length > 0).ToList();
        if (tokens.Count < 2)
        {
            return null;
        }

        var found = new List<(int, string, string)>();
        var at = 0;
        foreach (var token in tokens)
        {
            if (WholeInput(token) is not { } id)
            {
                return null;
            }

            at = text.IndexOf(token, at, StringComparison.Ordinal);
            found.Add((at, token, id));
            at += token.Length;
        }

        return found;
    }

    /// <summary>
    /// An input that is a part of one or more known messages ("sufficient privilege to perform",
    /// "Local NTFS volumes"): at least three words, so that a common word never matches.
    /// </summary>
    private static IEnumerable<(int, string, string)> PartOfMessages(string text)
    {
        var part = text.TrimEnd('.', ' ');
        if (part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3)
        {
            yield break;
        }

        foreach (var (phrase, id) in Phrases)
        {
            if (phrase.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                yield return (0, text, id);
            }
        }
    }

    private static void FindInText(string text, List<(int, string, string)> found)
    {
        foreach (Match m in CodeAfterKeyword().Matches(text))
        {
            var keyword = m.Groups["keyword"].Value;
            var values = m.Groups["value"].Captures;
            for (var i = 0; i < values.Count; i++)
            {
                if (CodeValue(keyword, values[i].Value) is { } id)
                {
                    // The first is shown with its keyword ("WinError 1314"), the others alone.
                    found.Add(i == 0 ? (m.Index, text[m.Index..(values[0].Index + values[0].Length)], id) : (values[i].Index, values[i].Value, id));
                }
            }
        }

        foreach (Match m in HResult().Matches(text))
        {
            if (uint.TryParse(m.Groups["value"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && FromHex(hex) is { } id)
            {
                found.Add((m.Index, m.Value, id));
            }
        }

        foreach (Match m in UnderscoredName().Matches(text))
        {
            if (Win32ErrorNames.CodeOf(m.Value) is { } code && ForWin32(code) is { } e)
            {
                found.Add((m.Index, m.Value, e.Id));
            }
        }

        foreach (Match m in ErrnoName().Matches(text))
        {
            found.Add((m.Index, m.Value, ErrnoIds[m.Value]));
        }

        foreach (Match m in NodeSymlink().Matches(text))
        {
            found.Add((m.Index, m.Value, "node-eperm-symlink"));
        }

        foreach (Match m in GitSymlink().Matches(text))
        {
            found.Add((m.Index, m.Value, "git-symlink"));
        }

        foreach (var (phrase, id) in Phrases.Concat(Fragments))
        {
            var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                found.Add((at, text.Substring(at, phrase.Length), id));
            }
        }
    }

    /// <summary>A number after a keyword: errno's numbers for "errno" (libuv's on Windows when negative), Win32's otherwise.</summary>
    private static string? CodeValue(string keyword, string value)
    {
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return uint.TryParse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) ? FromHex(hex) : null;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        if (LibuvWindowsErrno.TryGetValue(number, out var uv))
        {
            return uv;
        }

        if (keyword.StartsWith("errno", StringComparison.OrdinalIgnoreCase))
        {
            return ErrnoIds.GetValueOrDefault(ErrnoNames.NameOf(Math.Abs(number)));
        }

        return number >= 0 ? ForWin32(number)?.Id : null;
    }

    /// <summary>An HRESULT that wraps a Win32 code (0x8007xxxx), or a bare Win32 code written in hex.</summary>
    private static string? FromHex(uint value)
    {
        if ((value & 0xFFFF0000) == 0x80070000)
        {
            return ForWin32((int)(value & 0xFFFF))?.Id;
        }

        return value <= 0xFFFF ? ForWin32((int)value)?.Id : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*(?:,|;|/|\s|\band\b|\bor\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ListSeparator();

    // "WinError 1314", "[WinError 1314]", "error 1314", "Win32 error: 5", "code 1463", "errno: -4048",
    // "System error 5", "os error 448", "errors 2, 3 and 50": a number is taken inside text only after
    // a keyword, never alone (paths hold digits); a keyword may be followed by a list.
    [GeneratedRegex(@"(?<keyword>winerror|win32\s*error|system\s+error|error\s*code|errorcode|error|code|errno)s?\s*[:=#]?\s*\[?\s*(?<value>-?\d+|0x[0-9a-f]+)\b(?:\s*(?:,|and|or|/)\s*(?<value>-?\d+|0x[0-9a-f]+)\b)*", RegexOptions.IgnoreCase)]
    private static partial Regex CodeAfterKeyword();

    [GeneratedRegex(@"\b(?:HRESULT\s*[:=]?\s*)?0x(?<value>8007[0-9a-f]{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex HResult();

    // ERROR_PRIVILEGE_NOT_HELD, PRIVILEGE_NOT_HELD: upper case with underscores, as headers spell them.
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")]
    private static partial Regex UnderscoredName();

    // Upper case only inside text: "eexist" is not a word people paste, "EEXIST" is.
    [GeneratedRegex(@"\b(?:EPERM|ENOSYS|EXDEV|EROFS|ELOOP|EACCES|EEXIST|ENOENT|ENAMETOOLONG|ENOTSUP|EOPNOTSUPP)\b")]
    private static partial Regex ErrnoName();

    [GeneratedRegex(@"EPERM:\s*operation not permitted,\s*symlink\b", RegexOptions.IgnoreCase)]
    private static partial Regex NodeSymlink();

    // git's entry.c: error_errno("unable to create symlink %s", path).
    [GeneratedRegex(@"unable to create symlink\b", RegexOptions.IgnoreCase)]
    private static partial Regex GitSymlink();
}
