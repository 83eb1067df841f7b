using System.Text.Json.Serialization;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Fixes;

[JsonConverter(typeof(JsonStringEnumConverter<FixTopic>))]
public enum FixTopic
{
    [JsonStringEnumMemberName("devmode")] DeveloperMode,
    [JsonStringEnumMemberName("right")] Right,
    [JsonStringEnumMemberName("evaluation")] Evaluation,
}

/// <summary>One registry value to set, with what it replaces (null = absent), so that undo can restore it.</summary>
public sealed record RegistryChange(string SubKey, string Name, int? OldValue, int NewValue)
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
public sealed record FixPlan(FixTopic Topic, IReadOnlyList<RegistryChange> Registry, IReadOnlyList<RightsChange> Rights, IReadOnlyList<string> Notes, LinkctlError? Refusal, bool NeedsElevation = false)
{
    public bool NothingToDo => Refusal is null && Registry.Count == 0 && Rights.Count == 0;
}

/// <summary>One change as recorded in the undo journal: enough to restore what it replaced.</summary>
public sealed record FixJournalEntry(FixTopic Topic, DateTimeOffset When, IReadOnlyList<RegistryChange> Registry, IReadOnlyList<RightsChange> Rights);

/// <summary>
/// Where fix records what it replaced. The general undo journal (src/Linkctl/Journal/UndoJournal.cs,
/// branch scan) will implement this; until it is merged, the CLI has none and fix refuses to
/// change anything it could not undo.
/// </summary>
public interface IFixJournal
{
    OsError? Record(FixJournalEntry entry);

    /// <summary>The entries not yet undone, newest first.</summary>
    IReadOnlyList<FixJournalEntry> Pending();

    /// <summary>Marks an entry undone (removes it).</summary>
    OsError? MarkUndone(FixJournalEntry entry);
}

/// <summary>What fix did: the plan, and the result of each change (read back), or the refusal.</summary>
public sealed record FixOutcome(FixPlan? Plan, bool DryRun, IReadOnlyList<string> Done, LinkctlError? Error)
{
    public bool Success => Error is null;
}

/// <summary>Facts the planner needs, gathered by doctor's gatherer (token, Developer Mode, evaluation, rights).</summary>
public sealed record FixFacts(WindowsFacts Windows, string? CurrentUserSid);
