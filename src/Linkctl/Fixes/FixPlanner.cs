using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Security;

namespace Linkctl.Fixes;

/// <summary>
/// Plans <c>linkctl fix</c>: what would change, refusing when this window is not elevated
/// (offering --elevate) and when a policy would override the change (naming the policy). Pure.
/// </summary>
internal static class FixPlanner
{
    public static FixPlan DeveloperMode(WindowsFacts w)
    {
        var dev = w.DeveloperMode;
        if (dev.SetByPolicy && dev.PolicyValue != 1)
        {
            return Refused(FixTopic.DeveloperMode, FailureKind.AccessDenied,
                "Developer Mode is set by policy, which would override a local change.",
                $"HKLM\\{DeveloperModeFacts.PolicyKey}\\{DeveloperModeFacts.ValueName} = {dev.PolicyValue} (Group Policy \"Allow development of Windows Store apps without installing a developer license\", or MDM ApplicationManagement/AllowDeveloperUnlock) wins over the local value.",
                "Ask the administrator of that policy to allow it; `linkctl doctor` shows the other fixes.");
        }

        if (dev.Enabled)
        {
            return new FixPlan(FixTopic.DeveloperMode, [], [], [$"Developer Mode is already on ({(dev.SetByPolicy ? "by policy" : "locally")}); nothing to change."], null);
        }

        var notes = new List<string>();
        if (!w.UnprivilegedFlagSupported && w.OsBuild != 0)
        {
            notes.Add($"Build {w.OsBuild} is older than {WindowsFacts.UnprivilegedFlagBuild}: Developer Mode will not let standard users make symbolic links there.");
        }

        notes.Add("Programs started after the change may make symbolic links without elevation; `linkctl doctor` confirms.");
        return Elevated(w, new FixPlan(FixTopic.DeveloperMode, [new RegistryChange(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName, dev.LocalValue, 1)], [], notes, null));
    }

    /// <summary>
    /// Sets the asked classes and writes all four local values: Windows ignores a set that is not
    /// complete (docs/windows-facts.md, SymlinkEvaluation), so a class not named keeps the value in
    /// force now. Refused when the policy's complete set decides instead.
    /// </summary>
    public static FixPlan Evaluation(WindowsFacts w, IReadOnlyDictionary<EvaluationClass, int> wanted)
    {
        var e = w.Evaluation;
        if (e.InForce == EvaluationSet.Policy)
        {
            var overridden = wanted.Keys.OrderBy(c => c).ToList();
            return Refused(FixTopic.Evaluation, FailureKind.AccessDenied,
                $"SymlinkEvaluation {string.Join(", ", overridden)} is set by Group Policy, which would override a local change.",
                $"The policy \"Selectively allow the evaluation of a symbolic link\" sets all four classes (HKLM\\{EvaluationFacts.PolicyKey}), and a complete policy set wins over fsutil's local values.",
                "Ask its administrator: gpedit.msc > Computer Configuration > Administrative Templates > System > Filesystem.");
        }

        var changes = new List<RegistryChange>();
        var notes = new List<string>(e.Ignored.Select(i => $"Note: {i}."));
        foreach (var c in Enum.GetValues<EvaluationClass>())
        {
            var value = wanted.TryGetValue(c, out var asked) ? asked : e.Enabled(c) ? 1 : 0;
            if (e.Local[c] == value)
            {
                if (wanted.ContainsKey(c) && e.Local.IsComplete)
                {
                    notes.Add($"{c} is already {value}.");
                }

                continue;
            }

            changes.Add(new RegistryChange(EvaluationFacts.LocalKey, EvaluationValues.ValueName(c), e.Local[c], value));
        }

        if (changes.Count > 0)
        {
            if (changes.Any(ch => !wanted.Keys.Any(c => EvaluationValues.ValueName(c) == ch.Name)))
            {
                notes.Add("Windows uses the four values only together, so all four are written; the classes not named keep the value in force now.");
            }

            notes.Add("Check with `fsutil behavior query SymlinkEvaluation` or `linkctl doctor`.");
        }

        return changes.Count == 0 ? new FixPlan(FixTopic.Evaluation, [], [], notes, null) : Elevated(w, new FixPlan(FixTopic.Evaluation, changes, [], notes, null));
    }

    /// <summary>A grant of "Create symbolic links", planned by the rights module (it refuses where a GPO defines the right).</summary>
    public static FixPlan Right(WindowsFacts w, IAccountRights lsa, string account)
    {
        var plan = RightsPlanner.PlanGrant(lsa, account, RightFacts.Privilege, localAnyway: false);
        if (plan.Refusal is not null)
        {
            return new FixPlan(FixTopic.Right, [], [], plan.Notes, plan.Refusal);
        }

        var notes = plan.Notes.ToList();
        if (plan.Changes.Count > 0)
        {
            notes.Add("After the grant the account must log off and on: the right reaches a session only at logon. Then `linkctl doctor` confirms it.");
        }

        return plan.Changes.Count == 0 ? new FixPlan(FixTopic.Right, [], [], notes, null) : Elevated(w, new FixPlan(FixTopic.Right, [], plan.Changes, notes, null));
    }

    /// <summary>Parses "L2L:1 R2L:1" as fsutil writes it.</summary>
    public static IReadOnlyDictionary<EvaluationClass, int>? ParseEvaluation(IEnumerable<string> items, out string? problem)
    {
        var result = new Dictionary<EvaluationClass, int>();
        foreach (var item in items)
        {
            var parts = item.Split(':');
            if (parts.Length != 2 || !Enum.TryParse<EvaluationClass>(parts[0], ignoreCase: true, out var c) || !Enum.IsDefined(c) || parts[1] is not ("0" or "1"))
            {
                problem = $"'{item}' is not CLASS:0 or CLASS:1 with CLASS one of L2L, L2R, R2L, R2R.";
                return null;
            }

            result[c] = parts[1] == "1" ? 1 : 0;
        }

        problem = result.Count == 0 ? "Name at least one class, e.g. R2L:1." : null;
        return problem is null ? result : null;
    }

    private static FixPlan Elevated(WindowsFacts w, FixPlan plan)
    {
        var elevated = w.Token.Elevated == true || w.Token.ElevationType == ElevationType.Full;
        if (elevated)
        {
            return plan;
        }

        var admin = w.Token.IsAdministrator == true;
        return plan with
        {
            NeedsElevation = admin,
            Refusal = new LinkctlError(FailureKind.AccessDenied, string.Empty,
                "This change needs administrator rights, and this window is not elevated.",
                admin ? "You are an administrator; UAC runs this window without those rights." : "Your account is not an administrator.",
                admin ? "Add --elevate to run just this step through UAC, or use an elevated window." : "Ask an administrator to run it (linkctl fix ... --elevate from their account)."),
        };
    }

    private static FixPlan Refused(FixTopic topic, FailureKind kind, string what, string why, string next) =>
        new(topic, [], [], [], new LinkctlError(kind, string.Empty, what, why, next));
}
