using Linkctl.Errors;
using Linkctl.Platform;
using Errno = Linkctl.Interop.Unix.LibC;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Links;

/// <summary>A link's status and the OS error worth showing beside it (null when the status says it all).</summary>
internal readonly record struct LinkVerdict(LinkStatus Status, OsError? Error);

/// <summary>
/// The one classifier: pure functions from what the OS answered (an error, or the facts of a
/// link's target), the operation that met it and the volume's facts, to a
/// <see cref="FailureKind"/> or a <see cref="LinkStatus"/>. show, list, <c>list --volume</c>,
/// audit, repair and every effect layer use these, on both platforms, so the same link always
/// gets the same word. Nothing here touches the disk; the callers gather the facts.
/// </summary>
internal static class LinkClassifier
{
    /// <summary>
    /// What kind of failure <paramref name="error"/> is for <paramref name="operation"/>. The
    /// volume settles what errno alone cannot: EPERM from link(2) is "no hard links here" on exFAT
    /// but a permission refusal (fs.protected_hardlinks, an immutable file) on ext4, and a refusal
    /// on a volume that cannot store the link at all is NotSupported whatever its code.
    /// </summary>
    /// <param name="error">The error exactly as the OS gave it.</param>
    /// <param name="operation">The operation that met it.</param>
    /// <param name="volume">The facts of the volume the operation was on, when known.</param>
    /// <param name="existing">For link(2): the existing file the link was to name, when known (a folder makes EPERM an input error).</param>
    public static FailureKind Classify(OsError error, LinkOperation operation, VolumeFacts? volume = null, EntryFacts? existing = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = error.Domain switch
        {
            OsErrorDomain.Win32 => OfWin32(error.Code, operation),
            OsErrorDomain.Errno => OfErrno(error.Code, operation, volume, existing),
            OsErrorDomain.NtStatus => OfNtStatus(NtStatusNames.StatusOf(error)),
            _ => FailureKind.Other,
        };

        var cannotStore = operation switch
        {
            LinkOperation.CreateSymbolicLink or LinkOperation.CreateJunction => volume?.SupportsSymbolicLinks == false,
            LinkOperation.CreateHardLink => volume?.SupportsHardLinks == false,
            _ => false,
        };
        return cannotStore && kind is FailureKind.AccessDenied or FailureKind.PrivilegeNotHeld or FailureKind.Other
            ? FailureKind.NotSupported
            : kind;
    }

    /// <summary>
    /// Whether a link's status is found by following the link itself. An app execution alias is
    /// the exception: opening one through its name always answers ERROR_CANT_ACCESS_FILE (the
    /// AppInfo service, not the file system, starts its target), so its status is that of the
    /// target exe it stores (windows-facts.md, "Reparse tags").
    /// </summary>
    public static bool FollowsThroughLink(LinkKind kind) => kind != LinkKind.AppExecutionAlias;

    /// <summary>
    /// The status of a link from what following it gave (<see cref="ILinkSystem.GetTargetEntry"/>
    /// of the link, or for an app execution alias of its target exe): ok when it exists; broken
    /// when it does not (no error shown for plain "missing"); loop, evaluation_disabled,
    /// cannot_access or access_denied from the error; broken with the error for anything else.
    /// </summary>
    public static LinkVerdict Follow(EntryFacts target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Exists)
        {
            return new LinkVerdict(LinkStatus.Ok, null);
        }

