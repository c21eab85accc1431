using System.Globalization;

namespace NeedsAssessment.Store;

/// <summary>One loaded file as the store sees it now.</summary>
/// <param name="LoadId">Load id.</param>
/// <param name="Kind">Dataset kind.</param>
/// <param name="FileName">File name.</param>
/// <param name="Sha256">Content hash.</param>
/// <param name="Status">loaded or replaced (superseded loads are not listed).</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="RowsLoaded">Rows in the canonical table.</param>
/// <param name="RowsQuarantined">Rows in quarantine.</param>
/// <param name="PeriodStart">Earliest period value, if the kind has a period.</param>
/// <param name="PeriodEnd">Latest period value, if the kind has a period.</param>
/// <param name="FinishedAt">When the load finished (UTC).</param>
public sealed record FileStatus(long LoadId, string Kind, string FileName, string Sha256, string Status, long RowsRead, long RowsLoaded,
    long RowsQuarantined, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateTime FinishedAt)
{
    /// <summary>Record keys (e.g. police.uk Crime IDs) that appear again with different content: kept, and counted here.</summary>
    public long RepeatedKeys { get; init; }
}

/// <summary>Totals for one dataset kind.</summary>
/// <param name="Kind">Dataset kind.</param>
/// <param name="Title">Schema title.</param>
/// <param name="Files">Files currently loaded.</param>
/// <param name="RowsRead">Rows read over those files.</param>
/// <param name="RowsLoaded">Rows loaded.</param>
/// <param name="RowsQuarantined">Rows quarantined.</param>
/// <param name="PeriodStart">Earliest period covered.</param>
/// <param name="PeriodEnd">Latest period covered.</param>
/// <param name="FileDetails">Per-file detail.</param>
public sealed record KindStatus(string Kind, string Title, int Files, long RowsRead, long RowsLoaded, long RowsQuarantined,
    DateOnly? PeriodStart, DateOnly? PeriodEnd, IReadOnlyList<FileStatus> FileDetails);

/// <summary>What the store holds: per kind and file, rows loaded and quarantined and the periods covered.</summary>
public static class StoreStatus
{
    /// <summary>Reads the status of every kind (kinds with no files are listed with zeros).</summary>
    public static IReadOnlyList<KindStatus> Read(AssessmentStore store)
    {
        var periods = store.Schemas.All.Where(s => s.PeriodField is not null)
            .Select(s => $"SELECT load_id, CAST(min({AssessmentStore.Quote(s.PeriodField!)}) AS DATE) AS p0, CAST(max({AssessmentStore.Quote(s.PeriodField!)}) AS DATE) AS p1 FROM {AssessmentStore.Quote(s.Table)} GROUP BY load_id")
            .ToList();
        var periodSql = periods.Count == 0 ? "SELECT NULL::BIGINT AS load_id, NULL::DATE AS p0, NULL::DATE AS p1 WHERE false" : string.Join(" UNION ALL ", periods);
        var files = store.Query($"""
            SELECT l.load_id, l.kind, l.file_name, l.sha256, l.status, l.rows_read, l.rows_loaded, l.rows_quarantined, p.p0, p.p1, l.finished_at,
                coalesce(l.repeated_keys, 0)
            FROM loads l LEFT JOIN ({periodSql}) p USING (load_id)
            WHERE l.status IN ('loaded', 'replaced') ORDER BY l.kind, l.file_name, l.load_id
            """, r => new FileStatus(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7),
            r.IsDBNull(8) ? null : DateOnly.FromDateTime(r.GetDateTime(8)), r.IsDBNull(9) ? null : DateOnly.FromDateTime(r.GetDateTime(9)), r.GetDateTime(10)) { RepeatedKeys = r.GetInt64(11) });
        return store.Schemas.All.Select(s =>
        {
            var mine = files.Where(f => f.Kind == s.Kind).ToList();
            return new KindStatus(s.Kind, s.Title, mine.Count, mine.Sum(f => f.RowsRead), mine.Sum(f => f.RowsLoaded), mine.Sum(f => f.RowsQuarantined),
                mine.Min(f => f.PeriodStart), mine.Max(f => f.PeriodEnd), mine);
        }).ToList();
    }

    internal static string Format(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
