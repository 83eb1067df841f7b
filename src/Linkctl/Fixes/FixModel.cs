using System.Text.Json.Serialization;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Fixes;

[JsonConverter(typeof(JsonStringEnumConverter<FixTopic>))]
internal enum FixTopic
{
    [JsonStringEnumMemberName("devmode")] DeveloperMode,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("evaluation")] Evaluation,
}

/// <summary>One registry value to set, with what it replaces (null = absent), so that undo can restore it.</summary>
internal sealed record RegistryChange(string SubKey, string Name, int? OldValue, int NewValue)
{
    public string Describe() => $"HKLM\\{SubKey}\\{Name}: {(OldValue is null ? "absent" : OldValue.ToString())} -> {NewValue}";
}

/// <summary>What <c>linkctl fix</c> would change, or why it will not.</summary>
/// <param name="Topic">What is being fixed.</param>
/// <param name="Registry">Registry values to write (devmode, evaluation).</param>
/// <param name="Rights">LSA grants (right), planned by the rights module.</param>
/// <param name="Notes">What needs no change, and what to do afterwards.</param>
/// <param name="Refusal">Why nothing will be changed, or null.</param>
/// <param name="NeedsElevation">The refusal is only that this window is not elevated: --elevate helps.</param>
internal sealed record FixPlan(FixTopic Topic, IReadOnlyList<RegistryChange> Registry, IReadOnlyList<RightsChange> Rights, IReadOnlyList<string> Notes, LinkctlError? Refusal, bool NeedsElevation = false)
{
    public bool NothingToDo => Refusal is null && Registry.Count == 0 && Rights.Count == 0;
}

/// <summary>
/// One run (command invocation) as the undo journal holds it: the changes it made, in the
/// order made, without those that did not take effect.
/// </summary>
/// <param name="RunId">The journal's run id.</param>
/// <param name="Command">The verb that made them ("fix", "rights").</param>
/// <param name="When">When the run's first change was recorded.</param>
/// <param name="Registry">Registry values it set, in order.</param>
/// <param name="Rights">LSA changes it made, in order.</param>
internal sealed record FixJournalEntry(string RunId, string Command, DateTimeOffset When, IReadOnlyList<RegistryChange> Registry, IReadOnlyList<RightsChange> Rights);

/// <summary>
/// Where fix and rights record what each change replaces, before making it, so that undo can
/// restore it. The live implementation is <see cref="Journal.SettingsJournal"/> over the
/// general <see cref="Journal.UndoJournal"/>. An error from any Record method means the change
/// must not be made: linkctl makes no change it could not undo.
/// </summary>
internal interface IFixJournal
{
    /// <summary>The verb whose runs this journal records and undoes ("fix", "rights").</summary>
    string Command { get; }

    /// <summary>Records, before it is made, one registry change of the current run.</summary>
    OsResult Record(RegistryChange change);

    /// <summary>Records, before it is made, one LSA change of the current run.</summary>
    OsResult Record(RightsChange change);

    /// <summary>Records that a change recorded in this run did not take effect (it failed, or reading back did not confirm it), so undo leaves it alone.</summary>
    OsResult RecordNotMade(RegistryChange change);

    /// <summary>As <see cref="RecordNotMade(RegistryChange)"/>, for an LSA change.</summary>
    OsResult RecordNotMade(RightsChange change);

    /// <summary>The runs of <see cref="Command"/> not yet undone that changed something, newest first.</summary>
    IReadOnlyList<FixJournalEntry> Pending();

    /// <summary>Records that a run was undone.</summary>
    OsResult MarkUndone(FixJournalEntry entry);
}

/// <summary>What fix did: the plan, and the result of each change (read back), or the refusal.</summary>
internal sealed record FixOutcome(FixPlan? Plan, bool DryRun, IReadOnlyList<string> Done, LinkctlError? Error)
{
    public bool Success => Error is null;

    /// <summary>The undo journal file the changes were recorded in (or undone from); null when nothing was recorded.</summary>
    public string? Journal { get; init; }

    /// <summary>An undo found no run to undo: a negative answer (exit 1, as for repair --undo), not a failure of the OS.</summary>
    public bool NothingToUndo { get; init; }
}

/// <summary>Facts the planner needs, gathered by doctor's gatherer (token, Developer Mode, evaluation, rights).</summary>
internal sealed record FixFacts(WindowsFacts Windows, string? CurrentUserSid);
