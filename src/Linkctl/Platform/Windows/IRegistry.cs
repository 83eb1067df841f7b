using Linkctl.Errors;

namespace Linkctl.Platform.Windows;

/// <summary>A DWORD read from HKEY_LOCAL_MACHINE: its value, null when absent, or the error that stopped the read.</summary>
public sealed record RegistryDword(int? Value, OsError? Error = null)
{
    public static RegistryDword Absent { get; } = new((int?)null);
}

/// <summary>
/// HKEY_LOCAL_MACHINE's DWORD values, the only registry data doctor and fix read and write
/// (Developer Mode, SymlinkEvaluation and their policy copies). The live implementation uses
/// Microsoft.Win32.Registry's 64-bit view; the tests use a simulated one. Sub-keys are
/// written without "HKLM\" ("SOFTWARE\Microsoft\...").
/// </summary>
public interface IRegistry
{
    RegistryDword ReadDword(string subKey, string name);

    /// <summary>Writes the value, creating the key when missing; null on success.</summary>
    OsError? WriteDword(string subKey, string name, int value);

    /// <summary>Removes the value (to restore "absent"); null on success or when it was already absent.</summary>
    OsError? DeleteValue(string subKey, string name);
}
