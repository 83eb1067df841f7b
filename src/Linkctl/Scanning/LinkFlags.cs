namespace Linkctl.Scanning;

/// <summary>What <c>list</c> found out about one link besides its status.</summary>
[Flags]
public enum LinkFlags
{
    None = 0,
    /// <summary>The stored target is a full path.</summary>
    Absolute = 1 << 0,
    /// <summary>The stored target is relative to the link's folder.</summary>
    Relative = 1 << 1,
    /// <summary>The link leads to one of its own ancestor folders (or its own folder): following it would loop.</summary>
    PointsToAncestor = 1 << 2,
    /// <summary>The target is on another file system (another st_dev or volume) than the link's folder.</summary>
    CrossesFileSystem = 1 << 3,
    /// <summary>The target is on a network file system.</summary>
    Remote = 1 << 4,
    /// <summary>The resolved target, compared lexically, is not below the root being scanned.</summary>
    OutsideRoot = 1 << 5,
    /// <summary>The walk went into this folder link's target (<c>--follow</c>).</summary>
    Followed = 1 << 6,
    /// <summary>
    /// <c>--follow</c> did not go into this folder link: the folder it leads to is listed already
    /// (or will be) under another path, found by its identity. A walk enters every folder once.
    /// </summary>
    AlreadyVisited = 1 << 7,
    /// <summary>
    /// Windows: a file symbolic link whose target is a folder, or a folder symbolic link whose
    /// target is a file. Windows does not follow such a link the way programs expect (Rust std,
    /// std::os::windows::fs::symlink_file / symlink_dir: "otherwise the symlink will be broken";
    /// git-for-windows d25cf4e: "Symlinks of wrong type simply don't work"); <c>repair --fix-type</c>
    /// makes it again with the right type.
    /// </summary>
    WrongType = 1 << 8,
}
