using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A pinned folder that passes every call to the real one: race tests derive from it and override
/// only the call right before which their racer strikes. A folder handed back to the inner pin
/// (as a rename's or hard link's other folder) is unwrapped, since the real pin accepts only its own kind.
/// </summary>
internal abstract class DelegatingPinnedFolder(IPinnedFolder inner) : IPinnedFolder
{
    protected IPinnedFolder Inner => inner;

    public virtual string Path => inner.Path;

    public virtual FileIdentity Identity => inner.Identity;

    public virtual string PathOf(string name) => inner.PathOf(name);

    public virtual EntryFacts GetEntry(string name) => inner.GetEntry(name);

    public virtual EntryFacts GetTargetEntry(string name) => inner.GetTargetEntry(name);

    public virtual StepResult<StoredLink> ReadLink(string name) => inner.ReadLink(name);

    public virtual OsResult CreateSymbolicLink(string name, string target, bool isDirectory) => inner.CreateSymbolicLink(name, target, isDirectory);

    public virtual OsResult CreateHardLink(string name, IPinnedFolder sourceFolder, string sourceName) => inner.CreateHardLink(name, Unwrap(sourceFolder), sourceName);

    public virtual OsResult RemoveName(string name) => inner.RemoveName(name);

    public virtual OsResult RemoveFile(string name) => inner.RemoveFile(name);

    public virtual StepResult RemoveFolder(string name, FileIdentity expected) => inner.RemoveFolder(name, expected);

    public virtual OsResult Rename(string name, IPinnedFolder destination, string destinationName, RenameMode mode) =>
        inner.Rename(name, Unwrap(destination), destinationName, mode);

    public virtual StepResult<FileContent> ReadFile(string name, int maxBytes) => inner.ReadFile(name, maxBytes);

    public virtual OsResult CreateFile(string name, ReadOnlySpan<byte> content) => inner.CreateFile(name, content);

    public virtual StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null) => inner.OpenFileForReading(name, expected);

    public virtual OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle> CreateFile(string name, uint mode) => inner.CreateFile(name, mode);

    public virtual OsResult CreateFolder(string name, uint mode) => inner.CreateFolder(name, mode);

    public virtual OsResult SetFolderMode(string name, uint mode) => inner.SetFolderMode(name, mode);

    public virtual OsResult SetOwner(string name, uint owner, uint group) => inner.SetOwner(name, owner, group);

    public virtual OsResult SetTimes(string name, EntryTimes times) => inner.SetTimes(name, times);

    public virtual OsResult<IReadOnlyList<string>> ListNames() => inner.ListNames();

    public virtual OsResult<IReadOnlyList<ListedName>> ListEntries() => inner.ListEntries();

    public virtual StepResult<IPinnedFolder> OpenFolder(string name, FileIdentity? expected = null) => inner.OpenFolder(name, expected);

    /// <summary>Closes the inner pin; a wrapper around a pin its caller owns overrides this to do nothing.</summary>
    public virtual void Dispose() => inner.Dispose();

    protected IPinnedFolder Unwrap(IPinnedFolder folder) => ReferenceEquals(folder, this) ? inner : folder;
}
