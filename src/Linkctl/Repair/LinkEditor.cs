using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// The disk side of repair on every platform, through the platform's <see cref="ILinkSystem"/>
/// (the live one, or the simulated Windows in tests). The records' byte paths become the link
/// system's strings losslessly (<see cref="RawPath.ToOsText"/>: on Unix every byte is kept, names
/// need not be UTF-8; on Windows the records hold UTF-8 of the UTF-16 names). A new link is made
/// beside the old one with the old one's kind (Windows: file or folder symbolic link, or junction),
/// read back, and put in its place by <see cref="LinkSwap"/> (rename(2) over it on Unix, which is
/// atomic; on Windows a folder link is moved aside first); on failure the old link stays and the
/// new one is removed.
/// </summary>
internal sealed partial class LinkEditor(LinkPlatform platform, Func<IPinnedFolder, IPinnedFolder>? pinSeam = null) : ILinkEditor
{
    public const string FileSymlink = "file_symlink";
    public const string DirectorySymlink = "directory_symlink";
    public const string Junction = "junction";
    public const string WslSymlink = "wsl_symlink";

    /// <summary>Said when asked to store a relative target in a junction.</summary>
    public const string JunctionsStayAbsolute = "junctions store absolute paths; left as is";

    private const string NotRecorded = "the change could not be recorded in the undo journal, so it was not made";

    private readonly ILinkSystem system = platform.Links;

    private readonly List<StaleTemporary> stale = [];

    /// <summary>The folders already swept of stale temporary links in this run.</summary>
    private readonly HashSet<FileIdentity> swept = [];

    public IReadOnlyList<StaleTemporary> StaleTemporaries => stale;

    public Func<string, IReadOnlySet<string>>? JournalTargets { get; set; }

    /// <summary>The pinned ROOT of <see cref="ConfineTo"/> and its path, or null.</summary>
    private (IPinnedFolder Folder, string Path)? root;

    /// <summary>
    /// The last link folder reached from the confined ROOT, kept open for the next change in it
    /// (a plan is sorted by path, so a folder's links come together): one descent per folder, not
    /// per link. Held by its descriptor, it stays the folder that was reached without following a
    /// link, even if it is renamed meanwhile; what is changed in it is still checked name by name.
    /// </summary>
    private (string Parent, IPinnedFolder Folder)? lastFolder;

    public StepResult<IDisposable> ConfineTo(string rootPath)
    {
        // Windows: the ROOT by its full path, made as Win32 makes it (GetFullPathNameW), like every link's path.
        if (platform.IsWindows)
        {
            rootPath = system.Paths.GetFullPath(rootPath, platform.CurrentDirectory);
        }

        var pinned = system.PinFolder(rootPath);
        if (!pinned.TryGetValue(out var folder))
        {
            return StepResult<IDisposable>.Failed(pinned.Problem!, pinned.Error);
        }

        folder = Seam(folder);
        root = (folder, TrimmedFolder(rootPath));
        return StepResult<IDisposable>.Of(new Confinement(this, folder));
    }

    public StepResult Replace(byte[] path, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange, bool keepsObject = false, bool flipType = false)
    {
        var full = FullPath(path);
        if (flipType && !platform.IsWindows)
        {
            return StepResult.Failed("symbolic links have no file or folder type on this OS; left as is");
        }

        return platform.IsWindows
            ? WithPinnedFolder(full, (folder, name) => ReplacePinnedWindows((WindowsPinnedFolder)folder, name, expected, after, beforeChange, keepsObject, flipType))
            : WithPinnedFolder(full, (folder, name) => ReplacePinned(folder, name, expected, after, beforeChange, keepsObject, putBack: false));
    }

