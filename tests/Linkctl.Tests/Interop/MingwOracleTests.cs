using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Linkctl.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace Linkctl.Tests.Interop;

/// <summary>
/// The mingw-w64 oracle (docs/testing-without-windows.md, layer 6): mingw-w64's Windows headers are
/// an implementation of the SDK written independently of Microsoft's and of ours. A C program
/// compiled with x86_64-w64-mingw32-gcc prints the size and field offsets of every struct we
/// marshal and the value of every constant we use, run under Wine; each must equal our declaration
/// (Marshal.SizeOf/OffsetOf, the constant by reflection: see <see cref="InteropInventory"/>).
/// Names mingw lacks are compared with the Learn values in <see cref="InteropInventory.LearnValues"/>,
/// and the test says which those were.
/// </summary>
public sealed partial class MingwOracleTests(ITestOutputHelper output)
{
    private const string Compiler = "x86_64-w64-mingw32-gcc";

    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private const string Win32Headers = """
        #define WIN32_NO_STATUS
        #include <windows.h>
        #undef WIN32_NO_STATUS
        #include <ntstatus.h>
        #include <winternl.h>
        #include <ntsecapi.h>
        #include <winioctl.h>
        #include <aclapi.h>
        #include <stdio.h>
        #include <stddef.h>
        """;

    // The driver kit's headers (REPARSE_DATA_BUFFER, FILE_REPARSE_POINT_INFORMATION...) cannot be
    // mixed with windows.h in one file: a second translation unit answers what the first cannot.
    private const string DdkHeaders = """
        #include <ddk/ntifs.h>
        #include <stddef.h>
        int printf(const char *, ...);
        """;

