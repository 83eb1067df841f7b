using System.Diagnostics.CodeAnalysis;

namespace Linkctl.Reparse;

/// <summary>
/// Outcome of <see cref="ReparseBufferCodec.Decode"/>: a point, or the reason the bytes are
/// not a valid buffer. Decoding reads untrusted on-disk data, so failure is a value, not an exception.
/// </summary>
internal readonly record struct ReparseDecodeResult
{
    private readonly string? _error;

    private ReparseDecodeResult(ReparsePoint? point, string? error)
    {
        Point = point;
        _error = error;
    }

    public ReparsePoint? Point { get; }

    /// <summary>Why decoding failed; null on success.</summary>
    public string? Error => Point is null ? _error ?? "no result (default ReparseDecodeResult)" : null;

    [MemberNotNullWhen(true, nameof(Point))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Point is not null;

    public static ReparseDecodeResult Ok(ReparsePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new ReparseDecodeResult(point, null);
    }

    public static ReparseDecodeResult Fail(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new ReparseDecodeResult(null, reason);
    }

    public override string ToString() => Success ? $"Ok({Point})" : $"Error({Error})";
}
