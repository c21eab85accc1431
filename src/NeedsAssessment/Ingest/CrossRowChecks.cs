using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// The rules that compare a row with other rows or with itself across fields, declared in the kind's schema
/// (<see cref="DatasetSchema.PeriodEndField"/>, <see cref="DatasetSchema.Totals"/>, <see cref="DatasetSchema.RowKey"/>)
/// and checked on the loaded rows in DuckDB, inside the load's transaction. Why: each one, accepted, biases a rate
/// silently. A duplicate cohort row doubles youth first-time entrants, a duplicate (LSOA, age group) doubles a
/// population, a Total that contradicts its ages changes the denominator depending on which one is read, and a period
/// that ends before it starts breaks the indicators. Failing rows move to <c>__dups</c> (which the quarantine reads),
/// so rows read = loaded + quarantined still holds. Overlapping periods of one cohort can be legitimate (rolling years)
/// and no row of them is wrong on its own, so they are reported in the load's notes rather than quarantined; the
/// indicator engine counts each span once in a period that holds several of them.
/// </summary>
internal static class CrossRowChecks
{
    private static string Q(string id) => AssessmentStore.Quote(id);

    private static string L(string s) => AssessmentStore.Literal(s);

    /// <summary>Applies the schema's cross-row rules to load <paramref name="loadId"/>; returns rows quarantined and adds notes.</summary>
    /// <param name="store">The store, inside the load's transaction.</param>
    /// <param name="schema">The kind's schema.</param>
    /// <param name="loadId">This load.</param>
    /// <param name="map">Schema field to file column (for the reasons' column names and the raw record).</param>
    /// <param name="notes">The load's notes.</param>
    public static long Quarantine(AssessmentStore store, DatasetSchema schema, long loadId, IReadOnlyDictionary<FieldSchema, string> map, List<string> notes)
    {
        var table = Q(schema.Table);
        var mine = $"load_id = {loadId}";
        string Col(string field) => schema.Field(field) is { } f && map.TryGetValue(f, out var c) ? c : field;
        var record = $"CAST(json_object({string.Join(", ", map.Keys.Where(f => f.IsStored).Select(f => $"{L(map[f])}, {Q(f.Name)}"))}) AS VARCHAR)";
        long before = Count(store, "SELECT count(*) FROM __dups");

        void Move(string rule, string select)
        {
            store.Execute($"""
                INSERT INTO __dups {select};
                DELETE FROM {table} WHERE {mine} AND source_row IN (SELECT __row FROM __dups WHERE rule = {L(rule)});
                """);
        }

        if (schema.PeriodEndField is { } endField && schema.PeriodField is { } startField)
        {
            var (s, e) = (Q(startField), Q(endField));
            Move("period-order", $"""
                SELECT source_row, {L(Col(endField))}, CAST({e} AS VARCHAR), 'period-order',
                       {L($"'{Col(endField)}' ")} || CAST({e} AS VARCHAR) || {L($" is before '{Col(startField)}' ")} || CAST({s} AS VARCHAR) ||
                       ': the period runs backwards; correct the dates (or swap the columns if they are the wrong way round)', {record}
                FROM {table} WHERE {mine} AND {e} < {s}
                """);
        }

        foreach (var (total, parts) in schema.Totals)
        {
            var sum = string.Join(" + ", parts.Select(p => $"CAST({Q(p)} AS HUGEINT)"));
            var label = parts.Count > 4 ? $"'{Col(parts[0])}' to '{Col(parts[^1])}' ({parts.Count} columns)" : string.Join(" + ", parts.Select(p => $"'{Col(p)}'"));
            Move("total-mismatch", $"""
                SELECT source_row, {L(Col(total))}, CAST({Q(total)} AS VARCHAR), 'total-mismatch',
                       {L($"'{Col(total)}' ")} || CAST({Q(total)} AS VARCHAR) || {L($" is not the sum of {label}, which add up to ")} || CAST(parts AS VARCHAR) ||
                       ': the row contradicts itself, so neither figure is used; correct the total or the parts', rec
                FROM (SELECT source_row, {Q(total)}, {sum} AS parts, {record} AS rec FROM {table}
                      WHERE {mine} AND {Q(total)} IS NOT NULL AND {string.Join(" AND ", parts.Select(p => $"{Q(p)} IS NOT NULL"))})
                WHERE parts <> {Q(total)}
                """);
        }

        if (schema.RowKey.Count > 0)
        {
            var key = string.Join(", ", schema.RowKey.Select(Q));
            var keyNames = string.Join(", ", schema.RowKey.Select(k => $"'{Col(k)}'"));
            var whole = $"row({string.Join(", ", schema.StoredFields.Select(f => Q(f.Name)))})";
            // The repeated keys first, then the detail for them alone: an ordered string_agg over every key of a national
            // population file (214,032 rows, almost no repeats) took 1.7 s; the keys' plain count is a fraction of that.
            // A key with a NULL part never matches in the moves below (USING), so leaving it out here changes nothing.
            store.Execute($"""
                CREATE TEMP TABLE __row_keys AS
                WITH repeated AS (SELECT {key} FROM {table} WHERE {mine} GROUP BY ALL HAVING count(*) > 1)
                SELECT {key}, count(DISTINCT {whole}) AS variants, min(source_row) AS first,
                       string_agg(CAST(source_row AS VARCHAR), ', ' ORDER BY source_row) AS records
                FROM {table} JOIN repeated USING ({key}) WHERE {mine} GROUP BY ALL
                """);
            Move("duplicate-row", $"""
                SELECT t.source_row, {L(Col(schema.RowKey[0]))}, NULL, 'duplicate-row',
                       'repeats record ' || k.first || {L($" exactly (same {keyNames}): quarantined so it is counted once")}, {record}
                FROM {table} t JOIN __row_keys k USING ({key}) WHERE t.{mine} AND k.variants = 1 AND t.source_row <> k.first
                """);
            Move("conflicting-rows", $"""
                SELECT t.source_row, {L(Col(schema.RowKey[0]))}, NULL, 'conflicting-rows',
                       'records ' || k.records || {L($" give different values for the same {keyNames}: all are quarantined, as they can't all be right; keep one row per key in the file")}, {record}
                FROM {table} t JOIN __row_keys k USING ({key}) WHERE t.{mine} AND k.variants > 1
                """);
            store.Execute("DROP TABLE __row_keys");
            if (schema.RowKeyAcrossFiles)
                Move("already-loaded", $"""
                    SELECT t.source_row, {L(Col(schema.RowKey[0]))}, NULL, 'already-loaded',
                           {L($"the same {keyNames} was already loaded from ")} || l.file_name || ' (load ' || o.load_id ||
                           '): quarantined so it is counted once; remove the repeat from one of the files', {record}
                    FROM {table} t
                    JOIN (SELECT {key}, min(load_id) AS load_id FROM {table} WHERE load_id <> {loadId} GROUP BY ALL) o USING ({key})
                    JOIN loads l ON l.load_id = o.load_id
                    WHERE t.{mine}
                    """);

            if (schema.PeriodEndField is { } end && schema.PeriodField is { } start)
            {
                // Rows of another breakdown (a field that allows 'all': sex, age band) describe some of the same people,
                // so the cohort is the key without its period and its breakdowns: an annual total overlaps quarters by sex.
                var rest = schema.RowKey.Where(k => k != start && k != end && schema.Field(k)?.Enum?.Contains("all") != true).ToList();
                var same = rest.Count == 0 ? "TRUE" : string.Join(" AND ", rest.Select(k => $"a.{Q(k)} = b.{Q(k)}"));
                var overlaps = store.Query($"""
                    SELECT count(*), min(a.source_row), arg_min(b.source_row, a.source_row)
                    FROM {table} a JOIN {table} b ON {same} AND a.source_row < b.source_row
                      AND a.{Q(start)} <= b.{Q(end)} AND b.{Q(start)} <= a.{Q(end)} AND NOT (a.{Q(start)} = b.{Q(start)} AND a.{Q(end)} = b.{Q(end)})
                    WHERE a.{mine} AND b.{mine}
                    """, r => (N: r.GetInt64(0), A: r.IsDBNull(1) ? 0 : r.GetInt64(1), B: r.IsDBNull(2) ? 0 : r.GetInt64(2)))[0];
                if (overlaps.N > 0)
                    notes.Add($"{overlaps.N:N0} pair(s) of rows give overlapping periods for the same cohort (first: records {overlaps.A} and {overlaps.B}): both kept, as rolling periods are; an indicator period long enough to hold both counts each span once (the longer period, then the earlier load, then the later end) and its note says how many cohort periods it left out.");
                // The same across files: a second edition whose periods are shifted against the first.
                var earlier = store.Query($"""
                    SELECT count(DISTINCT a.source_row), min(a.source_row),
                        arg_min(strftime(a.{Q(start)}, '%Y-%m-%d') || ' to ' || strftime(a.{Q(end)}, '%Y-%m-%d'), a.source_row),
                        arg_min(strftime(b.{Q(start)}, '%Y-%m-%d') || ' to ' || strftime(b.{Q(end)}, '%Y-%m-%d') || ' of load ' || b.load_id, a.source_row),
                        arg_min(l.file_name, a.source_row)
                    FROM {table} a JOIN {table} b ON {same}
                      AND a.{Q(start)} <= b.{Q(end)} AND b.{Q(start)} <= a.{Q(end)} AND NOT (a.{Q(start)} = b.{Q(start)} AND a.{Q(end)} = b.{Q(end)})
                    JOIN loads l ON l.load_id = b.load_id
                    WHERE a.{mine} AND b.load_id <> {loadId}
                    """, r => (N: r.GetInt64(0), Row: r.IsDBNull(1) ? 0 : r.GetInt64(1), Mine: r.IsDBNull(2) ? "" : r.GetString(2), Theirs: r.IsDBNull(3) ? "" : r.GetString(3), File: r.IsDBNull(4) ? "" : r.GetString(4)))[0];
                if (earlier.N > 0)
                    notes.Add($"{earlier.N:N0} row(s) give periods overlapping those of the same cohort already loaded from {earlier.File} (first: record {earlier.Row}, {earlier.Mine}, overlaps {earlier.Theirs}): kept; an indicator period long enough to hold both counts each span once (the longer period, then the earlier load, then the later end) and its note says how many cohort periods it left out.");
            }
        }
        return Count(store, "SELECT count(*) FROM __dups") - before;
    }

    private static long Count(AssessmentStore store, string sql) => Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);
}
