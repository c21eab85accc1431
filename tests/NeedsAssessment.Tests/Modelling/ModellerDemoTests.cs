using System.Globalization;
using NeedsAssessment.Modelling;
using NeedsAssessment.Store;
using Xunit.Abstractions;

namespace NeedsAssessment.Tests.Modelling;

public sealed class ModellerDemoTests(DemoModelFixture fx, ITestOutputHelper output) : IClassFixture<DemoModelFixture>
{
    private CoefficientEstimate Coef(string term) => fx.Result.Expected.Coefficients.Single(c => c.Term == term);

    [Fact]
    public void DeprivationCoefficientInterval_ContainsThePlantedPerDecileStepEffect()
    {
        // The generator multiplies every family's rate by exp(0.12 (10 − decile)); our term is (10 − decile), so the
        // coefficient is the same number. The model is correctly specified for the ordinary events: rate ∝ residents
        // (log population, coefficient 1), the town-centre NTE multiplier (nte_area; without it deprived town centres
        // would push the deprivation slope up) and the one district with a trend (district terms). Planted hotspots
        // are excess by design and are trimmed from the fit.
        var planted = fx.Truth.RateModel.DeprivationLogRatePerDecileStep;
        var dep = Coef("deprivation_steps");
        output.WriteLine($"deprivation {dep.Estimate:0.####} [{dep.Lower:0.####}, {dep.Upper:0.####}] planted {planted}; dispersion {fx.Result.Expected.PearsonDispersion:0.##}");
        Assert.InRange(planted, dep.Lower, dep.Upper);
        var pop = Coef("log_population");
        Assert.InRange(1.0, pop.Lower, pop.Upper);
        // The generator also multiplies a rural area's rates by a planted factor; the demo loads the Rural-Urban
        // Classification, so the model has a rural term (without it, the rural gap was read as deprivation: 0.154).
        var rural = Coef("rural");
        var plantedRural = Math.Log(fx.Truth.RuralUrban!.RuralRateFactor);
        output.WriteLine($"rural {rural.Estimate:0.####} [{rural.Lower:0.####}, {rural.Upper:0.####}] planted {plantedRural:0.####}");
        Assert.InRange(plantedRural, rural.Lower, rural.Upper);
        Assert.InRange(fx.Result.Expected.PearsonDispersion, 0.8, 1.3);
    }

    [Fact]
    public void MlNetAndIrlsFits_AgreeTo1e6OnCoefficientsAbsoluteAndFittedMeansRelative()
    {
        // ML.NET's L-BFGS works in single precision and stalls about 2e-7 from the optimum in absolute terms whatever the
        // tolerance, history or iteration settings; on near-zero coefficients that is a few e-6 relative. So the agreement
        // asserted is 1e-6 absolute on the standardised coefficients and 1e-6 relative on every fitted mean, and IRLS is
        // the reported estimate whenever the 1e-6 relative criterion on coefficients is missed.
        var a = fx.Result.Expected.Agreement;
        output.WriteLine(a.ToString());
        Assert.True(a.MaxAbsoluteDifference < 1e-6, $"max |Δβ| = {a.MaxAbsoluteDifference:E2}");
        Assert.True(a.MaxFittedRelativeDifference < 1e-6, $"max |Δμ|/μ = {a.MaxFittedRelativeDifference:E2}");
        Assert.Equal(a.MaxRelativeDifference <= 1e-6 ? "mlnet" : "irls", a.ReportedEstimate);
        foreach (var c in fx.Result.Expected.Coefficients)
            Assert.Equal(a.ReportedEstimate == "irls" ? c.IrlsEstimate : c.MlNetEstimate, c.Estimate);
    }

    [Fact]
    public void ExpectedCounts_SumToObservedOverTheAreasFitted()
    {
        // With an intercept the Poisson score equation for β₀ is Σ(y − μ̂) = 0 over the rows fitted.
        var fitted = fx.Result.Expected.Areas.Where(a => a.InFit).ToArray();
        // Relative 1e-6: the expected counts come from coefficients back-transformed from float-rounded standardised features.
        var observed = fitted.Sum(a => a.Observed);
        Assert.Equal(observed, fitted.Sum(a => a.Expected), observed * 1e-6);
        Assert.All(fx.Result.Expected.Areas, a => Assert.InRange(a.Ratio, a.RatioLower, a.RatioUpper));
        Assert.Equal(Enumerable.Range(1, fx.Result.Expected.Areas.Count), fx.Result.Expected.Areas.Select(a => a.ExcessRank).Order());
    }

