using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Linkctl.Tests.Simulation;
using Xunit;

namespace Linkctl.Tests.Platform;

/// <summary>
/// One suite over every <see cref="IWindowsApi"/> this machine can run, as dotnet/runtime's
/// BaseSymbolicLinks tests run one suite over several implementations: the simulated Windows
/// everywhere, and the real <see cref="WindowsApi"/> on Windows (the windows-latest job of
/// .github/workflows/ci.yml), so each run there checks the simulation against real Windows.
/// The facts asserted are the documented ones (docs/windows-facts.md): ERROR_FILE_NOT_FOUND 2,
/// ERROR_ALREADY_EXISTS 183, IO_REPARSE_TAG_SYMLINK 0xA000000C, RemoveDirectoryW on a folder
/// symbolic link removes the link and not its target (Learn: "Symbolic Link Effects on File
/// Systems Functions", RemoveDirectory).
/// </summary>
[Trait("Layer", "Simulated")]
[Trait("Contract", "IWindowsApi")]
public sealed class WindowsApiContractTests
{
    private const int ErrorFileNotFound = 2;
    private const int ErrorAlreadyExists = 183;
    private const uint SymlinkTag = 0xA000000C;

    /// <summary>The implementations to check here: "windows" only where Windows runs.</summary>
    public static TheoryData<string> Implementations() => new(Names());

    private static List<string> Names() => OperatingSystem.IsWindows() ? ["simulated", "windows"] : ["simulated"];

