using System.Diagnostics.CodeAnalysis;

namespace Linkctl.Errors;

/// <summary>
/// The result of a step that can fail for a reason told in plain words ("the link changed since
/// it was examined"), with the OS's error behind it when there is one: the shape for results
/// that carry a problem as well as an <see cref="OsError"/> (<see cref="OsResult"/> carries only
/// the latter). The default value is success.
/// </summary>
public readonly record struct StepResult
{
    private StepResult(string problem, OsError? error)
    {
        Problem = problem;
        Error = error;
    }

    /// <summary>What went wrong, in words; null on success.</summary>
    public string? Problem { get; }

    /// <summary>The OS's error behind the problem, when there was one.</summary>
    public OsError? Error { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static StepResult Success => default;

    public static StepResult Failed(string problem, OsError? error = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(problem);
        return new StepResult(problem, error);
    }

    /// <summary>Success when the OS call succeeded; else <paramref name="problem"/> with the OS's error.</summary>
    internal static StepResult From(OsResult result, string problem) => result.Succeeded ? default : Failed(problem, result.Error);

    /// <summary>"problem (NAME (code): message)", or "success".</summary>
    public override string ToString() => Problem is null ? "success" : Error is null ? Problem : $"{Problem} ({Error})";
}

/// <summary>
/// <see cref="StepResult"/> with a value: the value, or a problem in words (with the OS's error
/// when there was one), never both.
/// </summary>
public readonly record struct StepResult<T>
{
    private readonly T? value;

    private StepResult(T? value, string? problem, OsError? error)
    {
        this.value = value;
        Problem = problem;
        Error = error;
    }

    public string? Problem { get; }

    public OsError? Error { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    /// <exception cref="InvalidOperationException">The step failed: check <see cref="Succeeded"/> first.</exception>
    public T Value => Problem is null
        ? value!
        : throw new InvalidOperationException($"The step failed ({this}); it has no value. Check Succeeded before reading Value.");

    public static StepResult<T> Of(T value) => new(value, null, null);

    public static StepResult<T> Failed(string problem, OsError? error = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(problem);
        return new StepResult<T>(default, problem, error);
    }

    /// <summary>The OS call's value, or <paramref name="problem"/> with its error.</summary>
    internal static StepResult<T> From(OsResult<T> result, string problem) =>
        result.TryGetValue(out var v) ? Of(v) : Failed(problem, result.Error);

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool TryGetValue([MaybeNullWhen(false)] out T result)
    {
        result = value!;
        return Problem is null;
    }

    public T? ValueOr(T? fallback) => Problem is null ? value : fallback;

    /// <summary>This result without its value.</summary>
    public StepResult WithoutValue() => Problem is null ? default : StepResult.Failed(Problem, Error);

    public override string ToString() => Problem is null ? $"{value}" : Error is null ? Problem : $"{Problem} ({Error})";
}
