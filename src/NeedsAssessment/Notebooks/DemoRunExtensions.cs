using Deedle;
using NeedsAssessment.Indicators;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;

namespace NeedsAssessment.Notebooks;

/// <summary>Shortcuts from a <see cref="DemoRun"/> to its store, for notebooks.</summary>
public static class DemoRunExtensions
{
    /// <summary>Opens the demo's store; read-only by default so exploring cannot change the results.</summary>
    /// <param name="run">The demo run.</param>
    /// <param name="readOnly">False to open it writable (to run a stage again with other settings).</param>
    public static AssessmentStore OpenStore(this DemoRun run, bool readOnly = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AssessmentStore.Open(run.StorePath, readOnly: readOnly);
    }

    /// <summary>Runs one query against the demo's store (opened read-only for the query only) and returns the result as a frame.</summary>
    /// <param name="run">The demo run.</param>
    /// <param name="sql">Any DuckDB query.</param>
    public static Frame<int, string> Query(this DemoRun run, string sql)
    {
        using var store = run.OpenStore();
        return store.QueryFrame(sql);
    }

    /// <summary>
    /// The demo's indicator rows matching a filter, e.g. <c>run.Indicators(new() { IndicatorId = "sv_rate", Level = "district" })</c>.
    /// Raw values by default; pass <c>Table = IndicatorTable.ExportName</c> in the filter for the suppressed export.
    /// </summary>
    /// <param name="run">The demo run.</param>
    /// <param name="filter">Which rows; null = all.</param>
    public static IReadOnlyList<IndicatorValue> Indicators(this DemoRun run, IndicatorFilter? filter = null)
    {
        using var store = run.OpenStore();
        return IndicatorValue.Read(store, filter);
    }

    /// <summary>
    /// The demo's indicator for one level in its latest period of <paramref name="periodType"/>: the rows a single
    /// chart or league table needs.
    /// </summary>
    /// <param name="run">The demo run.</param>
    /// <param name="indicatorId">Catalogue id, e.g. <c>sv_rate</c>.</param>
    /// <param name="level">Geography level.</param>
    /// <param name="periodType">Period type.</param>
    public static IReadOnlyList<IndicatorValue> Latest(this DemoRun run, string indicatorId = "sv_rate", string level = IndicatorLevels.District,
        string periodType = PeriodTypes.FinancialYear)
    {
        using var store = run.OpenStore();
        return store.LatestIndicator(indicatorId, level, periodType);
    }

    /// <summary>An indicator for one level in its latest period of <paramref name="periodType"/>, from any store with indicators computed.</summary>
    /// <param name="store">Store after <see cref="IndicatorEngine.Compute"/>.</param>
    /// <param name="indicatorId">Catalogue id, e.g. <c>sv_rate</c>.</param>
    /// <param name="level">Geography level.</param>
    /// <param name="periodType">Period type.</param>
    public static IReadOnlyList<IndicatorValue> LatestIndicator(this AssessmentStore store, string indicatorId = "sv_rate", string level = IndicatorLevels.District,
        string periodType = PeriodTypes.FinancialYear)
    {
        var rows = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = indicatorId, Level = level, PeriodType = periodType });
        if (rows.Count == 0) return rows;
        var latest = rows.Max(r => r.PeriodStart);
        return rows.Where(r => r.PeriodStart == latest).ToList();
    }
}
