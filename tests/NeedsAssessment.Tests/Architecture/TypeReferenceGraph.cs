using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NeedsAssessment.Tests.Architecture;

/// <summary>A type a compiled type refers to: its assembly (null for the assembly read) and namespace.</summary>
internal readonly record struct TypeKey(string? Assembly, string Namespace, string Name);

/// <summary>
/// Which folder of the library uses which, read from the compiled assembly's metadata (not from <c>using</c> lines,
/// which miss fully qualified and same-root names such as <c>Indicators.IndicatorEngine</c> inside Pipeline): every
/// type named by a base type, interface, field, method or property signature, custom attribute, local variable, or
/// token in a method body. A folder is the first namespace segment under <c>NeedsAssessment</c>; the root namespace
/// is the folder "(root)". Nested and compiler-generated types (lambdas, iterators) count for their outermost type.
/// </summary>
internal sealed class TypeReferenceGraph
{
    public const string RootFolder = "(root)";
    private const string Root = "NeedsAssessment";

    private readonly Dictionary<string, Dictionary<string, string>> _folderEdges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _assemblies = new(StringComparer.Ordinal);

    /// <summary>Folder -> folder it uses -> one example "Type uses Type".</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> FolderEdges => _folderEdges;

    /// <summary>Folder -> referenced assembly -> one example "Type uses Type".</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> AssembliesByFolder => _assemblies;

