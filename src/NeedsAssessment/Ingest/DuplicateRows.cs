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
        if (schema.DuplicateKey is not { } keyName || schema.Field(keyName) is not { } key || !map.ContainsKey(key)) return 0;
        var table = Q(schema.Table);
        var all = string.Join(", ", schema.StoredFields.Select(f => Q(f.Name)));
        var record = $"CAST(json_object({string.Join(", ", map.Keys.Where(f => f.IsStored).Select(f => $"{AssessmentStore.Literal(map[f])}, {Q(f.Name)}"))}) AS VARCHAR)";
        var k = Q(key.Name);
        // Only keys that occur more than once can have repeated rows: the window over every column (a sort of the
        // whole load) runs on those rows alone, which in a police.uk month are a handful among half a million.
        store.Execute($"""
            CREATE TEMP TABLE __repeated_keys AS
            SELECT {k} FROM {table} WHERE load_id = {loadId} AND {k} IS NOT NULL GROUP BY ALL HAVING count(*) > 1;
            INSERT INTO __dups
            SELECT source_row, {AssessmentStore.Literal(map[key])}, CAST({k} AS VARCHAR), 'duplicate',
                   'duplicate row of record ' || first, rec
            FROM (SELECT source_row, {k}, {record} AS rec,
                         row_number() OVER (PARTITION BY {all} ORDER BY source_row) AS copy,
                         min(source_row) OVER (PARTITION BY {all}) AS first
                  FROM {table} WHERE load_id = {loadId} AND {k} IN (SELECT {k} FROM __repeated_keys))
            WHERE copy > 1;
            DELETE FROM {table} WHERE load_id = {loadId} AND source_row IN (SELECT __row FROM __dups WHERE rule = 'duplicate');
            """);
        var repeated = Convert.ToInt64(store.Scalar($"""
            SELECT count(*) FROM (SELECT {k} FROM {table} WHERE load_id = {loadId} AND {k} IN (SELECT {k} FROM __repeated_keys)
                                  GROUP BY ALL HAVING count(*) > 1)
            """), CultureInfo.InvariantCulture);
        store.Execute("DROP TABLE __repeated_keys");
        return repeated;
    }
}
