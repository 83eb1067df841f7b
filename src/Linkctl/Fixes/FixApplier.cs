using Linkctl.Errors;
using Linkctl.Platform.Windows;
using Linkctl.Security;

namespace Linkctl.Fixes;

/// <summary>
/// Carries out a <see cref="FixPlan"/>: records what each change replaces in the journal first,
/// makes it, and reads it back; a value the system did not keep is a failure. Undo restores
/// the recorded values the same way.
/// </summary>
public sealed class FixApplier(IRegistry registry, IAccountRights? lsa, IFixJournal journal)
{
    public FixOutcome Apply(FixPlan plan)
    {
        if (plan.Refusal is not null)
        {
            return new FixOutcome(plan, false, [], plan.Refusal);
        }

        if (plan.NothingToDo)
        {
            return new FixOutcome(plan, false, [], null);
        }

        var entry = new FixJournalEntry(plan.Topic, DateTimeOffset.UtcNow, plan.Registry, plan.Rights);
        if (journal.Record(entry) is { } journalError)
        {
            return new FixOutcome(plan, false, [], new LinkctlError(FailureKind.Other, string.Empty, "Could not record the change in the undo journal, so nothing was changed.", journalError.ToString(), "Check that your profile folder is writable."));
        }

        var done = new List<string>();
        foreach (var change in plan.Registry)
        {
            if (Write(change.SubKey, change.Name, change.NewValue) is { } error)
            {
                return new FixOutcome(plan, false, done, error);
            }

            done.Add($"set {change.Describe()} (read back)");
        }

        foreach (var change in plan.Rights)
        {
            var outcome = RightsApplier.Apply(lsa ?? throw new InvalidOperationException("a rights plan needs LSA"), change);
            if (outcome.Error is not null)
            {
                return new FixOutcome(plan, false, done, outcome.Error);
            }

            done.Add($"{change.Describe()} (read back). {RightsChangeOutcome.LogOnAgain}");
        }

        return new FixOutcome(plan, false, done, null);
    }

    /// <summary>Restores the newest recorded change, or every one (newest first).</summary>
    public FixOutcome Undo(bool all)
    {
        var pending = journal.Pending();
        if (pending.Count == 0)
        {
            return new FixOutcome(null, false, [], new LinkctlError(FailureKind.NotFound, string.Empty, "There is nothing to undo: the journal holds no change made by linkctl fix.", string.Empty, string.Empty));
        }

        var done = new List<string>();
        foreach (var entry in all ? pending : pending.Take(1))
        {
            foreach (var change in entry.Registry.Reverse())
            {
                var error = change.OldValue is { } old ? Write(change.SubKey, change.Name, old) : Delete(change.SubKey, change.Name);
                if (error is not null)
                {
                    return new FixOutcome(null, false, done, error);
                }

                done.Add($"restored HKLM\\{change.SubKey}\\{change.Name} to {(change.OldValue?.ToString() ?? "absent")} (read back)");
            }

            foreach (var change in entry.Rights.Reverse())
            {
                var outcome = RightsApplier.Undo(lsa ?? throw new InvalidOperationException("a rights entry needs LSA"), change);
                if (outcome.Error is not null)
                {
                    return new FixOutcome(null, false, done, outcome.Error);
                }

                done.Add($"{change.Inverse().Describe()} (read back)");
            }

            if (journal.MarkUndone(entry) is { } journalError)
            {
                return new FixOutcome(null, false, done, new LinkctlError(FailureKind.Other, string.Empty, "Restored, but the journal could not be updated.", journalError.ToString(), "Do not run --undo again for this change."));
            }
        }

        return new FixOutcome(null, false, done, null);
    }

    private LinkctlError? Write(string subKey, string name, int value)
    {
        if (registry.WriteDword(subKey, name, value) is { } error)
        {
            return new LinkctlError(error.Code == Win32ErrorNames.AccessDenied ? FailureKind.AccessDenied : FailureKind.Other, $"HKLM\\{subKey}\\{name}",
                $"Could not write HKLM\\{subKey}\\{name}.", $"The registry answered {error}.", "Run it elevated (--elevate).", error);
        }

        var back = registry.ReadDword(subKey, name);
        return back.Value == value ? null : new LinkctlError(FailureKind.ReadBackFailed, $"HKLM\\{subKey}\\{name}",
            $"HKLM\\{subKey}\\{name} was written as {value}, but reads back as {(back.Value?.ToString() ?? "absent")}.",
            "The system did not keep the change (a policy or another program reverted it).", "Run `linkctl doctor` to see which policy applies.", back.Error);
    }

    private LinkctlError? Delete(string subKey, string name)
    {
        if (registry.DeleteValue(subKey, name) is { } error)
        {
            return new LinkctlError(FailureKind.Other, $"HKLM\\{subKey}\\{name}", $"Could not remove HKLM\\{subKey}\\{name}.", $"The registry answered {error}.", "Run it elevated.", error);
        }

        var back = registry.ReadDword(subKey, name);
        return back.Value is null ? null : new LinkctlError(FailureKind.ReadBackFailed, $"HKLM\\{subKey}\\{name}",
            $"HKLM\\{subKey}\\{name} was removed, but reads back as {back.Value}.", "The system did not keep the change.", "Check it with reg query.");
    }
}
