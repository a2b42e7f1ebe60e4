using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Integrations.Core.Tests.Architecture;

/// <summary>
/// The dependencies between the namespaces of Core (<c>Integrations.X</c>; the root namespace <c>Integrations</c> is
/// the composition root that wires every concern and is left out), read two ways: from the compiled assembly (base
/// types, interfaces, fields, properties, signatures, locals and every type, method or field a method body names) and
/// from the sources (<c>using</c> directives and qualified names, doc references included).
/// </summary>
internal sealed partial class NamespaceGraph
{
    private const string Root = "Integrations";

    private static readonly Dictionary<short, OpCode> OneByte = [];
    private static readonly Dictionary<short, OpCode> TwoByte = [];

    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    static NamespaceGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            (code.Size == 1 ? OneByte : TwoByte)[code.Value] = code;
        }
    }

    /// <summary>Every edge <c>from → to</c> with one example of why (a type and what it names).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    /// <summary>The graph of the compiled assembly, between the namespaces right below <paramref name="root"/> (the root itself left out).</summary>
    public static NamespaceGraph FromAssembly(Assembly assembly, string root = Root)
    {
        var graph = new NamespaceGraph();
        foreach (var type in assembly.GetTypes())
        {
            if (Concern(type, root) is not { } from)
            {
                continue;
            }

            foreach (var (used, how) in Uses(type))
            {
                if (used.Assembly == assembly && Concern(used, root) is { } to && to != from)
                {
                    graph.Add(from, to, $"{type.FullName} {how} {used.FullName}");
                }
            }
        }

        return graph;
    }

    /// <summary>The graph of the sources below <paramref name="directory"/> (the project folder of Core).</summary>
    public static NamespaceGraph FromSources(string directory)
    {
        var graph = new NamespaceGraph();
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (File: file, Text: File.ReadAllText(file)))
            .ToList();
        var concerns = files.Select(file => Concern(NamespaceDeclaration().Match(file.Text).Groups[1].Value)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var qualified = new Regex($@"(?<![\w.])(?:{Root}\.)?({string.Join('|', concerns)})\.[A-Z]\w*", RegexOptions.CultureInvariant);
        foreach (var (file, text) in files)
        {
            if (Concern(NamespaceDeclaration().Match(text).Groups[1].Value) is not { } from)
            {
                continue;
            }

            var name = Path.GetFileName(file);
            foreach (Match match in UsingDirective().Matches(text))
            {
                if (Concern(match.Groups[1].Value) is { } to && to != from)
                {
                    graph.Add(from, to, $"{name}: using {match.Groups[1].Value}");
                }
            }

            foreach (Match match in qualified.Matches(text))
            {
                if (match.Groups[1].Value != from && !text.AsSpan(0, match.Index).EndsWith("namespace ", StringComparison.Ordinal))
                {
                    graph.Add(from, match.Groups[1].Value, $"{name}: {match.Value}");
                }
            }
        }

        return graph;
    }

    /// <summary>The cycles, as the strongly connected components of more than one namespace, each with its edges.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var nodes = _edges.Keys.Concat(_edges.Values.SelectMany(to => to.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        foreach (var node in nodes.Where(node => !index.ContainsKey(node)))
        {
            Connect(node);
        }

        return components
            .Where(component => component.Count > 1)
            .Select(component => string.Join(
                Environment.NewLine,
                component.SelectMany(from => Targets(from).Where(component.Contains).Select(to => $"  {from} -> {to}: {_edges[from][to]}"))))
            .ToList();

        void Connect(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in Targets(node))
            {
                if (!index.TryGetValue(next, out var visited))
                {
                    Connect(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], visited);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }
    }

    /// <summary>The namespaces <paramref name="from"/> uses.</summary>
    public IEnumerable<string> Targets(string from) =>
        _edges.TryGetValue(from, out var to) ? to.Keys.Order(StringComparer.Ordinal) : [];

    /// <summary>Adds an edge (for a test that proves a cycle is found).</summary>
    public void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new(StringComparer.Ordinal);
        }

        targets.TryAdd(to, example);
    }

    /// <summary>The concern (<c>Acl</c> for <c>Integrations.Acl</c>, below the root <c>Integrations</c>) of a Core type, or <see langword="null"/> for the root namespace and anything else.</summary>
    private static string? Concern(Type type, string root)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return Concern(type.Namespace, root);
    }

    private static string? Concern(string? ns, string root = Root) =>
        ns is not null && ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;

    private static List<(Type Used, string How)> Uses(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var uses = new List<(Type Used, string How)>();
        void Named(Type? used, string how)
        {
            if (used is null)
            {
                return;
            }

            if (used.HasElementType)
            {
                Named(used.GetElementType(), how);
                return;
            }

            if (used.IsGenericParameter)
            {
                return;
            }

            uses.Add((used, how));
            if (used.IsGenericType)
            {
                foreach (var argument in used.GetGenericArguments())
                {
                    Named(argument, how);
                }
            }
        }

        Named(type.BaseType, "derives from");
        foreach (var contract in type.GetInterfaces())
        {
            Named(contract, "implements");
        }

        foreach (var field in type.GetFields(All))
        {
            Named(field.FieldType, "has a field of");
        }

        foreach (var property in type.GetProperties(All))
        {
            Named(property.PropertyType, "has a property of");
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info)
            {
                Named(info.ReturnType, "returns");
            }

            foreach (var parameter in method.GetParameters())
            {
                Named(parameter.ParameterType, "takes");
            }

            if (method.GetMethodBody() is { } body)
            {
                foreach (var local in body.LocalVariables)
                {
                    Named(local.LocalType, "has a local of");
                }

                foreach (var used in BodyReferences(method, body))
                {
                    Named(used, "calls into");
                }
            }
        }

        return uses;
    }

    /// <summary>The methods of <paramref name="assembly"/> (declared by its types, nested and compiler-made ones included) whose bodies name <paramref name="target"/>.</summary>
    public static IEnumerable<MethodBase> MethodsNaming(Assembly assembly, MemberInfo target)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return assembly.GetTypes()
            .SelectMany(type => type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            .Where(method => method.GetMethodBody() is { } body && BodyMembers(method, body).Any(member => member == target || (member is MethodInfo { IsGenericMethod: true } generic && generic.GetGenericMethodDefinition() == target)));
    }

    /// <summary>The types named by the tokens of a method body (types, and the declaring types of methods and fields).</summary>
    private static List<Type> BodyReferences(MethodBase method, MethodBody body)
    {
        var found = new List<Type>();
        foreach (var member in BodyMembers(method, body))
        {
            found.Add(member as Type ?? member.DeclaringType!);
            if (member is FieldInfo field)
            {
                found.Add(field.FieldType);
            }
            else if (member is MethodInfo called)
            {
                found.Add(called.ReturnType);
                found.AddRange(called.GetParameters().Select(parameter => parameter.ParameterType));
            }
        }

        return found;
    }

    /// <summary>The types, methods and fields the tokens of a method body name.</summary>
    private static List<MemberInfo> BodyMembers(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var found = new List<MemberInfo>();
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? TwoByte[unchecked((short)(0xFE00 | il[i + 1]))] : OneByte[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        found.Add(method.Module.ResolveMember(token, typeArguments, methodArguments)!);
                    }
                    catch (ArgumentException)
                    {
                        // a token the generic context cannot resolve (none in Core today); nothing to count
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    i += 4;
                    break;
            }
        }

        return found;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(Integrations\.[\w.]+)\s*;", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UsingDirective();
}
