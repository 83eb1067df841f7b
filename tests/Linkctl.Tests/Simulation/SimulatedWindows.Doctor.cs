using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Platform.Windows;

namespace Linkctl.Tests.Simulation;

/// <summary>
/// doctor's and fix's views of the simulated Windows (additive): its registry (Developer Mode and
/// SymlinkEvaluation values, kept in step with the simulation's own switches), its token, and a
/// scratch space for --probe.
/// </summary>
internal sealed partial class SimulatedWindows
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

    /// <summary>Writes all four SymlinkEvaluation values under <paramref name="key"/> (the local key, or the policy's), as fsutil and the ADMX do.</summary>
    public SimulatedWindows WithEvaluationValues(string key, int l2l, int l2r, int r2l, int r2r) =>
        WithRegistryValue(key, "SymlinkLocalToLocalEvaluation", l2l)
            .WithRegistryValue(key, "SymlinkLocalToRemoteEvaluation", l2r)
            .WithRegistryValue(key, "SymlinkRemoteToLocalEvaluation", r2l)
            .WithRegistryValue(key, "SymlinkRemoteToRemoteEvaluation", r2r);

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

        // How the kernel reads SymlinkEvaluation (IopSymlinkQueryEnabledClasses as decompiled in the
        // team's review, docs/windows-facts.md; UNVERIFIED on a live machine): the four policy values
        // only if all four are present (SymLinkState is not read), else the four local values, again
        // all or nothing; any non-zero value enables a class; else the defaults. Written here on its
        // own, not through linkctl's EvaluationFacts, so the two can disagree if either is wrong.
        int?[] Set(string key) =>
        [
            Get(key, "SymlinkLocalToLocalEvaluation"), Get(key, "SymlinkLocalToRemoteEvaluation"),
            Get(key, "SymlinkRemoteToLocalEvaluation"), Get(key, "SymlinkRemoteToRemoteEvaluation"),
        ];
        var policy = Set(@"SOFTWARE\Policies\Microsoft\Windows\Filesystems\NTFS");
        var local = Set(@"SYSTEM\CurrentControlSet\Control\FileSystem");
        var inForce = policy.All(v => v is not null) ? policy : local.All(v => v is not null) ? local : null;
        SymlinkEvaluation = inForce is null
            ? SymlinkEvaluation.Default
            : new SymlinkEvaluation(inForce[0] != 0, inForce[1] != 0, inForce[2] != 0, inForce[3] != 0);
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
            return new TokenFacts(t.UserName, (ElevationType)(int)t.ElevationType, t.IsElevated, t.IsAdministratorsMember, t.HoldsCreateSymbolicLinkPrivilege);
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