        return target.Error is { } error ? new LinkVerdict(StatusOf(error), IsMissing(error) ? null : error) : new LinkVerdict(LinkStatus.Broken, null);
    }

    /// <summary>The status of a link whose stored target could not be read: access_denied when the OS refused, otherwise unreadable.</summary>
    public static LinkVerdict Unreadable(OsError? error) =>
        error is not null && Classify(error, LinkOperation.Read) == FailureKind.AccessDenied
            ? new LinkVerdict(LinkStatus.AccessDenied, error)
            : new LinkVerdict(LinkStatus.Unreadable, error);

    /// <summary>
    /// Whether reading a link failed only because it is gone, or is no longer a link, since it
    /// was listed: a walk started a moment later would not have seen it, so it is not reported.
    /// </summary>
    public static bool VanishedSinceListed(OsError error) => error.Domain switch
    {
        OsErrorDomain.Errno => error.Code is Errno.ENOENT or Errno.ENOTDIR or Errno.EINVAL,
        OsErrorDomain.Win32 => error.Code is Win32.FileNotFound or Win32.PathNotFound or Win32.NotAReparsePoint,
        _ => false,
    };

    /// <summary>The status an error met following a link gives.</summary>
    public static LinkStatus StatusOf(OsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return (error.Domain, error.Code) switch
        {
            (OsErrorDomain.Win32, Win32.SymlinkClassDisabled) => LinkStatus.EvaluationDisabled,
            (OsErrorDomain.Win32, Win32.CantResolveFilename) or (OsErrorDomain.Errno, Errno.ELOOP) => LinkStatus.Loop,
            (OsErrorDomain.Win32, Win32.CantAccessFile) => LinkStatus.CannotAccess,
            _ when Classify(error, LinkOperation.Read) == FailureKind.AccessDenied => LinkStatus.AccessDenied,
            _ => LinkStatus.Broken,
        };
    }

    /// <summary>"Does not exist" in either numbering: ENOENT, ENOTDIR (a file on the way), ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND.</summary>
    public static bool IsMissing(OsError error) => error.Domain switch
    {
        OsErrorDomain.Errno => error.Code is Errno.ENOENT or Errno.ENOTDIR,
        OsErrorDomain.Win32 => error.Code is Win32.FileNotFound or Win32.PathNotFound,
        _ => false,
    };

    private static FailureKind OfWin32(int code, LinkOperation operation) => code switch
    {
        Win32.PrivilegeNotHeld => FailureKind.PrivilegeNotHeld,
        Win32.AccessDenied => FailureKind.AccessDenied,
        Win32.WriteProtect => FailureKind.ReadOnly,
        Win32.InvalidFunction or Win32.NotSupported or Win32.CallNotImplemented => FailureKind.NotSupported,

        // ERROR_SYMLINK_NOT_SUPPORTED (1464) says the *calling program* does not support the
        // operation on symbolic links (docs/windows-facts.md, error codes), not that the file
        // system cannot store one: no fallback to another kind would help, so it is reported as is.
        Win32.SymlinkNotSupported => FailureKind.Other,
        Win32.NotSameDevice => FailureKind.CrossDevice,
        Win32.TooManyLinks => FailureKind.TooManyLinks,
        Win32.FileExists or Win32.AlreadyExists or Win32.DirNotEmpty or Win32.DirectoryInvalid => FailureKind.Conflict,
        Win32.NotAReparsePoint or Win32.ReparseTagMismatch or Win32.ReparseAttributeConflict => FailureKind.Conflict,
        Win32.FileNotFound or Win32.PathNotFound or Win32.BadNetPath => FailureKind.NotFound,
        Win32.NoneMapped => FailureKind.NotFound,

        // After the retry without the unprivileged flag, 87 from CreateSymbolicLinkW is not
        // about the input we can name: report it as the OS said it.
        Win32.InvalidParameter => operation == LinkOperation.CreateSymbolicLink ? FailureKind.Other : FailureKind.InvalidInput,
        Win32.SymlinkClassDisabled or Win32.CantResolveFilename or Win32.CantAccessFile or Win32.UntrustedMountPoint => FailureKind.CannotFollow,
        Win32.InvalidName or Win32.BadPathName => FailureKind.InvalidInput,
        Win32.FilenameExceedRange => FailureKind.NameTooLong,
        Win32.DiskFull or Win32.HandleDiskFull => FailureKind.NoSpace,
        _ => FailureKind.Other,
    };

    private static FailureKind OfErrno(int code, LinkOperation operation, VolumeFacts? volume, EntryFacts? existing) => code switch
    {
        Errno.ENOSYS or Errno.ENOTSUP => FailureKind.NotSupported,

        // symlink(2): "The file system containing linkpath does not support the creation of symbolic links."
        Errno.EPERM when operation == LinkOperation.CreateSymbolicLink => FailureKind.NotSupported,

        // link(2) says EPERM for a folder, for a file system without hard links (exFAT, FAT), and
        // for fs.protected_hardlinks or an immutable file.
        Errno.EPERM when operation == LinkOperation.CreateHardLink && existing?.IsDirectory == true => FailureKind.InvalidInput,
        Errno.EPERM when operation == LinkOperation.CreateHardLink && volume?.SupportsHardLinks == false => FailureKind.NotSupported,
        Errno.EPERM or Errno.EACCES => FailureKind.AccessDenied,
        Errno.EROFS => FailureKind.ReadOnly,
        Errno.EEXIST or Errno.ENOTEMPTY or Errno.EISDIR or Errno.EBUSY => FailureKind.Conflict,
        Errno.ENOENT or Errno.ENOTDIR => FailureKind.NotFound,
        Errno.EXDEV => FailureKind.CrossDevice,
        Errno.EMLINK => FailureKind.TooManyLinks,
        Errno.ELOOP => FailureKind.CannotFollow,
        Errno.ENAMETOOLONG => FailureKind.NameTooLong,
        Errno.ENOSPC or Errno.EDQUOT => FailureKind.NoSpace,

        // readlink(2) and RemoveLink say EINVAL for "not a link".
        Errno.EINVAL when operation is LinkOperation.Read or LinkOperation.Remove => FailureKind.Conflict,
        Errno.EINVAL => FailureKind.InvalidInput,
        _ => FailureKind.Other,
    };

    private static FailureKind OfNtStatus(uint status) => status switch
    {
        NtStatusNames.AccessDenied => FailureKind.AccessDenied,
        NtStatusNames.NoSuchPrivilege or NtStatusNames.InvalidParameter => FailureKind.InvalidInput,
        NtStatusNames.NoneMapped or NtStatusNames.ObjectNameNotFound => FailureKind.NotFound,
        NtStatusNames.NotImplemented => FailureKind.NotSupported,
        _ => FailureKind.Other,
    };
}
