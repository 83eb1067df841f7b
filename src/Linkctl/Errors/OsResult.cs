using System.Diagnostics.CodeAnalysis;

namespace Linkctl.Errors;

/// <summary>
/// The one result type of an operation that can fail with an OS error and returns nothing:
/// success, or the <see cref="OsError"/> exactly as the OS reported it. The default value is
/// success, so <c>return default;</c> reads as "done".
/// </summary>
internal readonly record struct OsResult
{
    private OsResult(OsError error) => Error = error;

    /// <summary>The OS's error; null on success.</summary>
    public OsError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static OsResult Success => default;

    public static OsResult Failed(OsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OsResult(error);
    }

    /// <summary>Success when <paramref name="error"/> is null, else that failure.</summary>
    public static OsResult From(OsError? error) => error is null ? default : new OsResult(error);

    public override string ToString() => Error?.ToString() ?? "success";
}

/// <summary>
/// The one result type of an operation that can fail with an OS error and returns a value:
/// the value, or the <see cref="OsError"/> exactly as the OS reported it (never both).
/// </summary>
internal readonly record struct OsResult<T>
{
    private readonly T? value;

    private OsResult(T? value, OsError? error)
    {
        this.value = value;
        Error = error;
    }

    /// <summary>The OS's error; null on success.</summary>
    public OsError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The value of a successful operation.</summary>
    /// <exception cref="InvalidOperationException">The operation failed: check <see cref="Succeeded"/> first.</exception>
    public T Value => Error is null
        ? value!
        : throw new InvalidOperationException($"The operation failed ({Error}); it has no value. Check Succeeded before reading Value.");

    public static OsResult<T> Of(T value) => new(value, null);

    public static OsResult<T> Failed(OsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OsResult<T>(default, error);
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool TryGetValue([MaybeNullWhen(false)] out T result)
    {
        result = value!;
        return Error is null;
    }

    /// <summary>The value, or <paramref name="fallback"/> when the operation failed.</summary>
    public T? ValueOr(T? fallback) => Error is null ? value : fallback;

    /// <summary>This result without its value (for callers that only need to know whether it worked).</summary>
    public OsResult WithoutValue() => OsResult.From(Error);

    public override string ToString() => Error is null ? $"{value}" : Error.ToString();
}
