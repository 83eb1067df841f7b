namespace Linkctl.Security;

/// <summary>The string form of a SID: S-1-&lt;authority&gt;-&lt;sub&gt;-..., checked without the OS.</summary>
internal static class SidSyntax
{
    /// <summary>True for "S-1-5-32-544" and the like (revision 1, up to 15 sub-authorities).</summary>
    public static bool IsValid(string text)
    {
        var parts = text.Split('-');
        if (parts.Length < 3 || parts.Length > 3 + 15)
        {
            return false;
        }

        if (!string.Equals(parts[0], "S", StringComparison.OrdinalIgnoreCase) || parts[1] != "1")
        {
            return false;
        }

        // The authority may be written in hex (0x...) when it does not fit 32 bits.
        var authority = parts[2];
        var authorityOk = authority.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(authority.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var a) && a < (1UL << 48)
            : ulong.TryParse(authority, System.Globalization.NumberStyles.None, null, out var d) && d < (1UL << 48);
        if (!authorityOk)
        {
            return false;
        }

        for (var i = 3; i < parts.Length; i++)
        {
            if (!uint.TryParse(parts[i], System.Globalization.NumberStyles.None, null, out _))
            {
                return false;
            }
        }

        return true;
    }
}
