using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Linkctl.Errors;
using Linkctl.Interop.Windows;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Reparse;

namespace Linkctl.Scanning;

// The Windows walker: FindFirstFileExW(FindExInfoBasic, FIND_FIRST_EX_LARGE_FETCH) per folder.
// Entries are classified from the listing alone (attributes, and the reparse tag in
// dwReserved0); only link reparse points are opened, through WindowsLinkSystem, to read their
// targets and follow them. Other reparse points (cloud placeholders, dedup...) are never
// opened, so a placeholder is never hydrated. Paths are UTF-16 here and UTF-8 in the records.
public sealed partial class TreeScanner
{
    private const uint FileAttributeDirectory = 0x10;

    private ILinkSystem Windows => platform.Links;

    private WindowsLinkClassifier? windowsClassifier;

    [SupportedOSPlatform("windows")]
    private WindowsLinkClassifier Classifier => LazyInitializer.EnsureInitialized(ref windowsClassifier, () => new WindowsLinkClassifier(Windows));

    [SupportedOSPlatform("windows")]
    private void StartRootWindows(string root, ILinkSink sink)
    {
        var full = PathSyntax.Windows.GetFullPath(root, platform.CurrentDirectory);
        var context = new RootContext(RawPath.FromText(root), RawPath.FromText(full));
        var entry = Windows.GetEntry(full);
        if (!entry.Exists)
        {
            Report(sink, new ScanProblem(context.Given, "cannot read root", entry.Error ?? OsError.Win32(Win32ErrorNames.FileNotFound)));
            return;
        }

        var chain = options.Follow && entry.Identity is { } id ? new AncestorChain(id.Volume, id.File, null) : null;
        if (entry.ReparseTag != 0 && ReparseTag.IsLinkLike(entry.ReparseTag) && !options.Follow)
        {
            ProcessLinkWindows(full, root, new DirectoryWork(context, context.Given, 0, chain, false), chain, sink, null);
        }
        else if (entry.IsDirectory)
        {
            pool.Push(new DirectoryWork(context, context.Given, 0, chain, entry.ReparseTag != 0));
        }
        else if (options.HardLinks && entry.LinkCount > 1)
        {
            Emit(sink, WindowsHardLink(context, context.Given, 0, entry));
        }
    }

    [SupportedOSPlatform("windows")]
    private unsafe void WorkerLoopWindows(ILinkSink sink)
    {
        var children = new List<DirectoryWork>();
        while (pool.TryTake(out var work))
        {
            try
            {
                ListDirectoryWindows(work, sink, children);
                if (children.Count > 0)
                {
                    pool.PushAll(children);
                    children.Clear();
                }
            }
            finally
            {
                pool.Done();
            }
        }
    }

    [SupportedOSPlatform("windows")]
    private unsafe void ListDirectoryWindows(DirectoryWork work, ILinkSink sink, List<DirectoryWork> children)
    {
        var shown = RawPath.ToText(work.Path);
        var full = work.Depth == 0 ? RawPath.ToText(work.Root.Full) : PathSyntax.Windows.GetFullPath(shown, platform.CurrentDirectory);
        var node = work.Parent;
        if (options.Follow)
        {
            // Identities are needed only to stop --follow from looping; they cost an open per folder.
            if (Windows.GetEntry(full).Identity is { } id)
            {
                if (work.ViaLink && node is not null && node.Contains(id.Volume, id.File))
                {
                    return;
                }

                node = new AncestorChain(id.Volume, id.File, node);
            }
        }

        Kernel32.WIN32_FIND_DATA data;
        var fullPrefix = full.TrimEnd('\\') + "\\";
        using var handle = Kernel32.FindFirstFileEx(
            PathSyntax.Windows.ToOsPath(fullPrefix + "*"),
            Kernel32.FindExInfoBasic,
            &data,
            Kernel32.FindExSearchNameMatch,
            0,
            Kernel32.FIND_FIRST_EX_LARGE_FETCH);
        if (handle.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != Win32ErrorNames.FileNotFound)
            {
                Report(sink, new ScanProblem(work.Path, "cannot list folder", OsError.Win32(error)));
            }

            return;
        }

