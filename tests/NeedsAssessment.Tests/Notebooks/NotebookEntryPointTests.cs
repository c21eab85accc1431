using Deedle;
using NeedsAssessment.Indicators;
using NeedsAssessment.Notebooks;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Notebooks;

public sealed class NotebookEntryPointTests
{
    [Fact]
    public void QueryFrame_gives_types_deedle_can_convert_and_missing_for_null()
    {
        using var store = AssessmentStore.Open(":memory:");
        var frame = store.QueryFrame("""
            SELECT * FROM (VALUES (DATE '2024-04-01', 3::BIGINT, 1.5::DECIMAL(5,2), 'a'), (DATE '2024-05-01', NULL, 2.25, NULL)) t(month, n, d, s)
            UNION ALL SELECT DATE '2024-06-01', sum(x), 0, 'c' FROM range(10) r(x)
            """);

        Assert.Equal(["month", "n", "d", "s"], frame.ColumnKeys);
        Assert.Equal(3, frame.RowCount);
        Assert.Equal(new DateTime(2024, 5, 1), frame.GetColumn<DateTime>("month")[1]);
        Assert.Equal(45L, frame.GetColumn<long>("n")[2]);
        Assert.False(frame.GetColumn<long>("n").TryGet(1).HasValue);
        Assert.Equal(2.25, frame.GetColumn<double>("d")[1]);
        Assert.False(frame.GetColumn<string>("s").TryGet(1).HasValue);
    }

    [Fact]
    public void QueryFrame_of_an_empty_result_has_the_columns_and_no_rows()
    {
        using var store = AssessmentStore.Open(":memory:");
        var frame = store.QueryFrame("SELECT kind, count(*) AS n FROM loads GROUP BY kind");
        Assert.Equal(0, frame.RowCount);
        Assert.Equal(["kind", "n"], frame.ColumnKeys);
        Assert.Contains("0 rows x 2 columns", NotebookDisplay.FrameHtml(frame), StringComparison.Ordinal);
    }

