namespace Linkctl.Repair;

public sealed partial class RepairRunner
{
    private static ILinkEditor UnixEditor() => new UnixLinkEditor();
}