        var childDepth = work.Depth + 1;
        var descend = childDepth < options.MaxDepth;
        var shownPrefix = shown.EndsWith('\\') || shown.EndsWith('/') ? shown : shown + "\\";
        long entries = 0;
        do
        {
            var name = new string(data.cFileName);
            if (name is "." or "..")
            {
                continue;
            }

            entries++;
            var childShown = shownPrefix + name;
            var childFull = fullPrefix + name;
            var attributes = data.dwFileAttributes;
            if ((attributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT) != 0)
            {
                var tag = data.dwReserved0;
                if (ReparseTag.IsLinkLike(tag))
                {
                    if (options.SymbolicLinks || options.Follow)
                    {
                        ProcessLinkWindows(childFull, childShown, work, node, sink, descend ? children : null);
                    }

                    continue;
                }

                // A data reparse point (cloud placeholder, dedup, WOF...): a folder is still
                // walked by its listing, a file is left unopened.
            }

            if ((attributes & FileAttributeDirectory) != 0)
            {
                if (descend)
                {
                    children.Add(new DirectoryWork(work.Root, RawPath.FromText(childShown), childDepth, node, false));
                }
            }
            else if (options.HardLinks && (attributes & Kernel32.FILE_ATTRIBUTE_REPARSE_POINT) == 0)
            {
                var facts = Windows.GetEntry(childFull);
                if (facts.LinkCount > 1)
                {
                    Emit(sink, WindowsHardLink(work.Root, RawPath.FromText(childShown), childDepth, facts));
                }
            }
        }
        while (Kernel32.FindNextFile(handle, &data));

        var last = Marshal.GetLastPInvokeError();
        if (last != Kernel32.ERROR_NO_MORE_FILES)
        {
            Report(sink, new ScanProblem(work.Path, "cannot list folder", OsError.Win32(last)));
        }

        Counters.AddDirectory(entries);
    }

    [SupportedOSPlatform("windows")]
    private void ProcessLinkWindows(string full, string shown, DirectoryWork work, AncestorChain? node, ILinkSink sink, List<DirectoryWork>? children)
    {
        var classified = Classifier.Classify(full, shown, Windows.ReadLink(full), work.Root.Given, work.Root.FullText, work.Depth + 1);
        if (classified.Record is not { } record)
        {
            Report(sink, classified.Problem!);
            return;
        }

        // The classifier knows the lexical ancestors; the walk also knows the folders it came
        // through by identity, which catches an ancestor reached under another name.
        if (classified.Target is { Exists: true, IsDirectory: true } target)
        {
            if ((record.Flags & LinkFlags.PointsToAncestor) == 0 && node is not null && target.Identity is { } id && node.Contains(id.Volume, id.File))
            {
                record = record with { Flags = record.Flags | LinkFlags.PointsToAncestor };
            }
            else if ((record.Flags & LinkFlags.PointsToAncestor) == 0 && options.Follow && children is not null)
            {
                record = record with { Flags = record.Flags | LinkFlags.Followed };
                children.Add(new DirectoryWork(work.Root, RawPath.FromText(shown), work.Depth + 1, node, true));
            }
        }

        if (!options.SymbolicLinks)
        {
            return;
        }

        Emit(sink, record);
    }

    private static LinkRecord WindowsHardLink(RootContext root, byte[] path, int depth, EntryFacts facts) => new()
    {
        Path = path,
        Root = root.Given,
        Kind = LinkKind.HardLink,
        Status = LinkStatus.Ok,
        TargetType = EntryType.File,
        Depth = depth,
        LinkCount = facts.LinkCount,
        Identity = facts.Identity,
    };
}
