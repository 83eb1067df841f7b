using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// An in-memory Windows that answers every <see cref="IWindowsApi"/> call as
/// docs/windows-facts.md says the real one does: NTFS-like volumes with
/// case-insensitive names, real REPARSE_DATA_BUFFERs (made and read by ReparseBufferCodec),
/// hard links sharing one file record, the symlink privilege, Developer Mode, the build that
/// introduced SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE, SymlinkEvaluation, and Wine 8's lies.
/// Start from a preset (<see cref="StandardUser"/>, <see cref="AdminElevated"/>, ...) and adjust.
/// </summary>
internal sealed partial class SimulatedWindows : IWindowsApi
{
    /// <summary>The first build that accepts SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE.</summary>
    public const int UnprivilegedCreateMinimumBuild = 14972;

    /// <summary>NTFS's limit on the names of one file.</summary>
    public const int MaximumHardLinks = 1023;

    // Wine's server answers FSCTLs it does not implement with STATUS_NOT_SUPPORTED (believed;
    // docs/windows-facts.md only records that junction creation fails under Wine 8).
    private const int WineSetReparseError = Win32.NotSupported;

    private readonly List<MountedVolume> _volumes = [];
    private readonly List<SymbolicLinkCall> _symbolicLinkCalls = [];

    // NTFS file references: sequence number in the high 16 bits, record number below.
    private ulong _nextFileIndex = 0x0001_0000_0000_0100;

    public SimulatedWindows(SimulatedToken token)
    {
        Token = token;
    }

    public int OsBuild { get; set; } = 19045;

    public SimulatedToken Token { get; set; }

    /// <summary>AppModelUnlock\AllowDevelopmentWithoutDevLicense = 1.</summary>
    public bool DeveloperModeEnabled { get; set; }

    public SymlinkEvaluation SymlinkEvaluation { get; set; } = SymlinkEvaluation.Default;

    /// <summary>
    /// Wine 8: CreateSymbolicLinkW creates nothing and reports success, FSCTL_SET_REPARSE_POINT
    /// fails, FindFirstFileNameW is missing. Hard links and everything else work.
    /// </summary>
    public bool WineMode { get; set; }

    /// <summary>Every CreateSymbolicLinkW call in order, with the flags passed and the answer.</summary>
    public IReadOnlyList<SymbolicLinkCall> SymbolicLinkCalls => _symbolicLinkCalls;

    public IReadOnlyList<SimulatedVolume> Volumes => _volumes.Select(v => v.Facts).ToList();

    /// <summary>
    /// The reparse tags some driver serves when a path is opened without FILE_FLAG_OPEN_REPARSE_POINT
    /// (the file is then read as itself). Every other tag, except the two NTFS follows itself, fails
    /// the open with ERROR_CANT_ACCESS_FILE (1920): app execution aliases, WSL symlinks and special
    /// files and AF_UNIX sockets always (Rust std exists(), CPython bpo-37834, WinBtrfs' reparse
    /// tests; docs/windows-facts.md, "Reparse tags"). Remove a tag to model a filter that is not
    /// running (a cloud placeholder whose sync client is gone).
    /// </summary>
    public HashSet<uint> HandledTags { get; } =
    [
        ReparseTag.Hsm, ReparseTag.Hsm2, ReparseTag.Sis, ReparseTag.Wim, ReparseTag.Csv, ReparseTag.Dfs, ReparseTag.Dfsr,
        ReparseTag.Dedup, ReparseTag.Nfs, ReparseTag.AppxStream, ReparseTag.FilePlaceholder, ReparseTag.Wof, ReparseTag.Wci,
        ReparseTag.Cloud, ReparseTag.Cloud1, ReparseTag.Cloud2, ReparseTag.Cloud3, ReparseTag.Cloud4, ReparseTag.Cloud5,
        ReparseTag.Cloud6, ReparseTag.Cloud7, ReparseTag.Cloud8, ReparseTag.Cloud9, ReparseTag.CloudA, ReparseTag.CloudB,
        ReparseTag.CloudC, ReparseTag.CloudD, ReparseTag.CloudE, ReparseTag.CloudF, ReparseTag.ProjFs, ReparseTag.StorageSync,
        ReparseTag.OneDrive,
    ];