    /// <summary>Every folder with at least one type.</summary>
    public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);

    public static string? FolderOf(string ns) =>
        ns == Root ? RootFolder : ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    public static TypeReferenceGraph Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var graph = new TypeReferenceGraph();
        var provider = new Provider(md);
        foreach (var handle in md.TypeDefinitions)
        {
            var owner = provider.Key(handle);
            if (FolderOf(owner.Namespace) is not { } from) continue;
            graph.Folders.Add(from);
            var scan = new Scan(graph, md, pe, provider, from, $"{owner.Namespace}.{owner.Name}");
            scan.TypeDefinition(md.GetTypeDefinition(handle));
        }
        return graph;
    }

    private void Add(string from, string fromType, TypeKey to)
    {
        if (to.Assembly is { } asm)
        {
            if (!_assemblies.TryGetValue(from, out var a)) _assemblies[from] = a = new(StringComparer.Ordinal);
            a.TryAdd(asm, $"{fromType} uses {to.Namespace}.{to.Name}");
            return;
        }
        if (FolderOf(to.Namespace) is not { } target || target == from) return;
        if (!_folderEdges.TryGetValue(from, out var e)) _folderEdges[from] = e = new(StringComparer.Ordinal);
        e.TryAdd(target, $"{fromType} uses {to.Namespace}.{to.Name}");
    }

    /// <summary>The strongly connected components with more than one folder: each is a dependency cycle.</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, Dictionary<string, string>> edges)
    {
        // Tarjan's algorithm; the graph is a few dozen nodes, so recursion depth is no concern.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var targets) ? targets.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(component.Order(StringComparer.Ordinal).ToList());
        }
        foreach (var n in nodes) if (!index.ContainsKey(n)) Visit(n);
        return result;
    }

    private sealed class Scan(TypeReferenceGraph graph, MetadataReader md, PEReader pe, Provider provider, string from, string fromType)
    {
        private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value, o => o.OperandType);

        private void Add(IEnumerable<TypeKey> keys)
        {
            foreach (var k in keys) graph.Add(from, fromType, k);
        }

        public void TypeDefinition(System.Reflection.Metadata.TypeDefinition td)
        {
            if (!td.BaseType.IsNil) Entity(td.BaseType);
            foreach (var i in td.GetInterfaceImplementations()) Entity(md.GetInterfaceImplementation(i).Interface);
            Attributes(td.GetCustomAttributes());
            foreach (var g in td.GetGenericParameters()) Constraints(g);
            foreach (var fh in td.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                Add(f.DecodeSignature(provider, null));
                Attributes(f.GetCustomAttributes());
            }
            foreach (var ph in td.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                var sig = p.DecodeSignature(provider, null);
                Add(sig.ReturnType);
                foreach (var t in sig.ParameterTypes) Add(t);
                Attributes(p.GetCustomAttributes());
            }
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                var sig = m.DecodeSignature(provider, null);
                Add(sig.ReturnType);
                foreach (var t in sig.ParameterTypes) Add(t);
                Attributes(m.GetCustomAttributes());
                foreach (var g in m.GetGenericParameters()) Constraints(g);
                if (m.RelativeVirtualAddress != 0) Body(pe.GetMethodBody(m.RelativeVirtualAddress));
            }
        }

        private void Constraints(GenericParameterHandle gh)
        {
            foreach (var c in md.GetGenericParameter(gh).GetConstraints()) Entity(md.GetGenericParameterConstraint(c).Type);
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes) Entity(md.GetCustomAttribute(a).Constructor);
        }

        private void Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
                foreach (var t in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null)) Add(t);
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short code = il.ReadByte();
                if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
                switch (Operands[code])
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.ReadByte(); break;
                    case OperandType.InlineVar: il.ReadInt16(); break;
                    case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
                    case OperandType.InlineSwitch: var n = il.ReadInt32(); for (var i = 0; i < n; i++) il.ReadInt32(); break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32())); break;
                    default: il.ReadInt32(); break; // InlineI, InlineBrTarget, InlineSig, InlineString, ShortInlineR
                }
            }
        }

        private void Entity(EntityHandle h)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeDefinition: Add([provider.Key((TypeDefinitionHandle)h)]); break;
                case HandleKind.TypeReference: Add([provider.Key((TypeReferenceHandle)h)]); break;
                case HandleKind.TypeSpecification: Add(md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(provider, null)); break;
                case HandleKind.MethodDefinition: Add([provider.Key(md.GetMethodDefinition((MethodDefinitionHandle)h).GetDeclaringType())]); break;
                case HandleKind.FieldDefinition: Add([provider.Key(md.GetFieldDefinition((FieldDefinitionHandle)h).GetDeclaringType())]); break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)h);
                    Entity(spec.Method);
                    foreach (var t in spec.DecodeSignature(provider, null)) Add(t);
                    break;
                case HandleKind.MemberReference:
                    var mr = md.GetMemberReference((MemberReferenceHandle)h);
                    if (mr.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification or HandleKind.MethodDefinition)
                        Entity((EntityHandle)mr.Parent);
                    if (mr.GetKind() == MemberReferenceKind.Method)
                    {
                        var sig = mr.DecodeMethodSignature(provider, null);
                        Add(sig.ReturnType);
                        foreach (var t in sig.ParameterTypes) Add(t);
                    }
                    else Add(mr.DecodeFieldSignature(provider, null));
                    break;
            }
        }
    }

    /// <summary>Decodes signatures into the types they name (generic arguments included).</summary>
    private sealed class Provider(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<TypeKey>, object?>
    {
        public TypeKey Key(TypeDefinitionHandle h)
        {
            var td = md.GetTypeDefinition(h);
            while (td.GetDeclaringType() is { IsNil: false } outer) td = md.GetTypeDefinition(outer);
            return new TypeKey(null, md.GetString(td.Namespace), md.GetString(td.Name));
        }

        public TypeKey Key(TypeReferenceHandle h)
        {
            var tr = md.GetTypeReference(h);
            while (tr.ResolutionScope.Kind == HandleKind.TypeReference) tr = md.GetTypeReference((TypeReferenceHandle)tr.ResolutionScope);
            string? asm = tr.ResolutionScope.Kind == HandleKind.AssemblyReference
                ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)tr.ResolutionScope).Name)
                : null;
            return new TypeKey(asm, md.GetString(tr.Namespace), md.GetString(tr.Name));
        }

        public ImmutableArray<TypeKey> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [Key(handle)];
        public ImmutableArray<TypeKey> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [Key(handle)];
        public ImmutableArray<TypeKey> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public ImmutableArray<TypeKey> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];
        public ImmutableArray<TypeKey> GetSZArrayType(ImmutableArray<TypeKey> elementType) => elementType;
        public ImmutableArray<TypeKey> GetArrayType(ImmutableArray<TypeKey> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<TypeKey> GetByReferenceType(ImmutableArray<TypeKey> elementType) => elementType;
        public ImmutableArray<TypeKey> GetPointerType(ImmutableArray<TypeKey> elementType) => elementType;
        public ImmutableArray<TypeKey> GetPinnedType(ImmutableArray<TypeKey> elementType) => elementType;
        public ImmutableArray<TypeKey> GetGenericInstantiation(ImmutableArray<TypeKey> genericType, ImmutableArray<ImmutableArray<TypeKey>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(a => a));
        public ImmutableArray<TypeKey> GetGenericMethodParameter(object? genericContext, int index) => [];
        public ImmutableArray<TypeKey> GetGenericTypeParameter(object? genericContext, int index) => [];
        public ImmutableArray<TypeKey> GetModifiedType(ImmutableArray<TypeKey> modifier, ImmutableArray<TypeKey> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<TypeKey> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeKey>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p));
    }
}
