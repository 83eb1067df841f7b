using Linkctl.Errors;

namespace Linkctl.Platform.Windows;

/// <summary>
/// HKEY_LOCAL_MACHINE's DWORD values, the only registry data doctor and fix read and write
/// (Developer Mode, SymlinkEvaluation and their policy copies). The live implementation uses
/// Microsoft.Win32.Registry's 64-bit view; the tests use a simulated one. Sub-keys are
/// written without "HKLM\" ("SOFTWARE\Microsoft\...").
/// </summary>
internal interface IRegistry
{
    /// <summary>The value; null when it is absent; or the error that stopped the read.</summary>
    OsResult<int?> ReadDword(string subKey, string name);

    /// <summary>Writes the value, creating the key when missing.</summary>
    OsResult WriteDword(string subKey, string name, int value);

    /// <summary>Removes the value (to restore "absent"); success when it was already absent.</summary>
    OsResult DeleteValue(string subKey, string name);
}
