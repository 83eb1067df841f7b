using Linkctl.Errors;
using Linkctl.Platform;

namespace Linkctl.Diagnosis;

/// <summary>
/// Decides, from <see cref="DoctorFacts"/> alone, whether each kind of link can be made at
/// PATH, why, and the fixes from least to most privilege. Pure: the gatherers collect the
/// facts, so every scenario (standard user, unelevated administrator, Developer Mode on an old
/// build, a right not yet in the token, a GPO, FAT, a mapped drive...) is a unit test.
/// </summary>
internal static class Diagnoser
{
    private static readonly LinkKindToMake[] Kinds = [LinkKindToMake.SymbolicLinkToFile, LinkKindToMake.SymbolicLinkToFolder, LinkKindToMake.Junction, LinkKindToMake.HardLink];

    public static DoctorReport Diagnose(DoctorFacts facts)
    {
        var verdicts = new List<KindVerdict>();
        foreach (var kind in Kinds)
        {
            var verdict = Common(facts, kind) ?? (facts.Host == HostKind.Windows
                ? Windows(facts, facts.Windows ?? throw new ArgumentException("Windows facts are missing", nameof(facts)), kind)
                : Unix(facts, kind));
            verdicts.Add(WithProbe(verdict, facts.Probe?.FirstOrDefault(p => p.Kind == kind)));
        }

        return new DoctorReport(Consistent(verdicts), facts);
    }

    /// <summary>
    /// What core.symlinks and the stubs found mean (pure). git with core.symlinks=false writes each
    /// link it checks out as a stub; replaced by a link, it shows clean in `git status` with either
    /// setting, while a stub left in place shows as a typechange once core.symlinks=true (measured with git 2.x: docs/windows-facts.md, "Git's symlink stubs").
    /// </summary>
    public static IReadOnlyList<string> GitNotes(GitFacts git, bool symbolicLinksPossible)
    {
        ArgumentNullException.ThrowIfNull(git);
        var notes = new List<string>();
        if (git.Problem is { } problem)
        {
            notes.Add($"git's index could not be read here: {problem}");
            return notes;
        }

        var repository = git.CoreSymlinksRepository ?? "not set";
        if (git.Stubs > 0)
        {
            notes.Add(symbolicLinksPossible
                ? $"{git.Stubs} of {git.IndexLinks} link(s) in this work tree are git stubs (files holding the link text); links can be made here: `linkctl repair --git-stubs --apply --set-core-symlinks` replaces them and sets core.symlinks=true"
                : $"{git.Stubs} of {git.IndexLinks} link(s) in this work tree are git stubs (files holding the link text); symbolic links cannot be made here now (see the verdicts above), so they stay stubs until that is fixed");
        }

        if (git.EditedStubs > 0)
        {
            notes.Add($"{git.EditedStubs} stub(s) were edited (they no longer hold exactly the link text); repair leaves them alone: `git diff` shows them");
        }

        if (symbolicLinksPossible && git.CoreSymlinksRepository != "true" && git.IndexLinks > 0)
        {
            notes.Add($"core.symlinks is {repository} in this repository (global: {git.CoreSymlinksGlobal ?? "not set"}) although links can be made here: git checks new or changed links out as stubs; `git config core.symlinks true` stops that");
        }

        return notes;
    }

    /// <summary>
    /// The verdicts made to agree with each other. A fix that says "make another kind instead"
    /// is dropped where that kind cannot be made here either and nothing done here would change
    /// that (no "make a symbolic link instead" on exFAT, where symbolic links are impossible
    /// too); where that kind only needs a fix of its own first (Developer Mode, the right), the
    /// alternative stays, says so, and counts that fix's privilege. No fix or note is said twice.
    /// </summary>
    private static List<KindVerdict> Consistent(List<KindVerdict> verdicts)
    {
        var byKind = verdicts.ToDictionary(v => v.Kind);
        return verdicts.Select(v => v with
        {
            Fixes = v.Fixes
                .Select(f => InsteadKind(v.Kind, f.Id) is { } other && byKind.TryGetValue(other, out var alternative) ? Alternative(f, alternative) : f)
                .OfType<DoctorFix>()
                .DistinctBy(f => f.Id)
                .DistinctBy(f => f.Text)
                .OrderBy(f => f.Privilege)
                .ToList(),
            Notes = v.Notes.Distinct(StringComparer.Ordinal).ToList(),
        }).ToList();
    }

