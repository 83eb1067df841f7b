namespace Linkctl.Tests.Fixtures;

/// <summary>A unique temp folder on the normal disk, deleted afterwards without following links inside it.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string prefix = "linkctl-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    // .NET's recursive delete removes symbolic links as entries and does not enter them.
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
