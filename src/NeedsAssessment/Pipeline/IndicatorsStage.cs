using System.Globalization;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// Computes every indicator into <c>indicator_values</c> (raw: suppression is applied only where a file is
/// published), so its settings are the levels, periods, benchmark and indicator list, never the suppression rule.
/// </summary>
public sealed class IndicatorsStage : PipelineStage<IndicatorOptions, IndicatorRun>
{
    internal IndicatorsStage() : base("indicators",
        ["sv_events", NeedsAssessment.Classify.StopSearchPlacement.Table, AreaHierarchy.Table, "population", "population_syoa", "population_total", "population_workday", "deprivation", "lsoa_lookup", IndicatorEngine.HomeOfficeTable, "police_street", "csp_lookup", "ward_lookup"],
        ["indicator_values", "indicator_meta", "indicator_runs", IndicatorTrendTable.Table]) { }

    /// <inheritdoc />
    public override bool Publishes => false;

    /// <inheritdoc />
    public override string Settings(RunPlan plan)
    {
        var f = plan.File;
        return $"{string.Join(",", f.Levels)}|{string.Join(",", f.Periods)}|{f.Benchmark}|{string.Join(",", f.Indicators)}";
    }

    /// <inheritdoc />
    public override IndicatorOptions Options(StageContext context)
    {
        var f = context.File;
        var benchmark = double.TryParse(f.Benchmark, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) ? b : (double?)null;
        var ids = f.Indicators.Contains("all") ? null : f.Indicators;
        return new IndicatorOptions
        {
            Levels = f.Levels,
            // The pooled periods some indicators need (e.g. the 3-year DSR) come with whatever the file asks for.
            PeriodTypes = f.Periods.Concat([PeriodTypes.Pooled3FinancialYears, PeriodTypes.CohortPeriod]).Distinct().ToList(),
            IndicatorIds = ids,
            Definition = context.Plan.Definition,
            Benchmarks = benchmark is null ? null : (ids ?? IndicatorCatalogue.Default.Indicators.Select(i => i.Id)).ToDictionary(i => i, _ => benchmark.Value),
        };
    }

    /// <inheritdoc />
    protected override IndicatorRun ExecuteCore(AssessmentStore store, IndicatorOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        var run = IndicatorEngine.Compute(store, progress is null || options.Announce is not null ? options : options with { Announce = progress.Report });
        // The recent trends beside each value (Fingertips' arrows), from the rows just written.
        IndicatorTrendTable.Write(store, options.Catalogue);
        PhaseTrace.Mark("indicators: recent trends");
        return run;
    }

    /// <inheritdoc />
    public override string Summary(IndicatorOptions options, IndicatorRun result) =>
        $"{result.Rows:N0} indicator values ({result.IndicatorIds.Count} indicators; levels {string.Join(", ", result.Levels)}; police source {result.PoliceSource}).";
}
