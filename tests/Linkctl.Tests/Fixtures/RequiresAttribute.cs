using Xunit;

namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A [Fact] that skips, saying what is missing and how to get it, unless every requirement
/// (see <see cref="Requirements"/>) is present. With LINKCTL_REQUIRE_ALL=1 it never skips,
/// so CI fails loudly instead of passing a test that did not run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresFactAttribute : FactAttribute
{
    public RequiresFactAttribute(params string[] requirements)
    {
        Requirements = requirements;
        Skip = Fixtures.Requirements.SkipReason(requirements);
    }

    public IReadOnlyList<string> Requirements { get; }
}

/// <summary>The [Theory] twin of <see cref="RequiresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresTheoryAttribute : TheoryAttribute
{
    public RequiresTheoryAttribute(params string[] requirements)
    {
        Requirements = requirements;
        Skip = Fixtures.Requirements.SkipReason(requirements);
    }

    public IReadOnlyList<string> Requirements { get; }
}
