using NeedsAssessment.Charts;
using NeedsAssessment.Report;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The report's hot spot map and ranked list are the hot spot stage's own result rows: the squares drawn are the
/// stage's cells of its main period with the stage's classes, and the list is its <c>hotspot_top</c>.
/// </summary>
public class ReportHotspotMapTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static (HotspotReadResult Stage, HotspotSection Section) Load(string storePath)
    {
        using var store = AssessmentStore.Open(storePath, readOnly: true);
        var stage = HotspotAnalysis.Read(store);
        return (stage, ReportCharts.HotspotMap(stage, new ReportGeometry([], [], 0), "test-definition", "1"));
    }

    internal static void AssertMapIsTheStagesTable(HotspotReadResult stage, HotspotSection section)
    {
        var period = stage.Parameters!.Period;
        var rows = stage.Of("gistar", period).ToList();
        Assert.NotEmpty(rows);
        var map = section.Map!;
        double size = stage.Parameters.Grid!.CellSize;
        var drawn = Assert.Single(map.Plot.GetPlottables().OfType<GridCells>()).Cells
            .Select(c => (X: Math.Round((c.Rect.Left + c.Rect.Right) / 2, 3), Y: Math.Round((c.Rect.Bottom + c.Rect.Top) / 2, 3), FillColor: c.Fill,
                Width: c.Rect.Right - c.Rect.Left))
            .ToList();
        Assert.Equal(rows.Count, drawn.Count);
        Assert.All(drawn, d => Assert.Equal(size, d.Width, 6));
        var expected = rows.Select(r => (X: Math.Round(r.X, 3), Y: Math.Round(r.Y, 3), ChartPalette.ForHotspot(Enum.Parse<HotspotClass>(r.Class, ignoreCase: true))))
            .OrderBy(t => t.X).ThenBy(t => t.Y).ToList();
        Assert.Equal(expected, drawn.Select(d => (d.X, d.Y, d.FillColor)).OrderBy(t => t.X).ThenBy(t => t.Y).ToList());

        // The data table's class counts are the stage's.
        foreach (var row in map.Data.Rows)
        {
            var cls = HotspotMapChart.LegendOrder.Single(c => HotspotMapChart.ClassLabel(c) == row[0]);
            Assert.Equal(rows.Count(r => r.Class == HotspotAnalysis.ClassName(cls)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), row[1]);
        }

        // The ranked list is the stage's list (its cluster peaks), in the stage's order, and the map's period is the stage's.
        var peaks = stage.Top.GroupBy(t => t.Cluster).Select(g => g.OrderBy(t => t.Rank).First()).OrderBy(t => t.Rank).Take(10).ToList();
        Assert.Equal(peaks.Select(t => t.UnitId), section.Top.Select(t => t.UnitId));
        Assert.All(section.Top, t => Assert.Contains(rows, r => r.UnitId == t.UnitId && r.Class.StartsWith("hot", StringComparison.Ordinal)));
        var months = MonthPeriod.Parse(period);
        Assert.Equal(ReportFormat.Period(months.From, months.To), section.Period);
        Assert.Equal(section.Period, map.Caption.Period);
    }

    [Fact]
    public void The_report_reads_the_rows_it_maps_as_the_full_read_has_them_and_no_others()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var full = HotspotAnalysis.Read(store);
        var mapped = HotspotAnalysis.ReadMapped(store);
        var period = full.Parameters!.Period;

        // The fixture's stage ran the trend, so the full table holds rows the report does not draw.
        Assert.Contains(full.Rows, r => r.Method == "gistar" && r.Period != period);
        Assert.Equal(full.Rows.Where(r => r.Method is "lisa" or "kde" || (r.Method == "gistar" && r.Period == period)), mapped.Rows);
        Assert.NotEmpty(mapped.Of("gistar", period));
        Assert.Equal(full.Top.Select(t => t.ToString()), mapped.Top.Select(t => t.ToString()));
        Assert.Equal(full.Classes.Select(c => c.ToString()), mapped.Classes.Select(c => c.ToString()));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(full.Parameters), System.Text.Json.JsonSerializer.Serialize(mapped.Parameters));
        var (fromFull, fromMapped) = (ReportCharts.HotspotMap(full, new ReportGeometry([], [], 0), "d", "1"), ReportCharts.HotspotMap(mapped, new ReportGeometry([], [], 0), "d", "1"));
        Assert.Equal(ChartFile.PngBytes(fromFull.Map!.Plot, 800, 500), ChartFile.PngBytes(fromMapped.Map!.Plot, 800, 500));
    }

    [Fact]
    public void The_map_draws_the_hot_spot_stages_cells_and_classes_and_the_list_is_its_ranked_list()
    {
        var (stage, section) = Load(fixture.StorePath);
        AssertMapIsTheStagesTable(stage, section);
        // The population baseline finds cold spots too; the report's old raw-count grid found none.
        Assert.Contains(stage.Of("gistar", stage.Parameters!.Period), r => r.Class.StartsWith("cold", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_prints_the_hot_spot_stages_period_on_the_map_and_the_ranked_list()
    {
        var (_, section) = Load(fixture.StorePath);
        var html = File.ReadAllText(fixture.Report.HtmlPath);
        Assert.Contains($"{section.Top.Count} strongest hot spots", html.Replace("ten strongest", $"{section.Top.Count} strongest", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"across), {System.Net.WebUtility.HtmlEncode(section.Period)}: the hot spot stage", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_hot_spot_stage_the_report_draws_no_map_of_its_own()
    {
        var section = ReportCharts.HotspotMap(null, new ReportGeometry([], [], 0), "d", "1");
        Assert.Null(section.Map);
        Assert.Empty(section.Top);
    }
}

/// <summary>The same check on the real North Yorkshire files (examples/north-yorkshire.assessment.yaml).</summary>
[Collection(RealExampleCollection.Name)]
public class RealExampleHotspotMapTests(RealExampleFixture fixture)
{
    [Fact]
    public void On_the_real_example_the_map_draws_the_hot_spot_stages_cells_and_the_list_is_its_ranked_list()
    {
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        var stage = HotspotAnalysis.Read(store);
        var section = ReportCharts.HotspotMap(stage, new ReportGeometry([], [], 0), "test-definition", "1");
        ReportHotspotMapTests.AssertMapIsTheStagesTable(stage, section);
        Assert.NotEmpty(section.Top);
        // The grid is clipped to the LSOA boundaries of York and North Yorkshire: the sea and the neighbouring
        // counties inside the grid's rectangle are not analysed, and the map draws only the analysed cells.
        var grid = stage.Parameters!.Grid!;
        Assert.StartsWith("cells whose centre lies inside the boundaries of the area's LSOAs (500 of 500", grid.AnalysedRule, StringComparison.Ordinal);
        Assert.InRange(grid.AnalysedCells, 1, grid.Columns * grid.Rows * 0.7);
        // The published report says the stage's period beside the map.
        var html = File.ReadAllText(Path.Combine(fixture.Run.OutputFolder, AssessmentReport.FileName));
        Assert.Contains($"across), {System.Net.WebUtility.HtmlEncode(section.Period)}: the hot spot stage", html, StringComparison.Ordinal);
    }
}
