using NeedsAssessment.Charts;
using NetTopologySuite.Geometries;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

/// <summary>The spine chart, the local Moran map and the density map: render, keep text, and print only their inputs.</summary>
public sealed class SpineAndMapChartTests
{
    private static readonly ChartCaption Caption = ChartSamples.Caption;

    private static IReadOnlyList<SpineRow> Spine(int n) => Enumerable.Range(0, n).Select(i => new SpineRow(
        $"Indicator {i} per 1,000 residents a year", 40 + i, 42.5 + i, [30.3 + i, 38 + i, 55.8 + i],
        new[] { "worse", "similar", "better", "higher", "not compared" }[i % 5], i % 3 == 0 ? "no_judgement" : "higher_is_worse")).ToList();

    private static int DarkPixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
                if (bitmap.GetPixel(x, y) is var c && c.Red < 90 && c.Green < 90 && c.Blue < 90) dark++;
        return dark;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    public void The_spine_chart_renders_with_text_and_its_data_table_prints_its_inputs(int n)
    {
        var chart = SpineChart.Create(Spine(n), "Synthshire overall", "districts", Caption, "Indicators against the districts");
        var png = ChartFile.PngBytes(chart.Plot, 1000, 620);
        Assert.True(DarkPixels(png) > 500, "Too few dark pixels: the chart's text did not render.");
        Assert.Equal(n, chart.Data.Rows.Count);
        Assert.All(chart.Data.Rows, r => Assert.Equal(chart.Data.Columns.Count, r.Count));
        Assert.EndsWith(".", chart.AltText, StringComparison.Ordinal);
        if (n > 0)
        {
            var first = chart.Data.Rows[0];
            Assert.Equal(["Indicator 0 per 1,000 residents a year", "40.0", "42.5", "30.3", "55.8", "worse"], first);
        }
    }

    [Fact]
    public void Every_judgement_has_its_own_marker_shape_so_the_chart_reads_without_colour()
    {
        var judgements = new[] { "worse", "similar", "better", "higher", "not compared" };
        Assert.Equal(judgements.Length, judgements.Select(SpineChart.JudgementShape).Distinct().Count());
        Assert.Equal(SpineChart.JudgementShape("higher"), SpineChart.JudgementShape("lower"));
        Assert.NotEqual(SpineChart.JudgementColour("higher"), SpineChart.JudgementColour("lower"));
    }

    private static Polygon Box(double x0, double y0, double x1, double y1) => ChartSamples.Box(x0, y0, x1, y1);

    [Fact]
    public void The_local_moran_map_colours_each_neighbourhood_by_its_class_and_keys_the_stages_counts()
    {
        var classes = new[] { "HH", "LL", "HL", "LH", "ns" };
        var areas = Enumerable.Range(0, 50).Select(k => new LisaArea($"E0100{k:0000}", 440_500 + (k % 10) * 1000, 300_500 + (k / 10) * 1000, classes[k % 5])).ToList();
        var shapes = Enumerable.Range(0, 50).Select(k => new AreaShape($"E0100{k:0000}", $"LSOA {k}", Box(440_000 + (k % 10) * 1000, 300_000 + (k / 10) * 1000, 441_000 + (k % 10) * 1000, 301_000 + (k / 10) * 1000))).ToList();
        var counts = classes.Select(c => (c, 10L, 20.0)).ToList();
        foreach (var withShapes in new[] { true, false })
        {
            var chart = LisaClusterMapChart.Create(areas, withShapes ? shapes : [], ChartSamples.Districts(), counts, Caption);
            Assert.True(DarkPixels(ChartFile.PngBytes(chart.Plot, 1000, 620)) > 500);
            Assert.Equal(5, chart.Data.Rows.Count);
            Assert.All(chart.Data.Rows, r => Assert.Equal(["10", "20.0"], r.Skip(1)));
        }
        var empty = LisaClusterMapChart.Create([], [], [], [], Caption);
        Assert.Empty(empty.Data.Rows);
        ChartFile.PngBytes(empty.Plot, 600, 400);
    }

    [Fact]
    public void The_density_map_draws_the_stages_bands_and_keys_its_counts()
    {
        var bands = new[] { "top1", "top5", "top10", "none" };
        var cells = Enumerable.Range(0, 400).Select(k => new KdeCell(440_200 + (k % 20) * 400, 300_200 + (k / 20) * 400, bands[Math.Min(3, k % 7)])).ToList();
        var chart = KdeSurfaceChart.Create(cells, 400, ChartSamples.Districts(), bands.Select(b => (b, 100L, 25.0)).ToList(), Caption);
        Assert.True(DarkPixels(ChartFile.PngBytes(chart.Plot, 1000, 620)) > 500);
        Assert.Equal(["Densest 1% of cells", "100", "25.0"], chart.Data.Rows[0]);
        var empty = KdeSurfaceChart.Create([], 400, [], [], Caption);
        ChartFile.PngBytes(empty.Plot, 600, 400);
        Assert.Empty(empty.Data.Rows);
    }
}
