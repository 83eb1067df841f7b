internal static partial class Interop
{
    internal static partial class Libraries
    {
        internal const string Kernel32 = "kernel32.dll";
        internal const string NtDll = "ntdll.dll";
    }
}
