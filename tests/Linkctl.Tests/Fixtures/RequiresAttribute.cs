using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Linkctl.Tests.Fixtures;

/// <summary>
/// A [Fact] that skips, saying what is missing and how to get it, unless every requirement
/// (see <see cref="Requirements"/>) is present. With LINKCTL_REQUIRE_ALL=1 it never skips,
/// so CI fails loudly instead of passing a test that did not run. The requirements also give
/// the test its Layer trait (<see cref="LayerDiscoverer"/>), so no test is tagged by hand twice.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[TraitDiscoverer("Linkctl.Tests.Fixtures.LayerDiscoverer", "Linkctl.Tests")]
public sealed class RequiresFactAttribute : FactAttribute, ITraitAttribute
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
[TraitDiscoverer("Linkctl.Tests.Fixtures.LayerDiscoverer", "Linkctl.Tests")]
public sealed class RequiresTheoryAttribute : TheoryAttribute, ITraitAttribute
{
    public RequiresTheoryAttribute(params string[] requirements)
    {
        Requirements = requirements;
        Skip = Fixtures.Requirements.SkipReason(requirements);
    }

    public IReadOnlyList<string> Requirements { get; }
}

/// <summary>
/// The test layer a [RequiresFact]/[RequiresTheory] test belongs to, from what it needs: Mingw
/// (the mingw-w64 oracle), Wine, Ntfs3g (a real NTFS through ntfs-3g), else RealFs (a real Linux
/// file system, tmpfs or the FUSE mounts). Tests without requirements carry their class's
/// [Trait("Layer", ...)] (Simulated or Pure), see DEVELOPERS.md.
/// </summary>
public sealed class LayerDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var arguments = traitAttribute.GetConstructorArguments().ToList();
        var requirements = arguments.Count > 0 && arguments[0] is IEnumerable<object> values
            ? values.Select(v => v?.ToString() ?? string.Empty).ToList()
            : [];
        yield return new("Layer", LayerOf(requirements));
    }

    public static string LayerOf(IReadOnlyCollection<string> requirements) =>
        requirements.Contains("mingw-w64") ? "Mingw"
        : requirements.Contains("wine") ? "Wine"
        : requirements.Contains("ntfs-3g") ? "Ntfs3g"
        : "RealFs";
}
