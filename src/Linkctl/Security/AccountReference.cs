namespace Linkctl.Security;

/// <summary>
/// One account as a security template names it: a SID written with a leading '*'
/// ("*S-1-5-32-544") or an account name ("CONTOSO\builders") that LSA must resolve.
/// </summary>
internal sealed record AccountReference
{
    private AccountReference(string? sid, string? name)
    {
        Sid = sid;
        Name = name;
    }

    /// <summary>The SID in string form, when the template gave one.</summary>
    public string? Sid { get; }

    /// <summary>The account name, when the template gave a name instead of a SID.</summary>
    public string? Name { get; }

    public bool IsSid => Sid is not null;

    public static AccountReference OfSid(string sid)
    {
        if (!SidSyntax.IsValid(sid))
        {
            throw new ArgumentException($"'{sid}' is not a SID (S-1-...).", nameof(sid));
        }

        return new AccountReference(sid.ToUpperInvariant(), null);
    }

    public static AccountReference OfName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new AccountReference(null, name.Trim());
    }

    /// <summary>
    /// Reads one comma-separated item of a template line; returns null with <paramref name="why"/>
    /// when the item cannot be an account.
    /// </summary>
    public static AccountReference? TryParse(string text, out string? why)
    {
        var item = text.Trim();
        why = null;
        if (item.Length == 0)
        {
            why = "empty account between commas";
            return null;
        }

        if (item[0] == '*')
        {
            var sid = item[1..].Trim();
            if (!SidSyntax.IsValid(sid))
            {
                why = $"'{item}': '*' must be followed by a SID such as *S-1-5-32-544";
                return null;
            }

            return new AccountReference(sid.ToUpperInvariant(), null);
        }

        // secedit marks SIDs with '*'; a bare SID is still a SID, and treating it as a name
        // would make LSA look up an account called "S-1-5-...".
        if (SidSyntax.IsValid(item))
        {
            return new AccountReference(item.ToUpperInvariant(), null);
        }

        if (item.Contains('"', StringComparison.Ordinal) || item.Contains('=', StringComparison.Ordinal))
        {
            why = $"'{item}' is neither a SID nor an account name (quotes and '=' are not allowed)";
            return null;
        }

        return new AccountReference(null, item);
    }

    /// <summary>The template form: "*S-1-5-32-544" or the name as given.</summary>
    public override string ToString() => Sid is not null ? "*" + Sid : Name!;

    public bool Equals(AccountReference? other) =>
        other is not null
        && string.Equals(Sid, other.Sid, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() =>
        HashCode.Combine(Sid?.ToUpperInvariant(), Name?.ToUpperInvariant());
}