    /// <summary>Fixes that make a link possible somewhere else or as something else, not this kind here.</summary>
    private static readonly HashSet<string> ElsewhereFixes = new(StringComparer.Ordinal)
    {
        "ntfs_folder", "other_file_system", "copy", "writable_folder", "local_folder", "same_volume", "create_folder",
        "junction_instead", "hard_link_instead", "symlink_instead", "symlink_to_share", "probe", "resolve_conflict",
    };

    /// <summary>An "instead" fix as it may stand next to the alternative's own verdict; null when that alternative is impossible here.</summary>
    private static DoctorFix? Alternative(DoctorFix fix, KindVerdict alternative)
    {
        if (alternative.Verdict is Verdict.Can or Verdict.Unknown or Verdict.OnlyElevated)
        {
            return fix;
        }

        if (alternative.Verdict == Verdict.NotApplicable)
        {
            return null;
        }

        var enabling = alternative.Fixes.Where(f => !ElsewhereFixes.Contains(f.Id)).OrderBy(f => f.Privilege).FirstOrDefault();
        if (enabling is null)
        {
            return null;
        }

        var name = alternative.Kind switch
        {
            LinkKindToMake.SymbolicLinkToFile => "symbolic links to files",
            LinkKindToMake.SymbolicLinkToFolder => "symbolic links to folders",
            LinkKindToMake.Junction => "junctions",
            _ => "hard links",
        };
        return fix with
        {
            Text = $"{fix.Text} Not possible here yet either: {name} need a fix of their own first (see their verdict), such as: {enabling.Text}",
            Privilege = (FixPrivilege)Math.Max((int)fix.Privilege, (int)enabling.Privilege),
        };
    }

    /// <summary>The kind a fix proposes to make instead of <paramref name="kind"/>, or null for a fix that is not "another kind".</summary>
    private static LinkKindToMake? InsteadKind(LinkKindToMake kind, string fixId) => fixId switch
    {
        "junction_instead" => LinkKindToMake.Junction,
        "hard_link_instead" => LinkKindToMake.HardLink,
        "symlink_to_share" => LinkKindToMake.SymbolicLinkToFolder,
        "symlink_instead" => kind is LinkKindToMake.Junction or LinkKindToMake.SymbolicLinkToFolder ? LinkKindToMake.SymbolicLinkToFolder : LinkKindToMake.SymbolicLinkToFile,
        _ => null,
    };

    /// <summary>
    /// NTFS always stores hard links and reparse points (learn.microsoft.com/windows/win32/fileio/
    /// filesystem-functionality-comparison; .../windows-hardware/drivers/ifs/reparse-points: "NTFS
    /// and ReFS support them"). A volume that calls itself NTFS (or ReFS, for reparse points) and
    /// clears the flag is served by something else (Wine's drives, an unusual driver): its flags
    /// cannot be trusted either way, so only trying settles it.
    /// </summary>
    private static bool FlagsContradictName(VolumeFacts volume, bool reparsePoints) =>
        volume.FileSystem.Equals("NTFS", StringComparison.OrdinalIgnoreCase)
        || (reparsePoints && volume.FileSystem.Equals("ReFS", StringComparison.OrdinalIgnoreCase));

    private const string ApartFromTheVolume = "Apart from the volume:";

    /// <summary>A verdict reached from flags that contradict the volume's name: "can" becomes "unknown: run --probe", anything else keeps its reason and says so.</summary>
    private static KindVerdict Doubtful(KindVerdict verdict, VolumeFacts volume, string flag, string what)
    {
        var doubt = $"The {volume.DisplayName} at {volume.Root} reports no {flag} support, which {volume.DisplayName} itself always has: the volume is served by an unusual driver (or Wine), so whether it stores {what} is known only by trying.";
        return verdict.Verdict == Verdict.Can
            ? verdict with { Verdict = Verdict.Unknown, Reason = doubt, Fixes = [Probe()], Notes = [.. verdict.Notes, $"{ApartFromTheVolume} {verdict.Reason}"] }
            : verdict with { Notes = [.. verdict.Notes, doubt + " `linkctl doctor --probe` tries it."] };
    }

