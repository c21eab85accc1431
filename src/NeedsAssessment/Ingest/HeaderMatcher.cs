using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Matches a file's header to its schema: by published name or canonical name, ignoring case and surrounding
/// space, and explains a mismatch with the missing and unexpected columns and the closest expected names.
/// </summary>
internal static class HeaderMatcher
{
    public static string ExpectedHeader(DatasetSchema schema) =>
        string.Join(",", schema.Fields.Where(f => !f.OptionalColumn).Select(f => f.SourceName.Contains(',') ? $"\"{f.SourceName}\"" : f.SourceName));

    public static FieldSchema? Find(DatasetSchema schema, string column)
    {
        var c = Normalise(column);
        return schema.Fields.FirstOrDefault(f => Normalise(f.SourceName) == c)
               ?? schema.Fields.FirstOrDefault(f => Normalise(f.Name) == c);
    }

    private static string Normalise(string s) =>
        string.Join(' ', s.Trim().TrimStart('\uFEFF').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>Maps each schema field to the file column that carries it; throws a user error when required columns are missing.</summary>
    public static Dictionary<FieldSchema, string> Match(DatasetSchema schema, IReadOnlyList<string> header, string fileName, out List<string> extras)
    {
        var map = new Dictionary<FieldSchema, string>();
        extras = [];
        var duplicates = header.GroupBy(Normalise).Where(g => g.Count() > 1).Select(g => g.First()).ToList();
        var repeats = $"the header repeats column(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))}; each column must appear once.";
        foreach (var column in header)
        {
            var field = Find(schema, column);
            if (field is null || map.ContainsKey(field)) extras.Add(column);
            else map[field] = column;
        }
        var missing = schema.Fields.Where(f => !f.OptionalColumn && !map.ContainsKey(f)).ToList();
        // Missing columns are reported first: a file without a header line often "repeats" data values.
        if (missing.Count == 0 && duplicates.Count > 0) throw new UserErrorException($"{fileName}: {repeats}");
        if (missing.Count == 0) return map;

        var lines = new List<string>
        {
            $"{fileName}: the header does not match the '{schema.Kind}' schema ({schema.Title}).",
            $"  Missing column(s): {string.Join(", ", missing.Select(m => $"'{m.SourceName}'"))}.",
        };
        if (extras.Count > 0)
        {
            lines.Add($"  Unexpected column(s): {string.Join(", ", extras.Select(e => $"'{e}'"))}.");
            foreach (var e in extras)
            {
                var closest = missing.Select(m => (m, d: Levenshtein(Normalise(e), Normalise(m.SourceName))))
                    .OrderBy(x => x.d).First();
                if (closest.d <= Math.Max(3, closest.m.SourceName.Length / 3))
                    lines.Add($"  Did you mean '{closest.m.SourceName}' for '{e}'?");
            }
        }
        if (header.Count == 1 && header[0].IndexOfAny([';', '\t', '|']) < 0 && schema.Fields.Count > 1)
            lines.Add("  The header has a single column: check the delimiter (comma expected) and that the first line is the header.");
        if (duplicates.Count > 0) lines.Add($"  Also, {repeats}");
        lines.Add($"  Expected header: {ExpectedHeader(schema)}");
        throw new UserErrorException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Edit distance ignoring case, for suggesting the closest allowed name in error messages.</summary>
    public static int Distance(string a, string b) => Levenshtein(a.ToLowerInvariant(), b.ToLowerInvariant());

    public static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
