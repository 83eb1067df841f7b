using Linkctl.Errors;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Win32 = Linkctl.Errors.Win32ErrorNames;

namespace Linkctl.Copying;

/// <summary>
/// The copier on Windows, over <see cref="IWindowsApi"/> (so the simulated Windows runs it too):
/// CopyFileW for a file (it follows a link at the source); a folder recursively from its listing.
/// Inside a folder, links are copied as links, never followed (following a junction could copy
/// a whole drive, or loop): a symbolic link is made again with the same stored target (through
/// <see cref="ILinkSystem.CreateSymbolicLink"/>, so with the same flag logic), a junction with the
/// same reparse data; a WSL symlink or an app execution alias inside makes the copy fail with
/// ERROR_NOT_SUPPORTED, as IWindowsApi has no call that makes the empty file to carry their buffer.
/// A data reparse point (cloud, dedup) is copied as its content, like any file or folder.
/// </summary>
internal sealed class WindowsTreeCopier(IWindowsApi api, ILinkSystem links) : ITreeCopier
{
    public OsResult Copy(string source, string destination, bool isDirectory)
    {
        if (!isDirectory)
        {
            return Of(api.CopyFile(source, destination));
        }

        var entries = new List<WindowsDirectoryEntry>();
        var error = api.ListDirectory(source, entries);
        if (error != 0)
        {
            return Of(error);
        }

        error = api.CreateDirectory(destination);
        if (error != 0)
        {
            return Of(error);
        }

        foreach (var entry in entries)
        {
            var from = links.Paths.Combine(source, entry.Name);
            var to = links.Paths.Combine(destination, entry.Name);
            var isFolder = entry.Attributes.HasFlag(FileAttributes.Directory);
            var copied = entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && ReparseTag.IsLinkLike(entry.ReparseTag)
                ? CopyLink(from, to, entry.ReparseTag, isFolder)
                : Copy(from, to, isFolder);
            if (!copied.Succeeded)
            {
                return copied;
            }
        }

        return OsResult.Success;
    }

    private OsResult CopyLink(string from, string to, uint tag, bool isDirectory)
    {
        if (tag == ReparseTag.Symlink)
        {
            var read = links.ReadLink(from);
            return read.TryGetValue(out var link)
                ? links.CreateSymbolicLink(to, link.Target, isDirectory)
                : OsResult.Failed(read.Error ?? OsError.Win32(Win32.InvalidReparseData));
        }

        if (tag != ReparseTag.MountPoint || !isDirectory)
        {
            return Of(Win32.NotSupported);
        }

        var error = api.GetReparseData(from, out var buffer);
        if (error != 0)
        {
            return Of(error);
        }

        // A junction needs no privilege: the same bytes on a fresh empty folder, as CreateJunction does.
        error = api.CreateDirectory(to);
        if (error != 0)
        {
            return Of(error);
        }

        error = api.SetReparseData(to, buffer);
        if (error != 0)
        {
            // Our own empty folder from the line above: RemoveDirectory refuses anything non-empty.
            api.RemoveDirectory(to);
            return Of(error);
        }

        return OsResult.Success;
    }

    private static OsResult Of(int error) => error == 0 ? OsResult.Success : OsResult.Failed(OsError.Win32(error));
}
