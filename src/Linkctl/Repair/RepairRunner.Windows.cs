using System.Runtime.Versioning;
using Linkctl.Platform;

namespace Linkctl.Repair;

public sealed partial class RepairRunner
{
    [SupportedOSPlatform("windows")]
    private static ILinkEditor WindowsEditor() => new WindowsLinkEditor(new WindowsLinkSystem(new Platform.Windows.WindowsApi()), Environment.CurrentDirectory);
}
