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
        var fields = schema.GetProperty("fields").EnumerateArray().ToArray();
        var errors = new List<string>();
        var uniques = fields.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var regexes = fields.Select(f => f.TryGetProperty("constraints", out var c) && c.TryGetProperty("pattern", out var p)
            ? new Regex("^(?:" + p.GetString() + ")$", RegexOptions.CultureInvariant) : null).ToArray();
        for (var r = 0; r < csv.Rows.Count && errors.Count < 20; r++)
        {
            var row = csv.Rows[r];
            if (row.Length != fields.Length) { errors.Add($"{file} row {r + 2}: {row.Length} fields"); continue; }
            for (var i = 0; i < fields.Length; i++)
            {
                var f = fields[i];
                var v = row[i];
                var name = f.GetProperty("sourceName").GetString();
                var c = f.TryGetProperty("constraints", out var cc) ? cc : default;
                bool Has(string p, out JsonElement e) { e = default; return c.ValueKind == JsonValueKind.Object && c.TryGetProperty(p, out e); }
                void Fail(string why) { if (errors.Count < 20) errors.Add($"{file} row {r + 2} {name}='{v}': {why}"); }
                if (missing.Contains(v))
                {
                    if (Has("required", out var req) && req.GetBoolean()) Fail("required");
                    continue;
                }
                var type = f.GetProperty("type").GetString();
                var group = f.TryGetProperty("groupChar", out var g) ? g.GetString() : null;
                double? number = null;
                switch (type)
                {
                    case "integer":
                        if (!long.TryParse(group is null ? v : v.Replace(group, "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) Fail("integer");
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
                        var ok = f.TryGetProperty("trueValues", out var tv) && tv.EnumerateArray().Any(x => x.GetString() == v)
                              || f.TryGetProperty("falseValues", out var fv) && fv.EnumerateArray().Any(x => x.GetString() == v);
                        if (!ok) Fail("boolean");
                        break;
                }
                if (regexes[i] is { } rx && !rx.IsMatch(v)) Fail("pattern");
                if (Has("enum", out var en) && !en.EnumerateArray().Any(x => x.GetString() == v)) Fail("enum");
                if (number is { } n)
                {
                    if (Has("minimum", out var min) && n < min.GetDouble()) Fail("minimum");
                    if (Has("maximum", out var max) && n > max.GetDouble()) Fail("maximum");
                }
                if (Has("unique", out var u) && u.GetBoolean() && !uniques[i].Add(v)) Fail("unique");
            }
        }
        return errors;
    }
}
