using System.Globalization;
using NeedsAssessment.Charts;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// One-call charts from the store and from indicator rows, for notebooks: each picks the rows a chart needs, builds
/// its caption from them (period, indicator, catalogue version) and returns the chart. The report builds its own
/// figures; these are for exploring.
/// </summary>
public static class NotebookCharts
{
    /// <summary>Default source line for captions.</summary>
    public const string DefaultSource = "Partnership data in the assessment store";

    /// <summary>
    /// Areas ranked by an indicator's value with 95% intervals against the benchmark each row was compared with (the
    /// partnership's own value unless a benchmark was set). Rows must be one indicator, one level and one period.
    /// </summary>
    /// <param name="rows">Indicator rows, e.g. <c>IndicatorValue.Read(store, new() { IndicatorId = "sv_rate", Level = "district", PeriodType = "financial_year" })</c> for one period.</param>
    /// <param name="source">Caption source line.</param>
    /// <param name="benchmarkLabel">What the benchmark is.</param>
    public static Chart Rates(IReadOnlyList<IndicatorValue> rows, string source = DefaultSource, string benchmarkLabel = "Partnership")
    {
        var (definition, caption) = Describe(rows, source);
        var benchmark = rows.Select(r => r.BenchmarkValue).FirstOrDefault(b => b is not null) ?? double.NaN;
        return CaterpillarChart.Create(AreaValues(rows), benchmark, benchmarkLabel, Unit(definition), caption, definition.Name);
    }

    /// <summary>
    /// Funnel plot of an indicator: each area's value against its denominator, with 95% and 99.8% Poisson control
    /// limits around the benchmark. Small areas sit in the wide mouth of the funnel, so a high value there is less
    /// surprising than the same value in a large area. Rates only (crude or harm rates with denominators).
    /// </summary>
    /// <param name="rows">Indicator rows for one indicator, level and period.</param>
    /// <param name="source">Caption source line.</param>
    public static Chart Funnel(IReadOnlyList<IndicatorValue> rows, string source = DefaultSource)
    {
        var (definition, caption) = Describe(rows, source);
        var benchmark = rows.Select(r => r.BenchmarkValue).FirstOrDefault(b => b is not null) ?? double.NaN;
        var denominators = rows.Where(r => r.Denominator is > 0).Select(r => r.Denominator!.Value).ToList();
        var curve = denominators.Count == 0 || !double.IsFinite(benchmark)
            ? []
            : FunnelPlot.RateCurve(benchmark, denominators.Min() * 0.8, denominators.Max() * 1.2, multiplier: rows[0].Multiplier);
        return FunnelChart.Create(AreaValues(rows), curve, Unit(definition), "Person-years at risk", caption, definition.Name);
    }