    /// <summary>Null when both entries are the same object (same identity), or both missing; else how they differ.</summary>
    private static string? Elsewhere(EntryFacts expected, EntryFacts actual)
    {
        if (!expected.Exists && !actual.Exists)
        {
            return null;
        }

        if (expected.Exists != actual.Exists)
        {
            return expected.Exists ? $"it leads nowhere now, not to {expected.FinalPath ?? "the object it led to"}" : $"it leads to {actual.FinalPath ?? "an object"}, where nothing was";
        }

        if (expected.Identity is not { } a || actual.Identity is not { } b)
        {
            return "the OS gave no identity to compare";
        }

        return a == b ? null : $"it leads to {actual.FinalPath ?? "another object"}, not {expected.FinalPath ?? "the object it led to"}";
    }

    /// <summary>A pinned folder as the editor uses it: itself, or wrapped by a test's seam (to inject a race deterministically).</summary>
    private IPinnedFolder Seam(IPinnedFolder folder) => pinSeam?.Invoke(folder) ?? folder;

    public StepResult Remove(byte[] path, byte[] expected, Func<string?, OsResult> beforeChange)
    {
        var full = FullPath(path);
        return platform.IsWindows
            ? WithPinnedFolder(full, (folder, name) => RemovePinnedWindows(folder, name, expected, beforeChange))
            : WithPinnedFolder(full, (folder, name) => RemovePinned(folder, name, expected, beforeChange));
    }

    public StepResult Restore(byte[] path, byte[] target, string? linkType)
    {
        var full = FullPath(path);
        var text = RawPath.ToOsText(target);
        if (!platform.IsWindows)
        {
            return WithPinnedFolder(full, (folder, name) => RestorePinned(folder, name, text));
        }

        var entry = system.GetEntry(full);
        if (entry.Exists || entry.Error is not null)
        {
            return StepResult.Failed("something is at this path again; left alone", entry.Error);
        }

        if (platform.IsWindows && linkType is not (Junction or DirectorySymlink or FileSymlink))
        {
            return StepResult.Failed("the journal does not say whether this was a file link, a folder link or a junction; make it again by hand");
        }

        var kind = linkType == Junction ? LinkKind.Junction : LinkKind.SymbolicLink;
        var made = linkType == Junction
            ? system.CreateJunction(full, text)
            : system.CreateSymbolicLink(full, text, isDirectory: linkType == DirectorySymlink);
        if (!made.Succeeded)
        {
            return StepResult.Failed("cannot make the link again", made.Error);
        }

        return Stores(full, kind, text) is { } wrong ? StepResult.Failed($"the link did not read back as written ({wrong})") : StepResult.Success;
    }

    public bool StoresNow(byte[] path, byte[] target)
    {
        var full = FullPath(path);
        var wanted = RawPath.ToOsText(target);
        if (platform.IsWindows)
        {
            return system.ReadLink(full).TryGetValue(out var link) && string.Equals(link.Target, wanted, StringComparison.Ordinal);
        }

        var stores = false;
        WithPinnedFolder(full, (folder, name) =>
        {
            stores = folder.GetEntry(name).Type == EntryType.SymbolicLink && folder.ReadLink(name).TryGetValue(out var link) && string.Equals(link.Target, wanted, StringComparison.Ordinal);
            return StepResult.Success;
        });
        return stores;
    }

    public StepResult<string> ToNative(byte[] path, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange)
    {
        if (!platform.IsWindows)
        {
            return StepResult<string>.Failed("WSL symbolic links are a Windows (NTFS) kind of link; there is nothing to convert here");
        }

        var made = string.Empty;
        var result = WithPinnedFolder(FullPath(path), (folder, name) =>
        {
            var converted = ToNativePinnedWindows((WindowsPinnedFolder)folder, name, expected, after, beforeChange);
            made = converted.ValueOr(string.Empty);
            return converted.WithoutValue();
        });
        return result.Succeeded ? StepResult<string>.Of(made) : StepResult<string>.Failed(result.Problem, result.Error);
    }

    public StepResult BackToWsl(byte[] path, byte[] expected, byte[] linuxTarget) => platform.IsWindows
        ? WithPinnedFolder(FullPath(path), (folder, name) => BackToWslPinnedWindows((WindowsPinnedFolder)folder, name, expected, linuxTarget))
        : StepResult.Failed("WSL symbolic links are a Windows (NTFS) kind of link; nothing to give back here");

