using NeedsAssessment.Pipeline;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Spatial;

/// <summary>Three years of the synthetic county run through <see cref="Assessment.Demo"/> (shared with other classes).</summary>
public sealed class HotspotDemoFixture : IDisposable
{
    public HotspotDemoFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "na-hs-demo-" + Guid.NewGuid().ToString("N"));
        Run = SharedDemo.Get(seed: 42, years: 3);
        Truth = SyntheticGroundTruth.Load(Run.Data.GroundTruthPath);
        // The demo's pipeline stage keeps only what the tables hold; rerunning with the same defaults gives the grids too.
        lock (SharedDemo.StageLock)
        {
            using var store = AssessmentStore.Open(Run.StorePath);
            Hotspots = HotspotAnalysis.Run(store, new HotspotOptions { OutputFolder = Path.Combine(Folder, "rerun") });
        }
    }

    public string Folder { get; }
    public DemoRun Run { get; }
    public HotspotRunResult Hotspots { get; }
    public SyntheticGroundTruth Truth { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One demo run shared by every test class that reads it.</summary>
[CollectionDefinition(Name)]
public sealed class HotspotDemoCollection : ICollectionFixture<HotspotDemoFixture>
{
    public const string Name = "hotspot demo";
}

/// <summary>
/// The hot spot stage with its defaults (400 m cells from the county's extent, population-adjusted Gi*, yearly periods)
/// against the planted hot spots of the synthetic county.
/// </summary>
[Collection(HotspotDemoCollection.Name)]
public class HotspotDemoTests(HotspotDemoFixture fixture)
{
    private HotspotRunResult Result => fixture.Hotspots;

    private static int Month(string yyyyMm) => MonthPeriod.Index(MonthPeriod.Parse(yyyyMm).From);

    private static int CellOf(HotspotPeriodResult r, double x, double y)
    {
        var g = r.Result.Grid.Parameters;
        int c = (int)Math.Floor((x - g.Extent.MinX) / g.CellSize), row = (int)Math.Floor((y - g.Extent.MinY) / g.CellSize);
        return row * g.Columns + c;
    }

    private static IEnumerable<int> Block(HotspotPeriodResult r, int cell)
    {
        var g = r.Result.Grid.Parameters;
        int row = cell / g.Columns, c = cell % g.Columns;
        for (int dr = -1; dr <= 1; dr++)
            for (int dc = -1; dc <= 1; dc++)
                if (row + dr >= 0 && row + dr < g.Rows && c + dc >= 0 && c + dc < g.Columns) yield return (row + dr) * g.Columns + c + dc;
    }

    [Fact]
    public void Defaults_give_yearly_periods_a_400_metre_grid_and_a_population_baseline()
    {
        Assert.Equal(3, Result.TrendPeriods.Length);
        Assert.Equal(400, Result.Parameters.Grid!.CellSize);
        Assert.Equal("population", Result.Parameters.GiStar!.Baseline);
        Assert.Equal(["police_recorded_crime"], Result.Parameters.Filters.Sources);
    }

    [Fact]
    public void Every_planted_hotspot_centre_is_in_or_next_to_a_hot_cell_in_each_year_it_is_active_throughout()
    {
        var checkedYears = 0;
        foreach (var h in fixture.Truth.Hotspots)
            foreach (var year in Result.TrendPeriods.Where(p => MonthPeriod.Index(p.Period.From) >= Month(h.StartMonth) && MonthPeriod.Index(p.Period.To) <= Month(h.EndMonth)))
            {
                var hot = Block(year, CellOf(year, h.X, h.Y)).Any(i => year.Result.GiStar.Values[i] is { Z: > 0, PAdjusted: < 0.05 });
                Assert.True(hot, $"{h.Id} ({h.Kind}) has no hot cell at 5% FDR around its centre in {year.Period}.");
                checkedYears++;
            }
        // Four persistent hot spots in three years, the emerging one in its last year and the former one in its first.
        Assert.Equal(4 * 3 + 1 + 1, checkedYears);
    }

    [Fact]
    public void Planted_hotspots_are_classified_over_time_as_they_were_planted()
    {
        var first = Result.TrendPeriods[0];
        foreach (var h in fixture.Truth.Hotspots)
        {
            var trend = Result.Trend!.Cells[CellOf(first, h.X, h.Y)].Trend;
            var expected = h.Kind switch
            {
                "persistent" => HotspotTrend.PersistentHotspot,
                "emerging" => HotspotTrend.EmergingHotspot,
                "former" => HotspotTrend.FormerHotspot,
                _ => throw new InvalidOperationException(h.Kind),
            };
            Assert.True(expected == trend, $"{h.Id} planted {h.Kind} is classed {trend}.");
        }
    }

    [Fact]
    public void Trend_rows_in_the_table_carry_the_planted_classes()
    {
        // Opened as the other fixtures on the shared demo store open it: one process can hold a DuckDB file in one mode
        // only, so a read-only open racing the model fixture's writable one made that fixture's writes fail.
        using var store = AssessmentStore.Open(fixture.Run.StorePath);
        var read = HotspotAnalysis.Read(store);
        var trend = read.Of("trend").ToList();
        foreach (var h in fixture.Truth.Hotspots.Where(h => h.Kind is "emerging" or "former"))
        {
            var row = trend.Single(r => Math.Abs(r.X - h.X) <= 200 && Math.Abs(r.Y - h.Y) <= 200);
            Assert.Equal(h.Kind, row.Class);
        }
        Assert.Equal(["dual_kde", "gistar", "kde", "lisa", "trend"], read.Rows.Select(r => r.Method).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Last_years_hotspots_capture_far_more_than_their_share_of_this_years_events()
    {
        var e = Result.Parameters.Evaluation!;
        Assert.True(e.PaiNext > 5, $"PAI {e.PaiNext}");
        Assert.InRange(e.Rri, 0.5, 1.5);
    }

    [Fact]
    public void The_top_cell_is_the_largest_planted_hotspot_and_is_named()
    {
        var h1 = fixture.Truth.Hotspots.OrderByDescending(h => h.ExtraEventsPerMonth.Values.Sum()).First();
        var top = Result.Top[0];
        Assert.True(Math.Abs(top.X - h1.X) <= 800 && Math.Abs(top.Y - h1.Y) <= 800, $"Top cell {top.UnitId} is far from {h1.Id}.");
        Assert.NotNull(top.WardName);
        Assert.NotNull(top.DistrictName);
        Assert.NotNull(top.TopOffences);
    }

    [Fact]
    public void Every_isolated_hotspot_active_in_the_last_year_heads_a_cluster_in_the_top_list()
    {
        // The city's planted hot spots lie about 2 km apart and join the city-centre cluster, so only those with no other
        // planted hot spot within 3 km must head a cluster of their own.
        var isolated = fixture.Truth.Hotspots.Where(h => h.Kind != "former" &&
            fixture.Truth.Hotspots.All(o => o == h || Math.Sqrt((o.X - h.X) * (o.X - h.X) + (o.Y - h.Y) * (o.Y - h.Y)) > 3000)).ToList();
        Assert.NotEmpty(isolated);
        foreach (var h in isolated)
            Assert.Contains(Result.Top, t => Math.Abs(t.X - h.X) <= 800 && Math.Abs(t.Y - h.Y) <= 800);
        Assert.Equal(Result.Top.Length, Result.Top.Select(t => t.Cluster).Distinct().Count());
    }

    [Fact]
    public void Area_analysis_reports_positive_global_autocorrelation_and_high_high_clusters()
    {
        var a = Result.Parameters.Areas!;
        Assert.True(a.GlobalMoranI > 0 && a.GlobalMoranP < 0.05, $"I = {a.GlobalMoranI}, p = {a.GlobalMoranP}");
        Assert.True(a.Counts.GetValueOrDefault("HH") > 0);
    }

    [Fact]
    public void Demo_pipeline_stage_writes_the_hotspot_files_and_the_same_rows_as_a_default_run()
    {
        foreach (var f in new[] { HotspotAnalysis.CsvFile, HotspotAnalysis.TopCsvFile, HotspotAnalysis.ParametersFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(Result.CsvPath)!, f)), File.ReadAllBytes(Path.Combine(fixture.Run.HotspotsFolder, f)));
        Assert.Equal(Path.Combine(fixture.Run.OutputFolder, "hotspots"), fixture.Run.HotspotsFolder);
        Assert.Equal(Result.Rows.Length, fixture.Run.Hotspots!.Rows.Length);
        Assert.Contains(fixture.Run.Run.Manifest.Stages, s => s.Name == "hotspots");
    }
}
