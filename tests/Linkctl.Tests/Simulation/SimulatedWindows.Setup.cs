using System.Text;
using Linkctl.Audit;
using Linkctl.Platform;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;
using Linkctl.Security;

namespace Linkctl.Tests.Simulation;

// Presets and scenario set-up. Set-up writes straight into the model, bypassing the rules
// the API enforces, the way other software (an installer, WSL, the Store) would have left the disk.
internal sealed partial class SimulatedWindows
{
    public const uint SystemDriveSerial = 0x5E1A_C0DE;

    /// <summary>A standard user on Windows 10 22H2 with C: on NTFS; Developer Mode off.</summary>
    public static SimulatedWindows StandardUser() => OnSystemDrive(SimulatedToken.StandardUser);

    /// <summary>An administrator running unelevated: the filtered token lacks the privilege.</summary>
    public static SimulatedWindows AdminUnelevated() => OnSystemDrive(SimulatedToken.AdminUnelevated);

    public static SimulatedWindows AdminElevated() => OnSystemDrive(SimulatedToken.AdminElevated);

    /// <summary>A standard user with Developer Mode on.</summary>
    public static SimulatedWindows DeveloperMode() => StandardUser().WithDeveloperMode();

    /// <summary>An elevated administrator on Windows 10 1607 (build 14393), before the unprivileged flag existed.</summary>
    public static SimulatedWindows OldBuild() => AdminElevated().WithBuild(14393);

    /// <summary>
    /// Wine 8 as seen on Debian: elevated token without the privilege, C: reported as NTFS
    /// without FILE_SUPPORTS_REPARSE_POINTS, symlink creation a no-op that returns TRUE.
    /// </summary>
    public static SimulatedWindows Wine()
    {
        var wine = new SimulatedWindows(new SimulatedToken("wine", true, TokenElevationType.Full, false)) { WineMode = true };
        return wine.WithVolume(SimulatedVolume.Ntfs('C', SystemDriveSerial) with
        {
            FileSystemFlags = SimulatedVolume.NtfsFlags & ~WindowsVolumeInformation.FileSupportsReparsePoints,
        });
    }