    public string? LinkTypeNow(byte[] path)
    {
        string? type = null;
        WithPinnedFolder(FullPath(path), (folder, name) =>
        {
            var entry = folder.GetEntry(name);
            type = entry.Type switch
            {
                EntryType.Junction => Junction,
                EntryType.SymbolicLink => platform.IsWindows && entry.IsDirectory ? DirectorySymlink : FileSymlink,
                EntryType.OtherReparsePoint when entry.ReparseTag == Reparse.ReparseTag.LxSymlink => WslSymlink,
                _ => null,
            };
            return StepResult.Success;
        });
        return type;
    }

    /// <summary>Makes the removed link again in its pinned folder; symlinkat never replaces a name, so whatever took the name meanwhile is left alone.</summary>
    private static StepResult RestorePinned(IPinnedFolder folder, string name, string target)
    {
        var there = folder.GetEntry(name);
        if (there.Exists || there.Error is not null)
        {
            return StepResult.Failed($"something is at this path again ({Journal.LinkUndo.Describe(folder, name, there)}); left alone, nothing is overwritten", there.Error);
        }

        var made = folder.CreateSymbolicLink(name, target, isDirectory: false);
        if (!made.Succeeded)
        {
            return StepResult.Failed(made.Error is { Domain: OsErrorDomain.Errno, Code: Interop.Unix.LibC.EEXIST }
                ? "something took this name just now; left alone, nothing is overwritten"
                : "cannot make the link again", made.Error);
        }

        return folder.ReadLink(name).TryGetValue(out var back) && back.Target == target
            ? StepResult.Success
            : StepResult.Failed("the link made again did not read back as written");
    }

    /// <summary>
    /// Runs <paramref name="act"/> in the pinned folder of the link <paramref name="full"/>: reached
    /// from the confined ROOT name by name without following links, or (not confined) pinned by path.
    /// </summary>
    private StepResult WithPinnedFolder(string full, Func<IPinnedFolder, string, StepResult> act)
    {
        var paths = system.Paths;
        var name = paths.GetFileName(full);
        var parent = paths.GetDirectoryName(full) ?? "/";
        var separator = platform.IsWindows ? '\\' : '/';
        var comparison = platform.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        StepResult<IPinnedFolder> pinned;
        var owned = true;
        if (root is { } confined)
        {
            var linkFolder = TrimmedFolder(parent);
            var prefix = confined.Path.EndsWith(separator) ? confined.Path : confined.Path + separator;
            var below = string.Equals(linkFolder, confined.Path, comparison) ? string.Empty
                : linkFolder.StartsWith(prefix, comparison) ? linkFolder[prefix.Length..]
                : null;
            var components = below?.Split(separator, StringSplitOptions.RemoveEmptyEntries);
            if (components is null || components.Any(c => c is "." or ".."))
            {
                return StepResult.Failed($"the link is not below the ROOT {confined.Path} by a plain path; left alone");
            }

            if (components.Length == 0)
            {
                pinned = StepResult<IPinnedFolder>.Of(confined.Folder);
                owned = false;
            }
            else if (lastFolder is { } last && string.Equals(last.Parent, parent, StringComparison.Ordinal))
            {
                pinned = StepResult<IPinnedFolder>.Of(last.Folder);
                owned = false;
            }
            else
            {
                ForgetLastFolder();
                pinned = PinnedFolders.Descend(confined.Folder, components);
                if (pinned.TryGetValue(out var reached))
                {
                    lastFolder = (parent, reached);
                    owned = false;
                }
            }
        }
        else
        {
            pinned = system.PinFolder(parent);
            if (pinned.TryGetValue(out var byPath))
            {
                pinned = StepResult<IPinnedFolder>.Of(Seam(byPath));
            }
        }

        if (!pinned.TryGetValue(out var folder))
        {
            return StepResult.Failed($"its folder cannot be reached inside the ROOT without following a link ({pinned.Problem}); left alone", pinned.Error);
        }

        try
        {
            if (swept.Add(folder.Identity))
            {
                var targets = JournalTargets;
                stale.AddRange(Removal.StaleTemporaries.Sweep(folder, () => targets?.Invoke(folder.Path) ?? Removal.StaleTemporaries.NoJournal(), Removal.StaleTemporaries.CurrentUserOf(platform)));
            }

            return act(folder, name);
        }
        finally
        {
            if (owned)
            {
                folder.Dispose();
            }
        }
    }

