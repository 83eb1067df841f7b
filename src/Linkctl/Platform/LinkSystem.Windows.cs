using System.Globalization;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Platform;

/// <summary>
/// Windows link logic on top of <see cref="IWindowsApi"/>: which calls, in which order, with
/// which flags and fallbacks. It holds no P/Invoke itself, so the same code runs on Windows,
/// under Wine and against the simulated Windows of the tests.
/// </summary>
public sealed class WindowsLinkSystem : ILinkSystem
{
    private readonly IWindowsApi _api;

    // 0 unknown, 1 accepted, -1 refused with ERROR_INVALID_PARAMETER (before build 14972).
    private int _unprivilegedFlag;

    public WindowsLinkSystem(IWindowsApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    public PathSyntax Paths => PathSyntax.Windows;

    /// <summary>
    /// Whether this Windows accepts SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE, as learnt from
    /// the last symbolic link creation; null before any. Any answer other than
    /// ERROR_INVALID_PARAMETER to a call carrying the flag means the flag was understood.
    /// </summary>
    public bool? UnprivilegedFlagSupported => Volatile.Read(ref _unprivilegedFlag) switch
    {
        1 => true,
        -1 => false,
        _ => null,
    };

    public EntryFacts GetEntry(string path)
    {
        var error = Attributes(path, out var attributes, out var tag);
        if (error != 0)
        {
            return Unexamined(path, error);
        }

        var isReparse = attributes.HasFlag(FileAttributes.ReparsePoint);
        var isDirectory = attributes.HasFlag(FileAttributes.Directory);
        var facts = new EntryFacts(path, TypeOf(attributes, tag))
        {
            IsDirectory = isDirectory,
            ReparseTag = isReparse ? tag : 0,
        };

        // The names and identity are extras: an entry that can be listed but not opened
        // (a locked file, a denied ACL) still exists and is still what its attributes say.
        if (_api.GetFileInformation(path, followLinks: false, out var info) == 0)
        {
            facts = facts with
            {
                LinkCount = info.NumberOfLinks,
                Identity = new FileIdentity(info.VolumeSerialNumber, info.FileIndex),
            };
        }

        return facts;
    }

    /// <summary>
    /// What one handle opened following every link says: the open itself proves that the target
    /// exists, and GetFinalPathNameByHandleW's path is a bonus, never a condition (CPython's
    /// _getfinalpathname_nonstrict stops resolving on 1, 2, 3, 5, 21, 32, 50, 53, 65, 67, 87, 123,
    /// 161, 1005, 1920, 1921 for that reason; docs/windows-facts.md, "Paths, volumes and identity").
    /// A target that cannot be opened (ACCESS_DENIED, SHARING_VIOLATION: a locked system file)
    /// but whose path names no link is still described from its folder's listing.
    /// </summary>
    public EntryFacts GetTargetEntry(string path)
    {
        var opened = _api.OpenTarget(path);
        if (!opened.Succeeded)
        {
            var code = opened.Error.Domain == OsErrorDomain.Win32 ? opened.Error.Code : Win32.InvalidFunction;
            if (code is Win32.AccessDenied or Win32.SharingViolation && GetEntry(path) is { Exists: true, ReparseTag: 0 } plain)
            {
                return plain;
            }

            return Unexamined(path, code);
        }

        var target = opened.Value;
        var isReparse = target.Attributes.HasFlag(FileAttributes.ReparsePoint);
        var facts = new EntryFacts(path, TypeOf(target.Attributes, target.ReparseTag))
        {
            IsDirectory = target.Attributes.HasFlag(FileAttributes.Directory),
            ReparseTag = isReparse ? target.ReparseTag : 0,
            FinalPath = target.FinalPath,
        };
        if (target.Information is { } info)
        {
            facts = facts with
            {
                LinkCount = info.NumberOfLinks,
                Identity = new FileIdentity(info.VolumeSerialNumber, info.FileIndex),
            };
        }

        return facts;
    }

    /// <summary>
    /// The attributes and tag of the entry itself. FindFirstFileExW needs list access to the
    /// parent folder, which an ACL may deny where opening the entry is allowed, and the other way
    /// round (a locked or denied file can still be listed), so each answers when the other is
    /// refused (Rust std's metadata falls back between the two; docs/windows-facts.md).
    /// </summary>
    private int Attributes(string path, out FileAttributes attributes, out uint tag)
    {
        var error = _api.GetAttributes(path, out attributes, out tag);
        if (error is not (Win32.AccessDenied or Win32.SharingViolation))
        {
            return error;
        }

        var opened = _api.GetAttributesByHandle(path);
        if (!opened.Succeeded)
        {
            return error;
        }

        (attributes, tag) = (opened.Value.Attributes, opened.Value.ReparseTag);
        return 0;
    }

    public LinkReadResult ReadLink(string path)
    {
        var error = _api.GetReparseData(path, out var buffer);
        if (error != 0)
        {
            return LinkReadResult.Failed(OsError.Win32(error));
        }

        return DecodeLink(buffer);
    }

    /// <summary>
    /// What a reparse buffer (FSCTL_GET_REPARSE_POINT's answer) says as a link: <see cref="ReadLink"/>
    /// without the read, for callers that got the buffer another way (opening the file by id).
    /// </summary>
    public static LinkReadResult DecodeLink(ReadOnlySpan<byte> buffer)
    {
        var decoded = ReparseBufferCodec.Decode(buffer);
        if (!decoded.Success)
        {
            return LinkReadResult.Undecodable(decoded.Error);
        }

        var tag = decoded.Point.Tag;
        return decoded.Point switch
        {
            SymbolicLinkReparsePoint s => LinkReadResult.Of(new StoredLink(LinkKind.SymbolicLink, s.Target, s.IsRelative, tag)),
            MountPointReparsePoint m => LinkReadResult.Of(new StoredLink(
                m.IsVolumeMountPoint ? LinkKind.VolumeMountPoint : LinkKind.Junction, m.Target, IsRelative: false, tag)),
            AppExecLinkReparsePoint a => LinkReadResult.Of(new StoredLink(LinkKind.AppExecutionAlias, a.TargetPath, IsRelative: false, tag)
            {
                PackageId = a.PackageId,
                AppId = a.AppUserModelId,
            }),
            LxSymlinkReparsePoint l => LinkReadResult.Of(new StoredLink(LinkKind.WslSymlink, l.Target, !l.Target.StartsWith('/'), tag)),
            _ => LinkReadResult.Undecodable(
                $"{ReparseTag.NameOf(tag)} (0x{tag.ToString("X8", CultureInfo.InvariantCulture)}) is not a link: it stores no target"),
        };
    }

    /// <summary>
    /// Always offers SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE (harmless without Developer
    /// Mode) instead of gating on the build as .NET does: builds before 14972 answer
    /// ERROR_INVALID_PARAMETER, and then the call is repeated once without the flag and the
    /// flag is never offered again by this instance (as CPython does).
    /// </summary>
    public OsError? CreateSymbolicLink(string link, string target, bool isDirectory)
    {
        // lpTargetFileName is limited to MAX_PATH unless it starts with \\?\ (Learn:
        // CreateSymbolicLinkW): a long absolute target is passed in that form, which the link
        // stores as \??\C:\... like any absolute target. A relative target stays as given.
        target = Paths.IsFullyQualified(target) ? Paths.ToOsPath(target) : target;
        var flags = isDirectory ? SymbolicLinkFlags.Directory : SymbolicLinkFlags.None;
        if (Volatile.Read(ref _unprivilegedFlag) >= 0)
        {
            var error = _api.CreateSymbolicLink(link, target, flags | SymbolicLinkFlags.AllowUnprivilegedCreate);
            if (error != Win32.InvalidParameter)
            {
                Volatile.Write(ref _unprivilegedFlag, 1);
                return ToError(error);
            }

            var retry = _api.CreateSymbolicLink(link, target, flags);
            if (retry != Win32.InvalidParameter)
            {
                // The flag alone was the problem: this build predates it.
                Volatile.Write(ref _unprivilegedFlag, -1);
            }

            return ToError(retry);
        }

        return ToError(_api.CreateSymbolicLink(link, target, flags));
    }

    /// <summary>
    /// An empty folder made a mount point. When the folder cannot become one (FAT, Wine, a
    /// denied FSCTL), the folder this call just made is removed again so nothing is left behind.
    /// A target that is not a local absolute folder path is refused with ERROR_INVALID_PARAMETER
    /// before anything is created; callers are expected to have validated it already.
    /// </summary>
    public OsError? CreateJunction(string link, string targetFullPath)
    {
        byte[] buffer;
        try
        {
            buffer = ReparseBufferCodec.EncodeMountPoint(targetFullPath);
        }
        catch (ArgumentException)
        {
            return OsError.Win32(Win32.InvalidParameter);
        }

        var error = _api.CreateDirectory(link);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        error = _api.SetReparseData(link, buffer);
        if (error != 0)
        {
            // Our own empty folder from the line above: RemoveDirectory refuses anything non-empty.
            _api.RemoveDirectory(link);
            return OsError.Win32(error);
        }

        return null;
    }

    public OsError? CreateHardLink(string link, string existingFile) => ToError(_api.CreateHardLink(link, existingFile));

    /// <summary>
    /// Removes a symbolic link, junction, WSL symlink or app execution alias entry (a directory
    /// one with RemoveDirectory, which never enters it), or one name of a file that has several.
    /// Anything whose removal would lose data is refused: a real folder or a file with a single
    /// name answers ERROR_NOT_A_REPARSE_POINT, and a reparse point that is not a link (a cloud
    /// placeholder, a deduplicated file) answers ERROR_REPARSE_TAG_MISMATCH.
    /// </summary>
    public OsError? RemoveLink(string path)
    {
        var error = Attributes(path, out var attributes, out var tag);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        var isDirectory = attributes.HasFlag(FileAttributes.Directory);
        if (attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            if (!ReparseTag.IsLinkLike(tag))
            {
                return OsError.Win32(Win32.ReparseTagMismatch);
            }

            if (isDirectory && tag == ReparseTag.MountPoint && IsMountedVolume(path))
            {
                // A mounted folder: unmount the volume first, so the mount manager forgets it, then
                // remove the now plain empty folder (Learn: Deleting a Mounted Folder; .NET's
                // RemoveDirectoryRecursive does the same). Nothing on the volume is touched.
                var unmounted = _api.DeleteVolumeMountPoint(path);
                if (!unmounted.Succeeded)
                {
                    return unmounted.Error;
                }
            }

            return ToError(isDirectory ? _api.RemoveDirectory(path) : _api.DeleteFile(path));
        }

        if (isDirectory)
        {
            return OsError.Win32(Win32.NotAReparsePoint);
        }

        error = _api.GetFileInformation(path, followLinks: false, out var info);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        return info.NumberOfLinks > 1 ? ToError(_api.DeleteFile(path)) : OsError.Win32(Win32.NotAReparsePoint);
    }

    /// <summary>
    /// MoveFileEx with MOVEFILE_REPLACE_EXISTING. Windows cannot replace an existing folder,
    /// and directory links and junctions are folders: that answers ERROR_ACCESS_DENIED, which
    /// is returned as is for the caller to handle (remove, then rename).
    /// </summary>
    public OsError? Rename(string source, string destination) => ToError(_api.MoveFile(source, destination, replaceExisting: true));

    /// <summary>
    /// Copies a file with CopyFileW (which follows a link at the source), or a folder
    /// recursively. Inside a folder, links are copied as links, never followed: following a
    /// junction could copy a whole drive or loop. A symbolic link inside is recreated with the
    /// same stored target (and the same flag logic as <see cref="CreateSymbolicLink"/>), a
    /// junction with the same reparse data; a WSL symlink or app execution alias inside makes
    /// the copy fail with ERROR_NOT_SUPPORTED. On failure the partial copy is left in place (it
    /// is new, but deleting trees is not something this layer does on its own) and the first
    /// error is returned.
    /// </summary>
    public OsError? Copy(string source, string destination, bool isDirectory)
    {
        if (!isDirectory)
        {
            return ToError(_api.CopyFile(source, destination));
        }

        var error = _api.ListDirectory(source, out var names);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        error = _api.CreateDirectory(destination);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        foreach (var name in names)
        {
            var from = Paths.Combine(source, name);
            var to = Paths.Combine(destination, name);
            var failure = CopyEntry(from, to);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private OsError? CopyEntry(string from, string to)
    {
        var error = Attributes(from, out var attributes, out var tag);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        var isDirectory = attributes.HasFlag(FileAttributes.Directory);
        if (attributes.HasFlag(FileAttributes.ReparsePoint) && ReparseTag.IsLinkLike(tag))
        {
            return CopyLinkEntry(from, to, tag, isDirectory);
        }

        // A data reparse point (cloud, dedup) is copied as its content, like any file or folder.
        return Copy(from, to, isDirectory);
    }

    private OsError? CopyLinkEntry(string from, string to, uint tag, bool isDirectory)
    {
        if (tag == ReparseTag.Symlink)
        {
            var read = ReadLink(from);
            if (read.Link is null)
            {
                return read.Error ?? OsError.Win32(Win32.InvalidReparseData);
            }

            return CreateSymbolicLink(to, read.Link.Target, isDirectory);
        }

        if (tag != ReparseTag.MountPoint || !isDirectory)
        {
            // WSL symlinks and app execution aliases are file reparse points: IWindowsApi has no
            // call that makes the empty file to carry their buffer, so they are not copied.
            return OsError.Win32(Win32.NotSupported);
        }

        var error = _api.GetReparseData(from, out var buffer);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        // A junction needs no privilege: the same bytes on a fresh empty folder, as CreateJunction does.
        error = _api.CreateDirectory(to);
        if (error != 0)
        {
            return OsError.Win32(error);
        }

        error = _api.SetReparseData(to, buffer);
        if (error != 0)
        {
            _api.RemoveDirectory(to);
            return OsError.Win32(error);
        }

        return null;
    }

    public VolumeFacts GetVolume(string path)
    {
        var error = _api.GetVolumeInformation(path, out var info);
        if (error != 0)
        {
            return new VolumeFacts
            {
                Root = Paths.IsFullyQualified(path) ? Paths.GetRoot(path) : path,
                FileSystem = string.Empty,
                Error = OsError.Win32(error),
            };
        }

        var flags = info.FileSystemFlags;
        var reparse = (flags & WindowsVolumeInformation.FileSupportsReparsePoints) != 0;
        return new VolumeFacts
        {
            Root = info.VolumePath,
            FileSystem = info.FileSystemName,
            Location = LocationOf(info),
            ReadOnly = (flags & WindowsVolumeInformation.FileReadOnlyVolume) != 0,
            SupportsReparsePoints = reparse,
            SupportsSymbolicLinks = reparse,
            SupportsHardLinks = (flags & WindowsVolumeInformation.FileSupportsHardLinks) != 0,
            VolumeId = info.SerialNumber,
            Detail = "0x" + flags.ToString("X8", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Every name of the file. FindFirstFileNameW names files relative to their volume's root
    /// ("\dir\a.txt"); those are made full with the volume path so callers get usable paths.
    /// </summary>
    public HardLinkNames GetHardLinkNames(string path)
    {
        var names = _api.FindFileNames(path);
        if (names.Names is null || names.Names.All(n => !IsVolumeRelative(n)))
        {
            return names;
        }

        var error = _api.GetVolumeInformation(path, out var volume);
        if (error != 0)
        {
            return HardLinkNames.NotAvailable($"the names are known but not their volume: {OsError.Win32(error)}");
        }

        var root = volume.VolumePath.TrimEnd('\\');
        return HardLinkNames.Of(names.Names.Select(n => IsVolumeRelative(n) ? root + n : n).ToList());
    }

    /// <summary>Whether the mount point at <paramref name="path"/> mounts a whole volume (\??\Volume{GUID}\), not a folder on one.</summary>
    private bool IsMountedVolume(string path) =>
        Paths.GetDirectoryName(path) is not null && _api.GetReparseData(path, out var buffer) == 0
        && ReparseBufferCodec.Decode(buffer) is { Success: true, Point: MountPointReparsePoint { IsVolumeMountPoint: true } };

    public FailureKind Classify(OsError error, LinkOperation operation)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Domain != OsErrorDomain.Win32)
        {
            return FailureKind.Other;
        }

        return error.Code switch
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

            // After the retry without the unprivileged flag, 87 from CreateSymbolicLinkW is not
            // about the input we can name: report it as the OS said it.
            Win32.InvalidParameter => operation == LinkOperation.CreateSymbolicLink ? FailureKind.Other : FailureKind.InvalidInput,
            Win32.SymlinkClassDisabled or Win32.CantResolveFilename or Win32.CantAccessFile or Win32.UntrustedMountPoint => FailureKind.CannotFollow,
            Win32.InvalidName or Win32.BadPathName or Win32.FilenameExceedRange => FailureKind.InvalidInput,
            _ => FailureKind.Other,
        };
    }

    private EntryFacts Unexamined(string path, int error)
    {
        if (error is Win32.FileNotFound or Win32.PathNotFound)
        {
            return EntryFacts.Missing(path);
        }

        var os = OsError.Win32(error);
        return new EntryFacts(path, EntryType.None) { Error = os, ErrorKind = Classify(os, LinkOperation.Read) };
    }

    // Faithful to what Windows sees: only the two tags NTFS itself follows get a link type;
    // WSL symlinks and aliases are reparse points to Windows (ReadLink tells what they are).
    private static EntryType TypeOf(FileAttributes attributes, uint tag)
    {
        if (attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return tag switch
            {
                ReparseTag.Symlink => EntryType.SymbolicLink,
                ReparseTag.MountPoint => EntryType.Junction,
                _ => EntryType.OtherReparsePoint,
            };
        }

        return attributes.HasFlag(FileAttributes.Directory) ? EntryType.Directory : EntryType.File;
    }

    private static VolumeLocation LocationOf(WindowsVolumeInformation info)
    {
        if (info.DriveType == WindowsDriveType.Remote || IsUncPath(info.VolumePath))
        {
            return VolumeLocation.Remote;
        }

        return info.DriveType switch
        {
            WindowsDriveType.Removable or WindowsDriveType.CdRom => VolumeLocation.Removable,
            WindowsDriveType.Fixed or WindowsDriveType.RamDisk => VolumeLocation.Local,
            _ => VolumeLocation.Unknown,
        };
    }

    private static bool IsUncPath(string path) =>
        path.StartsWith(@"\\", StringComparison.Ordinal) && !path.StartsWith(@"\\?\", StringComparison.Ordinal) && !path.StartsWith(@"\\.\", StringComparison.Ordinal);

    private static bool IsVolumeRelative(string name) => name.StartsWith('\\') && !name.StartsWith(@"\\", StringComparison.Ordinal);

    private static OsError? ToError(int error) => error == 0 ? null : OsError.Win32(error);
}
