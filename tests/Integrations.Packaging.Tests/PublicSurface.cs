using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Integrations.Packaging.Tests;

/// <summary>
/// The public surface of an assembly as documentation IDs, the names the compiler gives members in the XML doc file
/// (<c>T:</c>, <c>M:</c>, <c>P:</c>, <c>F:</c>, <c>E:</c>): the types visible outside the assembly and their public and
/// protected members, read from its metadata without loading it. What the compiler generates (a record's equality
/// members, a delegate's <c>Invoke</c>, the parameterless constructor of a class that declares none, a Razor component's
/// <c>BuildRenderTree</c>) is left out: nobody writes documentation for it.
/// </summary>
internal static partial class PublicSurface
{
    /// <summary>The class the Razor compiler writes for an <c>_Imports.razor</c> file (no source to document).</summary>
    private const string RazorImports = "_Imports";

    /// <summary>The method the Razor compiler writes for a component's markup (no source to document).</summary>
    private const string RazorRender = "BuildRenderTree";

    /// <summary>The documentation IDs of the public types and members of the assembly in <paramref name="peImage"/>.</summary>
    /// <param name="peImage">The assembly file's bytes.</param>
    /// <returns>One ID per type and member, in metadata order.</returns>
    public static IReadOnlyList<string> DocumentationIds(ImmutableArray<byte> peImage)
    {
        using var pe = new PEReader(peImage);
        var reader = pe.GetMetadataReader();
        var names = new SignatureNames();
        var ids = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type) || IsCompilerGenerated(reader, type.GetCustomAttributes())
                || reader.StringComparer.Equals(type.Name, RazorImports))
            {
                continue;
            }

            var typeName = SignatureNames.Name(reader, handle);
            ids.Add("T:" + typeName);
            if (type.BaseType.Kind == HandleKind.TypeReference
                && SignatureNames.Name(reader, (TypeReferenceHandle)type.BaseType) == "System.MulticastDelegate")
            {
                continue;
            }

            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                var (getter, setter) = (property.GetAccessors().Getter, property.GetAccessors().Setter);
                accessors.UnionWith([getter, setter]);
                if ((IsVisible(reader, getter) || IsVisible(reader, setter)) && !IsCompilerGenerated(reader, property.GetCustomAttributes()))
                {
                    var parameters = property.DecodeSignature(names, null).ParameterTypes;
                    ids.Add($"P:{typeName}.{reader.GetString(property.Name)}{Parameters(parameters)}");
                }
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var @event = reader.GetEventDefinition(eventHandle);
                accessors.UnionWith([@event.GetAccessors().Adder, @event.GetAccessors().Remover, @event.GetAccessors().Raiser]);
                if (IsVisible(reader, @event.GetAccessors().Adder) && !IsCompilerGenerated(reader, @event.GetCustomAttributes()))
                {
                    ids.Add($"E:{typeName}.{reader.GetString(@event.Name)}");
                }
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var name = reader.GetString(method.Name);
                if (accessors.Contains(methodHandle) || !IsVisible(reader, methodHandle) || name.Contains('<', StringComparison.Ordinal)
                    || name == RazorRender || IsCompilerGenerated(reader, method.GetCustomAttributes()))
                {
                    continue;
                }

                var signature = method.DecodeSignature(names, null);
                if (name == ".ctor" && signature.ParameterTypes.IsEmpty)
                {
                    continue; // the constructor the compiler writes for a class that declares none (one written in source is CS1591's)
                }

                var id = new StringBuilder("M:").Append(typeName).Append('.').Append(name.Replace('.', '#'));
                if (signature.GenericParameterCount > 0)
                {
                    id.Append("``").Append(signature.GenericParameterCount);
                }

                id.Append(Parameters(signature.ParameterTypes));
                if (name is "op_Implicit" or "op_Explicit")
                {
                    id.Append('~').Append(signature.ReturnType);
                }

                ids.Add(id.ToString());
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var access = field.Attributes & FieldAttributes.FieldAccessMask;
                if (access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem
                    && (field.Attributes & FieldAttributes.RTSpecialName) == 0
                    && !IsCompilerGenerated(reader, field.GetCustomAttributes()))
                {
                    ids.Add($"F:{typeName}.{reader.GetString(field.Name)}");
                }
            }
        }

        return ids;
    }

    private static string Parameters(ImmutableArray<string> types) => types.IsEmpty ? string.Empty : $"({string.Join(',', types)})";

    private static bool IsVisible(MetadataReader reader, TypeDefinition type) => (type.Attributes & TypeAttributes.VisibilityMask) switch
    {
        TypeAttributes.Public => true,
        TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem =>
            IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType())),
        _ => false,
    };

    private static bool IsVisible(MetadataReader reader, MethodDefinitionHandle handle) =>
        !handle.IsNil
        && (reader.GetMethodDefinition(handle).Attributes & MethodAttributes.MemberAccessMask)
            is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool IsCompilerGenerated(MetadataReader reader, CustomAttributeHandleCollection attributes) =>
        attributes.Any(handle => reader.GetCustomAttribute(handle).Constructor is { Kind: HandleKind.MemberReference } constructor
            && reader.GetMemberReference((MemberReferenceHandle)constructor).Parent is { Kind: HandleKind.TypeReference } type
            && SignatureNames.Name(reader, (TypeReferenceHandle)type) == "System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>Names types in signatures as documentation IDs do (<c>System.Collections.Generic.IList{System.String}</c>, <c>``0</c>, <c>@</c>).</summary>
    private sealed partial class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public static string Name(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            return type.IsNested
                ? Name(reader, type.GetDeclaringType()) + "." + reader.GetString(type.Name)
                : Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));
        }

        public static string Name(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? Name(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + reader.GetString(type.Name)
                : Qualified(reader.GetString(type.Namespace), reader.GetString(type.Name));
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Name(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Name(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{string.Join(',', Enumerable.Repeat("0:", shape.Rank))}]";

        public string GetByReferenceType(string elementType) => elementType + "@";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetGenericTypeParameter(object? genericContext, int index) => "`" + index;

        public string GetGenericMethodParameter(object? genericContext, int index) => "``" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "=FUNC:" + signature.ReturnType;

        /// <summary><c>Outer`1.Inner`1</c> with <c>A, B</c> is <c>Outer{A}.Inner{B}</c>.</summary>
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            var next = 0;
            return Arity().Replace(genericType, match =>
            {
                var count = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var arguments = typeArguments.Skip(next).Take(count);
                next += count;
                return "{" + string.Join(',', arguments) + "}";
            });
        }

        private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        [GeneratedRegex(@"`(\d+)")]
        private static partial Regex Arity();
    }
}
