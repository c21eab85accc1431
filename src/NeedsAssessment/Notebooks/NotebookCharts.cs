using System.Globalization;
using NeedsAssessment.Charts;
using NeedsAssessment.Classify;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// One-call charts for notebooks from the stages' published results (indicator rows, the descriptives stage's tables):
/// each picks the rows a chart needs, builds its caption from them (period, indicator, catalogue version) and returns
/// the chart. Like the report, they query no events and compute nothing.
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
    /// Offence groups of in-definition serious violence placed by volume and by mean statutory maximum penalty, as the
    /// descriptives stage published them for the headline period (suppressed, life counted as
    /// <see cref="LifeMaximumPenalty.Days"/> days): the few grave offences and the many less grave ones are different
    /// problems for the partnership. The same rows as the report's severity chart.
    /// </summary>
    /// <param name="store">Store after the descriptives stage (any completed run).</param>
    /// <param name="source">Caption source line.</param>
    /// <exception cref="UserErrorException">The descriptives stage has not run on this store.</exception>
    public static Chart SeverityVolume(AssessmentStore store, string source = DefaultSource)
    {
        var d = DescriptiveResults.Read(store);
        var groups = d.OffenceMix.Select(g => new OffenceGroupSeverity(g.OffenceGroup, g.Count, g.MeanPenaltyYears, g.Suppressed, g.PenaltyYearsTotal)).ToList();
        var caption = Caption(d, source, LifeMaximumPenalty.Note(), headline: true);
        return SeverityVolumeChart.Create(groups, caption, severityLabel: "Mean maximum penalty per offence (years)");
    }

    /// <summary>
    /// In-definition serious violence per month with the descriptives stage's rolling mean (one police source, never
    /// both; suppressed months shown as such). The first and last months may be part-months. The same rows as the
    /// report's trend chart.
    /// </summary>
    /// <param name="store">Store after the descriptives stage (any completed run).</param>
    /// <param name="source">Caption source line.</param>
    /// <exception cref="UserErrorException">The descriptives stage has not run on this store.</exception>
    public static Chart MonthlyTrend(AssessmentStore store, string source = DefaultSource)
    {
        var d = DescriptiveResults.Read(store);
        var months = d.Monthly.Select(m => new MonthCount(m.Month, m.Count, m.Suppressed, m.RollingMean, m.SeasonalMean)).ToList();
        return MonthlyTrendChart.Create(months, Caption(d, source), "Serious violence per month", 3, "Offences per month", meansGiven: true);
    }

    /// <summary>
    /// A caption for a chart drawn in a notebook: the months the classified events cover and the serious violence
    /// definition they were classified under, as the descriptives stage recorded them.
    /// </summary>
    /// <param name="store">Store after the descriptives stage (any completed run).</param>
    /// <param name="source">Source line.</param>
    /// <param name="note">Optional extra line (method settings, caveats).</param>
    /// <exception cref="UserErrorException">The descriptives stage has not run on this store.</exception>
    public static ChartCaption Caption(AssessmentStore store, string source = DefaultSource, string? note = null) =>
        Caption(DescriptiveResults.Read(store), source, note);

    private static ChartCaption Caption(DescriptiveResults d, string source, string? note = null, bool headline = false)
    {
        var p = d.Period;
        var period = headline
            ? $"{p.PeriodStart:d MMMM yyyy} to {p.PeriodEnd:d MMMM yyyy}"
            : $"{p.FirstMonth:MMMM yyyy} to {p.LastMonth:MMMM yyyy}";
        return new ChartCaption(source, period, d.Classification?.DefinitionName ?? "unknown", d.Classification?.DefinitionVersion ?? "?", note);
    }

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
}
