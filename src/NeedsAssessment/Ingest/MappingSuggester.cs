using System.Text;
using DuckDB.NET.Data;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Proposes an input mapping for a file whose layout differs from its schema: the closest file column for each
/// field the header lacks, recodes for sampled values outside a field's allowed list, and a date format when the
/// sampled dates are in none of the usual forms. The result is assessment-file YAML for the analyst to check and
/// paste under <c>inputs:</c>; nothing is loaded.
/// </summary>
public static class MappingSuggester
{
    private static readonly string[] DateFormats =
        ["%d.%m.%Y", "%d-%m-%Y", "%Y%m%d", "%d/%m/%y", "%m/%d/%Y", "%d %b %Y", "%d-%b-%Y", "%d.%m.%Y %H:%M", "%d-%m-%Y %H:%M", "%Y%m%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M"];

    /// <summary>The proposed mapping for <paramref name="path"/> read as <paramref name="kind"/>, as YAML.</summary>
    /// <param name="schemas">Dataset schemas.</param>
    /// <param name="kind">Dataset kind.</param>
    /// <param name="path">The file.</param>
    /// <param name="sheet">Workbook sheet (null: the first).</param>
    /// <param name="headerRow">Row of the column names.</param>
    public static string Suggest(SchemaCatalog schemas, string kind, string path, string? sheet = null, int headerRow = 1)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        var schema = schemas.Get(kind);
        var asRead = new InputMapping { Sheet = sheet, HeaderRow = headerRow };
        using var prepared = WorkbookSheet.Prepare(path, asRead, Path.GetTempPath());
        var file = prepared?.Inspect(path, schema) ?? SourceFile.Inspect(path, schema);
        var readPath = prepared?.CsvPath ?? path;
        var header = file.Header;

