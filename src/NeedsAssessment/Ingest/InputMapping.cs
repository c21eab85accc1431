using System.Text.RegularExpressions;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// How one partner's file differs from the schema's published layout: which file column carries each schema field,
/// which file values mean which schema values, the date format, and for a workbook the sheet and the header row.
/// Written per input in the assessment file (or proposed by <c>validate KIND FILE --suggest</c>); applied inside
/// DuckDB's single checking pass by giving the load a schema whose fields carry the mapping.
/// </summary>
public sealed record InputMapping
{
    /// <summary>Schema field (canonical name) to the file column that carries it.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Schema field to its recodes: file value to schema value, e.g. <c>sex: {M: Male, F: Female}</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>strptime format of the file's dates (e.g. <c>%d.%m.%Y</c>), applied to every date and date-time field.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Workbook sheet to read; null for the first sheet.</summary>
    public string? Sheet { get; init; }

    /// <summary>Line (CSV) or sheet row (workbook) of the header, counting from 1; the rows above it are titles.</summary>
    public int HeaderRow { get; init; } = 1;

    /// <summary>No mapping: the file uses the schema's published layout.</summary>
    public static InputMapping None { get; } = new();

    /// <summary>True when the mapping changes nothing.</summary>
    public bool IsEmpty => Columns.Count == 0 && Values.Count == 0 && DateFormat is null && Sheet is null && HeaderRow == 1;

    private static readonly Regex Directive = new("%(.)", RegexOptions.CultureInvariant);
    private const string KnownDirectives = "aAbBcdfgGHIjmMpSuUVwWxXyYzZ%";

    /// <summary>
    /// Every way the mapping contradicts the schema, each naming the input (<paramref name="input"/>), the setting,
    /// the field or column and the value; empty when the mapping is usable. Checked before any file is read.
    /// </summary>
    public IReadOnlyList<string> Problems(DatasetSchema schema, string input)
    {
        var problems = new List<string>();
        FieldSchema? Field(string name, string setting)
        {
            var f = FindField(schema, name);
            if (f is not null) return f;
            var closest = schema.Fields.OrderBy(x => HeaderMatcher.Distance(x.Name, name)).First();
            problems.Add($"{input}: {setting} names field '{name}', which the '{schema.Kind}' schema does not have. Did you mean '{closest.Name}'? Fields: {string.Join(", ", schema.Fields.Select(x => x.Name))}.");
            return null;
        }
        foreach (var (name, column) in Columns)
        {
            if (Field(name, "columns") is null) continue;
            if (string.IsNullOrWhiteSpace(column)) problems.Add($"{input}: columns.{name} is blank; give the file column that carries '{name}'.");
        }
        foreach (var group in Columns.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).GroupBy(kv => kv.Value.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            problems.Add($"{input}: column '{group.Key}' is mapped to more than one field ({string.Join(", ", group.Select(g => g.Key))}); each file column carries one field.");
        foreach (var (name, recodes) in Values)
        {
            if (Field(name, "values") is not { } f) continue;
            var allowed = f.Enum ?? (f.Type == FieldType.Boolean ? f.TrueValues.Concat(f.FalseValues).ToList() : null);
            if (allowed is null) continue;
            foreach (var (from, to) in recodes.Where(kv => !allowed.Contains(kv.Value)))
            {
                var closest = allowed.OrderBy(a => HeaderMatcher.Distance(a, to)).First();
                problems.Add($"{input}: values.{name} recodes '{from}' to '{to}', which is not an allowed value of '{name}'. Did you mean '{closest}'? Allowed: {string.Join(", ", allowed.Take(20))}{(allowed.Count > 20 ? ", ..." : "")}.");
            }
        }
        if (DateFormat is not null)
        {
            var directives = Directive.Matches(DateFormat).Select(m => m.Groups[1].Value[0]).ToList();
            if (directives.Count == 0)
                problems.Add($"{input}: date_format '{DateFormat}' has no % directives; write it as strptime does, e.g. '%d.%m.%Y' or '%Y%m%d %H:%M'.");
            foreach (var d in directives.Where(d => !KnownDirectives.Contains(d)))
                problems.Add($"{input}: date_format '{DateFormat}' uses '%{d}', which strptime does not know.");
            if (!schema.Fields.Any(x => x.Type is FieldType.Date or FieldType.DateTime))
                problems.Add($"{input}: date_format is set but the '{schema.Kind}' schema has no date field.");
        }
        if (HeaderRow < 1) problems.Add($"{input}: header_row {HeaderRow} should be 1 or more (the sheet row or file line of the column names).");
        return problems;
    }

    /// <summary>Throws a user error listing every problem, when there are any.</summary>
    public void Check(DatasetSchema schema, string input)
    {
        var problems = Problems(schema, input);
        if (problems.Count > 0) throw new UserErrorException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The schema as this input's file writes it: mapped fields carry the file's column name as their published
    /// name, their recodes and the date format, so the one checking pass reads the file as it is.
    /// </summary>
    public DatasetSchema Apply(DatasetSchema schema)
    {
        if (Columns.Count == 0 && Values.Count == 0 && DateFormat is null) return schema;
        var fields = schema.Fields.Select(f =>
        {
            var column = Columns.FirstOrDefault(kv => FindField(schema, kv.Key) == f).Value;
            var recode = Values.FirstOrDefault(kv => FindField(schema, kv.Key) == f).Value;
            return f with
            {
                SourceName = string.IsNullOrWhiteSpace(column) ? f.SourceName : column.Trim(),
                Recode = recode ?? f.Recode,
                Format = DateFormat is not null && f.Type is FieldType.Date or FieldType.DateTime ? DateFormat : f.Format,
            };
        }).ToList();
        return schema with { Fields = fields };
    }

    /// <summary>The mapped file columns that a header lacks (compared as the header matcher does).</summary>
    public IReadOnlyList<string> ColumnsMissingFrom(IReadOnlyList<string> header) =>
        Columns.Values.Where(c => !header.Any(h => Same(h, c))).ToList();

    private static bool Same(string a, string b) =>
        string.Equals(string.Join(' ', a.Trim().TrimStart('\uFEFF').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', b.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.OrdinalIgnoreCase);

    private static FieldSchema? FindField(DatasetSchema schema, string name) =>
        schema.Fields.FirstOrDefault(f => f.Name == name) ?? schema.Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The mapping in one line, as recorded with the load and in the run manifest.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Columns.Count > 0) parts.Add("columns " + string.Join(", ", Columns.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} <- '{kv.Value}'")));
        foreach (var (field, recodes) in Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            parts.Add($"values {field} " + string.Join(", ", recodes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"'{kv.Key}' -> '{kv.Value}'")));
        if (DateFormat is not null) parts.Add($"date_format '{DateFormat}'");
        if (Sheet is not null) parts.Add($"sheet '{Sheet}'");
        if (HeaderRow != 1) parts.Add($"header_row {HeaderRow}");
        return string.Join("; ", parts);
    }
}
