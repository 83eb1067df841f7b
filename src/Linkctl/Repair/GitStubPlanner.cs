using Linkctl.Creation;
using Linkctl.Links;
using Linkctl.Paths;
using Linkctl.Platform;
using Linkctl.Scanning;

namespace Linkctl.Repair;

/// <summary>
/// Decides which of git's symlink stubs are replaced by links, and by what (pure: facts in, plan out).
/// With core.symlinks=false git checks a symbolic link out as a regular file holding exactly the link
/// text. Only a file holding exactly that text is a stub; anything else (an edited stub, a folder, a
/// link storing other text, nothing) is left alone and said why. On Windows the link is a file or a
/// folder symbolic link as the target decides (a link to another stub takes that stub's final
/// target), and where symbolic links cannot be made a local folder gets a junction, as
/// <c>new --fallback auto</c> does; a file gets no fallback (a hard link or a copy would hold the
/// target's content, which git reports as a modified link, and would not follow the target).
/// </summary>
internal static class GitStubPlanner
{
    /// <summary>The furthest a chain of links to other stubs is followed to decide file or folder (Windows).</summary>
    public const int MaxChain = 40;

    public static GitStubPlan Plan(IReadOnlyList<GitStubFacts> links, GitStubContext context)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(context);
        var windows = context.Flavour == OsFlavour.Windows;
        var stubs = new Dictionary<string, GitStubFacts>(StringComparer.Ordinal);
        var already = new List<byte[]>();
        var skipped = new List<GitStubSkip>();
        foreach (var link in links)
        {
            if (Classify(link, windows) is { } skip)
            {
                if (skip.Why.Length == 0)
                {
                    already.Add(link.Path);
                }
                else
                {
                    skipped.Add(skip);
                }

                continue;
            }

            stubs[Key(link.Path, windows)] = link;
        }

        var actions = new List<GitStubAction>();
        foreach (var stub in stubs.Values)
        {
            var identity = stub.Content!.Identity;
            if (!windows)
            {
                actions.Add(new GitStubAction(stub.Path, stub.Text, stub.Text, GitStubLinkKind.FileSymbolicLink, identity, stub.Content.Size, null));
                continue;
            }

            var final = Final(stub, stubs);
            var stored = WindowsText(stub.Text);
            var asked = GitSymlinkAttribute.TypeOf(stub.SymlinkAttribute);
            if (context.SymbolicLinksAllowed)
            {
                var isDirectory = asked switch
                {
                    GitSymlinkType.File => false,
                    GitSymlinkType.Directory => true,
                    _ => final.Target.IsDirectory,
                };
                actions.Add(new GitStubAction(stub.Path, stub.Text, stored, isDirectory ? GitStubLinkKind.DirectorySymbolicLink : GitStubLinkKind.FileSymbolicLink, identity, stub.Content.Size,
                    AttributeNote(asked, stub.SymlinkAttribute, isDirectory, final.Target)));
                continue;
            }

            if (asked == GitSymlinkType.File)
            {
                skipped.Add(new GitStubSkip(stub.Path, $"left as is: symbolic links cannot be made here (`linkctl doctor` says how to allow them); its `symlink={stub.SymlinkAttribute}` gitattribute asks for a file link, which has no fallback"));
                continue;
            }

            if (Fallback(final, context) is { } refused)
            {
                skipped.Add(new GitStubSkip(stub.Path, refused));
                continue;
            }

            actions.Add(new GitStubAction(stub.Path, stub.Text, RawPath.FromText(final.TargetFullPath!), GitStubLinkKind.Junction, identity, stub.Content.Size,
                "symbolic links cannot be made here, so it becomes a junction to its folder (as `new --fallback auto`); git shows a junction as a changed entry, not as this link"));
        }

