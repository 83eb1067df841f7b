namespace Linkctl.Interop.Windows;

/// <summary>
/// The advapi32 calls of the LSA user-rights code, one file per function. LSA calls return
/// an NTSTATUS and never set the last error; the Lookup/Convert calls set it.
/// </summary>
internal static partial class Advapi32
{
    internal const string Library = "advapi32.dll";
}
