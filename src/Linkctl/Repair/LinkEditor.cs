using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
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
internal sealed class LinkEditor(LinkPlatform platform) : ILinkEditor
{
    public const string FileSymlink = "file_symlink";
    public const string DirectorySymlink = "directory_symlink";
    public const string Junction = "junction";

    /// <summary>Said when asked to store a relative target in a junction.</summary>
    public const string JunctionsStayAbsolute = "junctions store absolute paths; left as is";

    private const string NotRecorded = "the change could not be recorded in the undo journal, so it was not made";

    private readonly ILinkSystem system = platform.Links;

    public StepResult Replace(byte[] path, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange)
    {
        var full = FullPath(path);
        var check = Check(full, expected);
        if (!check.TryGetValue(out var current))
        {
            return check.WithoutValue();
        }

        var target = RawPath.ToOsText(after);
        var paths = system.Paths;
        if (current.LinkType == Junction && (!paths.IsFullyQualified(target) || paths.IsUnc(target)))
        {
            return StepResult.Failed(paths.IsFullyQualified(target) ? "a junction can only point to a local folder; left as is" : JunctionsStayAbsolute);
        }

        var temporary = paths.Combine(paths.GetDirectoryName(full)!, $".linkctl-repair-{Guid.NewGuid():N}");
        var made = current.LinkType == Junction
            ? system.CreateJunction(temporary, target)
            : system.CreateSymbolicLink(temporary, target, current.LinkType == DirectorySymlink);
        if (!made.Succeeded)
        {
            return StepResult.Failed("cannot make the new link beside the old one", made.Error);
        }

        if (Stores(temporary, current.Link.Kind, target) is { } wrong)
        {
            // Ours, made a moment ago; RemoveLink never touches a target and refuses anything that is not a link.
            system.RemoveLink(temporary);
            return StepResult.Failed($"the new link did not read back as written ({wrong})");
        }

        if (beforeChange(current.LinkType) is { Succeeded: false } recorded)
        {
            system.RemoveLink(temporary);
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var installed = LinkSwap.Install(system, temporary, full);
        if (!installed.Succeeded)
        {
            return installed;
        }

        var now = Stores(full, current.Link.Kind, target);
        return now is null ? StepResult.Success : StepResult.Failed($"the link did not read back with its new target ({now})");
    }

    public StepResult Remove(byte[] path, byte[] expected, Func<string?, OsResult> beforeChange)
    {
        var full = FullPath(path);
        var check = Check(full, expected);
        if (!check.TryGetValue(out var current))
        {
            return check.WithoutValue();
        }

        if (beforeChange(current.LinkType) is { Succeeded: false } recorded)
        {
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var removed = system.RemoveLink(full);
        if (!removed.Succeeded)
        {
            return StepResult.Failed("cannot remove the link", removed.Error);
        }

        return system.GetEntry(full).Exists ? StepResult.Failed("the link is still there after removing it") : StepResult.Success;
    }

    public StepResult Restore(byte[] path, byte[] target, string? linkType)
    {
        var full = FullPath(path);
        var text = RawPath.ToOsText(target);
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

    /// <summary>The link at <paramref name="full"/> as it is now and its journal type, or why it is left alone.</summary>
    private StepResult<(StoredLink Link, string? LinkType)> Check(string full, byte[] expected)
    {
        var entry = system.GetEntry(full);
        if (entry.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            return StepResult<(StoredLink, string?)>.Failed(entry.Exists ? "it is no longer a symbolic link or junction; left alone" : "the link is gone", entry.Error);
        }

        var read = system.ReadLink(full);
        if (!read.TryGetValue(out var link))
        {
            return StepResult<(StoredLink, string?)>.Failed(read.Error is null ? $"cannot read the link ({read.Problem})" : "cannot read the link", read.Error);
        }

        var wanted = RawPath.ToOsText(expected);
        if (!string.Equals(link.Target, wanted, StringComparison.Ordinal))
        {
            return StepResult<(StoredLink, string?)>.Failed($"the link changed since it was examined: it now stores {RawPath.Escape(RawPath.FromOsText(link.Target), escapeBackslash: !platform.IsWindows)}");
        }

        if (link.Kind is not (LinkKind.SymbolicLink or LinkKind.Junction))
        {
            return StepResult<(StoredLink, string?)>.Failed($"it is a {link.Kind}, which repair does not change");
        }

        // A Unix symbolic link has no file-or-folder flag, so its journal type stays null.
        string? linkType = !platform.IsWindows ? null : link.Kind == LinkKind.Junction ? Junction : entry.IsDirectory ? DirectorySymlink : FileSymlink;
        return StepResult<(StoredLink, string?)>.Of((link, linkType));
    }

    /// <summary>Null when <paramref name="full"/> is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what is there.</summary>
    private string? Stores(string full, LinkKind kind, string target)
    {
        var read = system.ReadLink(full);
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
