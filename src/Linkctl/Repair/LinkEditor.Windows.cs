using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Removal;
using Linkctl.Scanning;

namespace Linkctl.Repair;

// Windows: the same pinned-folder steps as Linux (reached from the pinned ROOT name by name, each
// folder opened relative to the last without following a link), with Windows' link kinds: a file or
// folder symbolic link, or a junction, each made again as what it was and journaled with that kind.
internal sealed partial class LinkEditor
{
    /// <summary>The link <paramref name="name"/> in <paramref name="folder"/> as it is now, if it still stores <paramref name="expected"/>, with its journal type.</summary>
    private static StepResult<(PlannedLink Planned, StoredLink Link, string LinkType)> CheckPinnedWindows(IPinnedFolder folder, string name, byte[] expected)
    {
        var entry = folder.GetEntry(name);
        if (entry.Type is not (EntryType.SymbolicLink or EntryType.Junction))
        {
            return StepResult<(PlannedLink, StoredLink, string)>.Failed(entry.Exists ? "it is no longer a symbolic link or junction; left alone" : "the link is gone", entry.Error);
        }

        var read = folder.ReadLink(name);
        if (!read.TryGetValue(out var link))
        {
            return StepResult<(PlannedLink, StoredLink, string)>.Failed(read.Error is null ? $"cannot read the link ({read.Problem})" : "cannot read the link", read.Error);
        }

        if (!string.Equals(link.Target, RawPath.ToOsText(expected), StringComparison.Ordinal))
        {
            return StepResult<(PlannedLink, StoredLink, string)>.Failed($"the link changed since it was examined: it now stores {RawPath.Escape(RawPath.FromOsText(link.Target), escapeBackslash: false)}");
        }

        if (link.Kind is not (LinkKind.SymbolicLink or LinkKind.Junction))
        {
            return StepResult<(PlannedLink, StoredLink, string)>.Failed($"it is a {link.Kind}, which repair does not change");
        }

        var linkType = link.Kind == LinkKind.Junction ? Junction : entry.IsDirectory ? DirectorySymlink : FileSymlink;
        return StepResult<(PlannedLink, StoredLink, string)>.Of((PlannedLink.Of(name, entry, link)!, link, linkType));
    }

    private static StepResult RemovePinnedWindows(IPinnedFolder folder, string name, byte[] expected, Func<string?, OsResult> beforeChange)
    {
        var check = CheckPinnedWindows(folder, name, expected);
        if (!check.TryGetValue(out var current))
        {
            return check.WithoutValue();
        }

        // Re-checked at apply time: a link that works again is no longer broken, whatever the plan saw.
        if (folder.GetTargetEntry(name).Exists)
        {
            return StepResult.Failed("the link works again (its target exists now); left alone");
        }

        if (beforeChange(current.LinkType) is { Succeeded: false } recorded)
        {
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var removed = CheckedRemoval.Remove(folder, current.Planned);
        return removed.Removed ? StepResult.Success : StepResult.Failed(removed.Error!.What + " " + removed.Error.Why, removed.Error.OsError);
    }

    private StepResult ReplacePinnedWindows(WindowsPinnedFolder folder, string name, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange, bool keepsObject, bool flipType = false, bool putBack = false)
    {
        var check = CheckPinnedWindows(folder, name, expected);
        if (!check.TryGetValue(out var current))
        {
            return check.WithoutValue();
        }

        var target = RawPath.ToOsText(after);
        var paths = system.Paths;
        var isJunction = current.LinkType == Junction;
        if (isJunction && (!paths.IsFullyQualified(target) || paths.IsUnc(target)))
        {
            return StepResult.Failed(paths.IsFullyQualified(target) ? "a junction can only point to a local folder; left as is" : JunctionsStayAbsolute);
        }

        if (flipType && isJunction)
        {
            return StepResult.Failed("a junction is always a folder link; left as is");
        }

        // --fix-type: the same text as the other type (a folder link for a file link and back).
        var asDirectory = (current.LinkType == DirectorySymlink) != flipType;
        var temporary = PinnedFolders.PrivateName("repair");
        var made = isJunction
            ? folder.CreateJunction(temporary, target)
            : folder.CreateSymbolicLink(temporary, target, isDirectory: asDirectory);
        if (!made.Succeeded)
        {
            return StepResult.Failed("cannot make the new link beside the old one", made.Error);
        }

        var ours = folder.GetEntry(temporary);
        var wrong = StoresPinned(folder, temporary, current.Link.Kind, target)
            ?? (!isJunction && ours.IsDirectory != asDirectory ? $"it was made as a {(ours.IsDirectory ? "folder" : "file")} link, not a {(asDirectory ? "folder" : "file")} link" : null);
        if (ours.Identity is not { } identity || wrong is not null)
        {
            if (ours.Identity is { } id)
            {
                CheckedSwap.RemoveOurs(folder, temporary, id);
            }

            return StepResult.Failed($"the new link did not read back as written ({wrong ?? "it has no identity"})");
        }

        // A conversion (--relative, --absolute) must keep the link on the same object: the new
        // text, read from the link's own folder, leads where the old one leads now, or nothing is changed.
        var leadsTo = folder.GetTargetEntry(temporary);
        if (keepsObject && Elsewhere(folder.GetTargetEntry(name), leadsTo) is { } moved)
        {
            CheckedSwap.RemoveOurs(folder, temporary, identity);
            return StepResult.Failed($"left as is: the new target would lead elsewhere now ({moved})");
        }

        if (beforeChange(current.LinkType) is { Succeeded: false } recorded)
        {
            CheckedSwap.RemoveOurs(folder, temporary, identity);
            return StepResult.Failed(NotRecorded, recorded.Error);
        }

        var installed = CheckedSwap.Install(folder, temporary, identity, current.Planned);
        if (!installed.Succeeded)
        {
            return installed;
        }

        var now = StoresPinned(folder, name, current.Link.Kind, target)
            ?? (!isJunction && folder.GetEntry(name).IsDirectory != asDirectory ? "it is not of the type it was made as" : null);
        if (now is not null)
        {
            return StepResult.Failed($"the link did not read back with its new target ({now})");
        }

        // Where it leads, not only its text (as on Linux): if something on the way changed
        // meanwhile, the old link is put back and the change reported as not made.
        if (putBack || Elsewhere(leadsTo, folder.GetTargetEntry(name)) is not { } astray)
        {
            return StepResult.Success;
        }

        var restored = ReplacePinnedWindows(folder, name, after, expected, _ => OsResult.Success, keepsObject: false, flipType: flipType, putBack: true);
        return StepResult.Failed(restored.Succeeded
            ? $"the new link read back with its text but did not lead where that text led a moment ago ({astray}); it was put back as it was"
            : $"the new link read back with its text but did not lead where that text led a moment ago ({astray}), and putting the old one back failed ({restored.Problem}): it stores {RawPath.Escape(after)} now");
    }

    /// <summary>Null when <paramref name="name"/> in <paramref name="folder"/> is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what is there.</summary>
    private string? StoresPinned(IPinnedFolder folder, string name, LinkKind kind, string target)
    {
        var read = folder.ReadLink(name);
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
}
