using NeedsAssessment.Charts;
using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

public class ChartRenderingTests
{
    public static TheoryData<string, ChartSamples.Shape> AllCharts()
    {
        var data = new TheoryData<string, ChartSamples.Shape>();
        foreach (var kind in ChartSamples.Kinds)
        {
            foreach (var shape in Enum.GetValues<ChartSamples.Shape>())
            {
                data.Add(kind, shape);
            }
        }

        return data;
    }

    public static TheoryData<string> Kinds() => [.. ChartSamples.Kinds];

    [Theory]
    [MemberData(nameof(AllCharts))]
    public void Every_chart_renders_for_normal_empty_single_and_constant_data(string kind, ChartSamples.Shape shape)
    {
        var chart = ChartSamples.Build(kind, shape);

        var png = ChartFile.PngBytes(chart.Plot, 900, 600);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(900, bitmap.Width);
        Assert.Equal(600, bitmap.Height);
        Assert.Contains("<svg", chart.Plot.GetSvgXml(900, 600), StringComparison.Ordinal);

        Assert.False(string.IsNullOrWhiteSpace(chart.Title));
        Assert.EndsWith(".", chart.AltText, StringComparison.Ordinal);
        Assert.DoesNotContain(". ", chart.AltText.TrimEnd('.').Replace("e.g. ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(chart.Data.Rows, row => Assert.Equal(chart.Data.Columns.Count, row.Count));
        Assert.DoesNotContain("NaN", string.Join("|", chart.Data.Rows.SelectMany(r => r)), StringComparison.Ordinal);
        Assert.Equal(ChartSamples.Caption.Source, chart.Caption.Source);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Suppressed_values_are_never_drawn_or_printed_as_numbers(string kind)
    {
        // Suppressed inputs carry a sentinel value: if any chart plotted it, the data limits would reach it,
        // and if any table printed it, the text would appear.
        var chart = ChartSamples.Build(kind, ChartSamples.Shape.Normal);
        var cells = chart.Data.Rows.SelectMany(r => r).ToList();
        Assert.DoesNotContain(cells, c => c.Contains("987", StringComparison.Ordinal) && c.Contains("654", StringComparison.Ordinal));
        if (kind is not ("hotspot" or "lorenz" or "forecastfan" or "typology"))
        {
            Assert.Contains(ChartDataTable.SuppressedText, cells);
        }

        chart.Plot.RenderInMemory(800, 500);
        var limits = chart.Plot.Axes.GetDataLimits();
        Assert.True(limits.Top < ChartSamples.Sentinel && limits.Right < ChartSamples.Sentinel - 100_000 || kind is "hotspot" or "choropleth", $"{kind}: data limits {limits} reach the suppressed sentinel");
        var svg = chart.Plot.GetSvgXml(800, 500);
        Assert.DoesNotContain("987654", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("987,654", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Text>(), t => t.LabelText.Contains("987", StringComparison.Ordinal));
    }

    [Fact]
    public void Suppressed_heat_map_cells_are_blank()
    {
        var cells = new List<DayHourCount> { new(DayOfWeek.Monday, 0, 40), new(DayOfWeek.Monday, 1, 2, Suppressed: true), new(DayOfWeek.Sunday, 23, 5) };
        var grid = DayHourHeatmapChart.Grid(cells, out var suppressed);
        Assert.Equal(1, suppressed);
        Assert.Equal(40, grid[0, 0]);
        Assert.True(double.IsNaN(grid[0, 1]));
        Assert.Equal(5, grid[6, 23]);

        var chart = DayHourHeatmapChart.Create(cells, ChartSamples.Caption, "Test");
        var heatmap = Assert.Single(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Heatmap>());
        Assert.True(double.IsNaN(heatmap.Intensities[0, 1]));
        Assert.Equal("suppressed", chart.Data.Rows[0][2]);
        Assert.Equal("40", chart.Data.Rows[0][1]);
    }

    [Fact]
    public void Choropleth_paints_suppressed_and_unmatched_areas_grey_and_hatched()
    {
        var shapes = new[]
        {
            new AreaShape("A", "A", ChartSamples.Box(0, 0, 10, 10)),
            new AreaShape("B", "B", ChartSamples.Box(10, 0, 20, 10)),
            new AreaShape("C", "C", ChartSamples.Box(20, 0, 30, 10)),
        };
        var values = new[] { new AreaValue("A", "A", 5, null, null, false), new AreaValue("B", "B", ChartSamples.Sentinel, null, null, true) };
        var chart = ChoroplethChart.Create(values, shapes, [], "Rate", ChartSamples.Caption, "Test");
        var polygons = Assert.Single(chart.Plot.GetPlottables().OfType<AreaPolygons>()).Polygons;
        Assert.Equal(3, polygons.Count);
        Assert.Equal(2, polygons.Count(p => p.FillColor == ChartPalette.Suppressed && p.FillHatch is not null));
        Assert.Contains(chart.Plot.Legend.ManualItems, i => i.LabelText.StartsWith("Suppressed or no data (2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Caterpillar_lists_suppressed_areas_by_name_without_a_point()
    {
        var areas = new[]
        {
            new AreaValue("1", "High", 20, 18, 22, false),
            new AreaValue("2", "Similar", 10, 8, 12, false),
            new AreaValue("3", "Hidden", ChartSamples.Sentinel, null, null, true),
        };
        var chart = CaterpillarChart.Create(areas, 10, "England", "Rate", ChartSamples.Caption, "Test");
        var points = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().SelectMany(m => m.Data.GetScatterPoints()).ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal(["High", "20.0", "18.0", "22.0", "Higher than England (95%)"], chart.Data.Rows[0]);
        Assert.Equal(["Hidden", "suppressed", "", "", ""], chart.Data.Rows[2]);
    }

    [Fact]
    public void Saves_png_and_svg_side_by_side()
    {
        var folder = Path.Combine(Path.GetTempPath(), "na-chart-save-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (png, svg) = ChartFile.Save(ChartSamples.Build("lorenz", ChartSamples.Shape.Normal), Path.Combine(folder, "sub", "lorenz"), 640, 480);
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal(640, bitmap.Width);
            Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Writes every chart to $NA_CHART_PREVIEW_DIR for looking at by eye; skipped when the variable is unset, so CI
    /// never writes images.
    /// </summary>
    [PreviewFact("NA_CHART_PREVIEW_DIR")]
    public void Writes_previews_when_asked()
    {
        var folder = Environment.GetEnvironmentVariable("NA_CHART_PREVIEW_DIR")!;

        foreach (var kind in ChartSamples.Kinds)
        {
            // A contact sheet of the edge cases (empty, single, constant) at half size, to review them at a glance.
            using var sheet = new SKBitmap(1500, 325);
            using var canvas = new SKCanvas(sheet);
            canvas.Clear(SKColors.White);
            var column = 0;
            foreach (var shape in Enum.GetValues<ChartSamples.Shape>())
            {
                if (shape != ChartSamples.Shape.Normal)
                {
                    using var image = SKBitmap.Decode(ChartFile.PngBytes(ChartSamples.Build(kind, shape).Plot));
                    canvas.DrawBitmap(image, new SKRect(column * 500, 0, (column * 500) + 500, 325));
                    column++;
                }

                var chart = ChartSamples.Build(kind, shape);
                ChartFile.Save(chart, Path.Combine(folder, $"{kind}-{shape.ToString().ToLowerInvariant()}"));
                File.WriteAllText(
                    Path.Combine(folder, $"{kind}-{shape.ToString().ToLowerInvariant()}.txt"),
                    $"{chart.Title}\n{chart.AltText}\n{chart.Caption}\n{string.Join(" | ", chart.Data.Columns)}\n{string.Join("\n", chart.Data.Rows.Select(r => string.Join(" | ", r)))}\n");
            }

            using var stream = File.Create(Path.Combine(folder, $"sheet-{kind}.png"));
            sheet.Encode(stream, SKEncodedImageFormat.Png, 100);
        }
    }
}
