namespace Linkctl.Security;

/// <summary>
/// SIDs that are the same on every Windows machine, with their English names. Used where
/// LSA cannot be asked (auditing an exported template on another machine); a localized
/// Windows names them differently, which is why a live check always asks LSA instead.
/// </summary>
internal static class WellKnownAccounts
{
    public const string Administrators = "S-1-5-32-544";
    public const string Users = "S-1-5-32-545";
    public const string Everyone = "S-1-1-0";
    public const string AuthenticatedUsers = "S-1-5-11";
    public const string LocalSystem = "S-1-5-18";

    /// <summary>NT SERVICE\TrustedInstaller: the service SID derived from the name (SHA-1 of "TRUSTEDINSTALLER"), the same everywhere.</summary>
    public const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";
    public const string HyperVVirtualMachines = "S-1-5-83-0";

    private static readonly (string Sid, string Name, string[] Aliases)[] Table =
    [
        (Everyone, "Everyone", []),
        (AuthenticatedUsers, "NT AUTHORITY\\Authenticated Users", ["Authenticated Users"]),
        (LocalSystem, "NT AUTHORITY\\SYSTEM", ["SYSTEM"]),
        ("S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE", ["LOCAL SERVICE"]),
        ("S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE", ["NETWORK SERVICE"]),
        ("S-1-5-6", "NT AUTHORITY\\SERVICE", ["SERVICE"]),
        ("S-1-5-4", "NT AUTHORITY\\INTERACTIVE", ["INTERACTIVE"]),
        (Administrators, "BUILTIN\\Administrators", ["Administrators"]),
        (Users, "BUILTIN\\Users", ["Users"]),
        ("S-1-5-32-546", "BUILTIN\\Guests", ["Guests"]),
        ("S-1-5-32-547", "BUILTIN\\Power Users", ["Power Users"]),
        ("S-1-5-32-551", "BUILTIN\\Backup Operators", ["Backup Operators"]),
        ("S-1-5-32-555", "BUILTIN\\Remote Desktop Users", ["Remote Desktop Users"]),
        (HyperVVirtualMachines, "NT VIRTUAL MACHINE\\Virtual Machines", ["Virtual Machines"]),
    ];

    public static string? NameOf(string sid)
    {
        foreach (var e in Table)
        {
            if (string.Equals(e.Sid, sid, StringComparison.OrdinalIgnoreCase))
            {
                return e.Name;
            }
        }

        return null;
    }

    /// <summary>The SID of an English well-known name, with or without its domain part.</summary>
    public static string? SidOf(string name)
    {
        var wanted = name.Trim();
        foreach (var e in Table)
        {
            if (string.Equals(e.Name, wanted, StringComparison.OrdinalIgnoreCase)
                || e.Aliases.Any(a => string.Equals(a, wanted, StringComparison.OrdinalIgnoreCase)))
            {
                return e.Sid;
            }
        }

        return null;
    }
}