    /// <summary>What stops every kind alike: no folder, a read-only mount, no write access, a conflict at LINK.</summary>
    private static KindVerdict? Common(DoctorFacts facts, LinkKindToMake kind)
    {
        if (kind == LinkKindToMake.Junction && facts.Host != HostKind.Windows)
        {
            return new(kind, Verdict.NotApplicable, "Junctions exist only on Windows; here a symbolic link to a folder does the same job.", [], []);
        }

        if (!facts.FolderExists)
        {
            return new(kind, Verdict.Cannot, $"The folder {facts.Folder} does not exist.", [Fix("create_folder", FixPrivilege.None, "Create the folder first, or check the path.")], []);
        }

        if (facts.Volume.ReadOnly)
        {
            return new(kind, Verdict.Cannot, $"The file system at {facts.Volume.Root} ({facts.Volume.DisplayName}) is mounted read-only: nothing can be created in it.",
                [Fix("writable_folder", FixPrivilege.None, "Make the link in a folder on a writable file system."),
                 Fix("remount", FixPrivilege.AdministratorOnce, "If it should be writable, remount it read-write.", facts.Host == HostKind.Windows ? [] : [$"sudo mount -o remount,rw {facts.Volume.Root}"])], []);
        }

        if (facts.Writable == false)
        {
            var detail = facts.WritableDetail is null ? string.Empty : $" ({facts.WritableDetail})";
            var session = facts.Windows?.SessionDrive;
            return new(kind, Verdict.Cannot, $"This process may not create entries in {facts.Folder}{detail}.",
                [Fix("writable_folder", FixPrivilege.None, "Make the link in a folder you own."),
                 session is not null
                    ? Fix("elevate_real_path", FixPrivilege.ElevatedEachTime, $"{session.Describe()}, which an elevated window does not see: if the folder is protected, use {session.RealPathOf(facts.Folder)} in an elevated window.")
                    : Fix("elevate_for_folder", FixPrivilege.ElevatedEachTime, facts.Host == HostKind.Windows
                        ? "If the folder is protected (Program Files, Windows, another user's profile), use an elevated window."
                        : "If the folder belongs to another user or root, ask its owner, or use sudo.")], []);
        }

        if (facts.Intended?.Refusal is { } refusal)
        {
            return new(kind, Verdict.Cannot, $"{refusal.What} {refusal.Why}".Trim(), [Fix("resolve_conflict", FixPrivilege.None, refusal.Next)], []);
        }

        return null;
    }

    private static KindVerdict Windows(DoctorFacts facts, WindowsFacts w, LinkKindToMake kind)
    {
        var volume = facts.Volume;
        var remote = volume.Location == VolumeLocation.Remote || w.MappedDrive;
        var fs = $"{volume.DisplayName} at {volume.Root}";

        if (kind == LinkKindToMake.HardLink)
        {
            if (volume.SupportsHardLinks == false && FlagsContradictName(volume, reparsePoints: false))
            {
                return Doubtful(WindowsHardLink(facts, w, kind, fs, remote), volume, "hard-link", "hard links");
            }

            if (volume.SupportsHardLinks == false)
            {
                return new(kind, Verdict.Cannot, $"The {fs} cannot store hard links (FAT and exFAT store no links of any kind).", [NtfsFolder(), Copy()], []);
            }

            return WindowsHardLink(facts, w, kind, fs, remote);
        }

        if (volume.SupportsReparsePoints == false && FlagsContradictName(volume, reparsePoints: true))
        {
            var what = kind == LinkKindToMake.Junction ? "junctions" : "symbolic links";
            return Doubtful(WindowsReparse(facts, w, kind, fs, remote), volume, "reparse-point", what);
        }

        if (volume.SupportsReparsePoints == false)
        {
            var what = kind == LinkKindToMake.Junction ? "junctions" : "symbolic links";
            return new(kind, Verdict.Cannot, $"The {fs} does not support reparse points, so it can store no {what} (FAT and exFAT cannot).",
                kind == LinkKindToMake.SymbolicLinkToFile && volume.SupportsHardLinks != false ? [HardLinkInstead(), NtfsFolder(), Copy()] : [NtfsFolder(), Copy()], []);
        }

        return WindowsReparse(facts, w, kind, fs, remote);
    }

