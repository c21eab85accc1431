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
        AssessmentRunner.Register(new Stage("hotspots",
            f => $"{string.Join(",", f.HotspotMethods)}|{f.CellSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}",
            ctx => Spatial.HotspotAnalysis.Summary(Spatial.HotspotAnalysis.Run(ctx.Store, new Spatial.HotspotOptions
            {
                Methods = ctx.File.HotspotMethods.Aggregate(Spatial.HotspotMethods.None, (m, name) => m | Spatial.HotspotAnalysis.ParseMethod(name)),
                CellSize = ctx.File.CellSize,
                OutputFolder = Path.Combine(ctx.StagingFolder, Spatial.HotspotAnalysis.OutputSubfolder),
            }))));
        RegisterModel();
        // Last: the report reads what every earlier stage wrote.
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

    private static void RegisterModel() =>
        AssessmentRunner.Register(new Stage("model", _ => "expected counts, risk-adjusted hotspots, typology, forecasts; seed 42", ctx =>
        {
            // The force extract when there is one; police.uk otherwise (never both: they hold the same crimes).
            var source = Convert.ToInt64(ctx.Store.Scalar("SELECT count(*) FROM sv_events WHERE source = 'police_recorded_crime'"),
                System.Globalization.CultureInfo.InvariantCulture) > 0 ? "police_recorded_crime" : "police_street";
            if (Modelling.Modeller.MissingInputs(ctx.Store, source) is { } why)
                return $"not run: modelling {why}.";
            var r = Modelling.Modeller.Run(ctx.Store, new Modelling.ModelOptions { Source = source });
            Modelling.Modeller.Export(ctx.Store, Path.Combine(ctx.StagingFolder, "model"));
            return $"deprivation effect {r.Expected.Coefficients.FirstOrDefault(c => c.Term == "deprivation_steps")?.Estimate:0.###} per decile step; " +
                   $"{r.Typology.Clusters.Count} area types; forecasts for {r.Forecasts.Points.Select(p => p.DistrictCode).Distinct().Count()} districts.";
        }));

    /// <summary>The assessment file's period types plus the pooled periods some indicators need (e.g. 3-year DSR).</summary>
    private static IReadOnlyList<string> PeriodTypesFor(IReadOnlyList<string> periods) =>
        periods.Concat([Indicators.PeriodTypes.Pooled3FinancialYears, Indicators.PeriodTypes.CohortPeriod]).Distinct().ToList();
}