    /// <summary>The link <paramref name="name"/> as it is now in <paramref name="folder"/>, if it still stores <paramref name="expected"/>.</summary>
    private StepResult<PlannedLink> CheckPinned(IPinnedFolder folder, string name, byte[] expected)
    {
        var entry = folder.GetEntry(name);
        if (entry.Type != EntryType.SymbolicLink)
        {
            return StepResult<PlannedLink>.Failed(entry.Exists ? "it is no longer a symbolic link; left alone" : "the link is gone", entry.Error);
        }

        var read = folder.ReadLink(name);
        if (!read.TryGetValue(out var link))
        {
            return StepResult<PlannedLink>.Failed($"cannot read the link ({read.Problem})", read.Error);
        }

        if (!string.Equals(link.Target, RawPath.ToOsText(expected), StringComparison.Ordinal))
        {
            return StepResult<PlannedLink>.Failed($"the link changed since it was examined: it now stores {RawPath.Escape(RawPath.FromOsText(link.Target), escapeBackslash: true)}");
        }

        return StepResult<PlannedLink>.Of(PlannedLink.Of(name, entry, link)!);
    }

    private StepResult RemovePinned(IPinnedFolder folder, string name, byte[] expected, Func<string?, OsResult> beforeChange)
    {
        var check = CheckPinned(folder, name, expected);
        if (!check.TryGetValue(out var planned))
        {
            return check.WithoutValue();
        }

        // Re-checked at apply time: a link that works again is no longer broken, whatever the plan saw.
        if (folder.GetTargetEntry(name).Exists)
        {
            return StepResult.Failed("the link works again (its target exists now); left alone");
        }

        if (beforeChange(null) is { Succeeded: false } recorded)
        {
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var removed = CheckedRemoval.Remove(folder, planned);
        return removed.Removed ? StepResult.Success : StepResult.Failed(removed.Error!.What + " " + removed.Error.Why, removed.Error.OsError);
    }

    private StepResult ReplacePinned(IPinnedFolder folder, string name, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange, bool keepsObject, bool putBack)
    {
        var check = CheckPinned(folder, name, expected);
        if (!check.TryGetValue(out var planned))
        {
            return check.WithoutValue();
        }

        var target = RawPath.ToOsText(after);
        var temporary = PinnedFolders.PrivateName("repair");
        var made = folder.CreateSymbolicLink(temporary, target, isDirectory: false);
        if (!made.Succeeded)
        {
            return StepResult.Failed("cannot make the new link beside the old one", made.Error);
        }

        var ours = folder.GetEntry(temporary);
        var readBack = folder.ReadLink(temporary);
        if (ours.Identity is not { } identity || !readBack.TryGetValue(out var back) || back.Target != target)
        {
            if (ours.Identity is { } id)
            {
                CheckedSwap.RemoveOurs(folder, temporary, id);
            }

            return StepResult.Failed($"the new link did not read back as written ({readBack})");
        }

        // Where the new text leads from this folder now; for --relative it must be the object the
        // link leads to (checked in the plan, and again here, at apply time).
        var leadsTo = folder.GetTargetEntry(temporary);
        if (keepsObject && Elsewhere(folder.GetTargetEntry(name), leadsTo) is { } moved)
        {
            CheckedSwap.RemoveOurs(folder, temporary, identity);
            return StepResult.Failed($"left as is: the new target would lead elsewhere now ({moved})");
        }

        if (beforeChange(null) is { Succeeded: false } recorded)
        {
            CheckedSwap.RemoveOurs(folder, temporary, identity);
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var installed = CheckedSwap.Install(folder, temporary, identity, planned);
        if (!installed.Succeeded)
        {
            return installed;
        }

        var now = folder.ReadLink(name);
        if (!now.TryGetValue(out var stored) || stored.Target != target)
        {
            return StepResult.Failed($"the link did not read back with its new target ({now})");
        }

        // Where it leads, not only its text: the object its text led to a moment ago, or (for a
        // link retargeted with --allow-missing) still nothing. If not, something on the way
        // changed meanwhile: the link is put back as it was and the change reported as not made.
        if (putBack || Elsewhere(leadsTo, folder.GetTargetEntry(name)) is not { } astray)
        {
            return StepResult.Success;
        }

        var restored = ReplacePinned(folder, name, after, expected, _ => OsResult.Success, keepsObject: false, putBack: true);
        return StepResult.Failed(restored.Succeeded
            ? $"the new link read back with its text but did not lead where that text led a moment ago ({astray}); it was put back as it was"
            : $"the new link read back with its text but did not lead where that text led a moment ago ({astray}), and putting the old one back failed ({restored.Problem}): it stores {RawPath.Escape(after)} now");
    }

    private void ForgetLastFolder()
    {
        lastFolder?.Folder.Dispose();
        lastFolder = null;
    }

    /// <summary>A folder path without its trailing separator, except a root ("/", "C:\\"), which keeps it.</summary>
    private string TrimmedFolder(string folder)
    {
        if (!platform.IsWindows)
        {
            return folder.Length > 1 ? folder.TrimEnd('/') : folder;
        }

        var trimmed = folder.TrimEnd('\\');
        return system.Paths.IsFullyQualified(trimmed) && trimmed.Length > system.Paths.GetRoot(folder).TrimEnd('\\').Length ? trimmed : system.Paths.GetRoot(folder);
    }

    /// <summary>Ends <see cref="ConfineTo"/>: the ROOT pin is closed and the editor acts by path-pinned folders again.</summary>
    private sealed class Confinement(LinkEditor editor, IPinnedFolder folder) : IDisposable
    {
        public void Dispose()
        {
            editor.ForgetLastFolder();
            editor.root = null;
            folder.Dispose();
        }
    }

    /// <summary>Null when <paramref name="full"/> is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what is there.</summary>
    private string? Stores(string full, LinkKind kind, string target) => Differs(system.ReadLink(full), kind, target);

    /// <summary>Null when what was read is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what it is.</summary>
    private string? Differs(StepResult<StoredLink> read, LinkKind kind, string target)
    {
        if (!read.TryGetValue(out var link))
        {
            return $"cannot read it: {read}";
        }

        if (link.Kind != kind)
        {
            return $"it is a {link.Kind}, not a {kind}";
        }

        // A junction's target comes back as the full path it was given; a symbolic link's verbatim.
        var same = kind == LinkKind.Junction ? system.Paths.PathEquals(link.Target, target) : string.Equals(link.Target, target, StringComparison.Ordinal);
        return same ? null : $"it stores {RawPath.Displayable(link.Target)}";
    }

    /// <summary>
    /// The path the OS is to open for a record's path. Windows resolves ".." lexically itself
    /// (GetFullPathNameW), so the full path is made the same way; a Unix path is only joined to the
    /// current folder, never normalized, so the kernel resolves ".." through links as it does.
    /// </summary>
    private string FullPath(byte[] path)
    {
        var text = RawPath.ToOsText(path);
        var paths = system.Paths;
        if (paths.Flavour == OsFlavour.Windows)
        {
            return paths.GetFullPath(text, platform.CurrentDirectory);
        }

        return paths.IsFullyQualified(text) ? text : platform.CurrentDirectory.TrimEnd('/') + "/" + text;
    }
}
