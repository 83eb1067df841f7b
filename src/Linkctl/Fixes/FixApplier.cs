using Linkctl.Errors;
using Linkctl.Platform.Windows;
using Linkctl.Security;

namespace Linkctl.Fixes;

/// <summary>
/// Carries out a <see cref="FixPlan"/>: records each change in the journal first (what it
/// replaces), makes it, and reads it back; a value the system did not keep is a failure, and
/// is recorded as not made. Undo restores what a run replaced, newest change first, checking
/// the current state first: a value already as before is left alone, one that something else
/// changed since is not overwritten.
/// </summary>
/// <param name="registry">HKLM; null when only LSA changes are carried out (rights undo).</param>
/// <param name="lsa">LSA; null when only registry changes are carried out.</param>
/// <param name="journal">Where each change is recorded before it is made, and undo finds the runs.</param>
internal sealed class FixApplier(IRegistry? registry, IAccountRights? lsa, IFixJournal journal)
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

        var done = new List<string>();
        foreach (var change in plan.Registry)
        {
            if (journal.Record(change).Error is { } journalError)
            {
                return new FixOutcome(plan, false, done, NotRecorded(journalError));
            }

            if (Write(change.SubKey, change.Name, change.NewValue) is { } error)
            {
                if (Registry.ReadDword(change.SubKey, change.Name) is { Succeeded: true } back && back.Value == change.OldValue)
                {
                    _ = journal.RecordNotMade(change);
                }

                return new FixOutcome(plan, false, done, error);
            }

            done.Add($"set {change.Describe()} (read back)");
        }

        foreach (var change in plan.Rights)
        {
            var outcome = RightsApplier.Apply(Lsa, change, journal);
            if (outcome.Error is not null)
            {
                return new FixOutcome(plan, false, done, outcome.Error);
            }

            // The plan's notes say to log off and on; the CLI repeats it after the run.
            done.Add($"{change.Describe()} (read back)");
        }

        return new FixOutcome(plan, false, done, null);
    }

    /// <summary>Restores the newest run not undone yet, or every one (newest first).</summary>
    public FixOutcome Undo(bool all)
    {
        var pending = journal.Pending();
        if (pending.Count == 0)
        {
            return new FixOutcome(null, false, [], new LinkctlError(FailureKind.NotFound, string.Empty, $"There is nothing to undo: the journal holds no change made by linkctl {journal.Command} that is not undone already.", string.Empty, string.Empty))
            {
                NothingToUndo = true,
            };
        }

        var done = new List<string>();
        foreach (var entry in all ? pending : pending.Take(1))
        {
            foreach (var change in entry.Registry.Reverse())
            {
                var path = $"HKLM\\{change.SubKey}\\{change.Name}";
                var now = Registry.ReadDword(change.SubKey, change.Name);
                if (now.Error is not null)
                {
                    return new FixOutcome(null, false, done, new LinkctlError(FailureKind.Other, path, $"Could not read {path} to restore it.", $"The registry answered {now.Error}.", "Run it elevated.", now.Error));
                }

                if (now.Value == change.OldValue)
                {
                    done.Add($"{path} is already {Text(change.OldValue)}, as before the change; left alone");
                    continue;
                }

                if (now.Value != change.NewValue)
                {
                    return new FixOutcome(null, false, done, new LinkctlError(FailureKind.Conflict, path,
                        $"{path} is now {Text(now.Value)}, not the {change.NewValue} that linkctl {journal.Command} set: something else changed it since, so it was left alone.",
                        $"Restoring it would overwrite that later change with {Text(change.OldValue)}.",
                        change.OldValue is { } o ? $"If you still want the old value: reg add \"HKLM\\{change.SubKey}\" /v {change.Name} /t REG_DWORD /d {o} /f" : $"If you still want it absent: reg delete \"HKLM\\{change.SubKey}\" /v {change.Name} /f"));
                }

                var error = change.OldValue is { } old ? Write(change.SubKey, change.Name, old) : Delete(change.SubKey, change.Name);
                if (error is not null)
                {
                    return new FixOutcome(null, false, done, error);
                }

                done.Add($"restored {path} to {Text(change.OldValue)} (read back)");
            }

            foreach (var recorded in entry.Rights.Reverse())
            {
                var change = recorded.AccountName is null && Lsa.LookupSid(recorded.Sid).ValueOr(null)?.Name is { } name ? recorded with { AccountName = name } : recorded;
                var held = RightsApplier.HoldsDirectly(Lsa, change);
                if (held is null)
                {
                    var list = Lsa.ListHolders(change.Right);
                    var listError = list.Error ?? OsError.Win32(Win32ErrorNames.InvalidFunction);
                    return new FixOutcome(null, false, done, new LinkctlError(RightsApplier.KindOf(listError), string.Empty, $"Could not read who holds {change.Right} to undo: {change.Describe()}.", $"LSA answered {listError}.", RightsApplier.NextStepFor(listError), listError));
                }

                if (held == (change.Kind == RightsChangeKind.Revoke))
                {
                    done.Add($"{change.Inverse().Describe()}: already so; left alone");
                    continue;
                }

                var outcome = RightsApplier.Undo(Lsa, change);
                if (outcome.Error is not null)
                {
                    return new FixOutcome(null, false, done, outcome.Error);
                }

                done.Add($"{change.Inverse().Describe()} (read back). {RightsChangeOutcome.LogOnAgain}");
            }

            if (journal.MarkUndone(entry).Error is { } journalError)
            {
                return new FixOutcome(null, false, done, new LinkctlError(FailureKind.Other, string.Empty, "Restored, but the journal could not record that the run was undone.", journalError.ToString(), "Running --undo again finds the values already restored and leaves them alone."));
            }
        }

        return new FixOutcome(null, false, done, null);
    }

    private IRegistry Registry => registry ?? throw new InvalidOperationException("a registry change needs the registry");

    private IAccountRights Lsa => lsa ?? throw new InvalidOperationException("a rights change needs LSA");

    private static string Text(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent";

    internal static LinkctlError NotRecorded(OsError journalError) => new(FailureKind.Other, string.Empty,
        "Could not record the change in the undo journal, so it was not made.", $"Writing the journal answered {journalError}.",
        $"Check that the journal's folder is writable, or point {Journal.UndoJournal.PathVariable} at a writable file.", journalError);

    private LinkctlError? Write(string subKey, string name, int value)
    {
        if (Registry.WriteDword(subKey, name, value).Error is { } error)
        {
            return new LinkctlError(error.Code == Win32ErrorNames.AccessDenied ? FailureKind.AccessDenied : FailureKind.Other, $"HKLM\\{subKey}\\{name}",
                $"Could not write HKLM\\{subKey}\\{name}.", $"The registry answered {error}.", "Run it elevated (--elevate).", error);
        }

        var back = Registry.ReadDword(subKey, name);
        return back.ValueOr(null) == value ? null : new LinkctlError(FailureKind.ReadBackFailed, $"HKLM\\{subKey}\\{name}",
            $"HKLM\\{subKey}\\{name} was written as {value}, but reads back as {(back.ValueOr(null)?.ToString() ?? "absent")}.",
            "The system did not keep the change (a policy or another program reverted it).", "Run `linkctl doctor` to see which policy applies.", back.Error);
    }

    private LinkctlError? Delete(string subKey, string name)
    {
        if (Registry.DeleteValue(subKey, name).Error is { } error)
        {
            return new LinkctlError(FailureKind.Other, $"HKLM\\{subKey}\\{name}", $"Could not remove HKLM\\{subKey}\\{name}.", $"The registry answered {error}.", "Run it elevated.", error);
        }

        var back = Registry.ReadDword(subKey, name);
        return back.Succeeded && back.Value is null ? null : new LinkctlError(FailureKind.ReadBackFailed, $"HKLM\\{subKey}\\{name}",
            $"HKLM\\{subKey}\\{name} was removed, but reads back as {(back.Succeeded ? back.Value?.ToString() : back.Error.ToString())}.", "The system did not keep the change.", "Check it with reg query.", back.Error);
    }
}