        // Fields the header already carries by their published or canonical name need no mapping.
        var taken = new Dictionary<FieldSchema, string>();
        foreach (var column in header)
            if (HeaderMatcher.Find(schema, column) is { } f && !taken.ContainsKey(f)) taken[f] = column;
        var free = header.Where(h => !taken.ContainsValue(h)).ToList();
        // Closest pairs first, so one column is not spent on a field it fits worse than another.
        var candidates = schema.Fields.Where(f => !taken.ContainsKey(f) && f.IsStored)
            .SelectMany(f => free.Select(c => (Field: f, Column: c, Distance: Closeness(c, f))))
            .Where(x => x.Distance <= Math.Max(4, Math.Min(x.Field.SourceName.Length, x.Field.Name.Length) / 2))
            .OrderBy(x => x.Distance).ThenBy(x => schema.Fields.ToList().IndexOf(x.Field)).ThenBy(x => x.Column, StringComparer.Ordinal).ToList();
        var columns = new List<(FieldSchema Field, string Column, int Distance)>();
        foreach (var (field, column, distance) in candidates)
        {
            if (taken.ContainsKey(field) || !free.Contains(column)) continue;
            columns.Add((field, column, distance));
            taken[field] = column;
            free.Remove(column);
        }

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        var delim = file.Delimiter == '\t' ? "\\t" : file.Delimiter.ToString();
        var source = $"read_csv({AssessmentStore.Literal(readPath)}, header = true, all_varchar = true, delim = {AssessmentStore.Literal(delim)}, quote = '\"', escape = '\"', ignore_errors = true)";
        List<string> Sample(string column, int n)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT DISTINCT trim({AssessmentStore.Quote(column)}) AS v FROM (SELECT * FROM {source} LIMIT 100000) WHERE v IS NOT NULL AND v <> '' ORDER BY v LIMIT {n}";
            using var r = cmd.ExecuteReader();
            var values = new List<string>();
            while (r.Read()) values.Add(r.GetString(0));
            return values;
        }

        var recodes = new List<(FieldSchema Field, List<(string From, string To)> Pairs, List<string> Unknown)>();
        string? dateFormat = null;
        foreach (var (field, column) in taken)
        {
            var allowed = field.Enum ?? (field.Type == FieldType.Boolean ? field.TrueValues.Concat(field.FalseValues).ToList() : null);
            if (allowed is not null)
            {
                var outside = Sample(column, 200).Where(v => !allowed.Contains(v) && !schema.MissingValues.Contains(v)).ToList();
                if (outside.Count == 0) continue;
                var pairs = new List<(string, string)>();
                var unknown = new List<string>();
                foreach (var v in outside)
                {
                    if (ClosestAllowed(v, allowed) is { } to) pairs.Add((v, to));
                    else unknown.Add(v);
                }
                recodes.Add((field, pairs, unknown));
            }
            else if (dateFormat is null && field.Type is FieldType.Date or FieldType.DateTime)
            {
                var values = Sample(column, 50);
                var usual = ValidationSql.TryTyped(field, "v");
                var usualRead = Count(db, values, $"{usual} IS NOT NULL");
                if (values.Count == 0 || usualRead == values.Count) continue;
                // The format that reads most of the sample (a bad value or two stays for the quarantine to report).
                var best = DateFormats.Select(fmt => (fmt, n: Count(db, values, $"TRY_STRPTIME(v, {AssessmentStore.Literal(fmt)}) IS NOT NULL")))
                    .OrderByDescending(x => x.n).First();
                if (best.n > usualRead && best.n * 2 > values.Count) dateFormat = best.fmt;
            }
        }

        var yaml = new StringBuilder();
        yaml.AppendLine($"# Proposed mapping for {file.FileName} as '{kind}' ({schema.Title}). Check every line, then paste under 'inputs:'.");
        yaml.AppendLine($"{kind}:");
        yaml.AppendLine($"  files: [{Yaml(path)}]");
        if (prepared?.SheetName is { } sn) yaml.AppendLine($"  sheet: {Yaml(sn)}");
        if (headerRow != 1) yaml.AppendLine($"  header_row: {headerRow}");
        if (columns.Count > 0)
        {
            yaml.AppendLine("  columns:");
            foreach (var (field, column, distance) in columns.OrderBy(c => schema.Fields.ToList().IndexOf(c.Field)))
                yaml.AppendLine($"    {field.Name}: {Yaml(column)}{(distance == 0 ? "" : $"   # closest to '{field.SourceName}'")}");
        }
        if (recodes.Count > 0)
        {
            yaml.AppendLine("  values:");
            foreach (var (field, pairs, unknown) in recodes)
            {
                yaml.AppendLine($"    {field.Name}:");
                foreach (var (from, to) in pairs) yaml.AppendLine($"      {Yaml(from)}: {Yaml(to)}");
                foreach (var u in unknown)
                    yaml.AppendLine($"      # {Yaml(u)}: ?   (not close to any allowed value: {string.Join(", ", (field.Enum ?? field.TrueValues.Concat(field.FalseValues).ToList()).Take(12))})");
            }
        }
        if (dateFormat is not null) yaml.AppendLine($"  date_format: {Yaml(dateFormat)}");
        var missing = schema.Fields.Where(f => !f.OptionalColumn && !taken.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            yaml.AppendLine($"  # No column found for: {string.Join(", ", missing.Select(m => $"{m.Name} ('{m.SourceName}')"))}. Add them to columns: by hand.");
        if (free.Count > 0)
            yaml.AppendLine($"  # Columns left unmapped (ignored on load): {string.Join(", ", free.Select(f => $"'{f}'"))}.");
        return yaml.ToString();
    }

    private static long Count(DuckDBConnection db, List<string> values, string condition)
    {
        using var cmd = db.CreateCommand();
        var list = string.Join(", ", values.Select(AssessmentStore.Literal));
        cmd.CommandText = $"SELECT count(*) FROM (SELECT unnest([{list}]) AS v) WHERE {condition}";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How far a file column's name is from a field (its published or canonical name, spaces and case ignored).</summary>
    private static int Closeness(string column, FieldSchema field)
    {
        static string Squash(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        var c = Squash(column);
        var names = new[] { Squash(field.SourceName), Squash(field.Name) };
        var best = names.Min(n => HeaderMatcher.Levenshtein(c, n));
        // A header that contains the field's name, or is contained in it ("HOCode" in "HO Offence Code"), is close.
        if (c.Length >= 3 && names.Any(n => n.Contains(c, StringComparison.Ordinal) || c.Contains(n, StringComparison.Ordinal))) best = Math.Min(best, 1);
        if (c.Length >= 3 && names.Any(n => IsSubsequence(c, n))) best = Math.Min(best, 2);
        // The same words in another order or with a synonym ("Date Recorded", "Gender of victim" for "Victim Sex").
        var words = Words(column);
        foreach (var name in new[] { field.SourceName, field.Name })
        {
            var wanted = Words(name);
            if (wanted.Count > 0 && wanted.All(words.Contains)) best = Math.Min(best, words.Count == wanted.Count ? 0 : 1);
        }
        return best;
    }

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["gender"] = "sex", ["dt"] = "date", ["ref"] = "reference", ["no"] = "number", ["num"] = "number", ["id"] = "identifier",
        ["ho"] = "home", ["postcode"] = "postcode", ["lsoa21"] = "lsoa", ["lsoa11"] = "lsoa",
    };

    private static readonly HashSet<string> StopWords = ["of", "the", "a", "an", "and", "to", "in"];

    /// <summary>A name's words, lower case, split at spaces, punctuation and camel case, synonyms made one.</summary>
    private static HashSet<string> Words(string name)
    {
        var spaced = System.Text.RegularExpressions.Regex.Replace(name, "([a-z0-9])([A-Z])", "$1 $2");
        return System.Text.RegularExpressions.Regex.Split(spaced.ToLowerInvariant(), "[^a-z0-9]+")
            .Where(w => w.Length > 0 && !StopWords.Contains(w))
            .Select(w => Synonyms.TryGetValue(w, out var s) ? s : w).ToHashSet();
    }

    private static bool IsSubsequence(string a, string b)
    {
        var i = 0;
        foreach (var ch in b) if (i < a.Length && a[i] == ch) i++;
        return i == a.Length;
    }

    /// <summary>The allowed value a file value most likely means: same letters ignoring case, one abbreviating the other, or within two edits.</summary>
    private static string? ClosestAllowed(string value, IReadOnlyList<string> allowed)
    {
        var v = value.Trim();
        var same = allowed.FirstOrDefault(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase));
        if (same is not null) return same;
        var prefix = allowed.Where(a => a.StartsWith(v, StringComparison.OrdinalIgnoreCase) || v.StartsWith(a, StringComparison.OrdinalIgnoreCase)).ToList();
        if (prefix.Count == 1) return prefix[0];
        var near = allowed.Select(a => (a, d: HeaderMatcher.Distance(a, v))).OrderBy(x => x.d).First();
        return near.d <= 2 && near.d < v.Length ? near.a : null;
    }

    private static string Yaml(string s) =>
        s.Length > 0 && s.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '_' or '-' or '.' or '/') && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1])
            && s is not ("true" or "false" or "yes" or "no" or "null" or "True" or "False" or "Yes" or "No" or "Null" or "Y" or "N" or "y" or "n" or "on" or "off")
            && !double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? s
            : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
