namespace Linkctl.Diagnosis;

// What users paste from the tools that make links (cmd's mklink, PowerShell, git, Node/libuv)
// and the plain Win32 and errno codes behind them. Each entry's Source names where its wording
// and facts come from; a fact with no source says UNVERIFIED.
internal static partial class Explanations
{
    private const string SystemErrors0To499 = "learn.microsoft.com/windows/win32/debug/system-error-codes--0-499- (MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--0-499-.md)";
    private const string SystemErrors1700To3999 = "learn.microsoft.com/windows/win32/debug/system-error-codes--1700-3999- (MicrosoftDocs/win32 desktop-src/Debug/system-error-codes--1700-3999-.md)";
    private const string LibuvErrors = "libuv include/uv/errno.h (UV__E* values on _WIN32) and src/win/error.c uv_translate_sys_error";
    private const string LinuxErrno = "Linux errno(3) and strerror(3) (glibc wording); docs/windows-facts.md for the Windows side";

    private static Explanation[] PastedEntries() =>
    [
        new("win32-2", "ERROR_FILE_NOT_FOUND (2): \"The system cannot find the file specified.\"",
            "Windows found no file at the path a program used. For links it is what opening a link whose target is gone answers: the link itself exists, what it points to does not.",
            [
                "A symbolic link whose target was moved, renamed or deleted (a dangling link): opening it follows the link and fails.",
                "A relative target that is resolved from the link's folder, not from the folder where the command was typed, so it names a file that is not there.",
                "A typo, or a path with spaces that the shell split into several arguments.",
            ],
            [
                "See where the link leads: `linkctl show PATH` (status broken, and the full path it resolves to).",
                "Find every dangling link under a folder: `linkctl list --broken ROOT`.",
                "Make the link again with the right target: `linkctl new --force LINK TARGET` (a relative TARGET is resolved from LINK's folder, and linkctl checks that it exists).",
            ])
        {
            Source = SystemErrors0To499 + "; docs/windows-facts.md \"Error codes (Win32)\" (opening a dangling link)",
        },
        new("win32-50", "ERROR_NOT_SUPPORTED (50): \"The request is not supported.\"",
            "The file system, or the driver or server between the program and the disk, does not have the operation. For links it is the usual answer when a junction (a reparse point) is asked on a file system that stores none.",
            [
                "A junction or symbolic link on a network share, or a volume whose driver does not take reparse points (Wine answers junction creation with 50).",
                "A FAT or exFAT volume reached through a driver that answers 50 instead of ERROR_INVALID_FUNCTION (1).",
                "Node and other libuv programs report it as ENOTSUP (-4049 on Windows).",
            ],
            [
                "Test the folder for real: `linkctl doctor --probe PATH`.",
                LinkFileSystem,
                "For a network location, a symbolic link to the UNC path can work where a junction cannot: `linkctl new LINK \\\\server\\share\\folder` (needs the symbolic-link right or Developer Mode).",
            ])
        {
            Source = SystemErrors0To499 + "; docs/windows-facts.md \"What Wine 8 does\" (junction creation answers 50); " + LibuvErrors + " (ERROR_NOT_SUPPORTED -> UV_ENOTSUP)",
        },
        new("win32-1920", "ERROR_CANT_ACCESS_FILE (1920): \"The file cannot be accessed by the system.\"",
            "A program opened (followed) a reparse point that no driver on this system handles. The entry exists and is not broken; it simply cannot be opened as a file.",
            [
                "An app execution alias (the python.exe, winget.exe or wt.exe in %LOCALAPPDATA%\\Microsoft\\WindowsApps) opened by a tool that reads it as a file instead of running it (CPython bpo-37834).",
                "A WSL symbolic link (made by `ln -s` inside WSL on a Windows drive) opened from Windows: Windows has no driver for its tag.",
                "A WSL special file (an AF_UNIX socket, a FIFO) opened from Windows.",
            ],
            [
                "See what the entry is: `linkctl show PATH` names the kind (app execution alias, WSL symlink) and, for an alias, the program it starts.",
                "Give the tool the real program or file instead (for an alias, the target `linkctl show` prints), or run the alias instead of opening it.",
                "For a link Windows must follow, make a Windows symbolic link instead of a WSL one: `linkctl new LINK TARGET` from Windows.",
            ])
        {
            Source = SystemErrors1700To3999 + "; docs/windows-facts.md \"Reparse tags a scanner must classify\" (Rust std exists(), CPython bpo-37834, WinBtrfs reparse tests)",
        },
        new("win32-1921", "ERROR_CANT_RESOLVE_FILENAME (1921): \"The name of the file cannot be resolved by the system.\"",
            "Following links never reached a real file: Windows' form of ELOOP. Links form a cycle, or one path runs through more reparse points than Windows follows (63).",
            [
                "A link that points to itself, or links that point at each other (a -> b -> a).",
                "A junction or folder link inside its own target, reached again and again.",
                "A chain of links longer than Windows follows on one path.",
            ],
            [
                "See where it leads: `linkctl show PATH` (status loop); `linkctl list ROOT` marks every looping link.",
                "Make the link again with the right target: `linkctl new --force LINK TARGET`, or remove it: `linkctl rm LINK` (the link only).",
            ])
        {
            Source = SystemErrors1700To3999 + "; docs/windows-facts.md \"Error codes (Win32)\" (a loop, or more than 63 reparse points on one path); " + LibuvErrors + " (ERROR_CANT_RESOLVE_FILENAME -> UV_ELOOP)",
        },
        new("errno-enoent", "ENOENT: \"No such file or directory\"",
            "Nothing exists at a path used, or at a folder on the way. For links: a link whose target is gone (ln -s never checks the target), or a folder for the new link that does not exist.",
            [
                "A dangling link: its target was moved or deleted, or never existed (`ln -s` makes links to anything).",
                "A relative target resolved from the link's folder, not from where it was typed (ln -s ../x link stores ../x as text).",
                "The folder that is to hold the link does not exist.",
                "On Windows through Node or libuv (-4058): ERROR_FILE_NOT_FOUND (2), ERROR_PATH_NOT_FOUND (3) or an invalid name.",
            ],
            [
                "See where a link leads: `linkctl show PATH`; find the dangling ones: `linkctl list --broken ROOT`.",
                "Make it again with the right target: `linkctl new --force LINK TARGET` (it resolves TARGET from LINK's folder and refuses a missing one unless --allow-missing).",
                "Create the folder first: `mkdir -p FOLDER`.",
            ])
        {
            Source = LinuxErrno + "; " + LibuvErrors + " (ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND, ERROR_INVALID_NAME -> UV_ENOENT)",
        },
        new("errno-enametoolong", "ENAMETOOLONG: \"File name too long\"",
            "A name or a path is longer than the system takes: on Linux a name over 255 bytes (NAME_MAX) or a path or link target over 4096 bytes (PATH_MAX); on Windows a path over 260 characters (MAX_PATH) where long paths are not enabled.",
            [
                "Deeply nested folders (node_modules inside node_modules) or generated names that add up past the limit.",
                "An absolute link target that is very long: a relative target is often much shorter.",
                "On Windows through Node or libuv (-4064): ERROR_FILENAME_EXCED_RANGE (206), usually a path over MAX_PATH in a program without long-path support.",
            ],
            [
                "Use a shorter name or a shallower folder; for a link, store a relative target: `linkctl new --relative LINK TARGET`.",
                "Windows: enable long paths (Computer Configuration > Administrative Templates > System > Filesystem > Enable Win32 long paths, or LongPathsEnabled = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem); the program must be long-path aware too.",
            ])
        {
            Source = LinuxErrno + "; <linux/limits.h> NAME_MAX 255, PATH_MAX 4096; learn.microsoft.com/windows/win32/fileio/maximum-file-path-limitation; " + LibuvErrors + " (ERROR_FILENAME_EXCED_RANGE -> UV_ENAMETOOLONG)",
        },
        new("errno-enotsup", "ENOTSUP / EOPNOTSUPP: \"Operation not supported\"",
            "The file system (or the driver or server behind it) does not have the operation. For links: it cannot store this kind of link.",
            [
                "A FUSE, network or virtual file system whose driver has no symlink or link operation.",
                "A file system mounted without the feature (a CIFS/SMB mount without mfsymlinks answers some link calls this way).",
                "On Windows through Node or libuv (-4049): ERROR_NOT_SUPPORTED (50); see `linkctl explain 50`.",
            ],
            [
                "Test the folder for real: `linkctl doctor --probe PATH`.",
                LinkFileSystem,
                "Copy instead of linking: `linkctl new --fallback copy LINK TARGET`.",
            ])
        {
            Source = LinuxErrno + "; " + LibuvErrors + " (ERROR_NOT_SUPPORTED -> UV_ENOTSUP)",
        },
        new("mklink-local-ntfs", "mklink: \"Local NTFS volumes are required to complete the operation.\"",
            "cmd's mklink refused: a junction (/J) is a reparse point that only a local NTFS volume stores, and the link's folder is not on one. Nothing was made.",
            [
                "`mklink /J` with LINK on a network share or a mapped network drive (rstudio/renv#1134 shows it for \\\\localhost\\c$ paths).",
                "LINK on a FAT32 or exFAT volume: USB sticks, SD cards, and the virtual drive of Google Drive for desktop, which appears as FAT32 (espanso/espanso#2482).",
            ],
            [
                "Put the junction on a local NTFS disk; its target may be a folder on another local volume.",
                "For a network location, make a symbolic link instead, which can live on and point to a share: `linkctl new LINK \\\\server\\share\\folder` or `mklink /D LINK \\\\server\\share\\folder` (needs the symbolic-link right or Developer Mode, and the share must allow it).",
                "On a FAT32 stick: convert it to NTFS keeping its files (`convert E: /fs:ntfs`, after a backup), or copy instead of linking: `linkctl new --fallback copy LINK TARGET`.",
                Doctor,
            ])
        {
            Source = "cmd's mklink (learn.microsoft.com/windows-server/administration/windows-commands/mklink); the message as printed in rstudio/renv#1134 (mklink /J on a UNC path) and espanso/espanso#2482 (Google Drive's FAT32 drive)",
        },
        new("mklink-syntax", "cmd: \"The syntax of the command is incorrect.\"",
            "cmd could not read the mklink command line as `mklink [/D | /H | /J] LINK TARGET`: an argument too many or too few. Nothing was made.",
            [
                "A path with spaces without quotes: cmd splits it into several arguments (cerebroapp/cerebro-plugin#8, andy-5/wslgit#110).",
                "LINK or TARGET missing, for example a variable that expanded to nothing in a batch file.",
            ],
            [
                "Quote both paths: `mklink /D \"C:\\My Links\\docs\" \"D:\\My Docs\"`; the switch comes first, then the new link's name, then the target.",
                "Or use `linkctl new \"LINK\" \"TARGET\"`, which takes each argument as the shell passes it and says exactly what is missing.",
            ])
        {
            Source = "learn.microsoft.com/windows-server/administration/windows-commands/mklink (syntax); the message as printed in cerebroapp/cerebro-plugin#8 and andy-5/wslgit#110 (unquoted paths with spaces)",
        },
        new("powershell-elevation-required", "PowerShell: \"Administrator privilege required for this operation.\"",
            "New-Item -ItemType SymbolicLink failed with ERROR_PRIVILEGE_NOT_HELD (1314); PowerShell words every 1314 this way. Being an administrator is one fix, not the only one: the process lacks the symbolic-link privilege.",
            [
                "Developer Mode is off and \"Create symbolic links\" is not granted to you (a standard user, or an administrator in a window that is not elevated).",
                "Windows PowerShell 5.1 with Developer Mode on: users report this error where PowerShell 7 and cmd's mklink succeed. PowerShell 7 passes SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE on build 14972 and later (FileSystemProvider.cs); Windows PowerShell 5.1's source is not public, so why it fails is UNVERIFIED.",
                "The right was granted, but this session started before that: it reaches the token only at the next logon.",
            ],
            [
                DeveloperMode,
                "With Developer Mode on, use PowerShell 7 (`pwsh`), `cmd /c mklink LINK TARGET` or `linkctl new LINK TARGET`, which pass the unprivileged flag.",
                "For a folder, a junction needs no privilege: `New-Item -ItemType Junction -Path LINK -Target TARGET` or `linkctl new --kind junction LINK TARGET`.",
                Elevate,
                GrantRight,
            ])
        {
            Source = "PowerShell/PowerShell src/System.Management.Automation/namespaces/FileSystemProvider.cs (errorCode 1314 -> FileSystemProviderStrings.ElevationRequired; WinCreateSymbolicLink adds AllowUnprivilegedCreate on build 14972+) and resources/FileSystemProviderStrings.resx (ElevationRequired)",
        },
        new("git-symlink", "git: \"unable to create symlink PATH: Permission denied\"",
            "git checked out a file that the repository stores as a symbolic link and the OS refused to make the link (git's entry.c reports it with the errno's text). On Windows, Git for Windows turns ERROR_PRIVILEGE_NOT_HELD (1314) into EACCES, which prints as \"Permission denied\".",
            [
                "Windows: core.symlinks is true (the installer's option, or set in the repository) but this process cannot make symbolic links: Developer Mode is off and the right is not granted. Git passes the unprivileged flag on build 14972 and later, so Developer Mode is enough.",
                "Windows: the right was granted, but this session started before that (log off and on).",
                "Linux and macOS: no write permission in the folder (EACCES), or another message after the colon (read-only file system, function not implemented) that names the cause.",
            ],
            [
                "Windows: turn on Developer Mode (" + "Settings > System > For developers, or `linkctl fix devmode` from an administrator window" + "), then check the failed paths out again: `git checkout -- PATH`.",
                "Or keep links off: `git config core.symlinks false`; git then writes each link as a small text file holding the target (entry.c), so programs see files, not links.",
                "Linux: check the folder: `ls -ld FOLDER`; `linkctl doctor FOLDER` checks write access and whether the file system stores links.",
                Doctor,
            ])
        {
            Source = "git/git entry.c (error_errno(\"unable to create symlink %s\", path); a plain file when core.symlinks is off) and compat/mingw.c (err_win_to_posix: ERROR_PRIVILEGE_NOT_HELD -> EACCES; adjust_symlink_flags: the 0x2 flag on build 14972+)",
        },
        new("libuv-eperm-windows", "libuv / Node: errno -4048 (EPERM, as numbered on Windows)",
            "-4048 is libuv's EPERM on Windows only (elsewhere EPERM is -1), so the error came from Windows: libuv reports both ERROR_PRIVILEGE_NOT_HELD (1314) and ERROR_ACCESS_DENIED (5) as EPERM.",
            [
                "Windows: fs.symlink (npm, pnpm, yarn links, `npm link`) without the symbolic-link privilege: Developer Mode off and the right not granted (1314).",
                "Windows: access denied (5): a protected folder (C:\\Program Files, another user's profile) without elevation, or a read-only file.",
            ],
            [
                DeveloperMode,
                "In your own code, link folders with junctions, which need no privilege: `fs.symlink(target, path, 'junction')`.",
                "For the details of each cause: `linkctl explain 1314`, `linkctl explain 5`.",
                Doctor,
            ])
        {
            Source = LibuvErrors + " (ERROR_ACCESS_DENIED and ERROR_PRIVILEGE_NOT_HELD -> UV_EPERM)",
        },
    ];
}