    /// <summary>
    /// Mounted folders that were removed with RemoveDirectoryW alone, without DeleteVolumeMountPointW
    /// first: the mount manager would still list them (UNVERIFIED what real Windows answers there;
    /// Learn's "Deleting a Mounted Folder" says to unmount first, which is what tests check).
    /// </summary>
    public List<string> MountFoldersRemovedWithoutUnmount { get; } = [];

    /// <summary>Every DeleteVolumeMountPointW call, in order.</summary>
    public List<string> VolumeMountPointDeletions { get; } = [];

    public int CreateSymbolicLink(string link, string target, SymbolicLinkFlags flags)
    {
        var result = CreateSymbolicLinkCore(link, target, flags);
        _symbolicLinkCalls.Add(new SymbolicLinkCall(link, target, flags, result));
        if (result == Win32.Success)
        {
            AfterSymbolicLinkCreated?.Invoke(link, target);
        }

        return result;
    }

    private int CreateSymbolicLinkCore(string link, string target, SymbolicLinkFlags flags)
    {
        if (WineMode)
        {
            return Win32.Success;
        }

        const SymbolicLinkFlags known = SymbolicLinkFlags.Directory | SymbolicLinkFlags.AllowUnprivilegedCreate;
        var unprivileged = flags.HasFlag(SymbolicLinkFlags.AllowUnprivilegedCreate);
        if ((flags & ~known) != 0 || (unprivileged && OsBuild < UnprivilegedCreateMinimumBuild))
        {
            return Win32.InvalidParameter;
        }

        // The privilege (or the Developer Mode exemption) is checked before the name or the file
        // system: so a standard user on FAT hears 1314 first. UNVERIFIED order; the link logic
        // does not depend on it, only what a user is told first does.
        if (!Token.HoldsCreateSymbolicLinkPrivilege && !(DeveloperModeEnabled && unprivileged))
        {
            return Win32.PrivilegeNotHeld;
        }

        var error = Resolve(link, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is not null)
        {
            return Win32.AlreadyExists;
        }

        if (at.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        if (!at.Volume.Facts.SupportsReparsePoints)
        {
            return Win32.InvalidFunction;
        }

        // lpTargetFileName "is limited to MAX_PATH characters. To extend this limit to 32,767 wide
        // characters, prepend \\?\ to the path" (Learn: CreateSymbolicLinkW). UNVERIFIED which
        // error a longer unprefixed target gets (long-path-aware processes on 1607+ may even pass).
        if (target.Length >= 260 && !target.StartsWith(@"\\?\", StringComparison.Ordinal) && Linkctl.Paths.PathSyntax.Windows.IsFullyQualified(target))
        {
            return Win32.FilenameExceedRange;
        }

        // "C:x" is made absolute against the drive's current folder, which here is always its root.
        var stored = target.Length >= 2 && char.IsAsciiLetter(target[0]) && target[1] == ':' && (target.Length == 2 || target[2] is not ('\\' or '/'))
            ? target[..2] + @"\" + target[2..]
            : target;
        byte[] buffer;
        try
        {
            buffer = ReparseBufferCodec.EncodeSymbolicLink(stored);
        }
        catch (ArgumentException)
        {
            return Win32.InvalidName;
        }

        SimulatedNode node = flags.HasFlag(SymbolicLinkFlags.Directory) ? NewDirectory() : NewFile([]);
        node.ReparseData = buffer;
        at.Parent!.Add(at.Name, node);
        return Win32.Success;
    }

    public int CreateHardLink(string link, string existing)
    {
        // CreateHardLinkW opens the existing name with FILE_OPEN_REPARSE_POINT: a link to a symlink links the symlink.
        var error = Resolve(existing, followFinal: false, out var source);
        if (error != 0)
        {
            return error;
        }

        if (source.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (source.Node is SimulatedDirectory)
        {
            return Win32.AccessDenied;
        }

        error = Resolve(link, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Volume != source.Volume)
        {
            return Win32.NotSameDevice;
        }

        if (at.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        if (!at.Volume.Facts.SupportsHardLinks)
        {
            return Win32.InvalidFunction;
        }

        if (at.Node is not null)
        {
            return Win32.AlreadyExists;
        }

        var file = (SimulatedFile)source.Node;
        if (file.LinkCount >= MaximumHardLinks)
        {
            return Win32.TooManyLinks;
        }

        at.Parent!.Add(at.Name, file);
        file.LinkCount++;
        return Win32.Success;
    }

    public int CreateDirectory(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is not null)
        {
            return Win32.AlreadyExists;
        }

        if (at.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        at.Parent!.Add(at.Name, NewDirectory());
        return Win32.Success;
    }

    public int RemoveDirectory(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (at.Node is not SimulatedDirectory directory)
        {
            return Win32.DirectoryInvalid;
        }

        if (at.IsRoot)
        {
            return Win32.AccessDenied;
        }

        if (at.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        if (HeldAgainstDelete(directory))
        {
            return Win32.SharingViolation;
        }

        // A directory reparse point goes as an entry: its target is never entered.
        if (directory.ReparseData is null && !directory.IsEmpty)
        {
            return Win32.DirNotEmpty;
        }

        if (IsMountedVolumeNode(directory))
        {
            MountFoldersRemovedWithoutUnmount.Add(path);
        }

        at.Parent!.Remove(at.Name);
        return Win32.Success;
    }

    public int DeleteFile(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (at.Node is not SimulatedFile file || file.ReadOnlyAttribute)
        {
            return Win32.AccessDenied;
        }

        if (HeldAgainstDelete(file))
        {
            return Win32.SharingViolation;
        }

        if (at.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        at.Parent!.Remove(at.Name);
        file.LinkCount--;
        return Win32.Success;
    }

    public int MoveFile(string source, string destination, bool replaceExisting)
    {
        if (MoveFileFault?.Invoke(source, destination) is { } fault and not 0)
        {
            return fault;
        }

        var error = Resolve(source, followFinal: false, out var from);
        if (error != 0)
        {
            return error;
        }

        if (from.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (from.IsRoot)
        {
            return Win32.AccessDenied;
        }

        // Renaming opens the source for DELETE: refused while someone holds it without FILE_SHARE_DELETE.
        if (HeldAgainstDelete(from.Node))
        {
            return Win32.SharingViolation;
        }

        error = Resolve(destination, followFinal: false, out var to);
        if (error != 0)
        {
            return error;
        }

        if (to.Volume != from.Volume)
        {
            // Without MOVEFILE_COPY_ALLOWED a move never copies.
            return Win32.NotSameDevice;
        }

        if (from.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        var caseOnlyRename = ReferenceEquals(to.Node, from.Node) && ReferenceEquals(to.Parent, from.Parent)
            && string.Equals(to.Name, from.Name, StringComparison.OrdinalIgnoreCase);
        if (to.Node is not null && !caseOnlyRename)
        {
            if (!replaceExisting)
            {
                return Win32.AlreadyExists;
            }

            // MoveFileEx replaces files only: an existing folder (a directory link is one) is
            // refused. But a folder (or a directory link) *does* replace an existing file: Wine's
            // kernel32 test_move_file, run on real Windows, moves a directory over a file with
            // MOVEFILE_REPLACE_EXISTING and expects success (docs/windows-facts.md), so MoveFileEx
            // is no guard against replacing a file.
            if (to.Node is SimulatedDirectory || to.Node.ReadOnlyAttribute)
            {
                return Win32.AccessDenied;
            }

            // Replacing deletes the old entry: refused while someone holds it without FILE_SHARE_DELETE
            // (UNVERIFIED whether Windows answers SHARING_VIOLATION or ACCESS_DENIED; either is a refusal).
            if (HeldAgainstDelete(to.Node))
            {
                return Win32.SharingViolation;
            }
        }

        if (from.Node is SimulatedDirectory && to.Components.Count > from.Components.Count
            && to.Components.Take(from.Components.Count).SequenceEqual(from.Components, StringComparer.OrdinalIgnoreCase))
        {
            // A folder moved into itself: Windows answers ERROR_SHARING_VIOLATION (UNVERIFIED).
            return Win32.SharingViolation;
        }

        if (to.Node is SimulatedFile replaced && !caseOnlyRename)
        {
            to.Parent!.Remove(to.Name);
            replaced.LinkCount--;
        }

        from.Parent!.Remove(from.Name);
        to.Parent!.Add(to.Name, from.Node);
        return Win32.Success;
    }

    public int CopyFile(string source, string destination)
    {
        // CopyFileW follows a symbolic link at the source and copies what it leads to.
        var error = Resolve(source, followFinal: true, out var from);
        if (error != 0)
        {
            return error;
        }

        if (from.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (from.Node is not SimulatedFile file)
        {
            return Win32.AccessDenied;
        }

        error = Resolve(destination, followFinal: false, out var to);
        if (error != 0)
        {
            return error;
        }

        // bFailIfExists = TRUE: a copy never overwrites.
        if (to.Node is not null)
        {
            return Win32.FileExists;
        }

        if (to.Volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        to.Parent!.Add(to.Name, NewFile(file.Content.ToArray()));
        return Win32.Success;
    }

    public int GetAttributes(string path, out FileAttributes attributes, out uint reparseTag)
    {
        attributes = 0;
        reparseTag = 0;
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        // FindFirstFileExW lists the parent: a parent that denies listing answers for every name in it.
        if (at.Parent is { ListDenied: true })
        {
            return Win32.AccessDenied;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        attributes = at.Node.Attributes;
        reparseTag = at.Node.ReparseTag;
        return Win32.Success;
    }

    public int GetReparseData(string path, out byte[] buffer)
    {
        buffer = [];
        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (at.Node.OpenError != 0)
        {
            return at.Node.OpenError;
        }

        if (at.Node.ReparseData is null)
        {
            return Win32.NotAReparsePoint;
        }

        buffer = at.Node.ReparseData.ToArray();
        return Win32.Success;
    }

    public int SetReparseData(string path, byte[] buffer)
    {
        if (WineMode)
        {
            return WineSetReparseError;
        }

        var error = Resolve(path, followFinal: false, out var at);
        if (error != 0)
        {
            return error;
        }

        return at.Node is null ? Win32.FileNotFound : SetReparseDataOn(at.Volume, at.Node, buffer);
    }

    /// <summary>FSCTL_SET_REPARSE_POINT on an opened node: by path or by handle, the same rules.</summary>
    private int SetReparseDataOn(MountedVolume volume, SimulatedNode node, byte[] buffer)
    {
        if (volume.Facts.IsReadOnly)
        {
            return Win32.WriteProtect;
        }

        if (!volume.Facts.SupportsReparsePoints)
        {
            return Win32.InvalidFunction;
        }

        var decoded = ReparseBufferCodec.Decode(buffer);
        if (!decoded.Success)
        {
            return Win32.InvalidReparseData;
        }

        var tag = decoded.Point.Tag;
        if (tag == ReparseTag.MountPoint && node is not SimulatedDirectory)
        {
            return Win32.DirectoryInvalid;
        }

        if (node.ReparseData is not null && node.ReparseTag != tag)
        {
            return Win32.ReparseTagMismatch;
        }

        if (node is SimulatedDirectory { IsEmpty: false } && node.ReparseData is null)
        {
            return Win32.DirNotEmpty;
        }

        // NTFS itself demands the privilege for a symlink buffer; Developer Mode's exemption
        // lives only in CreateSymbolicLinkW (UNVERIFIED, see docs/windows-facts.md).
        if (tag == ReparseTag.Symlink && !Token.HoldsCreateSymbolicLinkPrivilege)
        {
            return Win32.PrivilegeNotHeld;
        }

        node.ReparseData = buffer.ToArray();
        return Win32.Success;
    }

    public int GetFileInformation(string path, bool followLinks, out WindowsFileInformation information)
    {
        BeforeFileInformation?.Invoke(path, followLinks);
        information = default;
        var error = Resolve(path, followLinks, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (at.Node.OpenError != 0)
        {
            return at.Node.OpenError;
        }

        information = InformationOf(at);
        return Win32.Success;
    }

    public Linkctl.Errors.OsResult<WindowsEntryAttributes> GetAttributesByHandle(string path)
    {
        var error = Resolve(path, followFinal: false, out var at);
        if (error == 0 && at.Node is null)
        {
            error = Win32.FileNotFound;
        }

        if (error == 0 && at.Node!.OpenError != 0)
        {
            error = at.Node.OpenError;
        }

        return error != 0
            ? Linkctl.Errors.OsResult<WindowsEntryAttributes>.Failed(Linkctl.Errors.OsError.Win32(error))
            : Linkctl.Errors.OsResult<WindowsEntryAttributes>.Of(new WindowsEntryAttributes(at.Node!.Attributes, at.Node.ReparseTag));
    }

    public Linkctl.Errors.OsResult<WindowsOpenedTarget> OpenTarget(string path)
    {
        var error = Resolve(path, followFinal: true, out var at);
        if (error == 0 && at.Node is null)
        {
            error = Win32.FileNotFound;
        }

        if (error == 0 && at.Node!.OpenError != 0)
        {
            error = at.Node.OpenError;
        }

        if (error != 0)
        {
            return Linkctl.Errors.OsResult<WindowsOpenedTarget>.Failed(Linkctl.Errors.OsError.Win32(error));
        }

        var finalError = FinalPathOf(at.Volume, at.Components, out var raw);
        return Linkctl.Errors.OsResult<WindowsOpenedTarget>.Of(new WindowsOpenedTarget
        {
            Attributes = at.Node!.Attributes,
            ReparseTag = at.Node.ReparseTag,
            Information = InformationOf(at),
            FinalPath = finalError == 0 ? Linkctl.Paths.WindowsPathSyntax.FromOsPath(raw) : null,
            FinalPathError = finalError,
        });
    }

    public Linkctl.Errors.OsResult DeleteVolumeMountPoint(string mountFolder)
    {
        VolumeMountPointDeletions.Add(mountFolder);
        var error = Resolve(mountFolder, followFinal: false, out var at);
        if (error == 0 && at.Node is null)
        {
            error = Win32.FileNotFound;
        }

        if (error != 0)
        {
            return Linkctl.Errors.OsResult.Failed(Linkctl.Errors.OsError.Win32(error));
        }

        if (at.IsRoot)
        {
            // A drive root would lose its letter: the code under test must never ask for that.
            throw new InvalidOperationException($"DeleteVolumeMountPoint({mountFolder}) would remove a drive letter");
        }

        // "If the parameter is a directory that is not a mounted folder, the function does nothing"
        // (Learn: DeleteVolumeMountPointW); a mounted folder is left as a plain empty folder.
        if (IsMountedVolumeNode(at.Node!))
        {
            at.Node!.ReparseData = null;
            foreach (var v in _volumes.Where(v => v.Facts.MountFolder is not null && string.Equals(v.Facts.MountFolder.TrimEnd('\\'), PathOf(at.Volume, at.Components), StringComparison.OrdinalIgnoreCase)))
            {
                v.Facts = v.Facts with { MountFolder = null };
            }
        }

        return Linkctl.Errors.OsResult.Success;
    }

    public int GetFinalPath(string path, out string finalPath)
    {
        finalPath = string.Empty;
        var error = Resolve(path, followFinal: true, out var at);
        if (error != 0)
        {
            return error;
        }

        if (at.Node is null)
        {
            return Win32.FileNotFound;
        }

        if (at.Node.OpenError != 0)
        {
            return at.Node.OpenError;
        }

        return FinalPathOf(at.Volume, at.Components, out finalPath);
    }

    /// <summary>
    /// GetVolumeInformationByHandleW on what the path opens: through a junction onto another volume
    /// or into a mounted folder, that volume (docs/windows-facts.md: GetVolumePathNameW knows mount
    /// points, not junctions or directory symbolic links). The root is the one the final path names
    /// (a mapped drive's share, a mounted folder). A missing path is answered for the nearest folder
    /// above it; one that cannot be opened at all, from its text, as GetVolumePathNameW would.
    /// </summary>
    public int GetVolumeInformation(string path, out WindowsVolumeInformation information)
    {
        information = null!;
        var probe = path;
        Location at;
        while (true)
        {
            var error = Resolve(probe, followFinal: true, out at);
            if (error == 0 && at.Node is not null && at.Node.OpenError == 0)
            {
                break;
            }

            var missing = (error == 0 && at.Node is null) || error is Win32.FileNotFound or Win32.PathNotFound;
            var parent = missing ? Linkctl.Paths.PathSyntax.Windows.GetDirectoryName(probe) : null;
            if (parent is null)
            {
                return VolumeOfText(path, out information);
            }

            probe = parent;
        }

        // The root as the final path names it (a mapped drive's share, a mounted folder), else the GUID path.
        var v = at.Volume.Facts;
        var root = FinalPathOf(at.Volume, [], out var raw) == 0 ? Linkctl.Paths.WindowsPathSyntax.FromOsPath(raw).TrimEnd('\\') + "\\" : v.GuidPath;
        information = new WindowsVolumeInformation(root, v.FileSystemName, v.FileSystemFlags, v.SerialNumber, v.DriveType);
        return Win32.Success;
    }

    private int VolumeOfText(string path, out WindowsVolumeInformation information)
    {
        information = null!;
        var error = Parse(path, out var volume, out _);
        if (error != 0)
        {
            return error;
        }

        var v = volume.Facts;
        information = new WindowsVolumeInformation(v.VolumePath, v.FileSystemName, v.FileSystemFlags, v.SerialNumber, v.DriveType);
        return Win32.Success;
    }

    private WindowsFileInformation InformationOf(Location at) =>
        new(at.Node!.Attributes, at.Volume.Facts.SerialNumber, FileIndexOf(at.Volume, at.Node), at.Node.NumberOfLinks);

    private static bool IsMountedVolumeNode(SimulatedNode node) =>
        node.ReparseData is not null && ReparseBufferCodec.Decode(node.ReparseData) is { Success: true, Point: MountPointReparsePoint { IsVolumeMountPoint: true } };

    /// <summary>Answers as FindFirstFileNameW does: names relative to the volume root ("\dir\file.txt").</summary>
    public StepResult<IReadOnlyList<string>> FindFileNames(string path)
    {
        if (WineMode)
        {
            return StepResult<IReadOnlyList<string>>.Failed("FindFirstFileNameW is not exported by this system's kernel32 (Wine 8)", OsError.Win32(Win32.CallNotImplemented));
        }

        var error = Resolve(path, followFinal: false, out var at);
        if (error == 0 && at.Node is null)
        {
            error = Win32.FileNotFound;
        }

        if (error != 0)
        {
            return StepResult<IReadOnlyList<string>>.Failed("FindFirstFileNameW failed", OsError.Win32(error));
        }

        return StepResult<IReadOnlyList<string>>.Of(NamesOf(at.Volume, at.Node!).ToList());
    }

    private SimulatedDirectory NewDirectory() => new(_nextFileIndex++);

    private SimulatedFile NewFile(byte[] content) => new(_nextFileIndex++, content);
}
