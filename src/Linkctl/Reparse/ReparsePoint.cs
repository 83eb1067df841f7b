namespace Linkctl.Reparse;

/// <summary>A decoded REPARSE_DATA_BUFFER. Subtypes exist only for the kinds linkctl interprets.</summary>
internal abstract record ReparsePoint(uint Tag)
{
    public string TagName => ReparseTag.NameOf(Tag);
}
