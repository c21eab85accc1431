using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>Every map names places, has a scale bar and north arrow, and shows no British National Grid metres.</summary>
public sealed class MapDecorationTests
{
    public static TheoryData<string> Maps() => ["hotspot", "choropleth", "lisa", "kde"];

    private static Chart Map(string kind) => kind switch
    {
        "hotspot" => HotspotMapChart.Create(ChartSamples.Hotspots(ChartSamples.Shape.Normal), ChartSamples.Districts(), ChartSamples.Caption, places: ChartFrameTests.Places()),
        "choropleth" => ChoroplethChart.Create(ChartSamples.Lsoas(ChartSamples.Shape.Normal).Values, ChartSamples.Lsoas(ChartSamples.Shape.Normal).Shapes, ChartSamples.Districts(),
            "Rate", ChartSamples.Caption, "Rate by LSOA", ChartFrameTests.Places()),
        _ => ChartFrameTests.Build(kind),
    };

    [Theory]
    [MemberData(nameof(Maps))]
    public void A_map_has_no_grid_metres_on_its_axes_and_names_places_with_a_scale_bar_and_north_arrow(string kind)
    {
        var chart = Map(kind);
        chart.Plot.RenderInMemory(1000, 620);
        foreach (var axis in new IAxis[] { chart.Plot.Axes.Bottom, chart.Plot.Axes.Left })
        {
            Assert.Equal(string.Empty, axis.Label.Text);
            Assert.DoesNotContain(axis.TickGenerator.Ticks, t => t.IsMajor && !string.IsNullOrWhiteSpace(t.Label) && axis.TickLabelStyle.IsVisible);
        }

        var overlay = Assert.Single(chart.Plot.GetPlottables().OfType<MapDecorations.MapOverlay>());
        Assert.Equal(2, overlay.Furniture.Count);
        Assert.NotEmpty(overlay.Placed);
        var boxes = overlay.Placed.Select(p => p.Box).Concat(overlay.Furniture).ToList();
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
                Assert.False(Overlap(boxes[i], boxes[j]), $"{kind}: labels or scale bar and arrow overlap: {boxes[i]} and {boxes[j]}");
        var data = chart.Plot.RenderManager.LastRender.DataRect;
        Assert.All(boxes, b => Assert.True(b.Left >= data.Left && b.Right <= data.Right && b.Top >= data.Top && b.Bottom <= data.Bottom, $"{kind}: {b} leaves the map {data}"));
    }

    [Fact]
    public void A_map_with_nothing_to_draw_shows_no_grid_metres_either()
    {
        var chart = HotspotMapChart.Create(ChartSamples.Hotspots(ChartSamples.Shape.Empty), [], ChartSamples.Caption);
        chart.Plot.RenderInMemory(1000, 620);
        Assert.Equal(string.Empty, chart.Plot.Axes.Bottom.Label.Text);
        Assert.Equal(string.Empty, chart.Plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void A_label_that_would_overlap_one_placed_before_it_or_a_cell_to_keep_clear_is_left_out()
    {
        var plot = ChartBuilder.NewPlot("Map", string.Empty, string.Empty, ChartSamples.Caption);
        plot.Add.Rectangle(440_000, 460_000, 300_000, 310_000);
        plot.Axes.SquareUnits();
        var places = new List<MapPlace>
        {
            new("Castleton", 450_000, 305_000, Emphasis: true, Point: false),
            new("Castleton twin", 450_000, 305_000, Emphasis: true, Point: false),
            new("Dunmore", 445_000, 302_000),
        };

        // The whole lower-left quarter, where Dunmore is, must stay clear: its label has nowhere to go.
        MapDecorations.Add(plot, 20_000, places, [new CoordinateRect(440_000, 449_000, 300_000, 304_500)]);
        plot.RenderInMemory(1000, 620);
        var overlay = plot.GetPlottables().OfType<MapDecorations.MapOverlay>().Single();
        var placed = overlay.Placed.Select(p => p.Place.Name).ToList();
        Assert.Contains("Castleton", placed);
        Assert.Contains("Castleton twin", placed);
        Assert.False(Overlap(overlay.Placed[0].Box, overlay.Placed[1].Box));
        Assert.DoesNotContain("Dunmore", placed);
    }

    private static bool Overlap(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