    /// <summary>
    /// The windows-latest job sets LINKCTL_REQUIRE_REAL_WINDOWS_API=1: there the real API must be
    /// among the implementations, so a filter or platform mistake cannot turn the check into a no-op.
    /// </summary>
    [Fact]
    public void The_real_api_is_checked_where_the_workflow_requires_it()
    {
        var required = Environment.GetEnvironmentVariable("LINKCTL_REQUIRE_REAL_WINDOWS_API") == "1";
        var names = Names();
        Assert.Contains("simulated", names);
        Assert.Equal(required || OperatingSystem.IsWindows(), names.Contains("windows"));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_new_folder_is_a_folder_and_not_a_reparse_point(string implementation)
    {
        using var scratch = Scratch.For(implementation);
        var folder = scratch.Path("d");
        Assert.Equal(0, scratch.Api.CreateDirectory(folder));
        Assert.Equal(0, scratch.Api.GetAttributes(folder, out var attributes, out _));
        Assert.True(attributes.HasFlag(FileAttributes.Directory), $"{implementation}: {attributes}");
        Assert.False(attributes.HasFlag(FileAttributes.ReparsePoint), $"{implementation}: {attributes}");
        Assert.Equal(ErrorAlreadyExists, scratch.Api.CreateDirectory(folder));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_missing_name_in_an_existing_folder_is_error_2(string implementation)
    {
        using var scratch = Scratch.For(implementation);
        Assert.Equal(ErrorFileNotFound, scratch.Api.GetAttributes(scratch.Path("missing"), out _, out _));
        Assert.Equal(ErrorFileNotFound, scratch.Api.DeleteFile(scratch.Path("missing")));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_relative_folder_symbolic_link_reads_back_as_written_and_RemoveDirectory_leaves_the_target(string implementation)
    {
        using var scratch = Scratch.For(implementation);
        var target = scratch.Path("d");
        var link = scratch.Path("l");
        Assert.Equal(0, scratch.Api.CreateDirectory(target));
        Assert.Equal(0, scratch.Api.CreateSymbolicLink(link, "d", SymbolicLinkFlags.Directory | SymbolicLinkFlags.AllowUnprivilegedCreate));

        Assert.Equal(0, scratch.Api.GetAttributes(link, out var attributes, out var tag));
        Assert.True(attributes.HasFlag(FileAttributes.ReparsePoint | FileAttributes.Directory), $"{implementation}: {attributes}");
        Assert.Equal(SymlinkTag, tag);

        Assert.Equal(0, scratch.Api.GetReparseData(link, out var buffer));
        var decoded = ReparseBufferCodec.Decode(buffer);
        var point = Assert.IsType<SymbolicLinkReparsePoint>(decoded.Point);
        Assert.True(point.IsRelative);
        Assert.Equal("d", point.SubstituteName);

        Assert.Equal(0, scratch.Api.RemoveDirectory(link));
        Assert.Equal(ErrorFileNotFound, scratch.Api.GetAttributes(link, out _, out _));
        Assert.Equal(0, scratch.Api.GetAttributes(target, out var left, out _));
        Assert.True(left.HasFlag(FileAttributes.Directory));
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void A_name_opened_relative_to_a_folder_handle_is_the_link_itself_not_what_it_leads_to(string implementation)
    {
        using var scratch = Scratch.For(implementation);
        Assert.Equal(0, scratch.Api.CreateDirectory(scratch.Path("d")));
        Assert.Equal(0, scratch.Api.CreateSymbolicLink(scratch.Path("l"), "d", SymbolicLinkFlags.Directory | SymbolicLinkFlags.AllowUnprivilegedCreate));
        using var folder = Opened(scratch.Api.OpenFolder(scratch.Root), implementation);

        using (var link = Opened(scratch.Api.OpenRelative(folder, "l", new WindowsOpenRequest(WindowsAccess.ReadAttributes)), implementation))
        {
            var tag = scratch.Api.GetAttributeTag(link);
            Assert.True(tag.Succeeded, $"{implementation}: {tag}");
            Assert.Equal(SymlinkTag, tag.Value.ReparseTag);
            Assert.True(scratch.Api.GetReparseData(link).Succeeded, implementation);
        }

        using var followed = Opened(scratch.Api.OpenRelative(folder, "l", new WindowsOpenRequest(WindowsAccess.ReadAttributes, FollowLinks: true)), implementation);
        using var target = Opened(scratch.Api.OpenRelative(folder, "d", new WindowsOpenRequest(WindowsAccess.ReadAttributes)), implementation);
        Assert.Equal(scratch.Api.GetFileId(target).Value, scratch.Api.GetFileId(followed).Value);
        Assert.Equal(ErrorFileNotFound, scratch.Api.OpenRelative(folder, "missing", new WindowsOpenRequest(WindowsAccess.ReadAttributes)).Error!.Code);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Delete_and_rename_by_handle_act_on_the_held_entry_and_never_replace(string implementation)
    {
        using var scratch = Scratch.For(implementation);
        Assert.Equal(0, scratch.Api.CreateDirectory(scratch.Path("d")));
        Assert.Equal(0, scratch.Api.CreateSymbolicLink(scratch.Path("l"), "d", SymbolicLinkFlags.Directory | SymbolicLinkFlags.AllowUnprivilegedCreate));
        Assert.Equal(0, scratch.Api.CreateDirectory(scratch.Path("taken")));
        using var folder = Opened(scratch.Api.OpenFolder(scratch.Root), implementation);

        using (var link = Opened(scratch.Api.OpenRelative(folder, "l", new WindowsOpenRequest(WindowsAccess.ReadAttributes | WindowsAccess.Delete, ShareDelete: false)), implementation))
        {
            Assert.Equal(ErrorAlreadyExists, scratch.Api.Rename(link, folder, "taken", replaceIfExists: false, posixSemantics: true).Error!.Code);
            var renamed = scratch.Api.Rename(link, folder, "l2", replaceIfExists: false, posixSemantics: true);
            Assert.True(renamed.Succeeded, $"{implementation}: {renamed}");
            var deleted = scratch.Api.SetDisposition(link, posixSemantics: true);
            Assert.True(deleted.Succeeded, $"{implementation}: {deleted}");
        }

        Assert.Equal(ErrorFileNotFound, scratch.Api.GetAttributes(scratch.Path("l2"), out _, out _));
        Assert.Equal(ErrorFileNotFound, scratch.Api.GetAttributes(scratch.Path("l"), out _, out _));
        Assert.Equal(0, scratch.Api.GetAttributes(scratch.Path("d"), out var left, out _));
        Assert.True(left.HasFlag(FileAttributes.Directory));
        Assert.Equal(["d", "taken"], scratch.Api.ListNames(folder).Value.Order(StringComparer.OrdinalIgnoreCase));
    }

    private static IWindowsHandle Opened(Linkctl.Errors.OsResult<IWindowsHandle> opened, string implementation)
    {
        Assert.True(opened.Succeeded, $"{implementation}: {opened.Error}");
        return opened.Value;
    }

    /// <summary>A fresh empty folder on the implementation under test, removed afterwards on real Windows.</summary>
    private sealed class Scratch : IDisposable
    {
        private readonly string root;
        private readonly bool real;

        private Scratch(IWindowsApi api, string root, bool real)
        {
            Api = api;
            this.root = root;
            this.real = real;
        }

        public IWindowsApi Api { get; }

        public static Scratch For(string implementation)
        {
            if (implementation == "simulated")
            {
                return new Scratch(SimulatedWindows.AdminElevated().AddDirectory(@"C:\contract"), @"C:\contract", real: false);
            }

            if (!OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the real WindowsApi runs on Windows only");
            }

            // The runner's own temporary folder: no machine path is written into the test.
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"linkctl-contract-{Guid.NewGuid():N}");
            Directory.CreateDirectory(root);
            return new Scratch(new WindowsApi(), root, real: true);
        }

        public string Root => root;

        public string Path(string name) => root + @"\" + name;

        public void Dispose()
        {
            if (real)
            {
                // Directory.Delete removes links without following them (dotnet/runtime).
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
