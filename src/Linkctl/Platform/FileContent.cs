namespace Linkctl.Platform;

/// <summary>
/// A small regular file as <see cref="IPinnedFolder.ReadFile"/> read it: its identity and size from
/// the open file, and its bytes (all of them unless <see cref="Truncated"/>).
/// </summary>
internal sealed record FileContent(FileIdentity Identity, ulong Size, byte[] Bytes)
{
    /// <summary>The file holds more than was read.</summary>
    public bool Truncated => (ulong)Bytes.Length < Size;
}
