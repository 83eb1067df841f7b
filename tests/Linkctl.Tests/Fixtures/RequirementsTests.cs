using Xunit;

namespace Linkctl.Tests.Fixtures;

[Trait("Layer", "Pure")]
public class RequirementsTests
{
    [Fact]
    public void A_missing_tool_gives_a_skip_reason_with_how_to_get_it()
    {
        if (Requirements.RequireAll)
        {
            Assert.Null(Requirements.SkipReason(["no-such-tool-linkctl"]));
            return;
        }

        var reason = Requirements.SkipReason(["no-such-tool-linkctl", "mkfs.exfat-missing"]);
        Assert.NotNull(reason);
        Assert.StartsWith("needs no-such-tool-linkctl: not present (", reason, StringComparison.Ordinal);
        Assert.Contains("LINKCTL_REQUIRE_ALL=1", reason, StringComparison.Ordinal);
        Assert.Null(Requirements.SkipReason(["sh"]));
    }
}
