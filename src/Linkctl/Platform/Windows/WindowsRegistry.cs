using System.Runtime.Versioning;
using Linkctl.Errors;
using Microsoft.Win32;

namespace Linkctl.Platform.Windows;

/// <summary>
/// <see cref="IRegistry"/> on the real registry. Always the 64-bit view: a 32-bit process
/// would otherwise read SOFTWARE\WOW6432Node and see a Developer Mode value that is not the one Windows uses.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistry : IRegistry
{
    public RegistryDword ReadDword(string subKey, string name)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.OpenSubKey(subKey, writable: false);
            return key?.GetValue(name) switch
            {
                null => RegistryDword.Absent,
                int dword => new RegistryDword(dword),
                var other => new RegistryDword(null, new OsError(OsErrorDomain.Win32, Win32ErrorNames.InvalidParameter, "REGISTRY_TYPE", $"HKLM\\{subKey}\\{name} is a {other.GetType().Name}, not a DWORD.")),
            };
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return new RegistryDword(null, FromException(e));
        }
    }

    public OsError? WriteDword(string subKey, string name, int value)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.CreateSubKey(subKey, writable: true);
            key.SetValue(name, value, RegistryValueKind.DWord);
            return null;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return FromException(e);
        }
    }

    public OsError? DeleteValue(string subKey, string name)
    {
        try
        {
            using var hklm = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
            using var key = hklm.OpenSubKey(subKey, writable: true);
            key?.DeleteValue(name, throwOnMissingValue: false);
            return null;
        }
        catch (Exception e) when (e is System.Security.SecurityException or UnauthorizedAccessException or IOException)
        {
            return FromException(e);
        }
    }

    // The registry API throws; its HRESULT keeps the Win32 code in the low word (5 for access denied).
    private static OsError FromException(Exception e) => e is System.Security.SecurityException or UnauthorizedAccessException
        ? OsError.Win32(Win32ErrorNames.AccessDenied)
        : OsError.Win32(e.HResult & 0xFFFF);
}
