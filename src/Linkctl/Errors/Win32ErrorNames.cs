namespace Linkctl.Errors;

/// <summary>
/// Names and messages of the Win32 errors that link operations meet. The messages are
/// Windows' own wording, so they match what users paste into searches; we keep our own
/// table because FormatMessage is not available off Windows (tests, Wine reports).
/// </summary>
internal static class Win32ErrorNames
{
    public const int Success = 0;
    public const int InvalidFunction = 1;
    public const int FileNotFound = 2;
    public const int PathNotFound = 3;
    public const int AccessDenied = 5;
    public const int InvalidHandle = 6;
    public const int NotSameDevice = 17;
    public const int WriteProtect = 19;
    public const int WriteFault = 29;
    public const int SharingViolation = 32;
    public const int NotSupported = 50;
    public const int BadNetPath = 53;
    public const int HandleDiskFull = 39;
    public const int FileExists = 80;
    public const int DiskFull = 112;
    public const int InvalidParameter = 87;
    public const int CallNotImplemented = 120;
    public const int InsufficientBuffer = 122;
    public const int InvalidName = 123;
    public const int DirNotEmpty = 145;
    public const int BadPathName = 161;
    public const int AlreadyExists = 183;
    public const int FilenameExceedRange = 206;
    public const int MoreData = 234;
    public const int UntrustedMountPoint = 448;
    public const int NoMoreItems = 259;
    public const int DirectoryInvalid = 267;
    public const int UnrecognizedVolume = 1005;
    public const int NotAllAssigned = 1300;
    public const int NoneMapped = 1332;
    public const int PrivilegeNotHeld = 1314;
    public const int TooManyLinks = 1142;
    public const int CantAccessFile = 1920;
    public const int CantResolveFilename = 1921;
    public const int SymlinkClassDisabled = 1463;
    public const int SymlinkNotSupported = 1464;
    public const int NotAReparsePoint = 4390;
    public const int ReparseAttributeConflict = 4391;
    public const int InvalidReparseData = 4392;
    public const int ReparseTagInvalid = 4393;
    public const int ReparseTagMismatch = 4394;

