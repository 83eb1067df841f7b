using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Platform.Windows;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// doctor's and fix's views of the simulated Windows (additive): its registry (Developer Mode and
/// SymlinkEvaluation values, kept in step with the simulation's own switches), its token, and a
/// scratch space for --probe.
/// </summary>
public sealed partial class SimulatedWindows
{
    private readonly Dictionary<(string Key, string Name), int> _registry = new();

    /// <summary>Registry writes are refused (as for a non-elevated process) when false.</summary>
    public bool RegistryWritable { get; set; } = true;

    public IRegistry Registry => new SimulatedRegistry(this);

    public ITokenReader TokenReader => new SimulatedTokenReader(this);

    public IScratchSpace Scratch => new SimulatedScratch(this);

    /// <summary>Sets a value as `reg add` would, e.g. a policy value the user cannot change.</summary>
    public SimulatedWindows WithRegistryValue(string subKey, string name, int value)
    {
        _registry[(subKey.ToUpperInvariant(), name.ToUpperInvariant())] = value;
        Sync();
        return this;
    }

    // The registry is where Windows reads these switches from: keep the simulation's effective
    // Developer Mode and SymlinkEvaluation equal to what the values say (policy wins).
    private void Sync()
    {
        int? Get(string key, string name) => _registry.TryGetValue((key.ToUpperInvariant(), name.ToUpperInvariant()), out var v) ? v : null;
        var dev = Get(DeveloperModeFacts.PolicyKey, DeveloperModeFacts.ValueName) ?? Get(DeveloperModeFacts.LocalKey, DeveloperModeFacts.ValueName);
        if (dev is not null)
        {
            DeveloperModeEnabled = dev == 1;
        }

        var facts = new EvaluationFacts(
            Values(EvaluationFacts.LocalKey),
            Get(EvaluationFacts.PolicyKey, EvaluationFacts.PolicyStateValue),
            Values(EvaluationFacts.PolicyKey),
            []);
        SymlinkEvaluation = new SymlinkEvaluation(facts.Enabled(EvaluationClass.L2L), facts.Enabled(EvaluationClass.L2R), facts.Enabled(EvaluationClass.R2L), facts.Enabled(EvaluationClass.R2R));

        EvaluationValues Values(string key) => new(
            Get(key, EvaluationValues.ValueName(EvaluationClass.L2L)),
            Get(key, EvaluationValues.ValueName(EvaluationClass.L2R)),
            Get(key, EvaluationValues.ValueName(EvaluationClass.R2L)),
            Get(key, EvaluationValues.ValueName(EvaluationClass.R2R)));
    }

    private sealed class SimulatedRegistry(SimulatedWindows windows) : IRegistry
    {
        public OsResult<int?> ReadDword(string subKey, string name)
        {
            if (windows._registry.TryGetValue((subKey.ToUpperInvariant(), name.ToUpperInvariant()), out var value))
            {
                return OsResult<int?>.Of(value);
            }

            // Settings' switch without a stored value still reads as the value Windows would hold.
            return OsResult<int?>.Of(string.Equals(subKey, DeveloperModeFacts.LocalKey, StringComparison.OrdinalIgnoreCase) && name == DeveloperModeFacts.ValueName && windows.DeveloperModeEnabled
                ? 1
                : null);
        }

        public OsResult WriteDword(string subKey, string name, int value)
        {
            if (!windows.RegistryWritable)
            {
                return OsResult.Failed(OsError.Win32(Win32ErrorNames.AccessDenied));
            }

            windows.WithRegistryValue(subKey, name, value);
            return OsResult.Success;
        }

        public OsResult DeleteValue(string subKey, string name)
        {
            if (!windows.RegistryWritable)
            {
                return OsResult.Failed(OsError.Win32(Win32ErrorNames.AccessDenied));
            }

            windows._registry.Remove((subKey.ToUpperInvariant(), name.ToUpperInvariant()));
            if (string.Equals(subKey, DeveloperModeFacts.LocalKey, StringComparison.OrdinalIgnoreCase) && name == DeveloperModeFacts.ValueName)
            {
                windows.DeveloperModeEnabled = false;
            }

            windows.Sync();
            return OsResult.Success;
        }
    }

    private sealed class SimulatedTokenReader(SimulatedWindows windows) : ITokenReader
    {
        public TokenFacts Read()
        {
            var t = windows.Token;
            return new TokenFacts(t.UserName, (ElevationType)(int)t.ElevationType, t.ElevationType == TokenElevationType.Full, t.IsAdministratorsMember, t.HoldsCreateSymbolicLinkPrivilege);
        }

        public string? UserSid() => windows.Token.UserSid;
    }

    private sealed class SimulatedScratch(SimulatedWindows windows) : IScratchSpace
    {
        public void CreateDirectory(string path) => Check(windows.CreateDirectory(path));

        public void CreateFile(string path) => windows.AddFile(path, "probe");

        public void DeleteFile(string path)
        {
            if (windows.Exists(path))
            {
                Check(windows.DeleteFile(path));
            }
        }

        public void DeleteEmptyDirectory(string path)
        {
            if (windows.Exists(path))
            {
                Check(windows.RemoveDirectory(path));
            }
        }

        private static void Check(int code)
        {
            if (code != 0)
            {
                throw new IOException($"simulated Windows error {code}", code);
            }
        }
    }
}
