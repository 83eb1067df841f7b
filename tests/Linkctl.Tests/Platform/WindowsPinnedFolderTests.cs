using Linkctl.Creation;
using Linkctl.Errors;
using Linkctl.Journal;
using Linkctl.Links;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Removal;
using Linkctl.Repair;
using Linkctl.Scanning;
using Linkctl.Tests.Fixtures;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Platform;

/// <summary>
/// Windows pinned folders over the simulated Windows (issue 9, Windows half): pins by handle,
/// names opened relative to them without following links, removal and replacement by the handle of
/// the entry that was checked, and repair confined to its ROOT (the Windows mirror of
/// RepairConfinementTests). Every race is injected at an exact step, so nothing depends on timing.
/// </summary>
[Trait("Layer", "Simulated")]
public sealed class WindowsPinnedFolderTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("linkctl-pinwin-");
    private readonly SimulatedWindows windows;
    private readonly WindowsLinkSystem system;

    public WindowsPinnedFolderTests()
    {
        windows = SimulatedWindows.AdminElevated()
            .AddFile(@"C:\data\file.txt", "precious")
            .AddFile(@"C:\data\folder\inside.txt", "inside")
            .AddDirectory(@"C:\f");
        system = new WindowsLinkSystem(windows);
    }

    public void Dispose() => scratch.Dispose();

    private IPinnedFolder Pin(string path) => system.PinFolder(path).Value;

    [Fact]
    public void A_pin_reads_links_through_its_handle_and_never_follows_them()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\file-link", @"C:\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\dir-link", @"..\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateJunction(@"C:\f\junction", @"C:\data\folder"));
        using (var folder = Pin(@"C:\f"))
        {
            Assert.Equal(system.GetEntry(@"C:\f").Identity, folder.Identity);
            Assert.Equal(EntryType.SymbolicLink, folder.GetEntry("file-link").Type);
            Assert.Equal(EntryType.Junction, folder.GetEntry("junction").Type);
            Assert.Equal(@"..\data\folder", OsAssert.Link(folder.ReadLink("dir-link")).Target);
            Assert.Equal(LinkKind.Junction, OsAssert.Link(folder.ReadLink("junction")).Kind);
            Assert.Equal(system.GetEntry(@"C:\data\folder").Identity, folder.GetTargetEntry("dir-link").Identity);
            Assert.False(folder.GetEntry("missing").Exists);
            Assert.Equal(["dir-link", "file-link", "junction"], OsAssert.Succeeded(folder.ListNames()).Order(StringComparer.Ordinal));

            // Descending never goes through a link: a junction and a folder link are refused, a file link is no folder.
            Assert.Contains("does not follow links", folder.OpenFolder("junction").Problem, StringComparison.Ordinal);
            Assert.Contains("does not follow links", folder.OpenFolder("dir-link").Problem, StringComparison.Ordinal);
            Assert.Contains("does not follow links", folder.OpenFolder("file-link").Problem, StringComparison.Ordinal);
        }

        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void A_folder_swapped_after_it_was_checked_is_refused_by_identity()
    {
        windows.AddDirectory(@"C:\f\sub");
        using var root = Pin(@"C:\f");
        var checkedIdentity = root.GetEntry("sub").Identity;
        Assert.Equal(0, windows.MoveFile(@"C:\f\sub", @"C:\f\sub.moved", replaceExisting: false));
        Assert.Equal(0, windows.CreateDirectory(@"C:\f\sub"));

        var opened = root.OpenFolder("sub", checkedIdentity);
        Assert.False(opened.Succeeded);
        Assert.Contains("is not the folder that was checked", opened.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveName_removes_a_folder_link_as_an_entry_and_never_a_folder()
    {
        OsAssert.Succeeded(system.CreateJunction(@"C:\f\junction", @"C:\data\folder"));
        windows.AddDirectory(@"C:\f\real");
        using var folder = Pin(@"C:\f");

        OsAssert.Succeeded(folder.RemoveName("junction"));
        Assert.Equal(OsError.Win32(Win32ErrorNames.NotAReparsePoint), folder.RemoveName("real").Error);

        Assert.False(windows.Exists(@"C:\f\junction"));
        Assert.True(windows.Exists(@"C:\f\real"));
        Assert.Equal("inside", windows.ReadText(@"C:\data\folder\inside.txt"));
        Assert.Equal(["disposition posix"], windows.HandleCalls);
    }

    [Fact]
    public void Before_1607_the_delete_and_the_rename_fall_back_to_the_classic_forms()
    {
        windows.WithBuild(10586);
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\a", "x", isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\b", "y", isDirectory: false));
        using var folder = Pin(@"C:\f");

        OsAssert.Succeeded(folder.Rename("a", folder, "c", RenameMode.NoReplace));
        OsAssert.Succeeded(folder.RemoveName("b"));

        Assert.Equal(["rename posix", "rename", "disposition posix", "disposition"], windows.HandleCalls);
        Assert.Equal(["c"], OsAssert.Succeeded(folder.ListNames()));
    }

    [Fact]
    public void Under_wine_8_the_posix_forms_are_refused_as_seen_and_the_classic_ones_do_the_work()
    {
        var wine = SimulatedWindows.Wine().AddFile(@"C:\f\a.txt", "a");
        Assert.Equal(0, wine.CreateHardLink(@"C:\f\b.txt", @"C:\f\a.txt"));
        using var folder = new WindowsLinkSystem(wine).PinFolder(@"C:\f").Value;

        OsAssert.Succeeded(folder.Rename("b.txt", folder, "c.txt", RenameMode.NoReplace));
        OsAssert.Succeeded(folder.RemoveName("c.txt"));

        Assert.Equal(["rename posix", "rename", "disposition posix", "disposition"], wine.HandleCalls);
        Assert.Equal(["a.txt"], OsAssert.Succeeded(folder.ListNames()));
        Assert.Equal("a", wine.ReadText(@"C:\f\a.txt"));
    }

    [Fact]
    public void A_rename_by_handle_never_replaces_and_exchange_is_not_offered()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", "x", isDirectory: false));
        windows.AddFile(@"C:\f\precious", "keep");
        using var folder = Pin(@"C:\f");

        Assert.Equal(OsError.Win32(Win32ErrorNames.AlreadyExists), folder.Rename("link", folder, "precious", RenameMode.NoReplace).Error);
        Assert.Equal(OsError.Win32(Win32ErrorNames.NotSupported), folder.Rename("link", folder, "precious", RenameMode.Exchange).Error);
        Assert.Equal("keep", windows.ReadText(@"C:\f\precious"));
    }

    [Fact]
    public void A_link_made_in_a_pin_is_a_real_reparse_point_and_a_refused_one_leaves_nothing()
    {
        using (var folder = Pin(@"C:\f"))
        {
            OsAssert.Succeeded(folder.CreateSymbolicLink("rel", @"..\data\file.txt", isDirectory: false));
            OsAssert.Succeeded(((WindowsPinnedFolder)folder).CreateJunction("j", @"C:\data\folder"));
        }

        Assert.Equal(@"..\data\file.txt", OsAssert.Link(system.ReadLink(@"C:\f\rel")).Target);
        Assert.Equal("precious", windows.ReadText(@"C:\f\rel"));
        Assert.Equal("inside", windows.ReadText(@"C:\f\j\inside.txt"));

        // A standard user: NTFS refuses the symbolic-link buffer, and the empty entry made for it is deleted again.
        var user = SimulatedWindows.StandardUser().AddDirectory(@"C:\f");
        using (var folder = new WindowsLinkSystem(user).PinFolder(@"C:\f").Value)
        {
            Assert.Equal(OsError.Win32(Win32ErrorNames.PrivilegeNotHeld), folder.CreateSymbolicLink("l", "x", isDirectory: false).Error);
            Assert.Empty(OsAssert.Succeeded(folder.ListNames()));
        }
    }

    [Fact]
    public void Developer_mode_without_the_privilege_makes_the_link_by_the_pins_final_path_and_finds_it_there()
    {
        var developer = SimulatedWindows.DeveloperMode().AddDirectory(@"C:\f");
        using var folder = new WindowsLinkSystem(developer).PinFolder(@"C:\f").Value;

        OsAssert.Succeeded(folder.CreateSymbolicLink("l", @"C:\x", isDirectory: false));
        Assert.Equal(@"C:\x", OsAssert.Link(folder.ReadLink("l")).Target);
        Assert.Contains(developer.SymbolicLinkCalls, c => c.Flags.HasFlag(SymbolicLinkFlags.AllowUnprivilegedCreate) && c.Result == 0);
    }

    [Fact]
    public void Checked_removal_deletes_the_checked_link_even_when_its_name_is_taken_over_meanwhile()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", @"C:\data\file.txt", isDirectory: false));
        windows.AddFile(@"C:\f\precious", "keep");
        using var folder = Pin(@"C:\f");
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;

        // After linkctl holds and checks the link, the racer tries to swap a file in for it: the link is
        // held without FILE_SHARE_DELETE, so renaming it fails, and the delete acts on the held object.
        var racer = new List<int>();
        windows.BeforeHandleCall = call =>
        {
            if (call == nameof(IWindowsApi.SetDisposition))
            {
                racer.Add(windows.MoveFile(@"C:\f\link", @"C:\f\link.away", replaceExisting: false));
                racer.Add(windows.MoveFile(@"C:\f\precious", @"C:\f\link", replaceExisting: true));
            }
        };
        var outcome = CheckedRemoval.Remove(folder, planned);
        windows.BeforeHandleCall = null;

        Assert.True(outcome.Removed, outcome.Error?.ToString());
        Assert.Equal([Win32ErrorNames.SharingViolation, Win32ErrorNames.SharingViolation], racer);
        Assert.False(windows.Exists(@"C:\f\link"));
        Assert.Equal("keep", windows.ReadText(@"C:\f\precious"));
        Assert.Equal("precious", windows.ReadText(@"C:\data\file.txt"));
    }

    [Fact]
    public void Checked_removal_refuses_a_file_swapped_in_before_it_acts_and_moves_nothing()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", @"C:\data\file.txt", isDirectory: false));
        windows.AddFile(@"C:\f\precious", "keep");
        using var folder = Pin(@"C:\f");
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;

        // The racer swaps between the check and the act (three renames: Windows has no exchange).
        Assert.Equal(0, windows.MoveFile(@"C:\f\link", @"C:\f\tmp", replaceExisting: false));
        Assert.Equal(0, windows.MoveFile(@"C:\f\precious", @"C:\f\link", replaceExisting: false));
        Assert.Equal(0, windows.MoveFile(@"C:\f\tmp", @"C:\f\precious", replaceExisting: false));
        var outcome = CheckedRemoval.Remove(folder, planned);

        Assert.False(outcome.Removed);
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Contains("a file, not the link that was checked", outcome.Error.What, StringComparison.Ordinal);
        Assert.Equal("keep", windows.ReadText(@"C:\f\link"));
        Assert.Equal(@"C:\data\file.txt", OsAssert.Link(system.ReadLink(@"C:\f\precious")).Target);
        Assert.Equal(["link", "precious"], OsAssert.Succeeded(folder.ListNames()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_swapped_in_during_a_forced_replacement_is_left_alone_and_our_new_link_removed()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", "old", isDirectory: false));
        windows.AddFile(@"C:\f\precious", "keep");
        using var folder = Pin(@"C:\f");
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;
        var temporary = PinnedFolders.PrivateName("new");
        OsAssert.Succeeded(folder.CreateSymbolicLink(temporary, "new", isDirectory: false));
        var made = folder.GetEntry(temporary).Identity!.Value;

        Assert.Equal(0, windows.MoveFile(@"C:\f\link", @"C:\f\tmp", replaceExisting: false));
        Assert.Equal(0, windows.MoveFile(@"C:\f\precious", @"C:\f\link", replaceExisting: false));
        Assert.Equal(0, windows.MoveFile(@"C:\f\tmp", @"C:\f\precious", replaceExisting: false));
        var result = CheckedSwap.Install(folder, temporary, made, planned);

        Assert.False(result.Succeeded);
        Assert.Contains("changed after it was checked", result.Problem, StringComparison.Ordinal);
        Assert.Equal("keep", windows.ReadText(@"C:\f\link"));
        Assert.Equal("old", OsAssert.Link(system.ReadLink(@"C:\f\precious")).Target);
        Assert.Equal(["link", "precious"], OsAssert.Succeeded(folder.ListNames()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_forced_replacement_puts_the_new_link_in_place_and_leaves_no_private_name()
    {
        OsAssert.Succeeded(system.CreateJunction(@"C:\f\link", @"C:\data\folder"));
        using var folder = (WindowsPinnedFolder)Pin(@"C:\f");
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;
        var temporary = PinnedFolders.PrivateName("new");
        OsAssert.Succeeded(folder.CreateJunction(temporary, @"C:\data"));
        var made = folder.GetEntry(temporary).Identity!.Value;

        var result = CheckedSwap.Install(folder, temporary, made, planned);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal(@"C:\data", OsAssert.Link(system.ReadLink(@"C:\f\link")).Target);
        Assert.Equal(["link"], OsAssert.Succeeded(folder.ListNames()));
        Assert.Equal("inside", windows.ReadText(@"C:\data\folder\inside.txt"));
    }

    [Fact]
    public void Name_taken_between_the_two_renames_keeps_the_old_link_and_says_where()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", "old", isDirectory: false));
        using var folder = Pin(@"C:\f");
        var planned = PlannedLink.Of("link", folder.GetEntry("link"), folder.ReadLink("link").Value)!;
        var temporary = PinnedFolders.PrivateName("new");
        OsAssert.Succeeded(folder.CreateSymbolicLink(temporary, "new", isDirectory: false));
        var made = folder.GetEntry(temporary).Identity!.Value;

        // The window Windows leaves: after the old link is moved aside, someone creates the name.
        var renames = 0;
        windows.BeforeHandleCall = call =>
        {
            if (call == nameof(IWindowsApi.Rename) && ++renames == 2)
            {
                windows.AddFile(@"C:\f\link", "planted");
            }
        };
        var result = CheckedSwap.Install(folder, temporary, made, planned);
        windows.BeforeHandleCall = null;

        Assert.False(result.Succeeded);
        Assert.Contains("the old link is kept, untouched, at C:\\f\\.linkctl-tmp-old-", result.Problem, StringComparison.Ordinal);
        Assert.Equal("planted", windows.ReadText(@"C:\f\link"));
        var names = OsAssert.Succeeded(folder.ListNames());
        var aside = Assert.Single(names, n => n.StartsWith(".linkctl-tmp-old-", StringComparison.Ordinal));
        Assert.Equal("old", OsAssert.Link(folder.ReadLink(aside)).Target);
        Assert.DoesNotContain(temporary, names);
    }

    [Fact]
    public void Rm_on_windows_removes_links_by_handle_and_refuses_what_changed_since_it_looked()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\dir", @"C:\data\folder", isDirectory: true));
        OsAssert.Succeeded(system.CreateJunction(@"C:\f\junction", @"C:\data\folder"));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\link", @"C:\data\file.txt", isDirectory: false));
        windows.AddFile(@"C:\f\precious", "keep");
        var remover = new LinkRemover(windows.Platform());

        Assert.True(remover.Remove(@"C:\f\dir", dryRun: false).Removed);
        Assert.True(remover.Remove(@"C:\f\junction", dryRun: false).Removed);
        Assert.Equal("inside", windows.ReadText(@"C:\data\folder\inside.txt"));

        // The link is swapped for a file after rm inspected it and before it pinned the folder.
        windows.BeforeHandleCall = call =>
        {
            if (call == nameof(IWindowsApi.OpenFolder))
            {
                windows.BeforeHandleCall = null;
                Assert.Equal(0, windows.MoveFile(@"C:\f\link", @"C:\f\tmp", replaceExisting: false));
                Assert.Equal(0, windows.MoveFile(@"C:\f\precious", @"C:\f\link", replaceExisting: false));
            }
        };
        var outcome = remover.Remove(@"C:\f\link", dryRun: false);

        Assert.False(outcome.Removed);
        Assert.Equal(FailureKind.Conflict, outcome.Error!.Kind);
        Assert.Equal("keep", windows.ReadText(@"C:\f\link"));
        Assert.Equal(@"C:\data\file.txt", OsAssert.Link(system.ReadLink(@"C:\f\tmp")).Target);
        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void Rm_refuses_a_plain_folder_and_a_file_with_one_name()
    {
        windows.AddDirectory(@"C:\f\real");
        windows.AddFile(@"C:\f\one.txt", "data");
        var remover = new LinkRemover(windows.Platform());

        Assert.Equal(FailureKind.Conflict, remover.Remove(@"C:\f\real", dryRun: false).Error!.Kind);
        Assert.Equal(FailureKind.Conflict, remover.Remove(@"C:\f\one.txt", dryRun: false).Error!.Kind);
        Assert.True(windows.Exists(@"C:\f\real"));
        Assert.Equal("data", windows.ReadText(@"C:\f\one.txt"));
    }

    // The Windows mirror of RepairConfinementTests: ROOT\user\link and, outside ROOT, a folder holding
    // a link with the same name and stored target; the user's folder is swapped for a junction or a
    // folder symbolic link out of ROOT between plan and apply.
    private const string Root = @"C:\root";
    private const string Outside = @"C:\outside";

    private RepairRunner Runner => new(windows.Platform(@"C:\"), new UndoJournal(scratch.PathOf("journal.jsonl")));

    private void Layout(string stored)
    {
        windows.AddDirectory(@"C:\root\user").AddDirectory(Outside);
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\root\user\link", stored, isDirectory: false));
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\outside\link", stored, isDirectory: false));
    }

    private void SwapUserFolderFor(string how)
    {
        Assert.Equal(0, windows.MoveFile(@"C:\root\user", @"C:\root\user.moved", replaceExisting: false));
        OsAssert.Succeeded(how == "junction"
            ? system.CreateJunction(@"C:\root\user", Outside)
            : system.CreateSymbolicLink(@"C:\root\user", Outside, isDirectory: true));
    }

    private void AssertOutsideUntouched(string stored)
    {
        Assert.Equal(stored, OsAssert.Link(system.ReadLink(@"C:\outside\link")).Target);
        using var outside = Pin(Outside);
        Assert.Equal(["link"], OsAssert.Succeeded(outside.ListNames()));
    }

    [Theory]
    [InlineData("junction")]
    [InlineData("symlink")]
    public void Prune_does_not_follow_a_folder_swapped_for_a_link_out_of_the_root(string how)
    {
        Layout("missing.txt");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = Root, PruneBroken = true }, null, out _);
        Assert.Single(plan);

        SwapUserFolderFor(how);
        var outcome = Assert.Single(runner.Apply(plan, Root));

        Assert.False(outcome.Applied);
        Assert.Contains("without following a link", outcome.Problem, StringComparison.Ordinal);
        AssertOutsideUntouched("missing.txt");
    }

    [Theory]
    [InlineData("junction")]
    [InlineData("symlink")]
    public void Retarget_does_not_follow_a_folder_swapped_for_a_link_out_of_the_root(string how)
    {
        Layout(@"C:\old\f");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = Root, RetargetFrom = @"C:\old", RetargetTo = @"C:\new", AllowMissing = true }, null, out _);
        Assert.Single(plan);

        SwapUserFolderFor(how);
        var outcome = Assert.Single(runner.Apply(plan, Root));

        Assert.False(outcome.Applied);
        Assert.Contains("without following a link", outcome.Problem, StringComparison.Ordinal);
        AssertOutsideUntouched(@"C:\old\f");
    }

    [Fact]
    public void Retarget_inside_the_root_replaces_the_link_by_handle_and_leaves_no_private_name()
    {
        Layout(@"C:\old\f");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = Root, RetargetFrom = @"C:\old", RetargetTo = @"C:\new", AllowMissing = true }, null, out _);

        var outcome = Assert.Single(runner.Apply(plan, Root));

        Assert.True(outcome.Applied, outcome.Problem);
        Assert.Equal(@"C:\new\f", OsAssert.Link(system.ReadLink(@"C:\root\user\link")).Target);
        using var user = Pin(@"C:\root\user");
        Assert.Equal(["link"], OsAssert.Succeeded(user.ListNames()));
        Assert.Contains("rename posix", windows.HandleCalls);
    }

    [Fact]
    public void Prune_leaves_a_link_that_works_again_by_apply_time()
    {
        Layout("target.txt");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = Root, PruneBroken = true }, null, out _);
        Assert.Single(plan);

        windows.AddFile(@"C:\root\user\target.txt", "back");
        var outcome = Assert.Single(runner.Apply(plan, Root));

        Assert.False(outcome.Applied);
        Assert.Contains("works again", outcome.Problem, StringComparison.Ordinal);
        Assert.True(windows.Exists(@"C:\root\user\link"));
    }

    [Fact]
    public void Undo_acts_through_the_pinned_root_too()
    {
        Layout("missing.txt");
        var runner = Runner;
        var plan = runner.Plan(new RepairRequest { Root = Root, PruneBroken = true }, null, out _);
        Assert.True(Assert.Single(runner.Apply(plan, Root)).Applied);
        Assert.False(windows.Exists(@"C:\root\user\link"));

        var undone = Assert.Single(runner.UndoLast(dryRun: false));

        Assert.True(undone.Applied, undone.Problem);
        Assert.Equal("missing.txt", OsAssert.Link(system.ReadLink(@"C:\root\user\link")).Target);
    }

    [Fact]
    public void ReadFile_reads_a_regular_file_on_one_handle_and_refuses_links_and_folders()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\file-link", @"C:\data\file.txt", isDirectory: false));
        OsAssert.Succeeded(system.CreateJunction(@"C:\f\junction", @"C:\data\folder"));
        windows.AddFile(@"C:\f\plain.txt", "0123456789");
        using (var folder = Pin(@"C:\f"))
        {
            var whole = OsAssert.Succeeded(folder.ReadFile("plain.txt", 100));
            Assert.Equal(("0123456789", 10UL, false), (System.Text.Encoding.UTF8.GetString(whole.Bytes), whole.Size, whole.Truncated));
            Assert.Equal(folder.GetEntry("plain.txt").Identity, whole.Identity);
            var part = OsAssert.Succeeded(folder.ReadFile("plain.txt", 4));
            Assert.Equal(("0123", true), (System.Text.Encoding.UTF8.GetString(part.Bytes), part.Truncated));

            // A file link is opened itself (FILE_OPEN_REPARSE_POINT) and refused by its tag, never read through.
            Assert.Contains("not a regular file", folder.ReadFile("file-link", 100).Problem, StringComparison.Ordinal);
            Assert.Contains("SYMLINK", folder.ReadFile("file-link", 100).Problem, StringComparison.Ordinal);

            // FILE_NON_DIRECTORY_FILE: a junction or folder is refused at the open (STATUS_FILE_IS_A_DIRECTORY: ERROR_ACCESS_DENIED).
            Assert.Equal(Win32ErrorNames.AccessDenied, folder.ReadFile("junction", 100).Error?.Code);
            Assert.Equal(Win32ErrorNames.FileNotFound, folder.ReadFile("nonexistent", 100).Error?.Code);
        }

        Assert.Equal(0, windows.OpenHandleCount);
    }

    [Fact]
    public void CreateFile_never_overwrites_nor_writes_through_a_link_and_removes_what_it_made_when_writing_fails()
    {
        OsAssert.Succeeded(system.CreateSymbolicLink(@"C:\f\file-link", @"C:\data\file.txt", isDirectory: false));
        using (var folder = Pin(@"C:\f"))
        {
            OsAssert.Succeeded(folder.CreateFile("new.txt", "fresh"u8));
            Assert.Equal("fresh", windows.ReadText(@"C:\f\new.txt"));
            Assert.Contains("flush", windows.HandleCalls);

            // FILE_CREATE: an existing name, a link included, is ERROR_ALREADY_EXISTS, and nothing is written anywhere.
            Assert.Equal(Win32ErrorNames.AlreadyExists, folder.CreateFile("new.txt", "other"u8).Error?.Code);
            Assert.Equal(Win32ErrorNames.AlreadyExists, folder.CreateFile("file-link", "other"u8).Error?.Code);
            Assert.Equal("fresh", windows.ReadText(@"C:\f\new.txt"));
            Assert.Equal("precious", windows.ReadText(@"C:\data\file.txt"));

            // A full disk: the half-made file is deleted again by its own handle.
            windows.WriteFault = () => Win32ErrorNames.DiskFull;
            Assert.Equal(Win32ErrorNames.DiskFull, folder.CreateFile("full.txt", "x"u8).Error?.Code);
            windows.WriteFault = null;
            Assert.False(folder.GetEntry("full.txt").Exists);
        }

        Assert.Equal(0, windows.OpenHandleCount);
    }
}
