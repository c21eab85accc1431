using NeedsAssessment.Indicators;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>
/// The four-year demo county (seed 42), generated and run through the normal runner with the demo's own assessment file,
/// for ground-truth checks. Only the stages these checks read run (ingest, area, classify, indicators): the later stages
/// (export, descriptives, hot spots, model, report) read what these write and change nothing in it, take about as long as
/// the stages before them, and are checked on the session's three-year demo (<see cref="SharedDemo"/>).
/// </summary>
public sealed class DemoRunFixture : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("na-demo-truth-").FullName;
    public DemoRun Run { get; }
    public SyntheticGroundTruth Truth { get; }

    public DemoRunFixture()
    {
        var data = Assessment.GeneratePartnerFiles(new SyntheticOptions(Path.Combine(Folder, "partner-files")) { Seed = 42, Years = 4 });
        var yaml = Path.Combine(Folder, "demo.assessment.yaml");
        File.WriteAllText(yaml, DemoAssessmentFile(data, Folder));
        var run = AssessmentRunner.Run(AssessmentFile.Load(yaml), [Stages.Ingest, Stages.Area, Stages.Classify, Stages.Indicators]);
        Run = new DemoRun(Folder, run.StorePath, data, yaml, run, null, Path.Combine(Folder, "hotspots"));
        Truth = SyntheticGroundTruth.Load(data.GroundTruthPath);
    }

    /// <summary>
    /// The assessment file <see cref="Assessment.Demo"/> writes for <paramref name="data"/>, taken from the demo itself (it
    /// is private there) so these checks always run the demo's settings; a change to its signature fails here, loudly.
    /// </summary>
    private static string DemoAssessmentFile(SyntheticResult data, string folder) =>
        (string)typeof(Assessment).GetMethod("DemoAssessmentFile", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [data, folder, NeedsAssessment.Classify.SeriousViolenceDefinition.DefaultName])!;

    public AssessmentStore OpenStore() => AssessmentStore.Open(Run.StorePath, readOnly: true);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}

public class DemoGroundTruthTests(DemoRunFixture demo) : IClassFixture<DemoRunFixture>
{
    [Fact]
    public void The_planted_trend_district_shows_a_significant_increase_in_serious_violence()
    {
        var planted = demo.Truth.Districts.Single(d => d.AnnualTrend > 0);
        using var store = demo.OpenStore();

        var trends = IndicatorTrends.ByArea(store, "sv_rate", "district", "financial_year");
        var trend = trends.Single(t => t.AreaCode == planted.Code).Trend;

        Assert.NotNull(trend);
        Assert.True(trend.PercentChangeLower > 0, $"{planted.Name}: {trend.PercentChangePerPeriod:F1}% a year, lower limit {trend.PercentChangeLower:F1}%");
        // The estimate should be near the planted growth (seasonal and hotspot noise aside).
        Assert.InRange(trend.PercentChangePerPeriod, planted.AnnualTrend * 100 / 3, planted.AnnualTrend * 100 * 2);
    }

    [Fact]
    public void Districts_planted_flat_mostly_show_no_significant_increase()
    {
        var flat = demo.Truth.Districts.Where(d => d.AnnualTrend == 0).Select(d => d.Code).ToHashSet();
        using var store = demo.OpenStore();

        var rising = IndicatorTrends.ByArea(store, "sv_rate", "district", "financial_year")
            .Where(t => flat.Contains(t.AreaCode) && t.Trend is { PercentChangeLower: > 0 }).ToList();

        // Planted hotspots that emerge or fade move some districts; most must still read as flat.
        Assert.True(rising.Count <= flat.Count / 3, $"{rising.Count} of {flat.Count} flat districts read as rising");
    }

    [Fact]
    public void The_deprivation_gradient_has_the_planted_sign()
    {
        Assert.True(demo.Truth.RateModel.DeprivationLogRatePerDecileStep > 0);
        using var store = demo.OpenStore();

        var sii = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = "sv_sii", Level = "partnership", PeriodType = "financial_year" })
            .Where(v => v.Value is not null).OrderBy(v => v.PeriodStart).ToList();
        var ratio = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = "sv_deprivation_rate_ratio", Level = "partnership", PeriodType = "financial_year" })
            .Where(v => v.Value is not null).ToList();

        Assert.NotEmpty(sii);
        // Ordered least to most deprived, so more violence where deprivation is higher gives a positive SII.
        Assert.All(sii, v => Assert.True(v.Lower95 > 0, $"SII {v.Value:F2} ({v.Lower95:F2} to {v.Upper95:F2}) in {v.PeriodStart:yyyy}"));
        Assert.All(ratio, v => Assert.True(v.Lower95 > 1, $"rate ratio {v.Value:F2} in {v.PeriodStart:yyyy}"));
    }

    [Fact]
    public void Every_generated_file_loads_with_no_quarantined_rows()
    {
        var inputs = demo.Run.Run.Manifest.Inputs;

        Assert.Equal(demo.Run.Data.FilesByKind.Values.Sum(f => f.Count), inputs.Count);
        Assert.All(inputs, i => Assert.Equal(0, i.RowsQuarantined));
        Assert.Equal(demo.Run.Data.RowsByKind.Values.Sum(), inputs.Sum(i => i.RowsLoaded));
    }
}