    [Fact]
    public void FrameHtml_shows_the_first_rows_encoded_and_says_how_many_there_are()
    {
        using var store = AssessmentStore.Open(":memory:");
        var frame = store.QueryFrame("SELECT x, '<b>' || x AS label, CASE WHEN x % 2 = 0 THEN x END AS even FROM range(30) r(x)");

        var html = NotebookDisplay.FrameHtml(frame, maxRows: 5);

        Assert.Equal(1 + 5, html.Split("<tr><th>").Length - 1); // the header row and five data rows
        Assert.Contains("&lt;b&gt;4", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("30 rows x 3 columns; first 5 shown", html, StringComparison.Ordinal);
        Assert.Equal(html, NotebookDisplay.FrameHtml((object)frame, maxRows: 5));
    }

    [Fact]
    public void SeriesHtml_shows_keys_and_values()
    {
        using var store = AssessmentStore.Open(":memory:");
        var frame = store.QueryFrame("SELECT x * 1.5 AS v FROM range(3) r(x)");
        var html = NotebookDisplay.SeriesHtml((object)frame.GetColumn<double>("v"));
        Assert.Contains("<tr><th>2</th><td>3</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("3 entries", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotHtml_embeds_a_png()
    {
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(new double[] { 1, 2 }, new double[] { 3, 4 });
        var html = NotebookDisplay.PlotHtml(plot, 200, 150, "two points");
        Assert.StartsWith("<img src=\"data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"two points\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_offers_plots_charts_tables_and_open_generic_frames()
    {
        var types = new List<Type>();
        NotebookDisplay.Register((type, _) => types.Add(type));
        Assert.Equal([typeof(ScottPlot.Plot), typeof(NeedsAssessment.Charts.Chart), typeof(NeedsAssessment.Charts.ChartDataTable), typeof(Frame<,>), typeof(Series<,>)], types);
    }

    [Fact]
    public void Hotspot_results_become_one_row_per_cell()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 400).Select(_ => new SpatialPoint(random.NextDouble() * 1000, random.NextDouble() * 1000))
            .Concat(Enumerable.Range(0, 100).Select(_ => new SpatialPoint(100 + random.NextDouble() * 50, 100 + random.NextDouble() * 50))).ToList();
        var gi = HotspotGiStar.Find(points, cellSize: 100);
        var frame = gi.ToFrame();
        Assert.Equal(gi.Grid.Cells.Length, frame.RowCount);
        Assert.Equal(["cell", "x", "y", "count", "sum", "z", "p", "p_adjusted", "class"], frame.ColumnKeys);
        Assert.Equal(points.Count, frame.GetColumn<int>("count").Values.Sum());

        var trends = HotspotTrends.Find([points.Take(250).ToList(), points.Skip(250).ToList()], cellSize: 100).ToFrame();
        Assert.Contains("class_2", trends.ColumnKeys);
        Assert.Equal(gi.Grid.Cells.Length, trends.RowCount);
    }

    [Fact]
    public void Quarantine_rows_become_a_frame_with_missing_line_and_column()
    {
        var rows = new[]
        {
            new QuarantineRow(1, "a.csv", 3, 4, "month", "2024-13", "type", "Not a month", "{}"),
            new QuarantineRow(1, "a.csv", 5, null, null, null, "malformed", "Too many fields", null),
        };
        var frame = rows.ToFrame();
        Assert.Equal(2, frame.RowCount);
        Assert.Equal(4L, frame.GetColumn<long>("line")[0]);
        Assert.False(frame.GetColumn<long>("line").TryGet(1).HasValue);
        Assert.False(frame.GetColumn<string>("column").TryGet(1).HasValue);
    }

    [Fact]
    public void Indicator_values_become_the_indicator_table_with_missing_where_there_is_no_value()
    {
        var suppressed = new IndicatorValue
        {
            IndicatorId = "sv_rate", Domain = "prevalence", Level = "lsoa", AreaCode = "E01000001", PeriodType = "financial_year",
            PeriodStart = new DateOnly(2024, 4, 1), PeriodEnd = new DateOnly(2025, 3, 31), Multiplier = 1000, Method = "none",
            Comparison95 = "not compared", Comparison998 = "not compared", Suppressed = true, Note = "suppressed: count under 10",
        };
        var shown = suppressed with { AreaCode = "E01000002", Count = 12, Denominator = 1500, Value = 8, Lower95 = 4.1, Upper95 = 14, Suppressed = false, Note = null };

        var frame = new[] { suppressed, shown }.ToFrame();

        Assert.Equal(IndicatorTable.Columns, frame.ColumnKeys);
        Assert.False(frame.GetColumn<long>("count").TryGet(0).HasValue);
        Assert.Equal(12L, frame.GetColumn<long>("count")[1]);
        Assert.False(frame.GetColumn<double>("value").TryGet(0).HasValue);
        Assert.Equal(new DateTime(2024, 4, 1), frame.GetColumn<DateTime>("period_start")[1]);
        Assert.True(frame.GetColumn<bool>("suppressed")[0]);
    }

    [Fact]
    public void Hotspot_stage_rows_become_a_frame()
    {
        var rows = new[]
        {
            new HotspotRow("gistar", "2024-04:2025-03", "E460000N461000", 460250, 461250, 12, 8.5, 3.5, 4.2, 0.0001, 0.002, "hot99"),
            new HotspotRow("kde", "2024-04:2025-03", "E460000N461000", 460250, 461250, 12, null, 40, null, null, null, "top1"),
        };
        var frame = rows.ToFrame();
        Assert.Equal(2, frame.RowCount);
        Assert.Equal(4.2, frame.GetColumn<double>("z")[0]);
        Assert.False(frame.GetColumn<double>("z").TryGet(1).HasValue);
    }
}
