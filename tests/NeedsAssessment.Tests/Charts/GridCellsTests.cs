using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// A map's cells drawn as one plottable are the drawing of one ScottPlot rectangle per cell, as the maps were drawn
/// before: the same PNG, and an SVG with the same shapes in the same order under the same clip, with outlines and a
/// place name drawn over them, but one clip path for all the cells instead of one each. The outlines and area
/// polygons skip their size-0 vertex markers, which drew nothing.
/// </summary>
public sealed class GridCellsTests
{
    private static readonly Color[] Fills = [Color.FromHex("#FDE7CC"), Color.FromHex("#FC8D59"), Color.FromHex("#D7301F"), Color.FromHex("#7F0000")];

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    public void The_cells_draw_as_one_rectangle_per_cell_did(float scale)
    {
        var cells = Cells();
        var rectangles = Map(plot =>
        {
            foreach (var (x, y, fill) in cells)
            {
                var r = plot.Add.Rectangle(x - 200, x + 200, y - 200, y + 200);
                r.FillColor = fill;
                r.FillStyle.AntiAlias = false;
                r.LineWidth = 0;
            }
        });
        var grid = Map(plot =>
        {
            var squares = new GridCells();
            foreach (var (x, y, fill) in cells) squares.Add(x, y, 400, fill);
            plot.Add.Plottable(squares);
        });

        // Each cell had a clip path of its own; now the cells share one, and the SVG is less than half the size.
        var (perCell, shared) = SvgShapes.AssertDrawnAlike(rectangles, grid, cells.Count, scale);
        Assert.True(shared.Length < perCell.Length / 2, $"{shared.Length:N0} characters of SVG against {perCell.Length:N0}");
    }


    [Fact]
    public void A_grid_without_cells_sets_no_axis_limits()
    {
        Assert.Equal(AxisLimits.NoLimits.ToString(), new GridCells().GetAxisLimits().ToString());
        Assert.Empty(new GridCells().LegendItems);
    }

    [Fact]
    public void The_cells_keep_the_order_they_were_added_in()
    {
        var squares = new GridCells();
        squares.Add(10, 20, 4, Fills[3]);
        squares.Add(0, 0, 4, Fills[0]);
        Assert.Equal([(new CoordinateRect(8, 12, 18, 22), Fills[3]), (new CoordinateRect(-2, 2, -2, 2), Fills[0])], squares.Cells);
        Assert.Equal(new AxisLimits(-2, 12, -2, 22), squares.GetAxisLimits());
    }

    [Fact]
    public void Outlines_and_polygons_without_vertex_markers_draw_as_with_markers_of_size_0()
    {
        Plot Draw(bool markers)
        {
            var plot = Map(_ => { });
            var area = plot.Add.Polygon(ChartSamples.Districts()[0].Boundary.Coordinates.Select(c => new Coordinates(c.X, c.Y)).ToArray());
            area.LineColor = Colors.White;
            area.LineWidth = 0.5f;
            area.FillHatch = new ScottPlot.Hatches.Striped();
            area.MarkerStyle.IsVisible = markers;
            foreach (var line in plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>())
            {
                Assert.False(line.MarkerStyle.IsVisible);
                Assert.Equal(0, line.MarkerSize);
                line.MarkerStyle.IsVisible = markers;
            }
            return plot;
        }

        Assert.Equal(ChartFile.PngBytes(Draw(true), 1000, 620, 2), ChartFile.PngBytes(Draw(false), 1000, 620, 2));
        Assert.Equal(ChartFile.SvgText(Draw(true), 1000, 620), ChartFile.SvgText(Draw(false), 1000, 620));
    }

    // A 30 x 20 grid of 400 m cells, their bands in stripes, with a hole (cells outside the area are not drawn).
    private static List<(double X, double Y, Color Fill)> Cells() =>
        [.. from i in Enumerable.Range(0, 30)
            from j in Enumerable.Range(0, 20)
            where !(i is > 10 and < 14 && j is > 5 and < 9)
            select (440_200.0 + (i * 400), 300_200.0 + (j * 400), Fills[(i + (2 * j)) % Fills.Length])];

    // A map as the report draws one (cells, district outlines over them, square units, a place name) and a manual key.
    private static Plot Map(Action<Plot> addCells)
    {
        var plot = ChartSamples.Map("Kernel density of serious violence", addCells);
        ChartBuilder.ShowManualLegend(plot, [.. Fills.Select((f, k) => ChartBuilder.FillItem($"Band {k + 1}", f, ChartPalette.KeyOutline))]);
        return plot;
    }
}
