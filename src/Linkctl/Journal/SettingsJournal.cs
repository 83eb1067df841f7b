using System.Globalization;
using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Security;

namespace Linkctl.Journal;

/// <summary>
/// The undo journal's view for changes to Windows settings (<c>linkctl fix</c> and
/// <c>linkctl rights</c>): registry values and LSA user rights, written as ordinary
/// <see cref="JournalEntry"/> lines in the one <see cref="UndoJournal"/> file.
///
/// Line forms (docs/admin.md):
/// <list type="bullet">
/// <item>action "set_registry_value", path "HKLM\SubKey\Name", before = the old DWORD in decimal
/// (omitted when the value was absent; "0" is a value), after = the new DWORD.</item>
/// <item>action "grant_right" / "revoke_right", path "LSA\Right\SID", before and after "held" or "not_held".</item>
/// <item>action "not_made", with the path of a change recorded earlier in the same run: that
/// change did not take effect (it failed, or reading back did not show it), so undo leaves it alone.</item>
/// </list>
/// Each change is written (and flushed) before it is made; one instance is one run.
/// </summary>
internal sealed class SettingsJournal(UndoJournal journal, string command) : IFixJournal
{
    public const string SetRegistryValueAction = "set_registry_value";
    public const string GrantRightAction = "grant_right";
    public const string RevokeRightAction = "revoke_right";
    public const string NotMadeAction = "not_made";

    private const string RegistryPrefix = "HKLM\\";
    private const string LsaPrefix = "LSA\\";
    private const string Held = "held";
    private const string NotHeld = "not_held";

    public string Command { get; } = command;

    /// <summary>This run's id: every change recorded through this instance shares it.</summary>
    public string RunId { get; } = UndoJournal.NewRunId();

    public string FilePath => journal.FilePath;

    public OsResult Record(RegistryChange change)
    {
        if (change.Name.Contains('\\', StringComparison.Ordinal))
        {
            // The path's last backslash separates key and value name; such a name could not be read back.
            return OsResult.Failed(OsError.Win32(Win32ErrorNames.InvalidParameter));
        }

        return Append(SetRegistryValueAction, RegistryPath(change), Dword(change.OldValue), Dword(change.NewValue));
    }

    public OsResult Record(RightsChange change)
    {
        var grant = change.Kind == RightsChangeKind.Grant;
        return Append(grant ? GrantRightAction : RevokeRightAction, RightsPath(change), grant ? NotHeld : Held, grant ? Held : NotHeld);
    }

    public OsResult RecordNotMade(RegistryChange change) => Append(NotMadeAction, RegistryPath(change), null, null);

    public OsResult RecordNotMade(RightsChange change) => Append(NotMadeAction, RightsPath(change), null, null);

    public IReadOnlyList<FixJournalEntry> Pending()
    {
        var all = journal.ReadAll();
        var undone = all.Where(e => e.Action == UndoJournal.UndoRunAction).Select(e => e.Before).ToHashSet(StringComparer.Ordinal);
        var notMade = all.Where(e => e.Command == Command && e.Action == NotMadeAction).Select(e => (e.RunId, e.Path)).ToHashSet();
        var runs = new List<(string RunId, DateTimeOffset When, List<RegistryChange> Registry, List<RightsChange> Rights)>();
        foreach (var e in all)
        {
            if (e.Command != Command || undone.Contains(e.RunId) || notMade.Contains((e.RunId, e.Path)))
            {
                continue;
            }

            RegistryChange? registry = e.Action == SetRegistryValueAction ? ParseRegistry(e) : null;
            RightsChange? rights = e.Action is GrantRightAction or RevokeRightAction ? ParseRights(e) : null;
            if (registry is null && rights is null)
            {
                continue;
            }

            var index = runs.FindIndex(r => r.RunId == e.RunId);
            if (index < 0)
            {
                runs.Add((e.RunId, e.Time, [], []));
                index = runs.Count - 1;
            }

            if (registry is not null)
            {
                runs[index].Registry.Add(registry);
            }

            if (rights is not null)
            {
                runs[index].Rights.Add(rights);
            }
        }

        return runs.AsEnumerable().Reverse().Select(r => new FixJournalEntry(r.RunId, Command, r.When, r.Registry, r.Rights)).ToList();
    }

    public OsResult MarkUndone(FixJournalEntry entry) => Guard(() => journal.MarkUndone(Command, entry.RunId));

    private OsResult Append(string action, string path, string? before, string? after) => Guard(() => journal.Append(new JournalEntry
    {
        RunId = RunId,
        Time = DateTimeOffset.UtcNow,
        Command = Command,
        Action = action,
        Path = path,
        Before = before,
        After = after,
    }));

    private static OsResult Guard(Action write)
    {
        try
        {
            write();
            return OsResult.Success;
        }
        catch (LinkctlException e)
        {
            // UndoJournal throws only LinkctlException; its OS error is what the fix output shows.
            return OsResult.Failed(e.Error.OsError ?? OsError.Errno(13));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return OsResult.Failed(FromException(e));
        }
    }

    private static OsError FromException(Exception e)
    {
        if (OperatingSystem.IsWindows())
        {
            // File APIs throw; the HRESULT keeps the Win32 code in its low word.
            return e is IOException ? OsError.Win32(e.HResult & 0xFFFF) : OsError.Win32(Win32ErrorNames.AccessDenied);
        }

        // On Unix .NET puts the errno in an IOException's HResult; EACCES is 13.
        return e is IOException && e.HResult is > 0 and < 4096 ? OsError.Errno(e.HResult) : OsError.Errno(13);
    }

    private static string RegistryPath(RegistryChange change) => $"{RegistryPrefix}{change.SubKey}\\{change.Name}";

    private static string RightsPath(RightsChange change) => $"{LsaPrefix}{change.Right}\\{change.Sid}";

    private static string? Dword(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static RegistryChange? ParseRegistry(JournalEntry e)
    {
        var split = e.Path.LastIndexOf('\\');
        if (!e.Path.StartsWith(RegistryPrefix, StringComparison.Ordinal) || split <= RegistryPrefix.Length
            || !int.TryParse(e.After, NumberStyles.Integer, CultureInfo.InvariantCulture, out var after))
        {
            return null;
        }

        int? before = null;
        if (e.Before is not null)
        {
            if (!int.TryParse(e.Before, NumberStyles.Integer, CultureInfo.InvariantCulture, out var old))
            {
                return null;
            }

            before = old;
        }

        return new RegistryChange(e.Path[RegistryPrefix.Length..split], e.Path[(split + 1)..], before, after);
    }

    private static RightsChange? ParseRights(JournalEntry e)
    {
        var split = e.Path.LastIndexOf('\\');
        if (!e.Path.StartsWith(LsaPrefix, StringComparison.Ordinal) || split <= LsaPrefix.Length)
        {
            return null;
        }

        var kind = e.Action == GrantRightAction ? RightsChangeKind.Grant : RightsChangeKind.Revoke;
        return new RightsChange(kind, e.Path[LsaPrefix.Length..split], e.Path[(split + 1)..], null);
    }
}