    private static readonly Dictionary<int, (string Name, string Message)> Table = new()
    {
        [Success] = ("ERROR_SUCCESS", "The operation completed successfully."),
        [InvalidFunction] = ("ERROR_INVALID_FUNCTION", "Incorrect function."),
        [FileNotFound] = ("ERROR_FILE_NOT_FOUND", "The system cannot find the file specified."),
        [PathNotFound] = ("ERROR_PATH_NOT_FOUND", "The system cannot find the path specified."),
        [AccessDenied] = ("ERROR_ACCESS_DENIED", "Access is denied."),
        [InvalidHandle] = ("ERROR_INVALID_HANDLE", "The handle is invalid."),
        [NotSameDevice] = ("ERROR_NOT_SAME_DEVICE", "The system cannot move the file to a different disk drive."),
        [WriteProtect] = ("ERROR_WRITE_PROTECT", "The media is write protected."),
        [WriteFault] = ("ERROR_WRITE_FAULT", "The system cannot write to the specified device."),
        [SharingViolation] = ("ERROR_SHARING_VIOLATION", "The process cannot access the file because it is being used by another process."),
        [NotSupported] = ("ERROR_NOT_SUPPORTED", "The request is not supported."),
        [BadNetPath] = ("ERROR_BAD_NETPATH", "The network path was not found."),
        [HandleDiskFull] = ("ERROR_HANDLE_DISK_FULL", "The disk is full."),
        [FileExists] = ("ERROR_FILE_EXISTS", "The file exists."),
        [DiskFull] = ("ERROR_DISK_FULL", "There is not enough space on the disk."),
        [InvalidParameter] = ("ERROR_INVALID_PARAMETER", "The parameter is incorrect."),
        [CallNotImplemented] = ("ERROR_CALL_NOT_IMPLEMENTED", "This function is not supported on this system."),
        [InsufficientBuffer] = ("ERROR_INSUFFICIENT_BUFFER", "The data area passed to a system call is too small."),
        [InvalidName] = ("ERROR_INVALID_NAME", "The filename, directory name, or volume label syntax is incorrect."),
        [DirNotEmpty] = ("ERROR_DIR_NOT_EMPTY", "The directory is not empty."),
        [BadPathName] = ("ERROR_BAD_PATHNAME", "The specified path is invalid."),
        [AlreadyExists] = ("ERROR_ALREADY_EXISTS", "Cannot create a file when that file already exists."),
        [FilenameExceedRange] = ("ERROR_FILENAME_EXCED_RANGE", "The filename or extension is too long."),
        [MoreData] = ("ERROR_MORE_DATA", "More data is available."),
        [UntrustedMountPoint] = ("ERROR_UNTRUSTED_MOUNT_POINT", "The path cannot be traversed because it contains an untrusted mount point."),
        [NoMoreItems] = ("ERROR_NO_MORE_ITEMS", "No more data is available."),
        [DirectoryInvalid] = ("ERROR_DIRECTORY", "The directory name is invalid."),
        [UnrecognizedVolume] = ("ERROR_UNRECOGNIZED_VOLUME", "The volume does not contain a recognized file system. Please make sure that all required file system drivers are loaded and that the volume is not corrupted."),
        [NotAllAssigned] = ("ERROR_NOT_ALL_ASSIGNED", "Not all privileges or groups referenced are assigned to the caller."),
        [NoneMapped] = ("ERROR_NONE_MAPPED", "No mapping between account names and security IDs was done."),
        [PrivilegeNotHeld] = ("ERROR_PRIVILEGE_NOT_HELD", "A required privilege is not held by the client."),
        [TooManyLinks] = ("ERROR_TOO_MANY_LINKS", "An attempt was made to create more links on a file than the file system supports."),
        [CantAccessFile] = ("ERROR_CANT_ACCESS_FILE", "The file cannot be accessed by the system."),
        [CantResolveFilename] = ("ERROR_CANT_RESOLVE_FILENAME", "The name of the file cannot be resolved by the system."),
        [SymlinkClassDisabled] = ("ERROR_SYMLINK_CLASS_DISABLED", "The symbolic link cannot be followed because its type is disabled."),
        [SymlinkNotSupported] = ("ERROR_SYMLINK_NOT_SUPPORTED", "This application does not support the current operation on symbolic links."),
        [NotAReparsePoint] = ("ERROR_NOT_A_REPARSE_POINT", "The file or directory is not a reparse point."),
        [ReparseAttributeConflict] = ("ERROR_REPARSE_ATTRIBUTE_CONFLICT", "The reparse point attribute cannot be set because it conflicts with an existing attribute."),
        [InvalidReparseData] = ("ERROR_INVALID_REPARSE_DATA", "The data present in the reparse point buffer is invalid."),
        [ReparseTagInvalid] = ("ERROR_REPARSE_TAG_INVALID", "The tag present in the reparse point buffer is invalid."),
        [ReparseTagMismatch] = ("ERROR_REPARSE_TAG_MISMATCH", "There is a mismatch between the tag specified in the request and the tag present in the reparse point."),
    };

    public static IReadOnlyCollection<int> KnownCodes => Table.Keys;

    public static string NameOf(int code) => Table.TryGetValue(code, out var e) ? e.Name : $"WIN32_ERROR_{code}";

    public static string MessageOf(int code) => Table.TryGetValue(code, out var e) ? e.Message : $"Windows error {code}.";

    /// <summary>Finds a code by its name, with or without the ERROR_ prefix, case-insensitively.</summary>
    public static int? CodeOf(string name)
    {
        var wanted = name.Trim().ToUpperInvariant();
        if (!wanted.StartsWith("ERROR_", StringComparison.Ordinal))
        {
            wanted = "ERROR_" + wanted;
        }

        foreach (var (code, entry) in Table)
        {
            if (entry.Name == wanted)
            {
                return code;
            }
        }

        return null;
    }
}