    /// <summary>The hard-link verdict on Windows once the volume's flags are accounted for.</summary>
    private static KindVerdict WindowsHardLink(DoctorFacts facts, WindowsFacts w, LinkKindToMake kind, string fs, bool remote)
    {
        var intended = facts.Intended;
        if (intended is not null && intended.TargetIsDirectory)
        {
            return new(kind, Verdict.Cannot, "Hard links are for files only; the target is a folder.", [Fix("junction_instead", FixPrivilege.None, "For a folder, make a junction (no privilege needed).", ["linkctl new --kind junction LINK TARGET", "mklink /J LINK TARGET"])], []);
        }

        if (intended is not null && intended.SameVolume == false)
        {
            return new(kind, Verdict.Cannot, "A hard link must be on the same volume as its file, and the target is on another volume (ERROR_NOT_SAME_DEVICE, 17).", [SymlinkInstead(), Fix("same_volume", FixPrivilege.None, "Put the link on the target's volume.")], []);
        }

        if (remote)
        {
            return new(kind, Verdict.Unknown, $"PATH is on a network share ({fs}{(w.MappedDrive ? ", a mapped drive" : string.Empty)}): whether it stores hard links is up to the server's file system.", [Probe()], []);
        }

        return new(kind, Verdict.Can, "Hard links need no privilege, only write access and a file on the same NTFS volume.", [], []);
    }

    /// <summary>The junction or symbolic-link verdict on Windows once the volume's reparse flag is accounted for.</summary>
    private static KindVerdict WindowsReparse(DoctorFacts facts, WindowsFacts w, LinkKindToMake kind, string fs, bool remote)
    {
        var intended = facts.Intended;
        if (kind == LinkKindToMake.Junction)
        {
            if (remote)
            {
                return new(kind, Verdict.Cannot, $"PATH is on a network share ({fs}{(w.MappedDrive ? ", a mapped drive" : string.Empty)}): junctions can only be made on local volumes.", [Fix("local_folder", FixPrivilege.None, "Make the junction on a local disk."), SymlinkInstead()], []);
            }

            if (intended is not null && !intended.TargetIsDirectory && intended.TargetExists)
            {
                return new(kind, Verdict.Cannot, "Junctions are for folders only; the target is a file.", [HardLinkInstead(), SymlinkInstead()], []);
            }

            if (intended is not null && intended.TargetVolume.Location == VolumeLocation.Remote)
            {
                return new(kind, Verdict.Cannot, $"A junction can point only to a folder on a local volume; the target {intended.Target} is on a network share ({intended.TargetVolume.Root}).",
                    [Fix("symlink_to_share", FixPrivilege.None, "Make a symbolic link to the share instead (it needs the symbolic-link right or Developer Mode, and L2R evaluation).", ["linkctl new LINK TARGET", "mklink /D LINK \\\\server\\share\\folder"])], []);
            }

            if (intended?.TargetSessionDrive is { } targetDrive)
            {
                var real = targetDrive.RealPathOf(intended.Target);
                return new(kind, Verdict.Cannot, $"A junction stores the drive letter of its target, and {targetDrive.Describe()}: other sessions, elevated windows, services and other users do not have it, so for them the junction would lead nowhere.",
                    [Fix("junction_real_path", FixPrivilege.None, $"Point the junction at the real folder: {real}.", [$"linkctl new --kind junction LINK \"{real}\""])], []);
            }

            return new(kind, Verdict.Can, "Junctions need no privilege, only write access to a local NTFS folder; they point to local folders only.", [], RedirectionGuardNotes(w));
        }

        return WindowsSymbolic(facts, w, kind, remote);
    }

