using Linkctl.Errors;
using Linkctl.Fixes;
using Linkctl.Links;
using Linkctl.Platform;

namespace Linkctl.Security;

/// <summary>What happened to one change: made and confirmed by reading back, or why not.</summary>
internal sealed record RightsChangeOutcome(RightsChange Change, bool Confirmed, LinkctlError? Error)
{
    public const string LogOnAgain = "The account must log off and on again: a user right takes effect at the next logon, not in running sessions.";
}

/// <summary>
/// Makes a planned change through LSA and reads it back. A change is reported as made only
/// when LSA's own list shows it, since a call that returns success without effect (Wine's
/// stubs, a GPO refresh racing us) must never be reported as done.
/// </summary>
internal static class RightsApplier
{
    public static RightsChangeOutcome Apply(IAccountRights lsa, RightsChange change)
    {
        var result = change.Kind == RightsChangeKind.Grant
            ? lsa.Grant(change.Sid, change.Right)
            : lsa.Revoke(change.Sid, change.Right);
        if (result.Error is { } error)
        {
            var call = change.Kind == RightsChangeKind.Grant ? "LsaAddAccountRights" : "LsaRemoveAccountRights";
            return new RightsChangeOutcome(change, false, new LinkctlError(
                KindOf(error), string.Empty, $"Could not {change.Describe()}.", $"{call} answered {error}.", NextStepFor(error), error));
        }

        var holders = lsa.ListHolders(change.Right);
        if (!holders.Succeeded)
        {
            return new RightsChangeOutcome(change, false, new LinkctlError(
                FailureKind.ReadBackFailed, string.Empty, $"LSA accepted the request to {change.Describe()}, but reading it back failed.",
                $"LsaEnumerateAccountsWithUserRight answered {holders.Error}.",
                "Check with 'linkctl rights list' before relying on the change.", holders.Error));
        }

        var present = holders.Value.Any(h => string.Equals(h.Sid, change.Sid, StringComparison.OrdinalIgnoreCase));
        var confirmed = change.Kind == RightsChangeKind.Grant ? present : !present;
        if (!confirmed)
        {
            return new RightsChangeOutcome(change, false, new LinkctlError(
                FailureKind.ReadBackFailed, string.Empty, $"LSA reported success for: {change.Describe()}, but its list of holders does not show it.",
                "The call returned success without effect (seen under Wine), or something changed the right again at once (a Group Policy refresh).",
                "Run 'linkctl rights list' and check whether a GPO defines the right."));
        }

        return new RightsChangeOutcome(change, true, null);
    }

    /// <summary>
    /// <see cref="Apply(IAccountRights, RightsChange)"/> with its undo journal record: recorded
    /// first (an unwritable journal means no change), made and read back; when it fails and LSA
    /// still shows the state before, it is recorded as not made, so undo leaves it alone.
    /// </summary>
    public static RightsChangeOutcome Apply(IAccountRights lsa, RightsChange change, IFixJournal journal)
    {
        if (journal.Record(change).Error is { } journalError)
        {
            return new RightsChangeOutcome(change, false, FixApplier.NotRecorded(journalError));
        }

        var outcome = Apply(lsa, change);
        if (outcome.Error is not null && HoldsDirectly(lsa, change) == (change.Kind == RightsChangeKind.Revoke))
        {
            _ = journal.RecordNotMade(change);
        }

        return outcome;
    }

    /// <summary>Whether LSA lists the change's account as holding its right directly; null when LSA could not list.</summary>
    public static bool? HoldsDirectly(IAccountRights lsa, RightsChange change)
    {
        var holders = lsa.ListHolders(change.Right);
        return holders.Succeeded ? holders.Value.Any(h => string.Equals(h.Sid, change.Sid, StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>Undoes a change recorded earlier by applying its inverse, read back like any change.</summary>
    public static RightsChangeOutcome Undo(IAccountRights lsa, RightsChange recorded) => Apply(lsa, recorded.Inverse());

    /// <summary>What kind of failure an LSA answer is (the one classifier's answer).</summary>
    public static FailureKind KindOf(OsError error) => LinkClassifier.Classify(error, LinkOperation.Read);

    public static string NextStepFor(OsError error) => KindOf(error) switch
    {
        FailureKind.AccessDenied => "Run linkctl from an elevated prompt (Run as administrator): changing or listing user rights needs an administrator's full token.",
        FailureKind.InvalidInput => "Check the right's name (e.g. SeCreateSymbolicLinkPrivilege); names are case-sensitive to LSA.",
        FailureKind.NotFound => "Check the account's name, or give its SID.",
        _ => "Report the error above; 'linkctl explain' may know it.",
    };
}