    /// <summary>
    /// The platform bundle over this simulated Windows, as <see cref="LinkPlatform.ForCurrentOS"/>
    /// builds it on a real one: every feature under test takes this.
    /// </summary>
    public LinkPlatform Platform(string currentDirectory = @"C:\", IAccountRights? rights = null, IFileSecuritySource? security = null) =>
        LinkPlatform.ForWindows(Sources(rights, security), currentDirectory);

    /// <summary>This simulation's Windows sources (Win32 calls, registry, token), with the LSA and DACL readers given.</summary>
    public WindowsSources Sources(IAccountRights? rights = null, IFileSecuritySource? security = null) =>
        new(this, Registry, TokenReader) { Rights = rights, Security = security };

    public SimulatedWindows WithVolume(SimulatedVolume volume)
    {
        if (_volumes.Any(v => (volume.DriveLetter is not null && v.Facts.DriveLetter == volume.DriveLetter)
            || (volume.UncRoot is not null && string.Equals(v.Facts.UncRoot, volume.UncRoot, StringComparison.OrdinalIgnoreCase))))
        {
            throw new InvalidOperationException($"a volume at {volume.VolumePath} exists already");
        }

        _volumes.Add(new MountedVolume(volume) { Root = NewDirectory() });
        return this;
    }

    public SimulatedWindows WithBuild(int build)
    {
        OsBuild = build;
        return this;
    }

    public SimulatedWindows WithDeveloperMode(bool on = true)
    {
        DeveloperModeEnabled = on;
        return this;
    }

    public SimulatedWindows WithSymlinkEvaluation(SymlinkEvaluation evaluation)
    {
        SymlinkEvaluation = evaluation;
        return this;
    }

    /// <summary>Makes the folder and any missing parents (mkdir -p), following links on the way.</summary>
    public SimulatedWindows AddDirectory(string path)
    {
        Check(Parse(path, out var volume, out var components), path);
        var current = volume.Facts.VolumePath.TrimEnd('\\');
        foreach (var component in components)
        {
            current += @"\" + component;
            Check(Resolve(current, followFinal: true, out var at), current);
            if (at.Node is null)
            {
                at.Parent!.Add(at.Name, NewDirectory());
            }
            else if (at.Node is not SimulatedDirectory)
            {
                throw new InvalidOperationException($"{current} is a file, not a folder");
            }
        }

        return this;
    }

    public SimulatedWindows AddFile(string path, string content = "")
    {
        var at = NewEntryLocation(path);
        at.Parent!.Add(at.Name, NewFile(Encoding.UTF8.GetBytes(content)));
        return this;
    }

    /// <summary>
    /// Leaves a reparse point as another program would have (WSL, the Store, a cloud client),
    /// whatever the volume, token or Wine mode say.
    /// </summary>
    public SimulatedWindows PlantReparsePoint(string path, byte[] buffer, bool isDirectory)
    {
        var at = NewEntryLocation(path);
        SimulatedNode node = isDirectory ? NewDirectory() : NewFile([]);
        node.ReparseData = buffer.ToArray();
        at.Parent!.Add(at.Name, node);
        return this;
    }

    /// <summary>
    /// Mounts <paramref name="volume"/> (usually <see cref="SimulatedVolume.Letterless"/>) in an
    /// empty folder, as SetVolumeMountPointW does: the folder becomes a mount point whose
    /// SubstituteName is \??\Volume{GUID}\ (docs/windows-facts.md, reparse tags: MOUNT_POINT).
    /// </summary>
    public SimulatedWindows MountVolume(string folder, SimulatedVolume volume)
    {
        var mounted = volume with { MountFolder = folder.TrimEnd('\\') };
        WithVolume(mounted);
        return PlantReparsePoint(folder, ReparseBufferCodec.EncodeMountPoint(mounted.GuidPath), isDirectory: true);
    }

    /// <summary>
    /// `subst S: C:\work`: a drive letter of this logon session standing for a folder. Its final
    /// paths name the folder (GetFinalPathNameByHandleW, VOLUME_NAME_DOS), and an elevated window,
    /// another logon session, would not see it (KB 937624; docs/windows-facts.md).
    /// </summary>
    public SimulatedWindows Subst(char letter, string folder)
    {
        AddDirectory(folder);
        _substDrives[char.ToUpperInvariant(letter)] = folder;
        return this;
    }

    /// <summary>Opening the entry itself fails with <paramref name="error"/> (see <see cref="SimulatedNode.OpenError"/>).</summary>
    public SimulatedWindows DenyOpening(string path, int error = Linkctl.Errors.Win32ErrorNames.AccessDenied)
    {
        Check(Resolve(path, followFinal: false, out var at), path);
        (at.Node ?? throw new InvalidOperationException($"{path} does not exist")).OpenError = error;
        return this;
    }

    public bool Exists(string path) => Resolve(path, followFinal: false, out var at) == 0 && at.Node is not null;

    /// <summary>The text of a file, following links.</summary>
    public string ReadText(string path)
    {
        Check(Resolve(path, followFinal: true, out var at), path);
        return at.Node is SimulatedFile file
            ? Encoding.UTF8.GetString(file.Content)
            : throw new InvalidOperationException($"{path} is not a file");
    }

    /// <summary>Gives a file as many names as asked, for the 1023-name limit.</summary>
    internal void SetLinkCount(string path, uint count)
    {
        Check(Resolve(path, followFinal: false, out var at), path);
        ((SimulatedFile)at.Node!).LinkCount = count;
    }

    private Location NewEntryLocation(string path)
    {
        var parent = path.TrimEnd('\\');
        parent = parent[..parent.LastIndexOf('\\')];
        AddDirectory(parent.Length == 2 ? parent + @"\" : parent);
        Check(Resolve(path, followFinal: false, out var at), path);
        return at.Node is null ? at : throw new InvalidOperationException($"{path} exists already");
    }

    private static SimulatedWindows OnSystemDrive(SimulatedToken token) =>
        new SimulatedWindows(token).WithVolume(SimulatedVolume.Ntfs('C', SystemDriveSerial));

    private static void Check(int error, string path)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"set-up failed at {path}: {Linkctl.Errors.OsError.Win32(error)}");
        }
    }
}
