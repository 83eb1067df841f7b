using System.Reflection;
using System.Text;
using Xunit;

namespace Linkctl.Tests.Api;

/// <summary>
/// The approved public surface of Linkctl.Core: every public type and member, by reflection,
/// compared with the checked-in tests/Linkctl.Tests/Api/PublicAPI.approved.txt so a change to
/// the surface is deliberate. On a difference the test writes PublicAPI.received.txt beside it
/// and fails; approving a change is copying that file over the approved one in the same commit.
/// (Microsoft.CodeAnalysis.PublicApiAnalyzers would do this at compile time; this approval
/// test needs no package and no generated file per member.)
/// </summary>
[Trait("Layer", "Pure")]
public sealed class PublicApiApprovalTests
{
    [Fact]
    public void The_public_surface_of_Linkctl_Core_is_the_approved_one()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "Linkctl.Tests", "Api");
        var approvedPath = Path.Combine(folder, "PublicAPI.approved.txt");
        var receivedPath = Path.Combine(folder, "PublicAPI.received.txt");
        var received = Surface(typeof(LinkTools).Assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var approvedLines = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var receivedLines = received.Split('\n').ToHashSet(StringComparer.Ordinal);
        var added = receivedLines.Except(approvedLines).Take(20).ToList();
        var removed = approvedLines.Except(receivedLines).Take(20).ToList();
        Assert.Fail(
            $"The public API of Linkctl.Core changed. Added: {added.Count}, removed: {removed.Count} (first 20 each).\n" +
            $"+ {string.Join("\n+ ", added)}\n- {string.Join("\n- ", removed)}\n" +
            $"If the change is meant, copy {receivedPath} over {approvedPath}.");
    }

    [Fact]
    public void The_front_door_is_public()
    {
        var surface = Surface(typeof(LinkTools).Assembly);
        foreach (var verb in new[] { "Create(", "Inspect(", "Remove(", "Scan(", "Repair(", "Diagnose(", "Audit(", "ForCurrentOS(" })
        {
            Assert.Matches($@"(?m)^Linkctl\.LinkTools\.(static )?{System.Text.RegularExpressions.Regex.Escape(verb)}", surface);
        }
    }

    private static string Surface(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var name = Name(type);
            lines.Add($"{Kind(type)} {name}{BaseList(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags | BindingFlags.NonPublic))
            {
                if (Describe(member) is { } text)
                {
                    lines.Add($"{name}.{text}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Public and protected members only (what a caller outside the assembly can reach); accessors come with their property.</summary>
    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo c when Visible(c) => $".ctor({Parameters(c)})",
        MethodInfo m when Visible(m) && !m.IsSpecialName => $"{(m.IsStatic ? "static " : "")}{m.Name}{Generic(m)}({Parameters(m)}) -> {Name(m.ReturnType)}",
        MethodInfo m when Visible(m) && m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) => $"static {m.Name}({Parameters(m)}) -> {Name(m.ReturnType)}",
        PropertyInfo p when Visible(p.GetMethod) || Visible(p.SetMethod) =>
            $"{(p.GetMethod?.IsStatic ?? p.SetMethod?.IsStatic ?? false ? "static " : "")}{p.Name}{Indexer(p)} : {Name(p.PropertyType)} {{{(Visible(p.GetMethod) ? " get;" : "")}{(Visible(p.SetMethod) ? Setter(p.SetMethod!) : "")} }}",
        FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName =>
            $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{(f.IsInitOnly ? "readonly " : "")}{f.Name} : {Name(f.FieldType)}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : "")}",
        EventInfo e when Visible(e.AddMethod) => $"event {e.Name} : {Name(e.EventHandlerType!)}",
        _ => null,
    };

    private static bool Visible(MethodBase? method) => method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static string Setter(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit") ? " init;" : " set;";

    private static string Indexer(PropertyInfo property) => property.GetIndexParameters() is { Length: > 0 } p ? $"[{string.Join(", ", p.Select(x => Name(x.ParameterType)))}]" : "";

    private static string Generic(MethodInfo method) => method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
        $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "")}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : typeof(Delegate).IsAssignableFrom(type) ? "delegate" :
        type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? "" : " : " + string.Join(", ", bases);
    }

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : (type.Namespace is { } ns ? ns + "." : "") + type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "linkctl.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no linkctl.slnx above {AppContext.BaseDirectory}");
    }
}
