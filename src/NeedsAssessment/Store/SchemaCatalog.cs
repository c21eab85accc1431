using System.Reflection;
using System.Text.Json;

namespace NeedsAssessment.Store;

/// <summary>
/// Reads the dataset schemas. By default they come from the copies embedded in the library (so a packed
/// tool or a notebook needs no repository beside it); a folder can be given instead to try an edited schema.
/// </summary>
public sealed class SchemaCatalog
{
    private readonly Dictionary<string, DatasetSchema> _byKind;

    private SchemaCatalog(IEnumerable<DatasetSchema> schemas)
    {
        _byKind = schemas.ToDictionary(s => s.Kind, StringComparer.OrdinalIgnoreCase);
    }

    private static readonly Lazy<SchemaCatalog> Embedded = new(LoadEmbedded);

    /// <summary>The schemas shipped with the library.</summary>
    public static SchemaCatalog Default => Embedded.Value;

    /// <summary>All schemas, ordered by kind.</summary>
    public IReadOnlyList<DatasetSchema> All => _byKind.Values.OrderBy(s => s.Kind, StringComparer.Ordinal).ToList();

    /// <summary>Dataset kind names, ordered.</summary>
    public IReadOnlyList<string> Kinds => All.Select(s => s.Kind).ToList();

    /// <summary>Returns the schema for a kind, or throws a user-facing error listing the known kinds.</summary>
    public DatasetSchema Get(string kind) =>
        _byKind.TryGetValue(kind, out var s)
            ? s
            : throw new UserErrorException($"Unknown dataset kind '{kind}'. Known kinds: {string.Join(", ", Kinds)}.");

    /// <summary>True when the kind exists.</summary>
    public bool Contains(string kind) => _byKind.ContainsKey(kind);

    /// <summary>Reads every <c>*.schema.json</c> in a folder.</summary>
    public static SchemaCatalog FromFolder(string folder) =>
        new(Directory.GetFiles(folder, "*.schema.json").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => Parse(File.ReadAllText(p), Path.GetFileName(p))));

    private static SchemaCatalog LoadEmbedded()
    {
        var asm = typeof(SchemaCatalog).Assembly;
        var names = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("data-schemas/", StringComparison.Ordinal) && n.EndsWith(".schema.json", StringComparison.Ordinal)
                        && n.Count(c => c == '/') == 1)
            .OrderBy(n => n, StringComparer.Ordinal);
        return new(names.Select(n => Parse(ReadResource(asm, n), n)));
    }

    internal static string ReadResource(Assembly asm, string name)
    {
        using var stream = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing embedded resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses one schema document; <paramref name="origin"/> names it in errors.</summary>
    public static DatasetSchema Parse(string json, string origin)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        string Req(JsonElement e, string prop) =>
            e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw new InvalidDataException($"Schema {origin}: missing string property '{prop}'.");
        string? Opt(JsonElement e, string prop) =>
            e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        static List<string> Strings(JsonElement e, string prop) =>
            e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(x => x.ToString()).ToList()
                : [];

        var missing = Strings(root, "missingValues");
        if (missing.Count == 0) missing.Add("");
        var fields = new List<FieldSchema>();
        foreach (var f in root.GetProperty("fields").EnumerateArray())
        {
            var name = Req(f, "name");
            var type = Req(f, "type") switch
            {
                "string" => FieldType.String,
                "integer" => FieldType.Integer,
                "number" => FieldType.Number,
                "date" => FieldType.Date,
                "datetime" => FieldType.DateTime,
                "yearmonth" => FieldType.YearMonth,
                "boolean" => FieldType.Boolean,
                "geojson" => FieldType.GeoJson,
                var t => throw new InvalidDataException($"Schema {origin}: field '{name}' has unsupported type '{t}'."),
            };
            var pd = (Opt(f, "personalData") ?? "none") switch
            {
                "none" => PersonalData.None,
                "quasi-identifier" => PersonalData.QuasiIdentifier,
                "direct-identifier" => PersonalData.DirectIdentifier,
                var p => throw new InvalidDataException($"Schema {origin}: field '{name}' has unknown personalData '{p}'."),
            };
            var c = f.TryGetProperty("constraints", out var cc) ? cc : default;
            bool Flag(string p) => c.ValueKind == JsonValueKind.Object && c.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.True;
            double? Num(string p) => c.ValueKind == JsonValueKind.Object && c.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            var enumValues = c.ValueKind == JsonValueKind.Object && c.TryGetProperty("enum", out _) ? Strings(c, "enum") : null;
            var trueValues = Strings(f, "trueValues");
            var falseValues = Strings(f, "falseValues");
            if (type == FieldType.Boolean && trueValues.Count == 0) { trueValues = ["true", "True", "TRUE", "1"]; falseValues = ["false", "False", "FALSE", "0"]; }
            fields.Add(new FieldSchema(
                name, Opt(f, "sourceName") ?? name, type, Opt(f, "description"), pd,
                f.TryGetProperty("optionalColumn", out var oc) && oc.ValueKind == JsonValueKind.True,
                Flag("required"), Flag("unique"),
                c.ValueKind == JsonValueKind.Object ? Opt(c, "pattern") : null,
                enumValues, Num("minimum"), Num("maximum"), Opt(f, "groupChar"), trueValues, falseValues)
            {
                Format = Opt(f, "format") is { } fmt && fmt.Contains('%', StringComparison.Ordinal) ? fmt : null,
            });
        }

        var schema = new DatasetSchema(
            Req(root, "kind"), Req(root, "title"), Opt(root, "description") ?? "", Req(root, "version"), Req(root, "table"),
            Opt(root, "format") ?? "csv", Req(root, "geographyField"), Opt(root, "periodField"), missing, fields)
        {
            DuplicateKey = Opt(root, "duplicateKey"),
            RowKey = Strings(root, "rowKey"),
            RowKeyAcrossFiles = root.TryGetProperty("rowKeyAcrossFiles", out var across) && across.ValueKind == JsonValueKind.True,
            PeriodEndField = Opt(root, "periodEndField"),
            Totals = root.TryGetProperty("totals", out var totals) && totals.ValueKind == JsonValueKind.Object
                ? totals.EnumerateObject().ToDictionary(t => t.Name, t => (IReadOnlyList<string>)t.Value.EnumerateArray().Select(x => x.GetString()!).ToList(), StringComparer.Ordinal)
                : new Dictionary<string, IReadOnlyList<string>>(),
        };
        foreach (var name in schema.RowKey.Concat(schema.Totals.Keys).Concat(schema.Totals.Values.SelectMany(v => v)).Append(schema.PeriodEndField).OfType<string>())
            if (schema.Field(name) is null) throw new InvalidDataException($"Schema {origin}: rowKey, periodEndField or totals name '{name}', which is not a field.");
        if (schema.PeriodEndField is not null && schema.PeriodField is null)
            throw new InvalidDataException($"Schema {origin}: periodEndField needs a periodField.");
        if (schema.DuplicateKey is not null && schema.Field(schema.DuplicateKey) is null)
            throw new InvalidDataException($"Schema {origin}: duplicateKey '{schema.DuplicateKey}' is not a field.");
        if (schema.Field(schema.GeographyField) is null)
            throw new InvalidDataException($"Schema {origin}: geographyField '{schema.GeographyField}' is not a field.");
        if (schema.PeriodField is not null && schema.Field(schema.PeriodField) is null)
            throw new InvalidDataException($"Schema {origin}: periodField '{schema.PeriodField}' is not a field.");
        return schema;
    }
}
