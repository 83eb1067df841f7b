using System.Reflection;
using System.Runtime.InteropServices;
using Linkctl.Diagnosis;
using Linkctl.Errors;
using Linkctl.Platform.Windows;
using Linkctl.Reparse;

namespace Linkctl.Tests.Interop;

/// <summary>One thing to check against the Windows SDK: a C expression and the value our code holds for it.</summary>
/// <param name="Origin">Where our value comes from ("Kernel32.FSCTL_SET_REPARSE_POINT", "sizeof WIN32_FIND_DATA"...).</param>
/// <param name="Expression">The C expression whose value mingw-w64's headers give (a name, sizeof, offsetof).</param>
/// <param name="Expected">Our value: a number, or for a string constant the string.</param>
/// <param name="Bits">How many low bits to compare: 32 for 32-bit C# constants (C macros may sign-extend), 64 otherwise.</param>
internal sealed record OracleItem(string Origin, string Expression, object Expected, int Bits = 64)
{
    public bool IsString => Expected is string;
}

/// <summary>
/// Every constant and marshalled struct the Windows code declares, found by reflection wherever
/// possible so that a declaration added later (by anyone) is checked without editing a list:
/// every literal field of every class in Linkctl.Interop.Windows, every struct nested in them (size
/// and each field's offset), the Win32 error, NTSTATUS and reparse-tag tables by their SDK names, and
/// the few public enums that stand for SDK values. Names whose C spelling differs are mapped below;
/// names mingw-w64 lacks are answered from Learn (<see cref="LearnValues"/>); names that are ours,
/// not the SDK's, are listed with why (<see cref="NotInTheSdk"/>).
/// </summary>
internal static class InteropInventory
{
    private const string InteropNamespace = "Linkctl.Interop.Windows";

    /// <summary>C# struct name to its SDK name, where they differ.</summary>
    public static readonly IReadOnlyDictionary<string, string> StructNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WIN32_FIND_DATA"] = "WIN32_FIND_DATAW",
        ["OSVERSIONINFOEX"] = "OSVERSIONINFOEXW",

