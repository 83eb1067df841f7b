using Linkctl.Platform;

namespace Linkctl.Errors;

/// <summary>
/// Turns an OS failure into what a user needs: what happened, why (in plain words), and the
/// next step. One place, so that every command words the same error the same way.
/// </summary>
internal static class FailureAdvice
{
    public static LinkctlError For(FailureKind kind, LinkOperation operation, string path, OsError error, VolumeFacts? volume, bool isWindows)
    {
        var action = operation switch
        {
            LinkOperation.CreateSymbolicLink => "make a symbolic link",
            LinkOperation.CreateJunction => "make a junction",
            LinkOperation.CreateHardLink => "make a hard link",
            LinkOperation.Remove => "remove the link",
            LinkOperation.Rename => "move the new link into place",
            LinkOperation.Copy => "copy the target",
            _ => "read the link",
        };
        var what = $"Could not {action} at {path}.";
        var fs = volume is null ? "this file system" : $"the {volume.DisplayName} file system at {volume.Root}";

        var (why, next) = kind switch
        {
            FailureKind.PrivilegeNotHeld => (
                "Windows lets only accounts holding the \"Create symbolic links\" right (SeCreateSymbolicLinkPrivilege) make symbolic links; by default only Administrators hold it, and only in an elevated window. Developer Mode lifts this for programs that ask for it, as linkctl does.",
                "Run `linkctl doctor` to see which fix applies here: turn on Developer Mode (Settings > System > For developers), or have the right granted (`linkctl fix right`, then log off and on). Or let linkctl fall back (--fallback auto) to a junction (folders) or hard link (files)."),
            FailureKind.AccessDenied => (
                isWindows
                    ? "Windows denied access: you may not write in that folder, the path is in use, or (for a hard link) the target is a folder or a file you may not open."
                    : "The OS denied access: you may not write in that folder, or a protection such as fs.protected_hardlinks refused it.",
                "Check that you can write to the folder and read the target; choose a folder you own."),
            FailureKind.ReadOnly => (
                $"{fs} is mounted read-only.",
                "Make the link on a writable file system, or remount this one read-write."),
            FailureKind.NotSupported => (
                operation == LinkOperation.CreateHardLink
                    ? $"{fs} cannot store hard links (FAT, exFAT and many network or FUSE file systems cannot)."
                    : $"{fs} cannot store symbolic links or reparse points (FAT, exFAT and many network or FUSE file systems cannot).",
                "Put the link on a file system that supports links (NTFS, ReFS, ext4, APFS...), or use --fallback copy to copy the target instead."),
            FailureKind.CrossDevice => (
                "A hard link must be on the same volume (file system) as the file it names.",
                "Use a symbolic link (the default kind), or put the link on the target's volume."),
            FailureKind.TooManyLinks => (
                "The file already has as many names as its file system allows (1023 on NTFS).",
                "Use a symbolic link instead, or make a copy."),
            FailureKind.Conflict => (
                "Something already exists at that path.",
                "Choose another name, or use --force to replace an existing link."),
            FailureKind.NotFound => (
                "A folder on the way does not exist.",
                "Check the path and create the folder first."),
            FailureKind.CannotFollow => (
                isWindows
                    ? "Windows refused to follow a link on the way: a loop, or a link class disabled by SymlinkEvaluation (fsutil behavior query SymlinkEvaluation)."
                    : "A link on the way loops (too many levels of symbolic links).",
                "Run `linkctl show` on the path to see where it leads."),
            FailureKind.NameTooLong => (
                isWindows
                    ? "A name in the path is longer than the file system allows (255 characters on NTFS), or the path is longer than Windows takes."
                    : "A name in the path is longer than this file system allows (NAME_MAX, 255 bytes on most), or the path, with the targets of the links on the way put in, is longer than the kernel takes (PATH_MAX, 4096 bytes).",
                "Choose a shorter name, or make the link from a folder nearer to its target with a relative target."),
            FailureKind.NoSpace => (
                $"{char.ToUpperInvariant(fs[0])}{fs[1..]} has no space left, or your disk quota there is used up (a link takes a directory entry, and a long target a block of its own).",
                "Free some space (or ask for a larger quota) and run the command again; `df -h` and `quota` show where it went."),
            FailureKind.InvalidInput => (
                "The OS rejected the name or the request as invalid.",
                "Check the path for characters or names the OS does not allow (see docs/paths.md)."),
            _ => (
                "The OS reported an error that linkctl does not recognise for this operation.",
                $"Look up the error with `linkctl explain {error.Code}` or search for {error.Name}."),
        };

        return new LinkctlError(kind, path, what, why, next, error);
    }
}
