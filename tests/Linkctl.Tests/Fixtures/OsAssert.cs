using Linkctl.Errors;
using Linkctl.Platform;
using Xunit.Sdk;

namespace Linkctl.Tests.Fixtures;

/// <summary>Assertions on <see cref="OsResult"/> and <see cref="StepResult"/> that say what the OS answered when they fail.</summary>
internal static class OsAssert
{
    public static void Succeeded(OsResult result)
    {
        if (!result.Succeeded)
        {
            throw new XunitException($"expected success, the OS answered {result.Error}");
        }
    }

    public static T Succeeded<T>(OsResult<T> result) =>
        result.TryGetValue(out var value) ? value : throw new XunitException($"expected success, the OS answered {result.Error}");

    public static void Succeeded(StepResult result)
    {
        if (!result.Succeeded)
        {
            throw new XunitException($"expected success, got: {result}");
        }
    }

    public static T Succeeded<T>(StepResult<T> result) =>
        result.TryGetValue(out var value) ? value : throw new XunitException($"expected success, got: {result}");

    /// <summary>The error of a call that must have failed.</summary>
    public static OsError Failed(OsResult result) =>
        result.Error ?? throw new XunitException("expected a failure, the OS answered success");

    public static OsError Failed<T>(OsResult<T> result) =>
        result.Error ?? throw new XunitException($"expected a failure, the OS answered {result}");

    /// <summary>The link a read must have found.</summary>
    public static StoredLink Link(StepResult<StoredLink> read) => Succeeded(read);
}
