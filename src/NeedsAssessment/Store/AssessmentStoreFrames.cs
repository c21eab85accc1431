using Deedle;

namespace NeedsAssessment.Store;

/// <summary>
/// Query results as Deedle frames, for notebooks. DuckDB does the grouping and joining (10-20 times faster than
/// Deedle's own), so hand it the aggregate and let Deedle hold only the answer.
/// </summary>
public static class AssessmentStoreFrames
{
    /// <summary>Runs <paramref name="sql"/> and returns the result as a frame with rows keyed 0..n-1 and one column per result column.</summary>
    /// <param name="store">An open store (read-only is enough).</param>
    /// <param name="sql">Any DuckDB query.</param>
    /// <returns>The result; SQL NULLs are missing values.</returns>
    public static Frame<int, string> QueryFrame(this AssessmentStore store, string sql)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        using var reader = store.Query(sql);
        return Frame.ReadReader(reader);
    }

    /// <summary>Quarantined rows as a frame (see <see cref="QuarantineRow.Read"/>), one row per rejected row and reason.</summary>
    /// <param name="rows">Rows from <see cref="QuarantineRow.Read"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<QuarantineRow> rows) =>
        new Notebooks.FrameColumns<QuarantineRow>(rows)
            .Add("load_id", r => r.LoadId)
            .Add("file_name", r => r.FileName)
            .Add("record", r => r.Record)
            .Add("line", r => r.Line)
            .Add("column", r => r.Column)
            .Add("raw_value", r => r.RawValue)
            .Add("rule", r => r.Rule)
            .Add("message", r => r.Message)
            .Add("raw_record", r => r.RawRecord)
            .Build();

    /// <summary>Per-file store status as a frame, one row per file currently loaded.</summary>
    /// <param name="kinds">From <see cref="StoreStatus.Read"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<KindStatus> kinds) =>
        new Notebooks.FrameColumns<FileStatus>((kinds ?? throw new ArgumentNullException(nameof(kinds))).SelectMany(k => k.FileDetails))
            .Add("kind", f => f.Kind)
            .Add("file_name", f => f.FileName)
            .Add("load_id", f => f.LoadId)
            .Add("status", f => f.Status)
            .Add("rows_read", f => f.RowsRead)
            .Add("rows_loaded", f => f.RowsLoaded)
            .Add("rows_quarantined", f => f.RowsQuarantined)
            .Add("period_start", f => f.PeriodStart?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Add("period_end", f => f.PeriodEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Build();
}