    [RequiresFact("mingw-w64", "wine")]
    public void Every_struct_and_constant_matches_the_mingw_w64_headers_or_the_documented_value()
    {
        var items = InteropInventory.All();
        Assert.NotEmpty(items);
        using var scratch = new ScratchDirectory("linkctl-mingw-");

        // Round 1: everything against windows.h; round 2: what it lacks against the driver kit.
        var win32Missing = Unavailable(scratch, "win32.c", Win32Headers, "win32", items, Enumerable.Range(0, items.Count).ToList()).Order().ToList();
        var ddkMissing = Unavailable(scratch, "ddk.c", DdkHeaders, "ddk", win32Missing.Select(i => items[i]).ToList(), win32Missing);
        var win32 = Enumerable.Range(0, items.Count).Where(i => !win32Missing.Contains(i)).ToList();
        var ddk = win32Missing.Where(i => !ddkMissing.Contains(i)).ToList();

        var problems = new List<string>();
        var fromLearn = new List<string>();
        foreach (var i in ddkMissing)
        {
            var item = items[i];
            if (InteropInventory.LearnValues.TryGetValue(item.Expression, out var learn))
            {
                fromLearn.Add($"{item.Expression} (mingw-w64 lacks it; {learn.Source})");
                if (!Same(item, learn.Value))
                {
                    problems.Add($"{item.Origin}: ours {Show(item.Expected)}, {learn.Source} {Show(learn.Value)}");
                }
            }
            else
            {
                problems.Add($"{item.Origin}: `{item.Expression}` is not in mingw-w64's headers; add its documented value to InteropInventory.LearnValues (with the page), map its C name, or list it in InteropInventory.NotInTheSdk");
            }
        }

        var answers = Run(scratch, items, win32, ddk);
        foreach (var i in win32.Concat(ddk))
        {
            var item = items[i];
            if (!answers.TryGetValue(i, out var answer))
            {
                problems.Add($"{item.Origin}: the program printed no value for `{item.Expression}`");
            }
            else if (item.IsString ? answer != $"s:{item.Expected}" : !ulong.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || !Same(item, value))
            {
                problems.Add($"{item.Origin}: ours {Show(item.Expected)}, mingw-w64's `{item.Expression}` {answer}");
            }
        }

        output.WriteLine($"{items.Count} items: {win32.Count} from windows.h, {ddk.Count} from the driver kit, {fromLearn.Count} from Learn:");
        foreach (var line in fromLearn)
        {
            output.WriteLine("  " + line);
        }

        Assert.True(problems.Count == 0, "declarations that disagree with the Windows SDK:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_inventory_finds_the_declarations_by_reflection()
    {
        // Not a hand-kept list: a constant or struct added to an interop class appears here by itself.
        var items = InteropInventory.All();
        Assert.Contains(items, i => i.Expression == "FSCTL_SET_REPARSE_POINT" && (ulong)i.Expected == 0x000900A4);
        Assert.Contains(items, i => i.Expression == "sizeof(WIN32_FIND_DATAW)" && (ulong)i.Expected == 592);
        Assert.Contains(items, i => i.Expression == "offsetof(WIN32_FIND_DATAW, cFileName)" && (ulong)i.Expected == 44);
        Assert.Contains(items, i => i.Expression == "sizeof(FILE_ATTRIBUTE_TAG_INFO)");
        Assert.Contains(items, i => i.Expression == "ERROR_SYMLINK_NOT_SUPPORTED" && (ulong)i.Expected == 1464);
        Assert.Contains(items, i => i.Expression == "IO_REPARSE_TAG_APPEXECLINK");
        Assert.Contains(items, i => i.Expression == "SE_CREATE_SYMBOLIC_LINK_NAME" && i.IsString);
        Assert.DoesNotContain(items, i => i.Origin.StartsWith("Libraries.", StringComparison.Ordinal));
        Assert.Equal(items.Count, items.Select(i => i.Origin).Distinct(StringComparer.Ordinal).Count());
    }

    private static bool Same(OracleItem item, ulong value)
    {
        var mask = item.Bits >= 64 ? ulong.MaxValue : (1UL << item.Bits) - 1;
        return ((ulong)item.Expected & mask) == (value & mask);
    }

    private static string Show(object value) => value is ulong u ? $"{u} (0x{u:X})" : $"\"{value}\"";

    /// <summary>The items (by index into the whole list) whose line the compiler rejects in this translation unit.</summary>
    private HashSet<int> Unavailable(ScratchDirectory scratch, string file, string headers, string function, IReadOnlyList<OracleItem> subset, IReadOnlyList<int> indexes)
    {
        var (source, lineOf) = Source(headers, function, subset, indexes);
        var path = scratch.PathOf(file);
        File.WriteAllText(path, source);
        var result = ProcessRunner.Run(Compiler, ["-DUNICODE", "-D_UNICODE", "-fsyntax-only", "-I" + DdkIncludeDirectory(), path], CompileTimeout);
        var rejected = new HashSet<int>();
        var stray = new List<string>();
        foreach (Match m in ErrorLine().Matches(result.StdErr))
        {
            var inThisFile = m.Groups["file"].Value == path;
            if (inThisFile && lineOf.TryGetValue(int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), out var index))
            {
                rejected.Add(index);
            }
            else
            {
                stray.Add(m.Value);
            }
        }

        // An error outside the item lines (in the headers, or the frame) is a broken program, not a missing name.
        Assert.True(stray.Count == 0 && (result.ExitCode == 0 || rejected.Count > 0), $"{file} does not compile:\n{result.StdErr}");
        output.WriteLine($"{file}: {subset.Count - rejected.Count} of {subset.Count} items declared");
        return rejected;
    }

    private Dictionary<int, string> Run(ScratchDirectory scratch, IReadOnlyList<OracleItem> items, IReadOnlyList<int> win32, IReadOnlyList<int> ddk)
    {
        var (win32Source, _) = Source(Win32Headers + "\nvoid ddk(void);\n", "win32", win32.Select(i => items[i]).ToList(), win32);
        var (ddkSource, _) = Source(DdkHeaders, "ddk", ddk.Select(i => items[i]).ToList(), ddk);
        File.WriteAllText(scratch.PathOf("win32.c"), win32Source + "\nint main(void) { win32(); ddk(); return 0; }\n");
        File.WriteAllText(scratch.PathOf("ddk.c"), ddkSource);
        var exe = scratch.PathOf("oracle.exe");
        ProcessRunner.Run(Compiler, ["-DUNICODE", "-D_UNICODE", "-I" + DdkIncludeDirectory(), "-o", exe, scratch.PathOf("win32.c"), scratch.PathOf("ddk.c")], CompileTimeout).EnsureSuccess();

        // A Wine prefix of this run's own, ended and removed afterwards.
        var prefix = scratch.PathOf("prefix");
        Directory.CreateDirectory(prefix);
        var wine = File.Exists("/usr/lib/wine/wine64") ? "/usr/lib/wine/wine64" : Requirements.FindOnPath("wine64") ?? "wine64";
        string[] environment = ["WINEPREFIX=" + prefix, "WINEDEBUG=-all"];
        try
        {
            var run = ProcessRunner.Run("env", [.. environment, wine, exe], RunTimeout);
            Assert.True(run.ExitCode == 0, $"oracle.exe under Wine exited {run.ExitCode}:\n{run.StdOut}\n{run.StdErr}");
            var answers = new Dictionary<int, string>();
            foreach (var line in run.StdOut.Split('\n'))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && int.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    answers[index] = line[(space + 1)..].TrimEnd('\r');
                }
            }

            return answers;
        }
        finally
        {
            var server = Path.Combine(Path.GetDirectoryName(wine) ?? "/usr/lib/wine", "wineserver");
            ProcessRunner.Run("env", [.. environment, File.Exists(server) ? server : "wineserver", "-k"], RunTimeout);
        }
    }

    /// <summary>One printf per item, each on its own line so a compiler error names the item.</summary>
    private static (string Source, Dictionary<int, int> LineOf) Source(string headers, string function, IReadOnlyList<OracleItem> subset, IReadOnlyList<int> indexes)
    {
        var sb = new StringBuilder(headers.Replace("\r", string.Empty, StringComparison.Ordinal)).Append('\n');
        sb.Append("void ").Append(function).Append("(void)\n{\n");
        var lineOf = new Dictionary<int, int>();
        var line = sb.ToString().Count(c => c == '\n') + 1;
        for (var k = 0; k < subset.Count; k++)
        {
            var item = subset[k];
            sb.Append(item.IsString
                ? $"    printf(\"%d s:%ls\\n\", {indexes[k]}, {item.Expression});\n"
                : $"    printf(\"%d %llu\\n\", {indexes[k]}, (unsigned long long)({item.Expression}));\n");
            lineOf[line++] = indexes[k];
        }

        sb.Append("}\n");
        return (sb.ToString(), lineOf);
    }

    /// <summary>The driver kit's folder of this mingw-w64 (where windows.h's folder is, plus ddk).</summary>
    private static string DdkIncludeDirectory()
    {
        var deps = ProcessRunner.Run("sh", ["-c", $"echo '#include <winnt.h>' | {Compiler} -xc -M -"], CompileTimeout);
        var winnt = deps.StdOut.Split([' ', '\n', '\\'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(p => p.EndsWith("/winnt.h", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"cannot find mingw-w64's winnt.h:\n{deps.StdErr}");
        return Path.Combine(Path.GetDirectoryName(winnt)!, "ddk");
    }

    [GeneratedRegex(@"^(?<file>[^:\n]+):(?<line>\d+):\d+: error:", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
