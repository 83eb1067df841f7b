using System.Text.Json.Serialization;

namespace Linkctl.Diagnosis;

/// <summary>
/// Windows' own sudo (Windows 11 24H2 and later; absent on Server): HKLM\SOFTWARE\Microsoft\Windows\
/// CurrentVersion\Sudo "Enabled", 0 off, 1 a new window, 2 input disabled, 3 inline (output in
/// the same window), and the policy EnableSudo (Policy CSP Sudo/EnableSudo, same values), which
/// caps it (docs/windows-facts.md, "Elevation"). The policy's registry location is UNVERIFIED:
/// a value there can only lower the mode, so reading the wrong place never offers sudo wrongly
/// as more than the local value allows.
/// </summary>
/// <param name="Enabled">The local value; null when absent (sudo not enabled, or not installed).</param>
/// <param name="PolicyLimit">The policy's EnableSudo; null when no policy sets it.</param>
/// <param name="Error">Why the values could not be read, or null.</param>
public sealed record SudoFacts(int? Enabled, int? PolicyLimit, string? Error = null)
{
    public const string LocalKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Sudo";
    public const string LocalValue = "Enabled";
    public const string PolicyKey = @"SOFTWARE\Policies\Microsoft\Windows\Sudo";
    public const string PolicyValue = "EnableSudo";

    public const int Disabled = 0;
    public const int NewWindow = 1;
    public const int InputDisabled = 2;
    public const int Inline = 3;

    public static SudoFacts Absent { get; } = new(null, null);

    /// <summary>The mode in force: the local value, capped by the policy; 0 when sudo is off or absent.</summary>
    public int Mode => Math.Clamp(Math.Min(Enabled ?? Disabled, PolicyLimit ?? Inline), Disabled, Inline);

    /// <summary>`sudo COMMAND` works in some mode.</summary>
    public bool Available => Mode > Disabled;

    /// <summary>Inline mode: the elevated command runs in this window, its output and exit code with it.</summary>
    [JsonIgnore]
    public bool IsInline => Mode == Inline;
}
