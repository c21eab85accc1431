namespace NeedsAssessment.Pipeline;

/// <summary>
/// The stages after classification, in pipeline order. Each later stage adds one line here as it lands.
/// </summary>
internal static class StageRegistry
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AssessmentRunner.Register(new Stage("indicators",
            f => $"{string.Join(",", f.Levels)}|{string.Join(",", f.Periods)}|{f.Benchmark}|{f.Suppression}|{string.Join(",", f.Indicators)}",
            ctx =>
            {
                var f = ctx.File;
                var benchmark = double.TryParse(f.Benchmark, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : (double?)null;
                var ids = f.Indicators.Contains("all") ? null : f.Indicators;
                var run = Indicators.IndicatorEngine.Compute(ctx.Store, new Indicators.IndicatorOptions
                {
                    Levels = f.Levels,
                    PeriodTypes = PeriodTypesFor(f.Periods),
                    IndicatorIds = ids,
                    Benchmarks = benchmark is null ? null : (ids ?? Indicators.IndicatorCatalogue.Default.Indicators.Select(i => i.Id)).ToDictionary(i => i, _ => benchmark.Value),
                });
                var policy = PolicyFor(f.Suppression);
                var export = Indicators.IndicatorExport.Write(ctx.Store, Path.Combine(ctx.StagingFolder, "indicators"), policy);
                return $"{run.Rows:N0} indicator values; {export.PrimarySuppressed + export.SecondarySuppressed:N0} suppressed under '{policy.Name}'.";
            }));
        AssessmentRunner.Register(new Stage("report",
            f => $"{f.Suppression}|{f.PartnershipName}",
            ctx =>
            {
                var options = new Report.ReportOptions
                {
                    Suppression = PolicyFor(ctx.File.Suppression),
                    Definition = ctx.Definition,
                    Title = string.IsNullOrWhiteSpace(ctx.File.PartnershipName) ? null : $"Serious violence strategic needs assessment: {ctx.File.PartnershipName}",
                };
                var report = Report.AssessmentReport.Write(ctx.Store, ctx.StagingFolder, options);
                Report.IndicatorWorkbook.Write(ctx.Store, ctx.StagingFolder, options);
                return $"{Report.AssessmentReport.FileName} ({report.Bytes / 1024.0:N0} KB, {report.Charts} charts) and {Report.IndicatorWorkbook.FileName}.";
            }));
    }

    internal static Indicators.SuppressionPolicy PolicyFor(SuppressionSetting setting) => setting.Name switch
    {
        "nhs" => Indicators.SuppressionPolicy.Nhs,
        "fingertips" => Indicators.SuppressionPolicy.Fingertips,
        "none" => Indicators.SuppressionPolicy.None,
        _ => Indicators.SuppressionPolicy.Custom(setting.MinHidden, setting.MaxHidden),
    };

    /// <summary>The assessment file's period types plus the pooled periods some indicators need (e.g. 3-year DSR).</summary>
    private static IReadOnlyList<string> PeriodTypesFor(IReadOnlyList<string> periods) =>
        periods.Concat([Indicators.PeriodTypes.Pooled3FinancialYears, Indicators.PeriodTypes.CohortPeriod]).Distinct().ToList();
}