        // TOKEN_PRIVILEGES with its one-element array spelled out.
        ["TOKEN_PRIVILEGES_ONE"] = "TOKEN_PRIVILEGES",
    };

    /// <summary>"Struct.field" to the C member designator, where they differ.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TOKEN_PRIVILEGES_ONE.Luid"] = "Privileges[0].Luid",
        ["TOKEN_PRIVILEGES_ONE.Attributes"] = "Privileges[0].Attributes",

        // FILE_ID_128 (BYTE Identifier[16]) read as two little-endian ULONGLONGs.
        ["FILE_ID_INFO.FileIdLow"] = "FileId.Identifier[0]",
        ["FILE_ID_INFO.FileIdHigh"] = "FileId.Identifier[8]",

        // Flags (FileRenameInformationEx) shares its place with the BOOLEAN ReplaceIfExists.
        ["FILE_RENAME_INFORMATION.Flags"] = "ReplaceIfExists",
    };

    /// <summary>Our constants that stand for an SDK expression rather than a name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Expressions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Kernel32.VolumeNameBufferLength"] = "MAX_PATH + 1",
        ["Advapi32.LuidAndAttributesSize"] = "sizeof(LUID_AND_ATTRIBUTES)",
    };

    /// <summary>Constants that are linkctl's own, not the SDK's: nothing to compare.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInTheSdk = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Libraries.Kernel32"] = "a DLL file name",
        ["Libraries.NtDll"] = "a DLL file name",
        ["Advapi32.Library"] = "a DLL file name",
    };

    /// <summary>
    /// Values from Microsoft's documentation for names mingw-w64's headers lack (Debian bookworm's
    /// mingw-w64 12 here), each with its page. Checked only when mingw does not declare the name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (ulong Value, string Source)> LearnValues = new Dictionary<string, (ulong, string)>(StringComparer.Ordinal)
    {
        ["ERROR_UNTRUSTED_MOUNT_POINT"] = (448, "Learn, System Error Codes (0-499)"),
        ["IO_REPARSE_TAG_LX_SYMLINK"] = (0xA000001D, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_LX_FIFO"] = (0x80000024, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_LX_CHR"] = (0x80000025, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_LX_BLK"] = (0x80000026, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_WCI_LINK"] = (0xA0000027, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_PROJFS_TOMBSTONE"] = (0xA0000022, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_STORAGE_SYNC"] = (0x8000001E, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_WCI_TOMBSTONE"] = (0xA000001F, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_GLOBAL_REPARSE"] = (0xA0000019, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_FILE_PLACEHOLDER"] = (0x80000015, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_WCI"] = (0x80000018, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_APPXSTRM"] = (0xC0000014, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_ONEDRIVE"] = (0x80000021, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_PROJFS"] = (0x9000001C, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        ["IO_REPARSE_TAG_CLOUD"] = (0x9000001A, "Learn, Reparse Point Tags (MS-FSCC 2.1.2.1)"),
        // mingw-w64 12 declares these two only for _WIN32_WINNT >= 0x0A000002 (minwinbase.h); its default is 0x0A00.
        ["FileDispositionInfoEx"] = (21, "Learn, FILE_INFO_BY_HANDLE_CLASS enumeration (minwinbase.h)"),
        ["FILE_RENAME_REPLACE_IF_EXISTS"] = (0x1, "Learn, FILE_RENAME_INFORMATION (ntifs.h), Flags"),
        ["FILE_RENAME_POSIX_SEMANTICS"] = (0x2, "Learn, FILE_RENAME_INFORMATION (ntifs.h), Flags"),
        ["STATUS_RPC_SERVER_UNAVAILABLE"] = (0xC0020017, "Learn, MS-ERREF 2.3.1 NTSTATUS Values (RPC_NT_SERVER_UNAVAILABLE)"),
    };

    public static IReadOnlyList<OracleItem> All()
    {
        var items = new List<OracleItem>();
        var core = typeof(WindowsApi).Assembly;
        foreach (var type in core.GetTypes().Where(t => t.Namespace == InteropNamespace && t.IsClass && t.IsAbstract && t.IsSealed).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            AddConstants(items, type);
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(IsMarshalledStruct).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                AddStruct(items, nested);
            }
        }

        // The error, status and tag tables, each value by the SDK name our table gives it.
        foreach (var code in Win32ErrorNames.KnownCodes.Order())
        {
            items.Add(new OracleItem($"Win32ErrorNames {code}", Win32ErrorNames.NameOf(code), (ulong)(uint)code, 32));
        }

        foreach (var field in Literals(typeof(NtStatusNames)))
        {
            var status = (uint)field.GetRawConstantValue()!;
            items.Add(new OracleItem($"NtStatusNames.{field.Name}", NtStatusNames.NameOf(status), (ulong)status, 32));
        }

        string[] tagMasks = [nameof(ReparseTag.CloudMask), nameof(ReparseTag.MicrosoftBit), nameof(ReparseTag.NameSurrogateBit), nameof(ReparseTag.DirectoryBit)];
        foreach (var field in Literals(typeof(ReparseTag)).Where(f => !tagMasks.Contains(f.Name)))
        {
            var tag = (uint)field.GetRawConstantValue()!;
            items.Add(new OracleItem($"ReparseTag.{field.Name}", ReparseTag.NameOf(tag), (ulong)tag, 32));
        }

        foreach (var field in Literals(typeof(WindowsVolumeInformation)))
        {
            items.Add(new OracleItem($"WindowsVolumeInformation.{field.Name}", UpperSnake(field.Name), ToUnsigned(field.GetRawConstantValue()!), 32));
        }

        // Public enums that stand for SDK values.
        AddEnum(items, new Dictionary<SymbolicLinkFlags, string>
        {
            [SymbolicLinkFlags.Directory] = "SYMBOLIC_LINK_FLAG_DIRECTORY",
            [SymbolicLinkFlags.AllowUnprivilegedCreate] = "SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE",
        });
        AddEnum(items, new Dictionary<WindowsDriveType, string>
        {
            [WindowsDriveType.Unknown] = "DRIVE_UNKNOWN",
            [WindowsDriveType.NoRootDirectory] = "DRIVE_NO_ROOT_DIR",
            [WindowsDriveType.Removable] = "DRIVE_REMOVABLE",
            [WindowsDriveType.Fixed] = "DRIVE_FIXED",
            [WindowsDriveType.Remote] = "DRIVE_REMOTE",
            [WindowsDriveType.CdRom] = "DRIVE_CDROM",
            [WindowsDriveType.RamDisk] = "DRIVE_RAMDISK",
        });
        AddEnum(items, new Dictionary<WindowsAccess, string>
        {
            [WindowsAccess.ListDirectory] = "FILE_LIST_DIRECTORY",
            [WindowsAccess.WriteData] = "FILE_WRITE_DATA",
            [WindowsAccess.ReadAttributes] = "FILE_READ_ATTRIBUTES",
            [WindowsAccess.WriteAttributes] = "FILE_WRITE_ATTRIBUTES",
            [WindowsAccess.Delete] = "DELETE",
            [WindowsAccess.AppendData] = "FILE_APPEND_DATA",
            [WindowsAccess.WriteExtendedAttributes] = "FILE_WRITE_EA",
            [WindowsAccess.ReadControl] = "READ_CONTROL",
            [WindowsAccess.GenericWriteFile | (WindowsAccess)0x100000] = "FILE_GENERIC_WRITE",
        });
        AddEnum(items, new Dictionary<ElevationType, string>
        {
            [ElevationType.Default] = "TokenElevationTypeDefault",
            [ElevationType.Full] = "TokenElevationTypeFull",
            [ElevationType.Limited] = "TokenElevationTypeLimited",
        });

        // REPARSE_DATA_BUFFER: the codec's layout (ReparseBufferCodec is pure managed code, so its
        // offsets are private constants, read here by reflection).
        var codec = typeof(ReparseBufferCodec);
        var header = Private(codec, "HeaderSize");
        items.Add(new OracleItem("ReparseBufferCodec.HeaderSize", "REPARSE_DATA_BUFFER_HEADER_SIZE", header));
        items.Add(new OracleItem("ReparseBufferCodec.HeaderSize + SymlinkFixedSize", "offsetof(REPARSE_DATA_BUFFER, SymbolicLinkReparseBuffer.PathBuffer)", header + Private(codec, "SymlinkFixedSize")));
        items.Add(new OracleItem("ReparseBufferCodec.HeaderSize + MountPointFixedSize", "offsetof(REPARSE_DATA_BUFFER, MountPointReparseBuffer.PathBuffer)", header + Private(codec, "MountPointFixedSize")));
        items.Add(new OracleItem("ReparseBufferCodec.SymlinkFlagRelative", "SYMLINK_FLAG_RELATIVE", Private(codec, "SymlinkFlagRelative"), 32));
        items.Add(new OracleItem("ReparseBufferCodec.MaximumSize", "MAXIMUM_REPARSE_DATA_BUFFER_SIZE", Private(codec, "MaximumSize")));
        return items;
    }

    private static void AddConstants(List<OracleItem> items, Type type)
    {
        foreach (var field in Literals(type))
        {
            var origin = $"{type.Name}.{field.Name}";
            if (NotInTheSdk.ContainsKey(origin))
            {
                continue;
            }

            var value = field.GetRawConstantValue()!;
            var expression = Expressions.GetValueOrDefault(origin, field.Name);
            items.Add(value is string s
                ? new OracleItem(origin, expression, s)
                : new OracleItem(origin, expression, ToUnsigned(value), Marshal.SizeOf(value.GetType()) <= 4 ? 32 : 64));
        }
    }

    private static void AddStruct(List<OracleItem> items, Type type)
    {
        var c = StructNames.GetValueOrDefault(type.Name, type.Name);
        items.Add(new OracleItem($"sizeof {type.Name}", $"sizeof({c})", (ulong)Marshal.SizeOf(type)));
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var member = FieldNames.GetValueOrDefault($"{type.Name}.{field.Name}", field.Name);
            items.Add(new OracleItem($"offsetof {type.Name}.{field.Name}", $"offsetof({c}, {member})", (ulong)Marshal.OffsetOf(type, field.Name)));
        }
    }

    private static void AddEnum<T>(List<OracleItem> items, Dictionary<T, string> names)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (names.TryGetValue(value, out var name))
            {
                items.Add(new OracleItem($"{typeof(T).Name}.{value}", name, ToUnsigned(Convert.ChangeType(value, Enum.GetUnderlyingType(typeof(T)), System.Globalization.CultureInfo.InvariantCulture)), 32));
            }
        }
    }

    /// <summary>Structs laid out for native code (compiler-made fixed-buffer types excepted).</summary>
    private static bool IsMarshalledStruct(Type t) =>
        t.IsValueType && !t.IsEnum && !t.Name.Contains('<', StringComparison.Ordinal) && t.StructLayoutAttribute?.Value is LayoutKind.Sequential or LayoutKind.Explicit;

    private static IEnumerable<FieldInfo> Literals(Type type) =>
        type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && !f.IsInitOnly)
            .OrderBy(f => f.Name, StringComparer.Ordinal);

    private static ulong Private(Type type, string name) =>
        ToUnsigned(type.GetField(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"{type.Name}.{name} is gone: update the REPARSE_DATA_BUFFER items of the mingw-w64 oracle"));

    private static ulong ToUnsigned(object value) => value switch
    {
        int i => (uint)i,
        uint u => u,
        long l => (ulong)l,
        ulong u => u,
        short s => (ushort)s,
        ushort u => u,
        byte b => b,
        sbyte b => (byte)b,
        _ => throw new InvalidOperationException($"constant of type {value.GetType()} is not handled by the mingw-w64 oracle"),
    };

    /// <summary>"FileSupportsReparsePoints" as the SDK spells it: "FILE_SUPPORTS_REPARSE_POINTS".</summary>
    private static string UpperSnake(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(pascal[i]));
        }

        return sb.ToString();
    }
}
