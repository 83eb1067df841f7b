namespace Linkctl.Tests.Simulation;

// Injected failures, for code that must clean up when the OS refuses halfway through.
public sealed partial class SimulatedWindows
{
    /// <summary>
    /// Asked before every MoveFile(source, destination): a non-zero Win32 error makes that call
    /// fail with it and change nothing (as a sharing violation from another process would).
    /// </summary>
    public Func<string, string, int>? MoveFileFault { get; set; }

    /// <summary>
    /// Asked before every rename by handle (NtSetInformationFile FileRenameInformation(Ex)) with the
    /// entry's full path now and the full path it is to get: a non-zero Win32 error makes that call
    /// fail with it and change nothing.
    /// </summary>
    public Func<string, string, int>? RenameFault { get; set; }
}
