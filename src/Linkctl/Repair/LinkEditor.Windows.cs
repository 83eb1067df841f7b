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

    /// <summary>
    /// WSL symbolic link to NT link (issue 12). Windows programs cannot follow IO_REPARSE_TAG_LX_SYMLINK
    /// (opening one answers ERROR_CANT_ACCESS_FILE, 1920: docs/windows-facts.md). The new link's type
    /// is learnt as git for Windows learns it (commit d25cf4e): made as a file link first and
    /// followed (backup semantics follow either type); a folder there makes it again as a folder link.
    /// Without the right to create symbolic links, a local folder target gets a junction (which needs
    /// none: Learn, "Hard links and junctions"), as new's fallback does; a file target is left as is.
    /// </summary>
    private StepResult<string> ToNativePinnedWindows(WindowsPinnedFolder folder, string name, byte[] expected, byte[] after, Func<string?, OsResult> beforeChange)
    {
        var entry = folder.GetEntry(name);
        var read = entry.Type == EntryType.OtherReparsePoint ? folder.ReadLink(name) : StepResult<StoredLink>.Failed("not a reparse point");
        if (!read.TryGetValue(out var link) || link.Kind != LinkKind.WslSymlink)
        {
            return StepResult<string>.Failed(entry.Exists ? "it is no longer a WSL symbolic link; left alone" : "the link is gone", entry.Error);
        }

        if (!string.Equals(link.Target, RawPath.ToOsText(expected), StringComparison.Ordinal))
        {
            return StepResult<string>.Failed($"the link changed since it was examined: it now stores {RawPath.Displayable(link.Target)}");
        }

        if (PlannedLink.Of(name, entry, link) is not { } planned)
        {
            return StepResult<string>.Failed("the OS gave the link no identity to check it by; left alone");
        }

        var target = RawPath.ToOsText(after);
        var temporary = PinnedFolders.PrivateName("repair");
        string type;
        string what;
        var made = folder.CreateSymbolicLink(temporary, target, isDirectory: false);
        if (made.Succeeded)
        {
            var leads = folder.GetTargetEntry(temporary);
            if (!leads.Exists)
            {
                RemoveOurs(folder, temporary);
                return StepResult<string>.Failed($"its target {target} does not exist from here, so whether it is a file or a folder cannot be told; left as is (make it with `linkctl new --dir` or `--file` once you know)");
            }

            type = FileSymlink;
            what = "a file symbolic link";
            if (leads.IsDirectory)
            {
                RemoveOurs(folder, temporary);
                made = folder.CreateSymbolicLink(temporary, target, isDirectory: true);
                type = DirectorySymlink;
                what = "a folder symbolic link";
            }
        }
        else if (made.Error is { Domain: OsErrorDomain.Win32, Code: Win32ErrorNames.PrivilegeNotHeld })
        {
            var full = system.Paths.GetFullPath(target, folder.Path);
            var leads = system.GetTargetEntry(full);
            var local = leads.FinalPath ?? full;
            if (!leads.IsDirectory || system.Paths.IsUnc(local))
            {
                return StepResult<string>.Failed("this account may not make symbolic links, and a junction (which needs no right) can only point to a local folder; left as is (`linkctl doctor` says how to get the right)", made.Error);
            }

            made = folder.CreateJunction(temporary, local);
            type = Junction;
            target = local;
            what = "a junction (this account may not make symbolic links, and a junction to a local folder needs no right; `linkctl doctor` says how to get it)";
        }
        else
        {
            return StepResult<string>.Failed("cannot make the new link beside the old one", made.Error);
        }

        if (!made.Succeeded)
        {
            return StepResult<string>.Failed("cannot make the new link beside the old one", made.Error);
        }

        var kind = type == Junction ? LinkKind.Junction : LinkKind.SymbolicLink;
        var ours = folder.GetEntry(temporary);
        if (ours.Identity is not { } identity || StoresPinned(folder, temporary, kind, target) is not null)
        {
            RemoveOurs(folder, temporary);
            return StepResult<string>.Failed("the new link did not read back as written");
        }

        var leadsTo = folder.GetTargetEntry(temporary);
        if (beforeChange(type) is { Succeeded: false } recorded)
        {
            CheckedSwap.RemoveOurs(folder, temporary, identity);
            return StepResult<string>.Failed(NotRecorded, recorded.Error);
        }

        var installed = CheckedSwap.Install(folder, temporary, identity, planned);
        if (!installed.Succeeded)
        {
            return StepResult<string>.Failed(installed.Problem, installed.Error);
        }

        if (StoresPinned(folder, name, kind, target) is { } now)
        {
            return StepResult<string>.Failed($"the link did not read back with its new target ({now})");
        }

        return Elsewhere(leadsTo, folder.GetTargetEntry(name)) is { } astray
            ? StepResult<string>.Failed($"the new link stores its target but does not lead where it led a moment ago ({astray}); check it with `linkctl show`")
            : StepResult<string>.Of(what);
    }

    /// <summary>Undo of <see cref="ToNativePinnedWindows"/>: the link it made, still storing <paramref name="expected"/>, becomes the WSL symbolic link again.</summary>
    private StepResult BackToWslPinnedWindows(WindowsPinnedFolder folder, string name, byte[] expected, byte[] linuxTarget)
    {
        var entry = folder.GetEntry(name);
        if (entry.Type is not (EntryType.SymbolicLink or EntryType.Junction) || !folder.ReadLink(name).TryGetValue(out var link))
        {
            return StepResult.Failed(entry.Exists ? "it is no longer the link repair --to-native made; left alone" : "the link is gone", entry.Error);
        }

        var wanted = RawPath.ToOsText(expected);
        var same = link.Kind == LinkKind.Junction
            ? system.Paths.PathEquals(link.Target, system.Paths.GetFullPath(wanted, folder.Path)) || system.Paths.PathEquals(link.Target, wanted)
            : string.Equals(link.Target, wanted, StringComparison.Ordinal);
        if (!same || PlannedLink.Of(name, entry, link) is not { } planned)
        {
            return StepResult.Failed($"the link changed since repair made it: it now stores {RawPath.Displayable(link.Target)}; left alone");
        }

        var linux = RawPath.ToOsText(linuxTarget);
        var temporary = PinnedFolders.PrivateName("repair");
        var made = folder.CreateWslSymlink(temporary, linux);
        if (!made.Succeeded)
        {
            return StepResult.Failed("cannot make the WSL symbolic link again", made.Error);
        }

        var ours = folder.GetEntry(temporary);
        if (ours.Identity is not { } identity || !folder.ReadLink(temporary).TryGetValue(out var back) || back.Kind != LinkKind.WslSymlink || back.Target != linux)
        {
            RemoveOurs(folder, temporary);
            return StepResult.Failed("the WSL symbolic link made again did not read back as written");
        }

        var installed = CheckedSwap.Install(folder, temporary, identity, planned);
        if (!installed.Succeeded)
        {
            return installed;
        }

        return folder.ReadLink(name).TryGetValue(out var now) && now.Kind == LinkKind.WslSymlink && now.Target == linux
            ? StepResult.Success
            : StepResult.Failed("the WSL symbolic link did not read back after the swap");
    }

    /// <summary>Removes our own temporary link made a moment ago, by its identity (never anything else).</summary>
    private static void RemoveOurs(WindowsPinnedFolder folder, string temporary)
    {
        if (folder.GetEntry(temporary).Identity is { } id)
        {
            CheckedSwap.RemoveOurs(folder, temporary, id);
        }
    }

    /// <summary>Null when <paramref name="name"/> in <paramref name="folder"/> is a link of <paramref name="kind"/> storing <paramref name="target"/>; else what is there.</summary>
    private string? StoresPinned(IPinnedFolder folder, string name, LinkKind kind, string target) => Differs(folder.ReadLink(name), kind, target);
}
