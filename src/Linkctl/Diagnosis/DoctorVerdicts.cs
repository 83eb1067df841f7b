using System.Text.Json.Serialization;

namespace Linkctl.Diagnosis;

/// <summary>The four kinds doctor gives a verdict on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkKindToMake>))]
public enum LinkKindToMake
{
    [JsonStringEnumMemberName("symbolic_link_to_file")] SymbolicLinkToFile,
    [JsonStringEnumMemberName("symbolic_link_to_folder")] SymbolicLinkToFolder,
    [JsonStringEnumMemberName("junction")] Junction,
    [JsonStringEnumMemberName("hard_link")] HardLink,
}

/// <summary>Whether a kind of link can be made at PATH by this process now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>Yes, now, as things are.</summary>
    [JsonStringEnumMemberName("can")] Can,
    /// <summary>Only from an elevated window (an administrator whose current window is not elevated).</summary>
    [JsonStringEnumMemberName("only_elevated")] OnlyElevated,
    [JsonStringEnumMemberName("cannot")] Cannot,
    /// <summary>The facts do not settle it (a FUSE or network file system): --probe tries it.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>The kind does not exist on this OS (junctions off Windows).</summary>
    [JsonStringEnumMemberName("not_applicable")] NotApplicable,
}

/// <summary>How much a fix asks for, from least to most: fixes are listed in this order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixPrivilege>))]
public enum FixPrivilege
{
    /// <summary>Anyone can do it now (a junction instead, another folder).</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>The user can do it, with a new logon or window.</summary>
    [JsonStringEnumMemberName("user")] User,
    /// <summary>An administrator does it once; afterwards no elevation is needed.</summary>
    [JsonStringEnumMemberName("administrator_once")] AdministratorOnce,
    /// <summary>Every time: run elevated.</summary>
    [JsonStringEnumMemberName("elevated_each_time")] ElevatedEachTime,
    /// <summary>A domain or policy administrator must change a Group Policy.</summary>
    [JsonStringEnumMemberName("policy_administrator")] PolicyAdministrator,
}

/// <summary>One way to make a refused link possible.</summary>
/// <param name="Id">Stable id ("developer_mode", "grant_right", "log_off_on", "elevate", "junction", ...).</param>
/// <param name="Privilege">What the fix asks for; fixes are ordered by it.</param>
/// <param name="Text">What to do, in words.</param>
/// <param name="Commands">The commands that do it (linkctl's first, then Windows' or the OS's own).</param>
public sealed record DoctorFix(string Id, FixPrivilege Privilege, string Text, IReadOnlyList<string> Commands);

/// <summary>doctor's answer for one kind of link.</summary>
/// <param name="Kind">The kind of link.</param>
/// <param name="Verdict">Can, cannot, only elevated, unknown or not applicable.</param>
/// <param name="Reason">Why, in one or two sentences.</param>
/// <param name="Fixes">Least privilege first; empty when nothing is needed or nothing helps.</param>
/// <param name="Notes">Things true even when the link can be made (e.g. following it will be blocked).</param>
public sealed record KindVerdict(LinkKindToMake Kind, Verdict Verdict, string Reason, IReadOnlyList<DoctorFix> Fixes, IReadOnlyList<string> Notes);

/// <summary>The whole diagnosis: one verdict per kind, and the facts it came from.</summary>
public sealed record DoctorReport(IReadOnlyList<KindVerdict> Verdicts, DoctorFacts Facts)
{
    /// <summary>True when a symbolic link (to a file) can be made at PATH now: doctor's exit code 0.</summary>
    public bool SymbolicLinkPossibleNow => Verdicts.Any(v => v.Kind == LinkKindToMake.SymbolicLinkToFile && v.Verdict == Verdict.Can);

    /// <summary>What the git facts mean for the user (<see cref="Diagnoser.GitNotes"/>); empty outside a work tree.</summary>
    public IReadOnlyList<string> GitNotes => Facts.Git is { } git ? Diagnoser.GitNotes(git, SymbolicLinkPossibleNow) : [];
}
