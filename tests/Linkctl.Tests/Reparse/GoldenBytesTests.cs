using System.Text;
using Linkctl.Reparse;
using Xunit;

namespace Linkctl.Tests.Reparse;

/// <summary>
/// Byte-for-byte layouts written out from docs/windows-facts.md (REPARSE_DATA_BUFFER table), not
/// from the codec: if the codec and the spec disagree, these fail.
/// </summary>
[Trait("Layer", "Pure")]
public class GoldenBytesTests
{
    private static byte[] Hex(params string[] parts) => Convert.FromHexString(string.Concat(parts).Replace(" ", "", StringComparison.Ordinal));

    // Relative symlink "..\a.txt": 8 chars = 16 bytes per name; data = 12 + 32 = 44 (0x2C).
    private static readonly byte[] RelativeSymlink = Hex(
        "0C0000A0", "2C00", "0000",                       // tag SYMLINK, ReparseDataLength 44, Reserved
        "1000 1000", "0000 1000",                          // Substitute off 16 len 16, Print off 0 len 16
        "01000000",                                        // SYMLINK_FLAG_RELATIVE
        "2E002E005C0061002E00740078007400",                // PrintName  ..\a.txt (first, no NUL)
        "2E002E005C0061002E00740078007400");               // SubstituteName ..\a.txt

    // Absolute symlink "C:\d\f.txt": print 10 chars (20 = 0x14), substitute \??\C:\d\f.txt 14 chars (28 = 0x1C).
    private static readonly byte[] AbsoluteSymlink = Hex(
        "0C0000A0", "3C00", "0000",                       // data = 12 + 48 = 60
        "1400 1C00", "0000 1400",                          // Substitute after Print
        "00000000",                                        // absolute: no flags
        "43003A005C0064005C0066002E00740078007400",        // C:\d\f.txt
        "5C003F003F005C0043003A005C0064005C0066002E00740078007400"); // \??\C:\d\f.txt

    // UNC symlink "\\s\x": print \\s\x (5 chars, 10), substitute \??\UNC\s\x (11 chars, 22 = 0x16).
    private static readonly byte[] UncSymlink = Hex(
        "0C0000A0", "2C00", "0000",                       // data = 12 + 32 = 44
        "0A00 1600", "0000 0A00",
        "00000000",
        "5C005C0073005C007800",
        "5C003F003F005C0055004E0043005C0073005C007800");

    // Junction "C:\d": substitute \??\C:\d (8 chars, 16 = 0x10) + NUL, print C:\d (4 chars, 8) + NUL.
    private static readonly byte[] Junction = Hex(
        "030000A0", "2400", "0000",                       // tag MOUNT_POINT, data = 8 + 28 = 36
        "0000 1000", "1200 0800",                          // Substitute off 0 len 16, Print off 18 len 8
        "5C003F003F005C0043003A005C006400", "0000",        // \??\C:\d, NUL
        "43003A005C006400", "0000");                       // C:\d, NUL

    // Drive-root junction "C:\": the trailing backslash must survive.
    private static readonly byte[] DriveRootJunction = Hex(
        "030000A0", "2000", "0000",                       // data = 8 + 24 = 32
        "0000 0E00", "1000 0600",
        "5C003F003F005C0043003A005C00", "0000",
        "43003A005C00", "0000");

    // WSL symlink to "d/f.txt", exactly as ntfs-3g (special_files=wsl) wrote it for `ln -s d/f.txt`.
    private static readonly byte[] LxSymlink = Hex(
        "1D0000A0", "0B00", "0000",                       // tag LX_SYMLINK, data = 4 + 7
        "02000000",                                        // version 2
        "642F662E747874");                                 // UTF-8, no NUL

    [Fact]
    public void Relative_symlink_matches_the_spec_layout()
    {
        Assert.Equal(RelativeSymlink, ReparseBufferCodec.EncodeSymbolicLink(@"..\a.txt"));
        Assert.Equal(new SymbolicLinkReparsePoint(@"..\a.txt", @"..\a.txt", true), ReparseBufferCodec.Decode(RelativeSymlink).Point);
    }

