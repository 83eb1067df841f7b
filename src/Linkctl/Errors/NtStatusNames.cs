namespace Linkctl.Errors;

/// <summary>
/// The NTSTATUS values LSA calls return, with their names and Windows' messages. Kept as a
/// table because the calls' results must be reported off Windows too (simulation, Wine logs).
/// </summary>
internal static class NtStatusNames
{
    public const uint Success = 0x00000000;
    public const uint NoMoreEntries = 0x8000001A;
    public const uint NotImplemented = 0xC0000002;
    public const uint InvalidParameter = 0xC000000D;
    public const uint AccessDenied = 0xC0000022;
    public const uint ObjectNameNotFound = 0xC0000034;
    public const uint NoSuchPrivilege = 0xC0000060;
    public const uint NoneMapped = 0xC0000073;
    public const uint InsufficientResources = 0xC000009A;
    public const uint InternalDbError = 0xC0000158;
    public const uint RpcServerUnavailable = 0xC0020017;

    private static readonly Dictionary<uint, (string Name, string Message)> Table = new()
    {
        [Success] = ("STATUS_SUCCESS", "The operation completed successfully."),
        [NoMoreEntries] = ("STATUS_NO_MORE_ENTRIES", "No more entries are available from an enumeration operation."),
        [NotImplemented] = ("STATUS_NOT_IMPLEMENTED", "The requested operation is not implemented."),
        [InvalidParameter] = ("STATUS_INVALID_PARAMETER", "An invalid parameter was passed to a service or function."),
        [AccessDenied] = ("STATUS_ACCESS_DENIED", "A process has requested access to an object but has not been granted those access rights."),
        [ObjectNameNotFound] = ("STATUS_OBJECT_NAME_NOT_FOUND", "The object name is not found."),
        [NoSuchPrivilege] = ("STATUS_NO_SUCH_PRIVILEGE", "A specified privilege does not exist."),
        [NoneMapped] = ("STATUS_NONE_MAPPED", "None of the information to be translated has been translated."),
        [InsufficientResources] = ("STATUS_INSUFFICIENT_RESOURCES", "Insufficient system resources exist to complete the API."),
        [InternalDbError] = ("STATUS_INTERNAL_DB_ERROR", "The local security authority database contains an internal inconsistency."),
        [RpcServerUnavailable] = ("RPC_NT_SERVER_UNAVAILABLE", "The RPC server is unavailable."),
    };

    public static string NameOf(uint status) => Table.TryGetValue(status, out var e) ? e.Name : $"NTSTATUS_0x{status:X8}";

    public static string MessageOf(uint status) => Table.TryGetValue(status, out var e) ? e.Message : $"NTSTATUS 0x{status:X8}.";

    /// <summary>An <see cref="OsError"/> in the NtStatus domain; Code holds the NTSTATUS bits as a signed int.</summary>
    public static OsError ToOsError(uint status) =>
        new(OsErrorDomain.NtStatus, unchecked((int)status), NameOf(status), MessageOf(status));

    public static uint StatusOf(OsError error) => unchecked((uint)error.Code);
}
