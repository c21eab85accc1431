using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeedsAssessment.Classify;

/// <summary>
/// A local serious violence definition: which categories, codes and sources count, and which cohort qualifiers
/// restrict or flag. Partnerships disagree on the definition, so it is a versioned YAML file they edit; its name
/// and version are written on every classified row. Terrorism can never be included.
/// </summary>
/// <param name="Name">Short name written on every <c>sv_events</c> row, e.g. <c>home-office-core</c>.</param>
/// <param name="Version">Version written on every row; change it whenever the definition changes.</param>
/// <param name="Description">What the definition covers, in plain words.</param>
/// <param name="Categories">Categories (<see cref="SeriousViolenceCategories"/>) that count for every source.</param>
/// <param name="IncludeCodes">Codes that count even when their category is not listed (any source's code: Home Office code, police.uk crime type, ICD-10 code, ED method).</param>
/// <param name="ExcludeCodes">Codes that never count, even when their category is listed.</param>
/// <param name="Sources">Sources (<see cref="ClassificationSources"/>) whose records count.</param>
/// <param name="RestrictToAny">Qualifiers (<see cref="CohortQualifiers"/>) of which an event must carry at least one; empty means no restriction.</param>
/// <param name="RestrictExemptCategories">Categories that count without a restricting qualifier (e.g. sexual violence at any age).</param>
/// <param name="Flags">Qualifiers the definition reports on; every qualifier is still computed on every row.</param>
public sealed record SeriousViolenceDefinition(
    string Name,
    string Version,
    string Description,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> IncludeCodes,
    IReadOnlyList<string> ExcludeCodes,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> RestrictToAny,
    IReadOnlyList<string> RestrictExemptCategories,
    IReadOnlyList<string> Flags)
{
    /// <summary>Name of the default definition shipped in <c>data-schemas/definitions/</c>.</summary>
    public const string DefaultName = "home-office-core";

    private const string ResourcePrefix = "data-schemas/definitions/";

    /// <summary>Where the definition came from: a file path, <c>built-in:&lt;name&gt;</c> or <c>(code)</c>.</summary>
    public string Origin { get; init; } = "(code)";

    /// <summary>Names of the definitions shipped with the library.</summary>
    public static IReadOnlyList<string> BuiltInNames =>
        typeof(SeriousViolenceDefinition).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".yaml".Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    /// <summary>The Home Office core definition, used when the partnership has not chosen one.</summary>
    public static SeriousViolenceDefinition LoadDefault() => LoadBuiltIn(DefaultName);

    /// <summary>Loads a shipped definition by name (see <see cref="BuiltInNames"/>).</summary>
    /// <exception cref="UserErrorException">The name is not shipped.</exception>
    public static SeriousViolenceDefinition LoadBuiltIn(string name)
    {
        if (!BuiltInNames.Contains(name, StringComparer.Ordinal))
            throw new UserErrorException($"No built-in serious violence definition named '{name}'. Built-in definitions: {string.Join(", ", BuiltInNames)}; or give the path of a .yaml file.");
        var yaml = Store.SchemaCatalog.ReadResource(typeof(SeriousViolenceDefinition).Assembly, $"{ResourcePrefix}{name}.yaml");
        return Parse(yaml, $"built-in:{name}");
    }

    /// <summary>
    /// Loads a definition file; a path without a folder or extension that names a built-in definition loads that.
    /// </summary>
    /// <exception cref="UserErrorException">The file is missing or invalid; the message lists every problem as <c>file:line: message</c>.</exception>
    public static SeriousViolenceDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            if (BuiltInNames.Contains(path, StringComparer.Ordinal)) return LoadBuiltIn(path);
            throw new UserErrorException($"Serious violence definition file '{path}' does not exist. Give the path of a .yaml definition, or one of the built-in names: {string.Join(", ", BuiltInNames)}.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses definition YAML; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="UserErrorException">The definition is invalid; the message lists every problem.</exception>
    public static SeriousViolenceDefinition Parse(string yaml, string origin)
    {
        var (definition, issues) = ParseCore(yaml, origin);
        ThrowIfAny(issues, origin);
        return definition!;
    }

    /// <summary>Checks definition YAML without throwing: every problem, each naming the file and line.</summary>
    public static IReadOnlyList<DefinitionIssue> Validate(string yaml, string origin) => ParseCore(yaml, origin).Issues;

    /// <summary>Checks a definition built in code (no lines to name).</summary>
    public IReadOnlyList<DefinitionIssue> Validate() => CheckSemantics(this, Origin, static (_, _) => null);

    /// <summary>Throws a <see cref="UserErrorException"/> listing every problem, if any.</summary>
    public void EnsureValid() => ThrowIfAny(Validate(), Origin);

    private static void ThrowIfAny(IReadOnlyList<DefinitionIssue> issues, string origin)
    {
        if (issues.Count == 0) return;
        throw new UserErrorException(
            $"Serious violence definition '{origin}' is invalid ({issues.Count} problem{(issues.Count == 1 ? "" : "s")}):\n  " +
            string.Join("\n  ", issues));
    }

    private static readonly string[] TopKeys = ["name", "version", "description", "categories", "offence_codes", "sources", "qualifiers"];
    private static readonly string[] CodeKeys = ["include", "exclude"];
    private static readonly string[] QualifierKeys = ["restrict_to_any", "restrict_exempt_categories", "flag"];

    private static (SeriousViolenceDefinition? Definition, IReadOnlyList<DefinitionIssue> Issues) ParseCore(string yaml, string origin)
    {
        var issues = new List<DefinitionIssue>();
        void Issue(YamlNode? node, string message) => issues.Add(new DefinitionIssue(origin, node is null ? null : (int)node.Start.Line, message));

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                issues.Add(new DefinitionIssue(origin, 1, "the file must be a YAML mapping with keys name, version, description, categories, offence_codes, sources, qualifiers."));
                return (null, issues);
            }
            root = m;
        }
        catch (YamlException ex)
        {
            issues.Add(new DefinitionIssue(origin, (int)ex.Start.Line, $"not valid YAML: {ex.Message}"));
            return (null, issues);
        }

        // Remember the line of every list item so semantic errors can point at it.
        var lines = new Dictionary<(string Field, int Index), int>();
        var fieldLines = new Dictionary<string, int>(StringComparer.Ordinal);

        YamlMappingNode? Mapping(YamlMappingNode parent, string key, string path, string[] allowed)
        {
            var node = Child(parent, key);
            if (node is null) return null;
            if (node is YamlMappingNode map)
            {
                foreach (var k in map.Children.Keys)
                    if (k is YamlScalarNode ks && !allowed.Contains(ks.Value, StringComparer.Ordinal))
                        Issue(k, $"unknown key '{path}.{ks.Value}'. Allowed under '{path}': {string.Join(", ", allowed)}.");
                return map;
            }
            if (node is YamlScalarNode { Value: null or "" or "~" or "null" }) return null;
            Issue(node, $"'{path}' must be a mapping with keys {string.Join(", ", allowed)}.");
            return null;
        }

        string Scalar(string key, bool required)
        {
            var node = Child(root, key);
            if (node is null)
            {
                if (required) issues.Add(new DefinitionIssue(origin, 1, $"missing '{key}'. Add a line '{key}: ...' at the top of the file."));
                return "";
            }
            fieldLines[key] = (int)node.Start.Line;
            if (node is YamlScalarNode s) return (s.Value ?? "").Trim();
            Issue(node, $"'{key}' must be a single value, not a list or mapping.");
            return "";
        }

        List<string> List(YamlMappingNode? parent, string key, string field)
        {
            var result = new List<string>();
            if (parent is null) return result;
            var node = Child(parent, key);
            if (node is null) return result;
            fieldLines[field] = (int)node.Start.Line;
            switch (node)
            {
                case YamlSequenceNode seq:
                    foreach (var item in seq.Children)
                    {
                        if (item is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
                        {
                            lines[(field, result.Count)] = (int)s.Start.Line;
                            result.Add(s.Value.Trim());
                        }
                        else Issue(item, $"each entry of '{field}' must be a single value.");
                    }
                    break;
                case YamlScalarNode { Value: null or "" or "~" or "null" }:
                    break;
                default:
                    Issue(node, $"'{field}' must be a list, e.g. '{field}: [a, b]' or one '- value' per line.");
                    break;
            }
            return result;
        }

        foreach (var k in root.Children.Keys)
            if (k is YamlScalarNode ks && !TopKeys.Contains(ks.Value, StringComparer.Ordinal))
                Issue(k, $"unknown key '{ks.Value}'. Allowed keys: {string.Join(", ", TopKeys)}.");

        var name = Scalar("name", required: true);
        var version = Scalar("version", required: true);
        var description = Scalar("description", required: false);
        var categories = List(root, "categories", "categories");
        var codes = Mapping(root, "offence_codes", "offence_codes", CodeKeys);
        var include = List(codes, "include", "offence_codes.include");
        var exclude = List(codes, "exclude", "offence_codes.exclude");
        var sources = List(root, "sources", "sources");
        var qualifiers = Mapping(root, "qualifiers", "qualifiers", QualifierKeys);
        var restrict = List(qualifiers, "restrict_to_any", "qualifiers.restrict_to_any");
        var exempt = List(qualifiers, "restrict_exempt_categories", "qualifiers.restrict_exempt_categories");
        var flags = List(qualifiers, "flag", "qualifiers.flag");

        var definition = new SeriousViolenceDefinition(name, version, description, categories, include, exclude, sources, restrict, exempt, flags)
        {
            Origin = origin,
        };
        issues.AddRange(CheckSemantics(definition, origin, (field, index) =>
            index is { } i && lines.TryGetValue((field, i), out var l) ? l
            : fieldLines.TryGetValue(field, out var fl) ? fl
            : null));
        issues.Sort((a, b) => (a.Line ?? 0).CompareTo(b.Line ?? 0));
        return (issues.Count == 0 ? definition : null, issues);
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>The rules every definition obeys, however it was made. <paramref name="lineOf"/> maps (field, item index) to a line.</summary>
    private static List<DefinitionIssue> CheckSemantics(SeriousViolenceDefinition d, string origin, Func<string, int?, int?> lineOf)
    {
        var issues = new List<DefinitionIssue>();
        void Issue(string field, int? index, string message) => issues.Add(new DefinitionIssue(origin, lineOf(field, index), message));
        const string TerrorismRule = "terrorism can never be part of a serious violence definition: the Serious Violence Duty excludes it (Police, Crime, Sentencing and Courts Act 2022 s13). Remove this entry.";

        if (string.IsNullOrWhiteSpace(d.Name)) Issue("name", null, "'name' is empty; give the definition a short name, e.g. 'name: my-partnership-2025'.");
        if (string.IsNullOrWhiteSpace(d.Version)) Issue("version", null, "'version' is empty; give a version, e.g. 'version: \"1.0\"', and change it whenever the definition changes.");

        void CheckCategories(IReadOnlyList<string> list, string field)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var c = list[i];
                if (c == SeriousViolenceCategories.Terrorism) Issue(field, i, $"'{field}' lists '{c}': {TerrorismRule}");
                else if (!SeriousViolenceCategories.All.Contains(c, StringComparer.Ordinal))
                    Issue(field, i, $"unknown category '{c}' in '{field}'. Allowed: {string.Join(", ", SeriousViolenceCategories.All.Where(x => x != SeriousViolenceCategories.Terrorism))}.");
            }
        }
        CheckCategories(d.Categories, "categories");
        CheckCategories(d.RestrictExemptCategories, "qualifiers.restrict_exempt_categories");

        void CheckCodes(IReadOnlyList<string> list, string field, bool including)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var code = list[i];
                if (!ReferenceData.CodeCategory.TryGetValue(code, out var category))
                    Issue(field, i, $"unknown code '{code}' in '{field}'. Use a Home Office offence code (data-schemas/reference/offence-codes.csv), a police.uk crime type, a three-character ICD-10 code X85-Y09 or an ED assault method; quote codes that look like numbers, e.g. \"4.10\".");
                else if (including && category == SeriousViolenceCategories.Terrorism)
                    Issue(field, i, $"'{field}' lists '{code}', a terrorism code: {TerrorismRule}");
            }
        }
        CheckCodes(d.IncludeCodes, "offence_codes.include", including: true);
        CheckCodes(d.ExcludeCodes, "offence_codes.exclude", including: false);
        for (var i = 0; i < d.IncludeCodes.Count; i++)
            if (d.ExcludeCodes.Contains(d.IncludeCodes[i], StringComparer.Ordinal))
                Issue("offence_codes.include", i, $"code '{d.IncludeCodes[i]}' is both included and excluded; keep it in one list.");

        for (var i = 0; i < d.Sources.Count; i++)
            if (!ClassificationSources.All.Contains(d.Sources[i], StringComparer.Ordinal))
                Issue("sources", i, $"unknown source '{d.Sources[i]}'. Allowed: {string.Join(", ", ClassificationSources.All)}.");
        if (d.Sources.Count == 0)
            Issue("sources", null, $"'sources' is empty, so nothing would count. List at least one of: {string.Join(", ", ClassificationSources.All)}.");
        if (d.Categories.Count == 0 && d.IncludeCodes.Count == 0)
            Issue("categories", null, "neither 'categories' nor 'offence_codes.include' lists anything, so nothing would count.");

        void CheckQualifiers(IReadOnlyList<string> list, string field)
        {
            for (var i = 0; i < list.Count; i++)
                if (!CohortQualifiers.All.Contains(list[i], StringComparer.Ordinal))
                    Issue(field, i, $"unknown qualifier '{list[i]}' in '{field}'. Allowed: {string.Join(", ", CohortQualifiers.All)}.");
        }
        CheckQualifiers(d.RestrictToAny, "qualifiers.restrict_to_any");
        CheckQualifiers(d.Flags, "qualifiers.flag");
        return issues;
    }
}
