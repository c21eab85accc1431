using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// A map's small areas drawn as one plottable are the drawing of one ScottPlot polygon per area, as the maps were
/// drawn before: the same PNG, and an SVG with the same shapes in the same order under the same clip, with one clip
/// path for all the areas instead of one each. Hatched and outline-free areas included.
/// </summary>
public sealed class AreaPolygonsTests
{
    private static readonly Color[] Fills = [Color.FromHex("#440154"), Color.FromHex("#3B528B"), Color.FromHex("#21918C"), Color.FromHex("#5EC962"), Color.FromHex("#FDE725")];

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public void The_areas_draw_as_one_polygon_per_area_did(float scale)
    {
        var rings = Rings();
        var perArea = Map(plot =>
        {
            for (var i = 0; i < rings.Count; i++) Style(plot.Add.Polygon(rings[i]), i);
        });
        var areas = new AreaPolygons();
        var shared = Map(plot =>
        {
            for (var i = 0; i < rings.Count; i++) Style(areas.Add(rings[i]), i);
            plot.Add.Plottable(areas);
        });

        SvgShapes.AssertDrawnAlike(perArea, shared, rings.Count, scale);
        Assert.Equal(rings.Count, areas.Polygons.Count);
    }

    [Fact]
    public void Areas_set_the_axis_limits_of_their_rings_and_none_when_empty()
    {
        var areas = new AreaPolygons();
        Assert.Equal(AxisLimits.NoLimits.ToString(), areas.GetAxisLimits().ToString());
        Assert.Empty(areas.LegendItems);
        areas.Add([new(10, 20), new(14, 20), new(14, 26)]);
        areas.Add([new(-3, 5), new(0, 5), new(0, 8)]);
        Assert.Equal(new AxisLimits(-3, 14, 5, 26), areas.GetAxisLimits());
    }

    // The districts of the sample county and boxes inside and beside them, largest first as the maps order them.
    private static List<Coordinates[]> Rings() =>
        [.. ChartSamples.Districts().Select(d => d.Boundary).Concat(
                Enumerable.Range(0, 6).Select(k => (NetTopologySuite.Geometries.Geometry)ChartSamples.Box(440_000 + (k * 1500), 300_000, 441_200 + (k * 1500), 301_000 + (k * 300))))
            .SelectMany(ChartBuilder.PolygonsOf)
            .OrderByDescending(p => p.Area)
            .Select(p => ChartBuilder.RingCoordinates(p.ExteriorRing))];

    // As the choropleth and cluster maps style an area: a class fill, a thin white outline, no vertex markers; some
    // hatched (suppressed, or an outlier class), one without an outline.
    private static void Style(ScottPlot.Plottables.Polygon polygon, int i)
    {
        polygon.FillColor = Fills[i % Fills.Length];
        polygon.LineColor = Colors.White;
        polygon.LineWidth = i == 2 ? 0 : 0.5f;
        polygon.MarkerStyle.IsVisible = false;
        if (i % 3 == 1)
        {
            polygon.FillHatch = new ScottPlot.Hatches.Striped();
            polygon.FillHatchColor = Colors.White.WithAlpha(0.6);
        }
    }

    private static Plot Map(Action<Plot> addAreas) => ChartSamples.Map("Serious violence per 1,000 residents", addAreas);
}
