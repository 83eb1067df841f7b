using System.Text;
using System.Text.RegularExpressions;

namespace Linkctl.Security.Inf;

/// <summary>
/// A secedit security template (the format of <c>secedit /export</c>, <c>secedit /configure</c>
/// and a GPO's GptTmpl.inf). [Privilege Rights] is understood; every other section is kept
/// line for line so that a template read and written back is unchanged.
/// </summary>
internal sealed partial class SecurityTemplate
{
    public const string PrivilegeRightsSection = "Privilege Rights";
    public const string UnicodeSection = "Unicode";
    public const string VersionSection = "Version";

    private readonly List<TemplateSection> sections;

    private SecurityTemplate(List<TemplateSection> sections)
    {
        this.sections = sections;
    }

    public IReadOnlyList<TemplateSection> Sections => sections;

    /// <summary>The rights defined in [Privilege Rights], in file order.</summary>
    public IReadOnlyList<string> RightNames =>
        FindSection(PrivilegeRightsSection)?.Lines.OfType<TemplateLine.Right>().Select(r => r.Name).ToList() ?? [];

    /// <summary>
    /// A template that secedit /configure and Group Policy accept: [Unicode], [Version]
    /// (signature="$CHICAGO$", Revision=1) and an empty [Privilege Rights].
    /// </summary>
    public static SecurityTemplate CreateEmpty()
    {
        var unicode = new TemplateSection(UnicodeSection, null);
        unicode.Lines.Add(new TemplateLine.Setting("Unicode", "yes", null));
        var version = new TemplateSection(VersionSection, null);
        version.Lines.Add(new TemplateLine.Setting("signature", "\"$CHICAGO$\"", null));
        version.Lines.Add(new TemplateLine.Setting("Revision", "1", null));
        return new SecurityTemplate([unicode, version, new TemplateSection(PrivilegeRightsSection, null)]);
    }

    /// <summary>
    /// The accounts a right is given to; an empty list when the template defines the right
    /// with nobody ("SeX =", which takes the right from everyone); null when it does not define it.
    /// </summary>
    public IReadOnlyList<AccountReference>? GetRight(string right) =>
        FindRight(right)?.Accounts;

    /// <summary>Defines <paramref name="right"/> as exactly <paramref name="accounts"/>, keeping its place in the file.</summary>
    public void SetRight(string right, IEnumerable<AccountReference> accounts)
    {
        if (!IsRightName(right))
        {
            throw new ArgumentException($"'{right}' is not a right name (SeXxxPrivilege or SeXxxRight).", nameof(right));
        }

        var list = accounts.Distinct().ToList();
        var section = FindSection(PrivilegeRightsSection);
        if (section is null)
        {
            section = new TemplateSection(PrivilegeRightsSection, null);
            sections.Add(section);
        }

        var line = new TemplateLine.Right(right, list, null);
        for (var i = 0; i < section.Lines.Count; i++)
        {
            if (section.Lines[i] is TemplateLine.Right r && string.Equals(r.Name, right, StringComparison.OrdinalIgnoreCase))
            {
                section.Lines[i] = line;
                return;
            }
        }

        section.Lines.Add(line);
    }

    /// <summary>Removes the right's line, so that the template no longer defines it at all.</summary>
    public bool RemoveRight(string right)
    {
        var section = FindSection(PrivilegeRightsSection);
        return section is not null
            && section.Lines.RemoveAll(l => l is TemplateLine.Right r && string.Equals(r.Name, right, StringComparison.OrdinalIgnoreCase)) > 0;
    }

