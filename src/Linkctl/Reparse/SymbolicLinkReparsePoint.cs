namespace Linkctl.Reparse;

/// <summary>IO_REPARSE_TAG_SYMLINK. <see cref="SubstituteName"/> is authoritative; PrintName is display only.</summary>
internal sealed record SymbolicLinkReparsePoint(string SubstituteName, string PrintName, bool IsRelative)
    : ReparsePoint(ReparseTag.Symlink)
{
    /// <summary>
    /// The target as a Windows path, taken from SubstituteName as .NET does, because tools
    /// disagree about what they put in PrintName (some leave it empty).
    /// </summary>
    public string Target => IsRelative ? SubstituteName : ReparseBufferCodec.FromNtPath(SubstituteName);
}
