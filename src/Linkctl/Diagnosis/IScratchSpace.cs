namespace Linkctl.Diagnosis;

/// <summary>
/// The few plain file operations --probe needs for its private folder and test targets
/// (ILinkSystem makes links, not files). Live: System.IO; tests: the simulated Windows.
/// Deletions are never recursive.
/// </summary>
internal interface IScratchSpace
{
    void CreateDirectory(string path);

    void CreateFile(string path);

    void DeleteFile(string path);

    /// <summary>Removes the folder only if it is empty.</summary>
    void DeleteEmptyDirectory(string path);
}

/// <summary><see cref="IScratchSpace"/> on the real disk. Failures throw IOException or UnauthorizedAccessException.</summary>
internal sealed class FileSystemScratch : IScratchSpace
{
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void CreateFile(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write("linkctl doctor --probe\n"u8);
    }

    public void DeleteFile(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public void DeleteEmptyDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: false);
        }
    }
}
