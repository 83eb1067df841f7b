using System.Runtime.Versioning;
using Linkctl.Errors;
using Microsoft.Win32;

namespace Linkctl.Platform.Windows;

/// <summary>
/// <see cref="IRegistry"/> on the real registry. Always the 64-bit view: a 32-bit process
/// would otherwise read SOFTWARE\WOW6432Node and see a Developer Mode value that is not the one Windows uses.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsRegistry : IRegistry
{
    public OsResult<int?> ReadDword(string subKey, string name)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.OpenSubKey(subKey, writable: false);
            return key?.GetValue(name) switch
            {
                null => OsResult<int?>.Of(null),
                int dword => OsResult<int?>.Of(dword),
                var other => OsResult<int?>.Failed(new OsError(OsErrorDomain.Win32, Win32ErrorNames.InvalidParameter, "REGISTRY_TYPE", $"HKLM\\{subKey}\\{name} is a {other.GetType().Name}, not a DWORD.")),
            };
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return OsResult<int?>.Failed(OsError.FromException(e, windows: true));
        }
    }

    public OsResult WriteDword(string subKey, string name, int value)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.CreateSubKey(subKey, writable: true);
            key.SetValue(name, value, RegistryValueKind.DWord);
            return OsResult.Success;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return OsResult.Failed(OsError.FromException(e, windows: true));
        }
    }

    public OsResult DeleteValue(string subKey, string name)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.OpenSubKey(subKey, writable: true);
            key?.DeleteValue(name, throwOnMissingValue: false);
            return OsResult.Success;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return OsResult.Failed(OsError.FromException(e, windows: true));
        }
    }
}