    [Fact]
    public void RiskAdjustedHotspots_FindEveryActivePlantedHotspot_AndFlagFewerDenseTownCentresThanRawCounts()
    {
        var active = fx.Truth.Hotspots.Where(h => string.CompareOrdinal(h.EndMonth, fx.Result.WindowStart.ToString("yyyy-MM", CultureInfo.InvariantCulture)) >= 0).ToArray();
        Assert.Equal(5, active.Length);
        HashSet<string> Hot(string basis) => fx.Result.Hotspots.Where(h => h.Basis == basis && h.IsHot).Select(h => h.Lsoa21Code).ToHashSet();
        var raw = Hot(RiskAdjustedHotspots.Raw);
        var adjusted = Hot(RiskAdjustedHotspots.RiskAdjusted);
        var rawFound = active.Where(h => fx.ReceivingAreas(h).Overlaps(raw)).Select(h => h.Id).ToArray();
        var adjustedFound = active.Where(h => fx.ReceivingAreas(h).Overlaps(adjusted)).Select(h => h.Id).ToArray();

        // "Dense areas": night-time-economy (town-centre) LSOAs that receive no planted hotspot events: busy, not hot.
        var receiving = fx.Truth.Hotspots.SelectMany(fx.ReceivingAreas).ToHashSet();
        bool FarDense(string code) =>
            !receiving.Contains(code) && fx.Areas.Single(x => x.Lsoa21Code == code).NteShare >= fx.Options.NteAreaThreshold;
        var rawDense = raw.Count(FarDense);
        var adjustedDense = adjusted.Count(FarDense);
        output.WriteLine($"raw: {raw.Count} hot, finds {string.Join(",", rawFound)}, {rawDense} dense areas; risk-adjusted: {adjusted.Count} hot, finds {string.Join(",", adjustedFound)}, {adjustedDense} dense areas");
        Assert.Equal(active.Select(h => h.Id), adjustedFound);
        Assert.True(rawFound.Length < active.Length, "raw counts were expected to miss a planted hotspot outside the dense centres");
        Assert.True(adjustedDense < rawDense, $"risk-adjusted flagged {adjustedDense} dense areas, raw {rawDense}");
    }

    [Fact]
    public void SeasonalPoissonForecast_BeatsSeasonalNaiveOnTheBacktest()
    {
        var acc = fx.Result.Forecasts.Accuracy;
        foreach (var a in acc) output.WriteLine($"{a.DistrictCode} {a.Method}: MAPE {a.Mape:0.0}% cover80 {a.Coverage80:P0} cover95 {a.Coverage95:P0}");
        var model = acc.Single(a => a.DistrictCode == "ALL" && a.Method == DistrictForecast.SeasonalPoisson);
        var naive = acc.Single(a => a.DistrictCode == "ALL" && a.Method == DistrictForecast.SeasonalNaive);
        Assert.True(model.Mape < naive.Mape, $"model {model.Mape:0.00}% vs naive {naive.Mape:0.00}%");
        Assert.Equal(8 * 12, model.Months);
        // Pooled coverage of the 95% interval near nominal (96 months: 0.85 is about three binomial SEs below 0.95).
        Assert.InRange(model.Coverage95, 0.85, 1.0);
        var trend = fx.Truth.Districts.Single(d => d.AnnualTrend > 0).Code;
        Assert.True(acc.Single(a => a.DistrictCode == trend && a.Method == DistrictForecast.SeasonalPoisson).Mape
            < acc.Single(a => a.DistrictCode == trend && a.Method == DistrictForecast.SeasonalNaive).Mape, "the trend district is where a trend term must help");
    }

    [Fact]
    public void Forecast_HasTwelveFutureMonthsPerDistrict_WithNestedIntervals()
    {
        var future = fx.Result.Forecasts.Points.Where(p => p.Kind == "forecast").ToArray();
        Assert.Equal(8 * 12, future.Length);
        Assert.All(future, p =>
        {
            Assert.True(p.Lower95 <= p.Lower80 && p.Lower80 <= p.Upper80 && p.Upper80 <= p.Upper95);
            Assert.InRange(p.Mean, p.Lower95!.Value, p.Upper95!.Value);
        });
        Assert.Equal(new DateTime(2026, 3, 1), future.Max(p => p.Month));
    }

