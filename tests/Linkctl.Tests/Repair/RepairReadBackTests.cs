using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Platform;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Xunit;

namespace Linkctl.Tests.Repair;

/// <summary>
/// repair's read-back checks where the link now leads, not only its text (issue 10): a folder on
/// the way re-pointed right after the new link is put in place (injected through the editor's pin
/// seam) makes the change fail, and the old link is put back.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RepairReadBackTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string P(string relative) => scratch.PathOf(relative);

    [RequiresFact("linux")]
    public void A_link_that_stores_its_new_text_but_leads_elsewhere_is_put_back()
    {
        Directory.CreateDirectory(P("a"));
        Directory.CreateDirectory(P("b"));
        Directory.CreateDirectory(P("links"));
        File.WriteAllText(P("a/file"), "a");
        File.WriteAllText(P("b/file"), "b");
        File.WriteAllText(P("old"), "old");
        File.CreateSymbolicLink(P("cur"), "a");
        File.CreateSymbolicLink(P("links/l"), "../old");

        var raced = false;
        void Race()
        {
            // Another process re-points cur at b once the new link is in place.
            raced = true;
            File.Delete(P("cur"));
            File.CreateSymbolicLink(P("cur"), "b");
        }

        var editor = new LinkEditor(LinkPlatform.ForCurrentOS(), pin => new AfterRenameTo(pin, "l", Race));
        var result = editor.Replace(RawPath.FromOsText(P("links/l")), "../old"u8.ToArray(), "../cur/file"u8.ToArray(), _ => OsResult.Success);

        Assert.True(raced);
        Assert.False(result.Succeeded);
        Assert.Contains("put back", result.Problem, StringComparison.Ordinal);
        Assert.Equal("../old", new FileInfo(P("links/l")).LinkTarget);

        // Without the race the same change is made and read back.
        var plain = new LinkEditor(LinkPlatform.ForCurrentOS());
        var made = plain.Replace(RawPath.FromOsText(P("links/l")), "../old"u8.ToArray(), "../cur/file"u8.ToArray(), _ => OsResult.Success);
        Assert.True(made.Succeeded, made.Problem);
        Assert.Equal("b", File.ReadAllText(P("links/l")));
    }

    [RequiresFact("linux")]
    public void A_change_that_fails_half_way_stays_in_the_journal_and_undo_reverses_it()
    {
        // The new link is in place, its read-back finds it leads elsewhere, and the way back is
        // refused (the file system went read-only): the link stores the new text although the
        // change failed. It must not be marked "not made", or undo would leave it changed.
        Directory.CreateDirectory(P("a"));
        Directory.CreateDirectory(P("b"));
        Directory.CreateDirectory(P("links"));
        File.WriteAllText(P("a/file"), "a");
        File.WriteAllText(P("b/file"), "b");
        File.CreateSymbolicLink(P("cur"), "a");
        File.CreateSymbolicLink(P("links/l"), P("gone/file"));
        var journal = new UndoJournal(P("journal.jsonl"));
        void Race()
        {
            File.Delete(P("cur"));
            File.CreateSymbolicLink(P("cur"), "b");
        }

        var platform = LinkPlatform.ForCurrentOS();
        var failing = new RepairRunner(platform, journal, new LinkEditor(platform, pin => new AfterRenameTo(pin, "l", Race, readOnlyAfter: true)));
        var plan = failing.Plan(new RepairRequest { Root = P("links"), RetargetFrom = P("gone"), RetargetTo = P("cur"), AllowMissing = true }, null, out _, out _);
        var outcome = Assert.Single(failing.Apply(plan));

        Assert.False(outcome.Applied);
        Assert.Equal(P("cur/file"), new FileInfo(P("links/l")).LinkTarget);

        var undone = new RepairRunner(platform, journal).UndoLast(dryRun: false);

        Assert.All(undone, o => Assert.True(o.Applied, o.Problem));
        Assert.Equal(P("gone/file"), new FileInfo(P("links/l")).LinkTarget);
    }

    /// <summary>
    /// A pin that runs <paramref name="race"/> once, right after the first rename onto
    /// <paramref name="name"/>; with <paramref name="readOnlyAfter"/>, every change after that
    /// fails with EROFS, as on a file system remounted read-only.
    /// </summary>
    private sealed class AfterRenameTo(IPinnedFolder inner, string name, Action race, bool readOnlyAfter = false) : IPinnedFolder
    {
        private static readonly OsResult ReadOnly = OsResult.Failed(OsError.Errno(30));

        private bool done;

        private bool Refused => readOnlyAfter && done;

        public string Path => inner.Path;

        public FileIdentity Identity => inner.Identity;

        public string PathOf(string entry) => inner.PathOf(entry);

        public EntryFacts GetEntry(string entry) => inner.GetEntry(entry);

        public EntryFacts GetTargetEntry(string entry) => inner.GetTargetEntry(entry);

        public StepResult<StoredLink> ReadLink(string entry) => inner.ReadLink(entry);

        public OsResult CreateSymbolicLink(string entry, string target, bool isDirectory) => Refused ? ReadOnly : inner.CreateSymbolicLink(entry, target, isDirectory);

        public OsResult CreateHardLink(string entry, IPinnedFolder sourceFolder, string sourceName) => Refused ? ReadOnly : inner.CreateHardLink(entry, Unwrap(sourceFolder), sourceName);

        public OsResult RemoveName(string entry) => Refused ? ReadOnly : inner.RemoveName(entry);

        public OsResult Rename(string entry, IPinnedFolder destination, string destinationName, RenameMode mode)
        {
            if (Refused)
            {
                return ReadOnly;
            }

            var result = inner.Rename(entry, Unwrap(destination), destinationName, mode);
            if (!done && destinationName == name)
            {
                done = true;
                race();
            }

            return result;
        }

        public OsResult<IReadOnlyList<string>> ListNames() => inner.ListNames();

        public StepResult<Microsoft.Win32.SafeHandles.SafeFileHandle> OpenFileForReading(string name, FileIdentity? expected = null) => inner.OpenFileForReading(name, expected);

        public OsResult<Microsoft.Win32.SafeHandles.SafeFileHandle> CreateFile(string name, uint mode) => inner.CreateFile(name, mode);

        public OsResult CreateFolder(string name, uint mode) => inner.CreateFolder(name, mode);

        public OsResult SetFolderMode(string name, uint mode) => inner.SetFolderMode(name, mode);

        public OsResult SetOwner(string name, uint owner, uint group) => inner.SetOwner(name, owner, group);

        public OsResult SetTimes(string name, EntryTimes times) => inner.SetTimes(name, times);

        public StepResult<IPinnedFolder> OpenFolder(string entry, FileIdentity? expected = null) => inner.OpenFolder(entry, expected);

        public void Dispose() => inner.Dispose();

        private IPinnedFolder Unwrap(IPinnedFolder folder) => ReferenceEquals(folder, this) ? inner : folder;
    }
}