    /// <summary>
    /// Offence groups of in-definition serious violence placed by volume and by mean statutory maximum penalty in
    /// days (life counted as <paramref name="lifeDays"/>): the few grave offences and the many less grave ones are
    /// different problems for the partnership.
    /// </summary>
    /// <param name="store">Store after classification.</param>
    /// <param name="lifeDays">Days counted for a life maximum (an assumption; statute gives no number).</param>
    /// <param name="source">Caption source line.</param>
    public static Chart SeverityVolume(AssessmentStore store, double lifeDays = LifeMaximumPenalty.Days, string source = DefaultSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var life = lifeDays.ToString(CultureInfo.InvariantCulture);
        var groups = store.Query($"""
            SELECT coalesce(offence_group, 'Unknown'), count(*),
                   avg(CASE WHEN max_penalty_life THEN {life} ELSE max_penalty_days END)
            FROM sv_events WHERE in_definition AND max_penalty_known AND {CountedSources(store)}
            GROUP BY 1 ORDER BY 2 DESC
            """, r => new OffenceGroupSeverity(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2)));
        var caption = Caption(store, source, $"Life maximum counted as {lifeDays:N0} days.");
        return SeverityVolumeChart.Create(groups, caption, severityLabel: "Mean maximum penalty per offence (days)");
    }

    /// <summary>In-definition serious violence per month with a rolling mean. The first and last months may be part-months.</summary>
    /// <param name="store">Store after classification.</param>
    /// <param name="rollingMonths">Rolling window.</param>
    /// <param name="source">Caption source line.</param>
    public static Chart MonthlyTrend(AssessmentStore store, int rollingMonths = 3, string source = DefaultSource)
    {
        ArgumentNullException.ThrowIfNull(store);
        var months = store.Query($"""
            SELECT CAST(month AS DATE), count(*) FROM sv_events WHERE in_definition AND month IS NOT NULL AND {CountedSources(store)} GROUP BY 1 ORDER BY 1
            """, r => new MonthCount(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetInt64(1)));
        var caption = Caption(store, source);
        return MonthlyTrendChart.Create(months, caption, "Serious violence per month", rollingMonths);
    }

    /// <summary>
    /// A caption for a chart drawn in a notebook from the store's classified events: the period the events cover and
    /// the serious violence definition they were classified under.
    /// </summary>
    /// <param name="store">Store after classification.</param>
    /// <param name="source">Source line.</param>
    /// <param name="note">Optional extra line (method settings, caveats).</param>
    public static ChartCaption Caption(AssessmentStore store, string source = DefaultSource, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ChartCaption(source, Period(store), Definition(store), DefinitionVersion(store), note);
    }

    /// <summary>SQL condition keeping every source but the police source that is not counted (it holds the same crimes).</summary>
    private static string CountedSources(AssessmentStore store) =>
        $"source <> {AssessmentStore.Literal(PoliceSource.LeftOut(PoliceSource.Counted(store)))}";

    private static List<AreaValue> AreaValues(IReadOnlyList<IndicatorValue> rows) =>
        rows.Select(r => new AreaValue(r.AreaCode, r.AreaName ?? r.AreaCode, r.Value, r.Lower95, r.Upper95, r.Suppressed, r.Denominator)).ToList();

    private static (IndicatorDefinition Definition, ChartCaption Caption) Describe(IReadOnlyList<IndicatorValue> rows, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No indicator rows to chart; check the filter.", nameof(rows));
        var ids = rows.Select(r => r.IndicatorId).Distinct().ToList();
        var periods = rows.Select(r => (r.PeriodType, r.PeriodStart)).Distinct().ToList();
        var levels = rows.Select(r => r.Level).Distinct().ToList();
        if (ids.Count > 1 || periods.Count > 1 || levels.Count > 1)
            throw new ArgumentException(
                $"Chart one indicator, level and period at a time (got {ids.Count} indicator(s), {levels.Count} level(s), {periods.Count} period(s)); filter the rows first.", nameof(rows));
        var catalogue = IndicatorCatalogue.Default;
        var definition = catalogue.Indicators.FirstOrDefault(d => d.Id == ids[0]) ?? new IndicatorDefinition { Id = ids[0], Name = ids[0] };
        var period = $"{rows[0].PeriodStart:d MMMM yyyy} to {rows[0].PeriodEnd:d MMMM yyyy}";
        return (definition, new ChartCaption(source, period, definition.Id, catalogue.Version));
    }

    private static string Unit(IndicatorDefinition definition) => definition.Multiplier switch
    {
        100 when definition.Method == IndicatorMethods.Proportion => "Percentage",
        1 => "Value",
        var m => $"Per {m.ToString("N0", CultureInfo.InvariantCulture)}",
    };

    private static string Period(AssessmentStore store)
    {
        var range = store.Query("SELECT min(month), max(month) FROM sv_events WHERE in_definition",
            r => r.IsDBNull(0) ? "no events" : $"{r.GetDateTime(0):MMMM yyyy} to {r.GetDateTime(1):MMMM yyyy}");
        return range.Count == 0 ? "no events" : range[0];
    }

    private static string Definition(AssessmentStore store) =>
        store.ScalarOrNull("SELECT any_value(definition_name) FROM sv_events")?.ToString() ?? "unknown";

    private static string DefinitionVersion(AssessmentStore store) =>
        store.ScalarOrNull("SELECT any_value(definition_version) FROM sv_events")?.ToString() ?? "?";
}
