using System.Globalization;

namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A scratch NTFS volume (image file, mkntfs, ntfs-3g) mounted in a temp directory: an
/// independent reader/writer of Windows reparse points. Needs root, fuse, ntfs-3g, mkntfs,
/// setfattr and getfattr. Dispose always unmounts and deletes, even after a failed test.
/// </summary>
internal sealed class NtfsVolume : IDisposable
{
    public const string ReparseAttribute = "system.ntfs_reparse_data";

    private readonly string _root;
    private readonly string _image;
    private readonly string[] _mountOptions;
    private bool _mounted;

    /// <param name="mountOptions">ntfs-3g -o options, e.g. "special_files=wsl" to make ln -s write LX symlinks.</param>
    public NtfsVolume(int sizeMiB = 32, params string[] mountOptions)
    {
        _mountOptions = mountOptions;
        _root = Directory.CreateTempSubdirectory("linkctl-ntfs-").FullName;
        _image = Path.Combine(_root, "ntfs.img");
        MountPath = Path.Combine(_root, "mnt");
        try
        {
            Directory.CreateDirectory(MountPath);
            using (var image = File.Create(_image))
            {
                image.SetLength((long)sizeMiB * 1024 * 1024);
            }

            ProcessRunner.Run("mkntfs", "-F", "-Q", _image).EnsureSuccess();
            Mount();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Where the volume is mounted; ntfs-3g maps \??\C:\x targets that exist on the volume to MountPath/x.</summary>
    public string MountPath { get; }

    public string PathOf(string relative) => Path.Combine(MountPath, relative);

    /// <summary>Unmount and mount again: ntfs-3g caches attributes, so written reparse data shows only after this.</summary>
    public void Remount()
    {
        Unmount();
        Mount();
    }

    public void SetReparseData(string path, ReadOnlySpan<byte> buffer) =>
        ProcessRunner.Run("setfattr", "-h", "-n", ReparseAttribute, "-v", "0x" + Convert.ToHexStringLower(buffer), path)
            .EnsureSuccess();

    /// <summary>The raw REPARSE_DATA_BUFFER of a path, or null when it is not a reparse point.</summary>
    public static byte[]? GetReparseData(string path)
    {
        var result = ProcessRunner.Run("getfattr", "-h", "-e", "hex", "-n", ReparseAttribute, path);
        if (result.ExitCode != 0)
        {
            return null;
        }

        // Output: "# file: PATH" then "system.ntfs_reparse_data=0xHEX".
        var prefix = ReparseAttribute + "=0x";
        var line = result.StdOut.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"getfattr printed no {ReparseAttribute} value: {result.StdOut}");
        return Convert.FromHexString(line[prefix.Length..].Trim());
    }

    public void Dispose()
    {
        try
        {
            Unmount();
        }
        finally
        {
            // Never delete through a live mount: that would wipe the volume's files, or worse.
            if (!_mounted && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private void Mount()
    {
        var args = new List<string>();
        if (_mountOptions.Length > 0)
        {
            args.Add("-o");
            args.Add(string.Join(',', _mountOptions));
        }

        args.Add(_image);
        args.Add(MountPath);
        ProcessRunner.Run("ntfs-3g", args).EnsureSuccess();
        _mounted = true;
    }

    private void Unmount()
    {
        if (!_mounted)
        {
            return;
        }

        // FUSE can report "busy" for a moment after the last access; retry, then detach lazily.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (ProcessRunner.Run("umount", MountPath).ExitCode == 0)
            {
                _mounted = false;
                return;
            }

            Thread.Sleep(200 * (attempt + 1));
        }

        var lazy = ProcessRunner.Run("umount", "-l", MountPath);
        _mounted = lazy.ExitCode != 0;
        if (_mounted)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"could not unmount {MountPath}: {lazy.StdErr.Trim()}"));
        }
    }
}
