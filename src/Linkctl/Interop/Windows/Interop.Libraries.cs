namespace Linkctl.Interop.Windows;

internal static class Libraries
{
    internal const string Kernel32 = "kernel32.dll";
    internal const string NtDll = "ntdll.dll";
}
