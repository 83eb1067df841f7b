namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A read-only view of a writable folder (needs root): `mount --bind`, then `remount,ro,bind`.
/// Writes through <see cref="MountPath"/> fail with EROFS while the source stays writable, so a
/// test can prepare entries in <see cref="SourcePath"/> and see them read-only.
/// </summary>
internal sealed class ReadOnlyBindMount : IDisposable
{
    private readonly string _root;
    private bool _mounted;

    public ReadOnlyBindMount()
    {
        _root = Directory.CreateTempSubdirectory("linkctl-robind-").FullName;
        SourcePath = Path.Combine(_root, "source");
        MountPath = Path.Combine(_root, "readonly");
        try
        {
            Directory.CreateDirectory(SourcePath);
            Directory.CreateDirectory(MountPath);
            ProcessRunner.Run("mount", "--bind", SourcePath, MountPath).EnsureSuccess();
            _mounted = true;
            ProcessRunner.Run("mount", "-o", "remount,ro,bind", MountPath).EnsureSuccess();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The writable folder behind the mount.</summary>
    public string SourcePath { get; }

    /// <summary>The read-only view of <see cref="SourcePath"/>.</summary>
    public string MountPath { get; }

    public string PathOf(string relative) => Path.Combine(MountPath, relative);

    public string SourcePathOf(string relative) => Path.Combine(SourcePath, relative);

    public void Dispose()
    {
        try
        {
            if (_mounted)
            {
                MountPoint.Unmount(MountPath);
                _mounted = false;
            }
        }
        finally
        {
            MountPoint.DeleteScratch(_root, _mounted);
        }
    }
}
