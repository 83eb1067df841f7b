namespace Linkctl.Tests.Simulation;

// Injected failures, for code that must clean up when the OS refuses halfway through.
internal sealed partial class SimulatedWindows
{
    /// <summary>
    /// Asked before every MoveFile(source, destination): a non-zero Win32 error makes that call
    /// fail with it and change nothing (as a sharing violation from another process would).
    /// </summary>
    public Func<string, string, int>? MoveFileFault { get; set; }

    /// <summary>
    /// Run after every CreateSymbolicLinkW that succeeded (link, target): where another process
    /// strikes between a link being made and being read back (it may change a folder on the way).
    /// </summary>
    public Action<string, string>? AfterSymbolicLinkCreated { get; set; }

    /// <summary>Run before every GetFileInformationByHandle-style identity query (path, follow links): a race right before an identity is read.</summary>
    public Action<string, bool>? BeforeFileInformation { get; set; }

    /// <summary>
    /// Asked before every rename by handle (NtSetInformationFile FileRenameInformation(Ex)) with the
    /// entry's full path now and the full path it is to get: a non-zero Win32 error makes that call
    /// fail with it and change nothing.
    /// </summary>
    public Func<string, string, int>? RenameFault { get; set; }
}