    [Fact]
    public void Absolute_symlink_matches_the_spec_layout()
    {
        Assert.Equal(AbsoluteSymlink, ReparseBufferCodec.EncodeSymbolicLink(@"C:\d\f.txt"));
        var link = Assert.IsType<SymbolicLinkReparsePoint>(ReparseBufferCodec.Decode(AbsoluteSymlink).Point);
        Assert.Equal(new SymbolicLinkReparsePoint(@"\??\C:\d\f.txt", @"C:\d\f.txt", false), link);
        Assert.Equal(@"C:\d\f.txt", link.Target);
    }

    [Fact]
    public void Unc_symlink_matches_the_spec_layout()
    {
        Assert.Equal(UncSymlink, ReparseBufferCodec.EncodeSymbolicLink(@"\\s\x"));
        var link = Assert.IsType<SymbolicLinkReparsePoint>(ReparseBufferCodec.Decode(UncSymlink).Point);
        Assert.Equal(@"\??\UNC\s\x", link.SubstituteName);
        Assert.Equal(@"\\s\x", link.Target);
    }

    [Fact]
    public void Junction_matches_the_spec_layout()
    {
        Assert.Equal(Junction, ReparseBufferCodec.EncodeMountPoint(@"C:\d"));
        Assert.Equal(new MountPointReparsePoint(@"\??\C:\d", @"C:\d"), ReparseBufferCodec.Decode(Junction).Point);
    }

    [Fact]
    public void Drive_root_junction_keeps_its_trailing_backslash()
    {
        Assert.Equal(DriveRootJunction, ReparseBufferCodec.EncodeMountPoint(@"C:\"));
        var junction = Assert.IsType<MountPointReparsePoint>(ReparseBufferCodec.Decode(DriveRootJunction).Point);
        Assert.Equal(@"C:\", junction.Target);
    }

    [Fact]
    public void Wsl_symlink_matches_what_ntfs_3g_writes()
    {
        Assert.Equal(LxSymlink, ReparseBufferCodec.EncodeLxSymlink("d/f.txt"));
        Assert.Equal(new LxSymlinkReparsePoint(2, "d/f.txt"), ReparseBufferCodec.Decode(LxSymlink).Point);
    }

    [Fact]
    public void Python_app_execution_alias_matches_the_windowsapps_layout()
    {
        // %LOCALAPPDATA%\Microsoft\WindowsApps\python.exe as App Installer ships it.
        const string package = "Microsoft.DesktopAppInstaller_8wekyb3d8bbwe";
        const string app = "Microsoft.DesktopAppInstaller_8wekyb3d8bbwe!PythonRedirector";
        const string exe = @"C:\Program Files\WindowsApps\Microsoft.DesktopAppInstaller_1.21.3482.0_x64__8wekyb3d8bbwe\AppInstallerPythonRedirector.exe";

        var strings = new List<byte>();
        foreach (var s in new[] { package, app, exe, "0" })
        {
            strings.AddRange(Encoding.Unicode.GetBytes(s));
            strings.AddRange(new byte[] { 0, 0 });
        }

        int dataLength = 4 + strings.Count;
        Assert.Equal(4 + ((43 + 1 + 60 + 1 + 122 + 1 + 1 + 1) * 2), dataLength);
        var expected = new List<byte> { 0x1B, 0x00, 0x00, 0x80, (byte)dataLength, (byte)(dataLength >> 8), 0, 0, 3, 0, 0, 0 };
        expected.AddRange(strings);

        Assert.Equal(expected.ToArray(), ReparseBufferCodec.EncodeAppExecLink(package, app, exe, "0"));
        Assert.Equal(
            new AppExecLinkReparsePoint(3, package, app, exe, "0"),
            ReparseBufferCodec.Decode(expected.ToArray()).Point);
    }

    [Fact]
    public void Names_written_the_other_way_round_are_found_through_their_offsets()
    {
        // Other tools put SubstituteName first and count a NUL into the length; readers must follow offsets.
        var buffer = Hex(
            "0C0000A0", "2400", "0000",
            "0000 0C00", "0C00 0C00",                      // Substitute off 0 len 12 (incl. NUL), Print off 12 len 12 (incl. NUL)
            "00000000",
            "5C003F003F005C0078000000",                    // \??\x + NUL
            "5C003F003F005C0078000000");
        var link = Assert.IsType<SymbolicLinkReparsePoint>(ReparseBufferCodec.Decode(buffer).Point);
        Assert.Equal(@"\??\x", link.SubstituteName);
    }
}
