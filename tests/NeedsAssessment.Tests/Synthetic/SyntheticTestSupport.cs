using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Synthetic;

/// <summary>
/// The three-year county with the default seed (42), as the generator writes it: the partner files of the session's
/// shared demo (<see cref="SharedDemo"/>), which generates exactly these files before loading them. Read them, never
/// change them.
/// </summary>
public sealed class SyntheticCountyFixture
{
    public SyntheticCountyFixture()
    {
        Result = SharedDemo.Get(seed: new SyntheticOptions(".").Seed, years: 3).Data;
        Truth = SyntheticGroundTruth.Load(Result.GroundTruthPath);
    }

    public SyntheticResult Result { get; }
    public SyntheticGroundTruth Truth { get; }

    private readonly Dictionary<string, Csv> _cache = [];

    public Csv Read(string kind)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(kind, out var csv))
                _cache[kind] = csv = Csv.Load(Result.FilesByKind[kind].Single());
            return csv;
        }
    }
}

/// <summary>A parsed CSV file: header and rows of strings.</summary>
public sealed class Csv
{
    public required string[] Header { get; init; }
    public required List<string[]> Rows { get; init; }

    public int Col(string name) => Array.IndexOf(Header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);

    public static Csv Load(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var rows = Parse(text);
        return new Csv { Header = rows[0], Rows = rows.Skip(1).ToList() };
    }

    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else if (c == '\n') { fields.Add(sb.ToString()); sb.Clear(); rows.Add(fields.ToArray()); fields.Clear(); }
            else sb.Append(c);
        }
        if (sb.Length > 0 || fields.Count > 0) { fields.Add(sb.ToString()); rows.Add(fields.ToArray()); }
        return rows;
    }
}

/// <summary>A small Frictionless Table Schema checker driven by the embedded data-schemas.</summary>
public static class SchemaCheck
{
    public static JsonElement Schema(string kind)
    {
        using var s = typeof(SyntheticCounty).Assembly.GetManifestResourceStream($"data-schemas/{kind}.schema.json")
            ?? throw new InvalidOperationException(kind);
        return JsonDocument.Parse(s).RootElement.Clone();
    }

    public static string[] SourceNames(string kind) =>
        Schema(kind).GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("sourceName").GetString()!).ToArray();

    /// <summary>Returns up to 20 violations of type, required, pattern, enum, range and unique constraints.</summary>
    public static List<string> Violations(string kind, Csv csv, string file)
    {
        var schema = Schema(kind);
        var missing = schema.TryGetProperty("missingValues", out var mv) ? mv.EnumerateArray().Select(v => v.GetString()!).ToHashSet() : [""];
        // Each field's rules are read from the schema once, not once per value: the three-year county has millions of
        // values, and looking every rule up in the JSON for each of them made this check one of the suite's slowest.
        var fields = schema.GetProperty("fields").EnumerateArray().Select(FieldRules.Of).ToArray();
        var errors = new List<string>();
        var uniques = fields.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        for (var r = 0; r < csv.Rows.Count && errors.Count < 20; r++)
        {
            var row = csv.Rows[r];
            if (row.Length != fields.Length) { errors.Add($"{file} row {r + 2}: {row.Length} fields"); continue; }
            for (var i = 0; i < fields.Length; i++)
            {
                var f = fields[i];
                var v = row[i];
                void Fail(string why) { if (errors.Count < 20) errors.Add($"{file} row {r + 2} {f.Name}='{v}': {why}"); }
                if (missing.Contains(v))
                {
                    if (f.Required) Fail("required");
                    continue;
                }
                double? number = null;
                switch (f.Type)
                {
                    case "integer":
                        if (!long.TryParse(f.Group is null ? v : v.Replace(f.Group, "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) Fail("integer");
                        else number = l;
                        break;
                    case "number":
                        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) Fail("number");
                        else number = d;
                        break;
                    case "date":
                        if (!DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) Fail("date");
                        break;
                    case "datetime":
                        if (!DateTime.TryParseExact(v, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) Fail("datetime");
                        break;
                    case "yearmonth":
                        if (!DateTime.TryParseExact(v, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) Fail("yearmonth");
                        break;
                    case "boolean":
                        if (!(f.TrueValues?.Contains(v) ?? false) && !(f.FalseValues?.Contains(v) ?? false)) Fail("boolean");
                        break;
                }
                if (f.Pattern is { } rx && !rx.IsMatch(v)) Fail("pattern");
                if (f.Enum is { } en && !en.Contains(v)) Fail("enum");
                if (number is { } n)
                {
                    // Read as numbers only here, as before: a range on a field that is not numeric is never applied.
                    if (f.Minimum is { } min && n < min.GetDouble()) Fail("minimum");
                    if (f.Maximum is { } max && n > max.GetDouble()) Fail("maximum");
                }
                if (f.Unique && !uniques[i].Add(v)) Fail("unique");
            }
        }
        return errors;
    }

    /// <summary>One schema field's rules, as <see cref="Violations"/> applies them.</summary>
    private sealed record FieldRules(string? Name, string? Type, string? Group, bool Required, Regex? Pattern, HashSet<string>? Enum,
        JsonElement? Minimum, JsonElement? Maximum, bool Unique, HashSet<string>? TrueValues, HashSet<string>? FalseValues)
    {
        public static FieldRules Of(JsonElement f)
        {
            var c = f.TryGetProperty("constraints", out var cc) ? cc : default;
            bool Has(string p, out JsonElement e) { e = default; return c.ValueKind == JsonValueKind.Object && c.TryGetProperty(p, out e); }
            static HashSet<string> Strings(JsonElement a) => a.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            return new FieldRules(
                f.GetProperty("sourceName").GetString(),
                f.GetProperty("type").GetString(),
                f.TryGetProperty("groupChar", out var g) ? g.GetString() : null,
                Has("required", out var req) && req.GetBoolean(),
                Has("pattern", out var p) ? new Regex("^(?:" + p.GetString() + ")$", RegexOptions.CultureInvariant) : null,
                Has("enum", out var en) ? Strings(en) : null,
                Has("minimum", out var min) ? min : null,
                Has("maximum", out var max) ? max : null,
                Has("unique", out var u) && u.GetBoolean(),
                f.TryGetProperty("trueValues", out var tv) ? Strings(tv) : null,
                f.TryGetProperty("falseValues", out var fv) ? Strings(fv) : null);
        }
    }
}