    private static KindVerdict WindowsSymbolic(DoctorFacts facts, WindowsFacts w, LinkKindToMake kind, bool remote)
    {
        var notes = new List<string>();
        var fixes = new List<DoctorFix>();
        var dev = w.DeveloperMode;
        var token = w.Token;
        var right = w.Right;
        var devSource = dev.SetByPolicy ? "by policy" : "locally";

        // A GPO that defines the right without this user makes a local grant revert at the next refresh.
        var gpoBlocksGrant = right.GpoDefines == true;
        if (gpoBlocksGrant)
        {
            notes.Add($"Group Policy {right.GpoName ?? "(unnamed)"} defines \"Create symbolic links\" ({(right.GpoAccounts.Count == 0 ? "nobody" : string.Join(", ", right.GpoAccounts))}): a local grant would be overwritten at the next policy refresh.");
        }

        Verdict verdict;
        string reason;
        if (token.HoldsSymlinkPrivilege == true)
        {
            verdict = Verdict.Can;
            reason = token.ElevationType == ElevationType.Full
                ? "This window is elevated and its token holds SeCreateSymbolicLinkPrivilege."
                : "Your token holds SeCreateSymbolicLinkPrivilege (\"Create symbolic links\").";
        }
        else if (dev.Enabled && w.UnprivilegedFlagSupported)
        {
            verdict = Verdict.Can;
            reason = $"Developer Mode is on ({devSource}) and Windows build {w.OsBuild} accepts SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE, which linkctl passes.";
            notes.Add("Programs that do not pass that flag (Python before 3.8, older Git and Java tools) still fail with ERROR_PRIVILEGE_NOT_HELD (1314).");
        }
        else
        {
            var parts = new List<string> { "Your token does not hold SeCreateSymbolicLinkPrivilege (\"Create symbolic links\")" };
            verdict = Verdict.Cannot;
            if (dev.Enabled)
            {
                parts.Add($"Developer Mode is on, but build {(w.OsBuild == 0 ? "(unknown)" : w.OsBuild.ToString(System.Globalization.CultureInfo.InvariantCulture))} is older than {WindowsFacts.UnprivilegedFlagBuild} and does not know the flag that lets Developer Mode work");
            }
            else
            {
                parts.Add(dev.SetByPolicy ? "and a policy turns Developer Mode off" : "and Developer Mode is off");
            }

            if (token.ElevationType == ElevationType.Limited && w.SessionDrive is { } drive)
            {
                // Never "elevate" for a path on a drive of this session: the elevated window is
                // another logon session and does not see the letter (KB 937624; docs/windows-facts.md).
                verdict = Verdict.Cannot;
                parts.Add($"you are an administrator, but this window is not elevated; and {drive.Describe()}, which an elevated window does not see (KB 937624)");
            }
            else if (token.ElevationType == ElevationType.Limited)
            {
                verdict = Verdict.OnlyElevated;
                parts.Add("you are an administrator, but this window is not elevated: UAC's filtered token does not hold the privilege");
            }
            else if (right.AssignedToUser == true)
            {
                parts.Add($"the right is assigned to you{Through(right)} in the local security policy, but not in your current token: log off and on");
                fixes.Add(Fix("log_off_on", FixPrivilege.User, "Log off and on (or restart): the right reaches a session only at logon. Then `linkctl doctor` confirms it.", ["linkctl doctor"]));
            }
            else if (token.ElevationType == ElevationType.Full || (token.IsAdministrator == true && token.Elevated == true))
            {
                parts.Add("even though this window is elevated: the right has been taken from Administrators (by a local or Group Policy setting)");
            }
            else if (right.AssignedToUser == false)
            {
                parts.Add("and the right is not assigned to you or any of your groups");
            }
            else if (right.UnknownReason is not null)
            {
                parts.Add($"(whether the right is assigned to you is unknown: {right.UnknownReason})");
            }

            reason = string.Join("; ", parts) + ".";
        }

        if (verdict != Verdict.Can)
        {
            if (kind == LinkKindToMake.SymbolicLinkToFolder && !remote)
            {
                fixes.Add(Fix("junction_instead", FixPrivilege.None, "For a local folder, a junction needs no privilege (linkctl new falls back to one by itself).", ["linkctl new --kind junction LINK TARGET", "mklink /J LINK TARGET"]));
            }

            if (kind == LinkKindToMake.SymbolicLinkToFile && facts.Volume.SupportsHardLinks != false)
            {
                fixes.Add(HardLinkInstead());
            }

            if (!w.UnprivilegedFlagSupported && w.OsBuild != 0)
            {
                fixes.Add(Fix("update_windows", FixPrivilege.AdministratorOnce, $"Update Windows to build {WindowsFacts.UnprivilegedFlagBuild} or later (Windows 10 1703+), where Developer Mode lets standard users make symbolic links."));
            }
            else if (dev.SetByPolicy && !dev.Enabled)
            {
                fixes.Add(Fix("developer_mode_policy", FixPrivilege.PolicyAdministrator, $"Developer Mode is turned off by policy (HKLM\\{DeveloperModeFacts.PolicyKey} {DeveloperModeFacts.ValueName} = {dev.PolicyValue}; MDM ApplicationManagement/AllowDeveloperUnlock): ask the administrator of that policy to allow it."));
            }
            else if (!dev.Enabled)
            {
                fixes.Add(Fix("developer_mode", FixPrivilege.AdministratorOnce, "Turn on Developer Mode (once, as administrator); afterwards no elevation is needed.", ["linkctl fix devmode", "Settings > System > For developers > Developer Mode"]));
            }

            if (token.IsAdministrator == true && token.ElevationType == ElevationType.Limited && w.SessionDrive is { } sessionDrive)
            {
                var real = sessionDrive.RealPathOf(facts.Folder);
                fixes.Add(Fix("elevate_real_path", FixPrivilege.ElevatedEachTime, $"In an elevated window, use {real} instead of {sessionDrive.Drive} (the elevated session does not see {sessionDrive.Drive}).",
                    w.Sudo.Available ? [$"sudo linkctl new \"{sessionDrive.RealPathOf(facts.Path).TrimEnd('\\')}\\LINK\" TARGET"] : []));
                if (sessionDrive.IsNetwork)
                {
                    fixes.Add(Fix("enable_linked_connections", FixPrivilege.AdministratorOnce,
                        "Let elevated windows see the drives mapped in the normal one: set EnableLinkedConnections = 1 (DWORD) under HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System and restart (KB 937624).",
                        ["reg add HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System /v EnableLinkedConnections /t REG_DWORD /d 1 /f"]));
                }
            }
            else if (token.IsAdministrator == true && token.ElevationType == ElevationType.Limited)
            {
                // Only commands that exist here: `--elevate` belongs to `fix`, and `sudo` only where
                // Windows' sudo is enabled (Windows 11 24H2+).
                fixes.Add(w.Sudo.Available
                    ? Fix("elevate", FixPrivilege.ElevatedEachTime, "Run the command elevated: Windows' sudo is enabled here.", ["sudo linkctl new LINK TARGET"])
                    : Fix("elevate", FixPrivilege.ElevatedEachTime, "Run the command in an elevated window (right-click the terminal > Run as administrator).", ["Start-Process powershell -Verb RunAs"]));
            }

            if (right.AssignedToUser != true)
            {
                fixes.Add(gpoBlocksGrant
                    ? Fix("grant_right_policy", FixPrivilege.PolicyAdministrator, $"Ask the administrator of Group Policy {right.GpoName ?? "(unnamed)"} to add you (or a group of yours) to \"Create symbolic links\": Computer Configuration > Windows Settings > Security Settings > Local Policies > User Rights Assignment.")
                    : Fix("grant_right", FixPrivilege.AdministratorOnce, "Have \"Create symbolic links\" granted to you (as administrator), then log off and on.", ["linkctl fix right", "secpol.msc > Local Policies > User Rights Assignment > Create symbolic links"]));
            }
        }

        AddEvaluation(facts, w, notes, ref verdict, ref reason, fixes);
        if (remote && verdict == Verdict.Can)
        {
            notes.Add("PATH is on a network share: the server's file system must store symbolic links too; `linkctl doctor --probe` tries it.");
        }

        return new(kind, verdict, reason, fixes.OrderBy(f => f.Privilege).ToList(), notes);
    }