    [Fact]
    public void Typology_IsStableAcrossSeeds_AndChosenBySilhouette()
    {
        var t = fx.Result.Typology;
        output.WriteLine($"k = {t.K}; silhouettes {string.Join(" ", t.Silhouettes.Select(s => $"{s.K}:{s.MeanSilhouette:0.###}"))}; ARI vs seeds {string.Join(",", t.StabilitySeeds)}: {string.Join(" ", t.StabilityAri.Select(a => a.ToString("0.###", CultureInfo.InvariantCulture)))}");
        foreach (var c in t.Clusters) output.WriteLine($"  cluster {c.Cluster} ({c.Areas} areas): {c.Profile}");
        Assert.Equal(t.Silhouettes.MaxBy(s => s.MeanSilhouette)!.K, t.K);
        // Threshold 0.8: "excellent" agreement on the usual ARI reading; the demo gives 0.95-1.
        Assert.All(t.StabilityAri, a => Assert.True(a >= 0.8, $"ARI {a:0.###}"));
        Assert.Equal(fx.Areas.Count, t.Clusters.Sum(c => c.Areas));
        // The highest-rate cluster is the town-centre night-time economy.
        Assert.Contains("night-time economy", t.Clusters[0].Profile, StringComparison.Ordinal);
    }

    [Fact]
    public void ModellerRun_WritesEveryTable_AndIsDeterministic()
    {
        foreach (var t in Modeller.Tables) Assert.True(fx.Store.TableExists(t), t);
        var basis = fx.Store.Query("SELECT basis, count(*) FROM model_hotspots GROUP BY 1 ORDER BY 1", r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
        Assert.Equal([("raw", (long)fx.Areas.Count), ("risk_adjusted", (long)fx.Areas.Count)], basis);
        var again = Modeller.Run(fx.Store, fx.Options);
        Assert.Equal(fx.Result.Expected.Areas, again.Expected.Areas);
        Assert.Equal(fx.Result.Typology.Areas.Select(a => a.Cluster), again.Typology.Areas.Select(a => a.Cluster));
        Assert.Equal(fx.Result.Forecasts.Points, again.Forecasts.Points);
        Assert.Equal(fx.Result.Hotspots, again.Hotspots);
    }

    [Fact]
    public void The_model_tables_read_back_through_their_typed_readers_as_the_run_wrote_them()
    {
        var read = ModelTables.Read(fx.Store, NeedsAssessment.Indicators.SuppressionPolicy.Nhs);
        Assert.Equal(fx.Result.Expected.Areas.OrderBy(a => a.Lsoa21Code, StringComparer.Ordinal), read.Expected.Select(r => r.ToArea()));
        Assert.Equal(fx.Result.Typology.Clusters.Select(c => (c.Cluster, c.Areas, c.Profile)), read.Profiles.Select(p => p.ToProfile()).Select(c => (c.Cluster, c.Areas, c.Profile)));
        Assert.Equal(fx.Result.Typology.Clusters.SelectMany(c => c.Centroid.Concat(c.Means)), read.Profiles.Select(p => p.ToProfile()).SelectMany(c => c.Centroid.Concat(c.Means)));
        Assert.Equal(fx.Result.Forecasts.Points.Count, read.Forecasts.Count);
        Assert.Equal(fx.Result.Forecasts.Points.OrderBy(p => p.DistrictCode, StringComparer.Ordinal).ThenBy(p => p.Month).ThenBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Method, StringComparer.Ordinal),
            read.Forecasts.Select(f => f.ToPoint()));
        Assert.Equal(fx.Result.Expected.Coefficients.Select(c => c.Term).Order(StringComparer.Ordinal), read.Coefficients.Select(c => c.Term));
        Assert.Equal(2 * fx.Areas.Count, read.Hotspots.Count);
        // The report hides what model_expected.csv hides.
        Assert.Equal(Modeller.HiddenAreas(fx.Store, NeedsAssessment.Indicators.SuppressionPolicy.Nhs), read.HiddenAreas);
        foreach (var table in Modeller.Tables) ResultSchema.Of(table).Verify(fx.Store);
    }
}