        actions.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        skipped.Sort((a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        return new GitStubPlan(actions, already, skipped);
    }

    /// <summary>
    /// What the user is told about a <c>symlink</c> gitattribute (docs/windows-facts.md, "Git's symlink
    /// stubs": git for Windows makes the type it asks whatever the target is, and ignores other values
    /// with a warning); null when there is none.
    /// </summary>
    private static string? AttributeNote(GitSymlinkType asked, string? value, bool isDirectory, EntryFacts target) => asked switch
    {
        GitSymlinkType.File or GitSymlinkType.Directory =>
            $"a {(isDirectory ? "folder" : "file")} link, as its `symlink={value}` gitattribute asks (git for Windows makes the same)"
            + (isDirectory == target.IsDirectory || (!target.Exists && isDirectory) ? string.Empty
                : isDirectory ? "; its target is a file now, which a folder link cannot open" : "; its target is a folder now, which a file link cannot open"),
        GitSymlinkType.Invalid => $"its `symlink` gitattribute is '{value}', which git for Windows ignores with a warning (it knows file, dir and directory): the type is decided from the target",
        _ => null,
    };

    /// <summary>
    /// Git for Windows makes a symbolic link from the index's text with '/' turned into '\'
    /// (compat/mingw.c, mingw_symlink: docs/windows-facts.md, "Git's symlink stubs"); the stub holds the '/' form.
    /// </summary>
    public static byte[] WindowsText(byte[] text) => text.Select(b => b == (byte)'/' ? (byte)'\\' : b).ToArray();

    /// <summary>Null when <paramref name="link"/> is a stub; a skip with an empty reason when it is already the link; else a skip saying why.</summary>
    private static GitStubSkip? Classify(GitStubFacts link, bool windows)
    {
        var text = link.Text;
        if (text.Length == 0 || text.Contains((byte)0))
        {
            return new GitStubSkip(link.Path, "left as is: the index holds an empty link text, or one with a NUL byte, which no OS can store in a link");
        }

        var shown = RawPath.Escape(text);
        switch (link.Entry.Type)
        {
            case EntryType.None when link.Entry.Error is { } error:
                return new GitStubSkip(link.Path, $"left as is: cannot examine it ({error})");
            case EntryType.None:
                return new GitStubSkip(link.Path, "left as is: not in the work tree (deleted, or not checked out); `git checkout -- PATH` brings it back");
            case EntryType.SymbolicLink or EntryType.Junction:
                var expected = windows ? WindowsText(text) : text;
                return link.StoredText is { } stored && stored.AsSpan().SequenceEqual(expected)
                    ? new GitStubSkip(link.Path, string.Empty)
                    : new GitStubSkip(link.Path, $"left as is: already a link, but it stores {(link.StoredText is null ? "something unreadable" : RawPath.Escape(link.StoredText))}, not the index's {shown}");
            case EntryType.Directory:
                return new GitStubSkip(link.Path, $"left as is: a folder is there, not a stub holding {shown}");
            case EntryType.File:
                break;
            default:
                return new GitStubSkip(link.Path, $"left as is: {link.Entry.Type} is there, not a stub");
        }

        if (link.Content is not { } content)
        {
            return new GitStubSkip(link.Path, $"left as is: cannot read the file ({link.ReadProblem ?? "no reason given"})");
        }

        if (content.Size != (ulong)text.Length || !content.Bytes.AsSpan().SequenceEqual(text))
        {
            return new GitStubSkip(link.Path, $"left as is: an edited stub: it holds {content.Size} byte(s) that are not exactly the link text {shown} (git shows it as modified; `git diff -- PATH` shows how)", Edited: true);
        }

        if (windows && text[0] == (byte)'/')
        {
            // UNVERIFIED what git for Windows makes of it; a POSIX absolute path has no Windows meaning, so the stub stays (harmless).
            return new GitStubSkip(link.Path, $"left as is: {shown} is an absolute POSIX path, which means nothing on Windows");
        }

        return null;
    }

    /// <summary>The stub at the end of a chain of links to other stubs (Windows: file or folder is decided by the final target).</summary>
    private static GitStubFacts Final(GitStubFacts stub, Dictionary<string, GitStubFacts> stubs)
    {
        var current = stub;
        for (var i = 0; i < MaxChain && current.TargetInRoot is { } next && stubs.TryGetValue(Key(next, windows: true), out var further); i++)
        {
            current = further;
        }

        return current;
    }

    /// <summary>Null when a junction may stand in for <paramref name="final"/>'s folder link; else why the stub stays.</summary>
    private static string? Fallback(GitStubFacts final, GitStubContext context)
    {
        const string Refused = "left as is: symbolic links cannot be made here (`linkctl doctor` says how to allow them)";
        if (!final.Target.IsDirectory)
        {
            return final.Target.Exists
                ? $"{Refused}; a file link has no fallback that git would accept (a hard link or copy holds the file's content, which git shows as a modified link)"
                : $"{Refused}; its target does not exist, and a junction is made only to an existing folder";
        }

        if (context.Fallback != FallbackPolicy.Auto)
        {
            return $"{Refused}; --fallback {(context.Fallback == FallbackPolicy.None ? "none" : "copy")} rules out the junction fallback (copies are not made of git links)";
        }

        return final.TargetFullPath is null || final.TargetIsRemote || PathSyntax.Windows.IsUnc(final.TargetFullPath)
            ? $"{Refused}; its folder is on a network share, where a junction cannot point"
            : null;
    }

    private static string Key(byte[] path, bool windows)
    {
        var text = RawPath.ToText(path);
        return windows ? text.Replace('\\', '/').ToUpperInvariant() : text;
    }
}
