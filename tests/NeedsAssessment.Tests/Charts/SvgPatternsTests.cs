using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>The chart files' SVGs keep dashed lines and hatched fills, which Skia's SVG canvas drops.</summary>
public sealed class SvgPatternsTests
{
    [Fact]
    public void Dashed_lines_and_hatched_fills_come_out_dashed_and_hatched_and_the_plot_is_left_as_it_was()
    {
        var plot = ChartBuilder.NewPlot("Dashes", "x", "y", ChartSamples.Caption);
        var line = plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 1, 2, 1 });
        line.LinePattern = LinePattern.Dashed;
        line.Color = ChartPalette.Vermillion;
        var solid = plot.Add.HorizontalLine(1.5, 2, ChartPalette.Blue);
        var polygon = plot.Add.Polygon([new(0, 0), new(1, 0), new(1, 1)]);
        polygon.FillColor = ChartPalette.Suppressed;
        polygon.FillHatch = new ScottPlot.Hatches.Striped();
        polygon.FillHatchColor = ChartPalette.SuppressedHatch;
        ChartBuilder.ShowManualLegend(plot, [ChartBuilder.LineItem("Dashed", ChartPalette.Ink, 2, LinePattern.Dotted), ChartBuilder.SuppressedItem()]);

        var svg = SvgPatterns.Render(plot, 800, 500);

        Assert.Contains($"stroke=\"#D55E00\" stroke-dasharray=\"10 10\"", svg, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"3 5\"", svg, StringComparison.Ordinal);
        Assert.Contains("<pattern id=\"hatch1\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"url(#hatch1)\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("#0102", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("#0103", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"stroke=\"#0072B2\" stroke-dasharray", svg, StringComparison.Ordinal);

        // The plot keeps its own styles for the PNG drawn after it.
        Assert.Equal(LinePattern.Dashed.Intervals, line.LinePattern.Intervals);
        Assert.Equal(ChartPalette.Vermillion, line.Color);
        Assert.True(solid.LinePattern.Intervals is null or { Length: 0 });
        Assert.IsType<ScottPlot.Hatches.Striped>(polygon.FillHatch);
        Assert.Equal(ChartPalette.Suppressed, polygon.FillColor);
    }
}