    /// <summary>A key's value in any key=value section, e.g. ("Version", "signature"); null when absent.</summary>
    public string? GetValue(string section, string key) =>
        FindSection(section)?.Lines.OfType<TemplateLine.Setting>()
            .FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    public TemplateSection? FindSection(string name) =>
        sections.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template as text with CRLF line ends; unchanged lines come out exactly as they were read.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var section in sections)
        {
            if (section.Name.Length > 0 || section.HeaderText is not null)
            {
                sb.Append(section.HeaderText ?? $"[{section.Name}]").Append("\r\n");
            }

            foreach (var line in section.Lines)
            {
                sb.Append(line.ToText()).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// UTF-16LE with a byte-order mark, as secedit writes templates that say Unicode=yes;
    /// secedit and the Group Policy security extension read this form.
    /// </summary>
    public byte[] ToBytes() => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(ToText())];

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    public static TemplateReadResult Load(string path) => Read(File.ReadAllBytes(path));

    /// <summary>Decodes a template file (UTF-16LE/BE with BOM, UTF-16LE without, UTF-8, or ANSI) and parses it.</summary>
    public static TemplateReadResult Read(ReadOnlySpan<byte> bytes)
    {
        var (text, encoding) = Decode(bytes);
        return Parse(text) with { Encoding = encoding };
    }

    public static TemplateReadResult Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        var errors = new List<TemplateError>();
        var result = new List<TemplateSection>();
        var seenSections = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seenRights = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        TemplateSection? current = null;

        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();

            if (trimmed.Length == 0 || trimmed[0] == ';')
            {
                // Comments and blank lines before the first section have nowhere else to live.
                (current ?? Preamble(result)).Lines.Add(new TemplateLine.Verbatim(raw));
                continue;
            }

            if (trimmed[0] == '[')
            {
                var close = trimmed.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    errors.Add(new TemplateError(number, raw, "section header without a closing ']'"));
                    continue;
                }

                var name = trimmed[1..close].Trim();
                var rest = trimmed[(close + 1)..].Trim();
                if (name.Length == 0)
                {
                    errors.Add(new TemplateError(number, raw, "empty section name"));
                    continue;
                }

                if (rest.Length > 0 && rest[0] != ';')
                {
                    errors.Add(new TemplateError(number, raw, $"text after the section header: '{rest}'"));
                    continue;
                }

                if (seenSections.TryGetValue(name, out var first))
                {
                    errors.Add(new TemplateError(number, raw, $"section [{name}] appears twice (first on line {first})"));
                    continue;
                }

                seenSections[name] = number;
                current = new TemplateSection(name, raw);
                result.Add(current);
                continue;
            }

            if (current is null || current.Name.Length == 0)
            {
                errors.Add(new TemplateError(number, raw, "a setting before any [section] header"));
                continue;
            }

            if (string.Equals(current.Name, PrivilegeRightsSection, StringComparison.OrdinalIgnoreCase))
            {
                var line = ParseRightLine(raw, trimmed, out var why);
                if (line is null)
                {
                    errors.Add(new TemplateError(number, raw, why!));
                    continue;
                }

                if (seenRights.TryGetValue(line.Name, out var firstRight))
                {
                    errors.Add(new TemplateError(number, raw, $"{line.Name} is defined twice (first on line {firstRight})"));
                    continue;
                }

                seenRights[line.Name] = number;
                current.Lines.Add(line);
                continue;
            }

            if (string.Equals(current.Name, UnicodeSection, StringComparison.OrdinalIgnoreCase)
                || string.Equals(current.Name, VersionSection, StringComparison.OrdinalIgnoreCase))
            {
                var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    errors.Add(new TemplateError(number, raw, $"expected 'key=value' in [{current.Name}]"));
                    continue;
                }

                current.Lines.Add(new TemplateLine.Setting(trimmed[..eq].Trim(), trimmed[(eq + 1)..].Trim(), raw));
                continue;
            }

            // Other sections ([System Access], [Registry Values], [File Security]...) have formats
            // of their own (quoted paths, SDDL); they are carried through untouched.
            current.Lines.Add(new TemplateLine.Verbatim(raw));
        }

        return errors.Count > 0
            ? new TemplateReadResult(null, errors, TemplateEncoding.Text)
            : new TemplateReadResult(new SecurityTemplate(result), [], TemplateEncoding.Text);
    }

    public static bool IsRightName(string name) => RightNamePattern().IsMatch(name);

    private static TemplateSection Preamble(List<TemplateSection> result)
    {
        if (result.Count == 0 || result[0].Name.Length != 0)
        {
            result.Insert(0, new TemplateSection(string.Empty, null));
        }

        return result[0];
    }

    private static TemplateLine.Right? ParseRightLine(string raw, string trimmed, out string? why)
    {
        why = null;
        var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            why = "expected 'RightName = accounts' (no '=')";
            return null;
        }

        var name = trimmed[..eq].Trim();
        if (name.Length == 0)
        {
            why = "no right name before '='";
            return null;
        }

        if (!IsRightName(name))
        {
            why = $"'{name}' is not a right name (SeXxxPrivilege or SeXxxRight)";
            return null;
        }

        // Account names cannot contain ';', so a ';' after the list starts a comment.
        var value = trimmed[(eq + 1)..];
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        value = value.Trim();
        var accounts = new List<AccountReference>();
        if (value.Length > 0)
        {
            foreach (var item in value.Split(','))
            {
                var account = AccountReference.TryParse(item, out var itemWhy);
                if (account is null)
                {
                    why = itemWhy;
                    return null;
                }

                if (accounts.Contains(account))
                {
                    why = $"{account} is listed twice";
                    return null;
                }

                accounts.Add(account);
            }
        }

        return new TemplateLine.Right(name, accounts, raw);
    }

    private static (string Text, TemplateEncoding Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), TemplateEncoding.Utf16LittleEndian);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), TemplateEncoding.Utf16BigEndian);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Encoding.UTF8.GetString(bytes[3..]), TemplateEncoding.Utf8);
        }

        // A template starts with '[' or ';' (ASCII): a zero second byte means UTF-16LE without a BOM.
        if (bytes.Length >= 2 && bytes[0] != 0 && bytes[1] == 0)
        {
            return (Encoding.Unicode.GetString(bytes), TemplateEncoding.Utf16LittleEndian);
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), TemplateEncoding.Utf8);
        }
        catch (DecoderFallbackException)
        {
            // ANSI in the writer's code page. With invariant globalization there are no code
            // pages, so Latin-1 stands in: exact for ASCII (SIDs, right names), approximate for
            // accented account names.
            return (Encoding.Latin1.GetString(bytes), TemplateEncoding.Ansi);
        }
    }

    [GeneratedRegex("^Se[A-Za-z]+(Privilege|Right)$", RegexOptions.CultureInvariant)]
    private static partial Regex RightNamePattern();

    private TemplateLine.Right? FindRight(string right) =>
        FindSection(PrivilegeRightsSection)?.Lines.OfType<TemplateLine.Right>()
            .FirstOrDefault(r => string.Equals(r.Name, right, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One [section] of a template; the unnamed first section holds comments before any header.</summary>
internal sealed class TemplateSection(string name, string? headerText)
{
    public string Name { get; } = name;

    /// <summary>The header line exactly as read, or null for a section made in code.</summary>
    public string? HeaderText { get; } = headerText;

    public List<TemplateLine> Lines { get; } = [];
}

/// <summary>A line of a template: kept verbatim, a key=value setting, or a user right.</summary>
internal abstract record TemplateLine
{
    public abstract string ToText();

    /// <summary>A comment, blank line, or a line of a section whose format we carry without reading.</summary>
    public sealed record Verbatim(string Text) : TemplateLine
    {
        public override string ToText() => Text;
    }

    public sealed record Setting(string Key, string Value, string? RawText) : TemplateLine
    {
        public override string ToText() => RawText ?? $"{Key}={Value}";
    }

    /// <summary>"SeCreateSymbolicLinkPrivilege = *S-1-5-32-544,CONTOSO\builders"; RawText is null once changed.</summary>
    public sealed record Right(string Name, IReadOnlyList<AccountReference> Accounts, string? RawText) : TemplateLine
    {
        public override string ToText() => RawText ?? FormatLine(Name, Accounts);

        /// <summary>The line as secedit writes it (secedit writes "Name = " even for an empty list).</summary>
        public static string FormatLine(string name, IEnumerable<AccountReference> accounts) =>
            $"{name} = {string.Join(',', accounts)}".TrimEnd();
    }
}

internal enum TemplateEncoding
{
    /// <summary>Parsed from a string: no bytes were decoded.</summary>
    Text,
    Utf16LittleEndian,
    Utf16BigEndian,
    Utf8,
    /// <summary>Neither UTF-16 nor valid UTF-8: read as Latin-1.</summary>
    Ansi,
}

/// <summary>Why one line of a template was refused.</summary>
internal sealed record TemplateError(int LineNumber, string Line, string Why)
{
    public override string ToString() => $"line {LineNumber}: {Why}: {Line.Trim()}";
}

/// <summary>A parsed template, or every line that made it unusable.</summary>
internal sealed record TemplateReadResult(SecurityTemplate? Template, IReadOnlyList<TemplateError> Errors, TemplateEncoding Encoding)
{
    public bool Success => Template is not null;
}
