namespace Linkctl.Reparse;

/// <summary>
/// Any tag linkctl does not interpret (cloud, dedup, WOF, WSL special files, ...), kept verbatim.
/// <see cref="Data"/> is everything after the 8-byte header; for non-Microsoft tags that
/// includes the 16-byte GUID of REPARSE_GUID_DATA_BUFFER.
/// </summary>
internal sealed record OtherReparsePoint(uint Tag, byte[] Data) : ReparsePoint(Tag)
{
    // Records compare arrays by reference; callers (and tests) mean "same bytes".
    public bool Equals(OtherReparsePoint? other) =>
        other is not null && Tag == other.Tag && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Tag);
        hash.AddBytes(Data);
        return hash.ToHashCode();
    }
}
