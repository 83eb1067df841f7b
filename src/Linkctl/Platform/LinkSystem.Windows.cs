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
internal sealed class WindowsLinkSystem : ILinkSystem
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
        return WithIdentity(facts, path, followLinks: false);
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
        return WithIdentity(facts, path, followLinks: true);
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

    public StepResult<StoredLink> ReadLink(string path)
    {
        var error = _api.GetReparseData(path, out var buffer);
        if (error != 0)
        {
            return LinkRead.Failed(OsError.Win32(error));
        }

        return DecodeLink(buffer);
    }

    /// <summary>
    /// What a reparse buffer (FSCTL_GET_REPARSE_POINT's answer) says as a link: <see cref="ReadLink"/>
    /// without the read, for callers that got the buffer another way (opening the file by id).
    /// </summary>
    public static StepResult<StoredLink> DecodeLink(ReadOnlySpan<byte> buffer)
    {
        var decoded = ReparseBufferCodec.Decode(buffer);
        if (!decoded.Success)
        {
            return LinkRead.Undecodable(decoded.Error);
        }

        var tag = decoded.Point.Tag;
        return decoded.Point switch
        {
            SymbolicLinkReparsePoint s => LinkRead.Of(new StoredLink(LinkKind.SymbolicLink, s.Target, s.IsRelative, tag)),
            MountPointReparsePoint m => LinkRead.Of(new StoredLink(
                m.IsVolumeMountPoint ? LinkKind.VolumeMountPoint : LinkKind.Junction, m.Target, IsRelative: false, tag)),
            AppExecLinkReparsePoint a => LinkRead.Of(new StoredLink(LinkKind.AppExecutionAlias, a.TargetPath, IsRelative: false, tag)
            {
                PackageId = a.PackageId,
                AppId = a.AppUserModelId,
            }),
            LxSymlinkReparsePoint l => LinkRead.Of(new StoredLink(LinkKind.WslSymlink, l.Target, !l.Target.StartsWith('/'), tag)),
            _ => LinkRead.Undecodable(
                $"{ReparseTag.NameOf(tag)} (0x{tag.ToString("X8", CultureInfo.InvariantCulture)}) is not a link: it stores no target"),
        };
    }

    /// <summary>
    /// Always offers SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE (harmless without Developer
    /// Mode) instead of gating on the build as .NET does: builds before 14972 answer
    /// ERROR_INVALID_PARAMETER, and then the call is repeated once without the flag and the
    /// flag is never offered again by this instance (as CPython does).
    /// </summary>
    public OsResult CreateSymbolicLink(string link, string target, bool isDirectory)
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
    public OsResult CreateJunction(string link, string targetFullPath)
    {
        byte[] buffer;
        try
        {
            buffer = ReparseBufferCodec.EncodeMountPoint(targetFullPath);
        }
        catch (ArgumentException)
        {
            return ToError(Win32.InvalidParameter);
        }

        var error = _api.CreateDirectory(link);
        if (error != 0)
        {
            return ToError(error);
        }

        error = _api.SetReparseData(link, buffer);
        if (error != 0)
        {
            // Our own empty folder from the line above: RemoveDirectory refuses anything non-empty.
            _api.RemoveDirectory(link);
            return ToError(error);
        }

        return OsResult.Success;
    }

    public OsResult CreateHardLink(string link, string existingFile) => ToError(_api.CreateHardLink(link, existingFile));

    /// <summary>
    /// Removes a symbolic link, junction, WSL symlink or app execution alias entry (a directory
    /// one with RemoveDirectory, which never enters it), or one name of a file that has several.
    /// Anything whose removal would lose data is refused: a real folder or a file with a single
    /// name answers ERROR_NOT_A_REPARSE_POINT, and a reparse point that is not a link (a cloud
    /// placeholder, a deduplicated file) answers ERROR_REPARSE_TAG_MISMATCH.
    /// </summary>
    public OsResult RemoveLink(string path)
    {
        var error = Attributes(path, out var attributes, out var tag);
        if (error != 0)
        {
            return ToError(error);
        }

        var isDirectory = attributes.HasFlag(FileAttributes.Directory);
        if (attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            if (!ReparseTag.IsLinkLike(tag))
            {
                return ToError(Win32.ReparseTagMismatch);
            }

            if (isDirectory && tag == ReparseTag.MountPoint && IsMountedVolume(path))
            {
                // A mounted folder: unmount the volume first, so the mount manager forgets it, then
                // remove the now plain empty folder (Learn: Deleting a Mounted Folder; .NET's
                // RemoveDirectoryRecursive does the same). Nothing on the volume is touched.
                var unmounted = _api.DeleteVolumeMountPoint(path);
                if (!unmounted.Succeeded)
                {
                    return unmounted;
                }
            }

            return ToError(isDirectory ? _api.RemoveDirectory(path) : _api.DeleteFile(path));
        }

        if (isDirectory)
        {
            return ToError(Win32.NotAReparsePoint);
        }

        error = _api.GetFileInformation(path, followLinks: false, out var info);
        if (error != 0)
        {
            return ToError(error);
        }

        return info.NumberOfLinks > 1 ? ToError(_api.DeleteFile(path)) : ToError(Win32.NotAReparsePoint);
    }

    /// <summary>
    /// MoveFileEx with MOVEFILE_REPLACE_EXISTING. Windows cannot replace an existing folder,
    /// and directory links and junctions are folders: that answers ERROR_ACCESS_DENIED, which
    /// is returned as is for the caller to handle (remove, then rename). It does replace an
    /// existing *file*, even with a folder (docs/windows-facts.md): callers check what is there first.
    /// </summary>
    public OsResult Rename(string source, string destination) => ToError(_api.MoveFile(source, destination, replaceExisting: true));

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
    /// Pins the folder by a handle (<see cref="WindowsPinnedFolder"/>): names inside are opened relative
    /// to it without following links, and deleted or renamed by their own handles.
    /// </summary>
    public StepResult<IPinnedFolder> PinFolder(string path) => WindowsPinnedFolder.Pin(_api, this, path);

    /// <summary>
    /// Every name of the file. FindFirstFileNameW names files relative to their volume's root
    /// ("\dir\a.txt"); those are made full with the volume path so callers get usable paths.
    /// </summary>
    public StepResult<IReadOnlyList<string>> GetHardLinkNames(string path)
    {
        var found = _api.FindFileNames(path);
        if (!found.TryGetValue(out var names) || names.All(n => !IsVolumeRelative(n)))
        {
            return found;
        }

        var error = _api.GetVolumeInformation(path, out var volume);
        if (error != 0)
        {
            return StepResult<IReadOnlyList<string>>.Failed("the names are known but not their volume", OsError.Win32(error));
        }

        var root = volume.VolumePath.TrimEnd('\\');
        return StepResult<IReadOnlyList<string>>.Of(names.Select(n => IsVolumeRelative(n) ? root + n : n).ToList());
    }

    /// <summary>
    /// The link count (BY_HANDLE_FILE_INFORMATION) and the identity: FILE_ID_INFO's volume serial
    /// and 128-bit id, or where the system has no FileIdInfo (before Windows 8, some Wine builds)
    /// or answers the 0 id (FAT), the 32-bit serial and 64-bit index, which are unique on NTFS but
    /// not on ReFS (Learn: BY_HANDLE_FILE_INFORMATION).
    /// </summary>
    private EntryFacts WithIdentity(EntryFacts facts, string path, bool followLinks)
    {
        if (_api.GetFileInformation(path, followLinks, out var info) != 0)
        {
            return facts;
        }

        var identity = _api.GetFileIdInfo(path, followLinks, out var id) == 0 && id.FileId != 0
            ? new FileIdentity(id.VolumeSerialNumber, id.FileId)
            : new FileIdentity(info.VolumeSerialNumber, info.FileIndex);
        return facts with { LinkCount = info.NumberOfLinks, Identity = identity };
    }

    /// <summary>
    /// The identity of the entry itself or (followLinks) of what it leads to, the way
    /// <see cref="GetEntry"/> gives it: FILE_ID_INFO, or the BY_HANDLE_FILE_INFORMATION index where
    /// FileIdInfo is not answered or answers the 0 id of a file system without 128-bit ids (FAT;
    /// Learn: FILE_ID_INFORMATION); null when the entry cannot be opened.
    /// </summary>
    public FileIdentity? IdentityOf(string path, bool followLinks)
    {
        if (_api.GetFileIdInfo(path, followLinks, out var id) == 0 && id.FileId != 0)
        {
            return new FileIdentity(id.VolumeSerialNumber, id.FileId);
        }

        return _api.GetFileInformation(path, followLinks, out var info) == 0 ? new FileIdentity(info.VolumeSerialNumber, info.FileIndex) : null;
    }

    /// <summary>Whether the mount point at <paramref name="path"/> mounts a whole volume (\??\Volume{GUID}\), not a folder on one.</summary>
    private bool IsMountedVolume(string path) =>
        Paths.GetDirectoryName(path) is not null && _api.GetReparseData(path, out var buffer) == 0
        && ReparseBufferCodec.Decode(buffer) is { Success: true, Point: MountPointReparsePoint { IsVolumeMountPoint: true } };

    private EntryFacts Unexamined(string path, int error)
    {
        if (error is Win32.FileNotFound or Win32.PathNotFound)
        {
            return EntryFacts.Missing(path);
        }

        var os = OsError.Win32(error);
        return new EntryFacts(path, EntryType.None) { Error = os, ErrorKind = LinkClassifier.Classify(os, LinkOperation.Read) };
    }

    // Faithful to what Windows sees: only the two tags NTFS itself follows get a link type;
    // WSL symlinks and aliases are reparse points to Windows (ReadLink tells what they are).
    internal static EntryType TypeOf(FileAttributes attributes, uint tag)
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

    private static OsResult ToError(int error) => error == 0 ? OsResult.Success : OsResult.Failed(OsError.Win32(error));
}
