using Linkctl.Platform.Windows;
using Linkctl.Security;

namespace Linkctl.Diagnosis;

/// <summary>Reads the registry- and LSA-based Windows facts through their interfaces (live or simulated).</summary>
internal static class WindowsFactsReader
{
    public static DeveloperModeFacts DeveloperMode(IRegistry registry)
    {
        var local = registry.ReadDword(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName);
        var policy = registry.ReadDword(DeveloperModeFacts.PolicyKey, DeveloperModeFacts.ValueName);
        var error = local.Error ?? policy.Error;
        return new DeveloperModeFacts(local.ValueOr(null), policy.ValueOr(null), error?.ToString());
    }

    public static SudoFacts Sudo(IRegistry registry)
    {
        var local = registry.ReadDword(SudoFacts.LocalKey, SudoFacts.LocalValue);
        var policy = registry.ReadDword(SudoFacts.PolicyKey, SudoFacts.PolicyValue);
        return new SudoFacts(local.Value, policy.Value, (local.Error ?? policy.Error)?.ToString());
    }

    public static EvaluationFacts Evaluation(IRegistry registry, IReadOnlyList<EvaluationClass> relevant)
    {
        var errors = new List<string>();
        EvaluationValues Read(string key)
        {
            int? One(EvaluationClass c)
            {
                var read = registry.ReadDword(key, EvaluationValues.ValueName(c));
                if (read.Error is not null)
                {
                    errors.Add($"{key}\\{EvaluationValues.ValueName(c)}: {read.Error}");
                }

                return read.ValueOr(null);
            }

            return new EvaluationValues(One(EvaluationClass.L2L), One(EvaluationClass.L2R), One(EvaluationClass.R2L), One(EvaluationClass.R2R));
        }

        var state = registry.ReadDword(EvaluationFacts.PolicyKey, EvaluationFacts.PolicyStateValue);
        return new EvaluationFacts(Read(EvaluationFacts.LocalKey), state.ValueOr(null), Read(EvaluationFacts.PolicyKey), relevant, errors.Count == 0 ? null : string.Join("; ", errors));
    }

    /// <summary>LSA's assignment to the user or its groups, and whether a GPO defines the right.</summary>
    public static RightFacts Right(IAccountRights? rights)
    {
        if (rights is null)
        {
            return RightFacts.Unknown("the LSA reader is not available in this build");
        }

        var current = rights.CurrentUser(RightFacts.Privilege);
        var gpo = rights.GroupPolicy(RightFacts.Privilege);
        var reasons = new List<string>();
        if (current.Error is not null)
        {
            reasons.Add($"LSA: {current.Error}");
        }

        if (gpo.UnknownReason is not null)
        {
            reasons.Add($"Group Policy: {gpo.UnknownReason}");
        }

        var user = current.ValueOr(null);
        return new RightFacts(
            user?.Holds,
            user?.Through.Select(a => a.ToString()).ToList() ?? [],
            gpo.UnknownReason is null ? gpo.IsDefined : null,
            gpo.Winner is { } w ? w.GpoName ?? w.GpoId : null,
            gpo.Winner?.Accounts.Select(a => a.ToString()).ToList() ?? [],
            reasons.Count == 0 ? null : string.Join("; ", reasons));
    }
}