    /// <summary>SymlinkEvaluation does not stop a link being made, only followed: a note, or with a known target a refusal.</summary>
    private static void AddEvaluation(DoctorFacts facts, WindowsFacts w, List<string> notes, ref Verdict verdict, ref string reason, List<DoctorFix> fixes)
    {
        var disabled = w.Evaluation.Relevant.Where(c => !w.Evaluation.Enabled(c)).ToList();
        if (disabled.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", disabled.Select(c => $"{c} ({Describe(c)}, {w.Evaluation.Source(c)})"));
        var fix = w.Evaluation.InForce == EvaluationSet.Policy
            ? Fix("evaluation_policy", FixPrivilege.PolicyAdministrator, "The Group Policy \"Selectively allow the evaluation of a symbolic link\" sets these classes (HKLM\\" + EvaluationFacts.PolicyKey + "): ask its administrator (Computer Configuration > Administrative Templates > System > Filesystem).")
            : Fix("enable_evaluation", FixPrivilege.AdministratorOnce, "Allow Windows to follow this class of link (as administrator).",
                [$"linkctl fix evaluation {string.Join(' ', disabled.Select(c => c + ":1"))}", $"fsutil behavior set SymlinkEvaluation {string.Join(' ', disabled.Select(c => c + ":1"))}"]);

        if (facts.Intended is not null)
        {
            // The target's side is known: the link would be made but not followed (ERROR_SYMLINK_CLASS_DISABLED, 1463).
            verdict = Verdict.Cannot;
            reason = $"A link here to {facts.Intended.Target} is of class {names}, which Windows is set not to follow: it would be made, but opening it fails with ERROR_SYMLINK_CLASS_DISABLED (1463)." + (reason.Length > 0 ? " Besides: " + reason : string.Empty);
            fixes.Add(fix);
        }
        else
        {
            notes.Add($"Symbolic links made here can be followed only to some targets: {names} is disabled, so opening such a link fails with ERROR_SYMLINK_CLASS_DISABLED (1463). Fix: {string.Join(" or ", fix.Commands.Count > 0 ? fix.Commands : [fix.Text])}.");
        }

    }

    private static KindVerdict Unix(DoctorFacts facts, LinkKindToMake kind)
    {
        var volume = facts.Volume;
        var unix = facts.Unix;
        var fs = $"{volume.DisplayName} at {volume.Root}";
        var notes = new List<string>();
        if (unix?.OnWindowsDrive == true)
        {
            notes.Add("This is a Windows drive mounted in WSL: Windows' rules apply (a symbolic link there is a Windows symbolic link, which needs Developer Mode or the right on the Windows side). Run `linkctl.exe doctor` on the Windows side for those facts.");
        }

        var intended = facts.Intended;
        if (kind == LinkKindToMake.HardLink)
        {
            if (volume.SupportsHardLinks == false)
            {
                return new(kind, Verdict.Cannot, $"The {fs} stores no hard links.", [SymlinkInstead(unix: true), OtherFileSystem(), Copy()], notes);
            }

            if (intended is not null && intended.TargetIsDirectory)
            {
                return new(kind, Verdict.Cannot, "Hard links are for files only; the target is a folder.", [SymlinkInstead(unix: true)], notes);
            }

            if (intended is not null && intended.SameVolume == false)
            {
                return new(kind, Verdict.Cannot, "A hard link must be on the same file system as its file, and the target is on another one (EXDEV).", [SymlinkInstead(unix: true)], notes);
            }

            if (unix?.ProtectedHardlinks == 1 && unix.IsRoot == false)
            {
                notes.Add("fs.protected_hardlinks = 1: you can hard-link only files you own, or can both read and write.");
            }

            return volume.SupportsHardLinks == true && unix?.OnWindowsDrive != true
                ? new(kind, Verdict.Can, $"The {fs} stores hard links and the folder is writable.", [], notes)
                : new(kind, Verdict.Unknown, $"Whether the {fs} stores hard links depends on its driver or server: --probe tries it.", [Probe()], notes);
        }

        if (volume.SupportsSymbolicLinks == false)
        {
            var fixes = new List<DoctorFix>();
            if (volume.FileSystem is "cifs" or "smb3")
            {
                fixes.Add(Fix("mfsymlinks", FixPrivilege.AdministratorOnce, "Mount the share with the mfsymlinks option.", ["sudo mount -o remount,mfsymlinks " + volume.Root]));
            }

            fixes.Add(OtherFileSystem());
            fixes.Add(Copy());
            return new(kind, Verdict.Cannot, $"The {fs} stores no symbolic links.", fixes, notes);
        }

        if (unix?.ProtectedSymlinks == 1 && unix.StickyWorldWritable)
        {
            notes.Add("This folder is sticky and world-writable and fs.protected_symlinks = 1: a link made here is followed only by its owner and the folder's owner, not by other users.");
        }

        return volume.SupportsSymbolicLinks == true && unix?.OnWindowsDrive != true
            ? new(kind, Verdict.Can, $"The {fs} stores symbolic links, and no privilege is needed for them here.", [], notes)
            : new(kind, Verdict.Unknown, $"Whether the {fs} stores symbolic links depends on its driver or server: --probe tries it.", [Probe()], notes);
    }

    /// <summary>A probe outranks the facts: it is what really happened here.</summary>
    private static KindVerdict WithProbe(KindVerdict verdict, ProbeResult? probe)
    {
        if (probe is null || verdict.Verdict == Verdict.NotApplicable)
        {
            return verdict;
        }

        var cleanup = probe.Removed ? [] : new[] { "The probe could not remove everything it made: look for .linkctl-probe-* in the folder." };
        if (probe.Created)
        {
            // "unknown" suggested nothing, so it is not "otherwise"; what it said apart from the
            // doubtful volume is settled by the probe too.
            var notes = verdict.Verdict switch
            {
                Verdict.Can => verdict.Notes,
                Verdict.Unknown => verdict.Notes.Where(n => !n.StartsWith(ApartFromTheVolume, StringComparison.Ordinal)).ToList(),
                _ => [.. verdict.Notes, $"The facts suggested otherwise ({verdict.Verdict}: {verdict.Reason}), but the probe succeeded."],
            };
            return verdict with { Verdict = Verdict.Can, Reason = "--probe made one here, read it back and removed it.", Fixes = [], Notes = [.. notes, .. cleanup] };
        }

        var error = probe.Error;
        var what = error is null ? "it was not made" : $"{error.What}{(error.OsError is null ? string.Empty : $" [{error.OsError}]")} {error.Why}".Trim();
        if (error?.Kind == FailureKind.NoSpace)
        {
            // A full disk says nothing about links: nothing at all can be made there now. Not
            // "the file system cannot store links", which would send the user to the wrong fix.
            return verdict with
            {
                Verdict = Verdict.Cannot,
                Reason = $"--probe could not make anything here: the disk is full (or your quota is used up). {what}",
                Fixes = [Fix("free-space", FixPrivilege.None, "Free space on that file system (or have your quota raised), then probe again.", ["df -h PATH", "linkctl doctor --probe PATH"])],
                Notes = [.. verdict.Notes, $"Apart from the full disk, the facts say {verdict.Verdict.ToString().ToLowerInvariant()}: {verdict.Reason}", .. cleanup],
            };
        }

        if (verdict.Verdict == Verdict.OnlyElevated && error?.Kind == FailureKind.PrivilegeNotHeld)
        {
            return verdict with { Notes = [.. verdict.Notes, $"--probe (not elevated): {what}", .. cleanup] };
        }

        if (verdict.Verdict is Verdict.Cannot or Verdict.OnlyElevated)
        {
            return verdict with { Notes = [.. verdict.Notes, $"--probe confirms: {what}", .. cleanup] };
        }

        return verdict with { Verdict = Verdict.Cannot, Reason = $"--probe could not make one here: {what}", Fixes = verdict.Fixes.Where(f => f.Id != "probe").ToList(), Notes = [.. verdict.Notes, .. cleanup] };
    }

    /// <summary>
    /// Redirection Guard: processes with the redirection-trust mitigation (installers, elevated
    /// programs and services that enable it) refuse to follow a junction made by a non-administrator,
    /// with ERROR_UNTRUSTED_MOUNT_POINT (448) (Learn: PROCESS_MITIGATION_REDIRECTION_TRUST_POLICY,
    /// "junctions created by non-admin users"; docs/windows-facts.md).
    /// </summary>
    private static IReadOnlyList<string> RedirectionGuardNotes(WindowsFacts w) => w.Token.Elevated == true
        ? []
        : ["A junction made from this window (not elevated) is not trusted by Redirection Guard: installers, elevated programs and services that enable it refuse to follow it (ERROR_UNTRUSTED_MOUNT_POINT, 448). For links such programs use, make the junction from an elevated window, or use a symbolic link."];

    private static string Through(RightFacts right) => right.AssignedThrough.Count == 0 ? string.Empty : $" (through {string.Join(", ", right.AssignedThrough)})";

    private static string Describe(EvaluationClass c) => c switch
    {
        EvaluationClass.L2L => "local link to a local target",
        EvaluationClass.L2R => "local link to a remote target",
        EvaluationClass.R2L => "remote link to a local target",
        _ => "remote link to a remote target",
    };

    private static DoctorFix Fix(string id, FixPrivilege privilege, string text, IReadOnlyList<string>? commands = null) => new(id, privilege, text, commands ?? []);

    private static DoctorFix Probe() => Fix("probe", FixPrivilege.None, "Try it for real: doctor makes, reads back and removes a test link of each kind.", ["linkctl doctor --probe PATH"]);

    private static DoctorFix NtfsFolder() => Fix("ntfs_folder", FixPrivilege.None, "Make the link on an NTFS or ReFS volume (FAT32 converts in place: `convert E: /fs:ntfs`, after a backup).");

    private static DoctorFix OtherFileSystem() => Fix("other_file_system", FixPrivilege.None, "Make the link on a file system that stores links (ext4, XFS, Btrfs, tmpfs, NTFS via ntfs3).");

    private static DoctorFix Copy() => Fix("copy", FixPrivilege.None, "Copy instead of linking (a copy does not follow later changes).", ["linkctl new --fallback copy LINK TARGET"]);

    private static DoctorFix HardLinkInstead() => Fix("hard_link_instead", FixPrivilege.None, "For a file on the same volume, a hard link needs no privilege (linkctl new falls back to one by itself).", ["linkctl new --kind hard LINK TARGET", "mklink /H LINK TARGET"]);

    private static DoctorFix SymlinkInstead(bool unix = false) => Fix("symlink_instead", FixPrivilege.None, "Make a symbolic link instead.", unix ? ["linkctl new LINK TARGET", "ln -s TARGET LINK"] : ["linkctl new LINK TARGET", "mklink LINK TARGET"]);
}
