using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// Repeated records in files that carry a record key (police.uk's Crime ID, the schema's <c>duplicateKey</c>): a
/// row identical in every stored column to an earlier row of the file with the same key is the same record
/// published twice, so it is quarantined ("duplicate row of record N") and not counted twice; the same key with
/// different content is kept (the publisher's rows disagree, and neither can be chosen) and counted for the
/// load's data quality. Rows without a key (police.uk anti-social behaviour) are never compared: identical ones
/// are separate incidents.
/// </summary>
internal static class DuplicateRows
{
    private static string Q(string id) => AssessmentStore.Quote(id);

    /// <summary>
    /// Moves this load's identical repeated rows from the canonical table into <c>__dups</c> (which the quarantine
    /// reads), and returns how many key values still occur on more than one row.
    /// </summary>
    /// <param name="store">The store, inside the load's transaction.</param>
    /// <param name="schema">The kind's schema.</param>
    /// <param name="loadId">This load.</param>
    /// <param name="map">Schema field to file column, for the raw record and the reason's column.</param>
    public static long Quarantine(AssessmentStore store, DatasetSchema schema, long loadId, IReadOnlyDictionary<FieldSchema, string> map)
    {
        var repeated = QuarantineBatch(store, schema, [loadId], map);
        store.Execute("INSERT INTO __dups SELECT __row, col, raw, rule, msg, raw_record FROM __batch_dups; DROP TABLE __batch_dups;");
        return repeated.GetValueOrDefault(loadId);
    }

    /// <summary>
    /// <see cref="Quarantine"/> for several loads at once (a run of files read in one pass): each load's identical
    /// repeated rows move from the canonical table into <c>__batch_dups</c> (with their load), compared only within
    /// their own load, as file by file. Only keys that occur more than once can have repeated rows: the window over
    /// every column (a sort of the whole load) runs on those rows alone, which in a police.uk month are a handful
    /// among half a million.
    /// </summary>
    /// <remarks>
    /// The keys that occur more than once are taken from <c>__repeated_keys</c> when <see cref="StageCandidates"/> made
    /// it from the checked rows; otherwise they are found here, in the canonical table. When there are none (a clean
    /// police.uk month), nothing else runs.
    /// </remarks>
    /// <returns>Per load, how many key values still occur on more than one row (loads without any are absent).</returns>
    public static Dictionary<long, long> QuarantineBatch(AssessmentStore store, DatasetSchema schema, IReadOnlyList<long> loadIds, IReadOnlyDictionary<FieldSchema, string> map)
    {
        store.Execute("CREATE TEMP TABLE __batch_dups (load_id BIGINT, __row BIGINT, col VARCHAR, raw VARCHAR, rule VARCHAR, msg VARCHAR, raw_record VARCHAR)");
        if (schema.DuplicateKey is not { } keyName || schema.Field(keyName) is not { } key || !map.ContainsKey(key) || loadIds.Count == 0) return [];
        var table = Q(schema.Table);
        var ids = string.Join(", ", loadIds);
        var all = string.Join(", ", schema.StoredFields.Select(f => Q(f.Name)));
        var record = $"CAST(json_object({string.Join(", ", map.Keys.Where(f => f.IsStored).Select(f => $"{AssessmentStore.Literal(map[f])}, {Q(f.Name)}"))}) AS VARCHAR)";
        var k = Q(key.Name);
        if (!store.TableExists(Candidates))
            store.Execute(CandidatesSql(key, $"SELECT load_id, {k} FROM {table} WHERE load_id IN ({ids})"));
        if (store.ScalarOrNull($"SELECT 1 FROM {Candidates} LIMIT 1") is null)
        {
            store.Execute($"DROP TABLE {Candidates}");
            return [];
        }
        store.Execute($"""
            INSERT INTO __batch_dups
            SELECT load_id, source_row, {AssessmentStore.Literal(map[key])}, CAST({k} AS VARCHAR), 'duplicate',
                   'duplicate row of record ' || first, rec
            FROM (SELECT t.load_id, t.source_row, t.{k}, {record} AS rec,
                         row_number() OVER (PARTITION BY t.load_id, {all} ORDER BY t.source_row) AS copy,
                         min(t.source_row) OVER (PARTITION BY t.load_id, {all}) AS first
                  FROM {table} t SEMI JOIN __repeated_keys r ON r.load_id = t.load_id AND r.{k} = t.{k}
                  WHERE t.load_id IN ({ids}))
            WHERE copy > 1;
            DELETE FROM {table} USING __batch_dups d WHERE {table}.load_id = d.load_id AND {table}.source_row = d.__row;
            """);
        var repeated = store.Query($"""
            SELECT load_id, count(*) FROM (
              SELECT t.load_id, t.{k} FROM {table} t SEMI JOIN __repeated_keys r ON r.load_id = t.load_id AND r.{k} = t.{k}
              WHERE t.load_id IN ({ids}) GROUP BY ALL HAVING count(*) > 1)
            GROUP BY load_id
            """, r => (r.GetInt64(0), r.GetInt64(1))).ToDictionary(x => x.Item1, x => x.Item2);
        store.Execute($"DROP TABLE {Candidates}");
        return repeated;
    }

    /// <summary>The keys that occur on more than one row of a load (a handful in a police.uk month), with their load.</summary>
    private const string Candidates = "__repeated_keys";

    private static string CandidatesSql(FieldSchema key, string rows) =>
        $"CREATE TEMP TABLE {Candidates} AS SELECT load_id, {Q(key.Name)} FROM ({rows}) WHERE {Q(key.Name)} IS NOT NULL GROUP BY ALL HAVING count(*) > 1";

    /// <summary>
    /// Finds the keys that occur more than once among a load's checked rows before they are copied to the canonical
    /// table, for <see cref="QuarantineBatch"/>. Why: the canonical rows are the transaction's own, which DuckDB scans on
    /// one thread; grouping a national month's 500,000 Crime IDs there took 0.12-0.25 s, against a parallel pass over
    /// the checked rows. The rows that reach the canonical table are among these, so no repeated key is missed; the
    /// quarantine itself still compares the canonical rows.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="schema">The kind's schema.</param>
    /// <param name="map">Schema field to file column.</param>
    /// <param name="loadId">SQL for each row's load: a number, or a column of <paramref name="from"/>.</param>
    /// <param name="from">The checked rows that passed, as a FROM clause over tables holding the key's column.</param>
    public static void StageCandidates(AssessmentStore store, DatasetSchema schema, IReadOnlyDictionary<FieldSchema, string> map, string loadId, string from)
    {
        if (schema.DuplicateKey is not { } keyName || schema.Field(keyName) is not { } key || !map.ContainsKey(key)) return;
        store.Execute($"DROP TABLE IF EXISTS {Candidates}; " + CandidatesSql(key, $"SELECT {loadId} AS load_id, {Q(key.Name)} FROM {from}"));
    }
}
