using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// A render pass nobody sees (a new plot's first PNG pass, the SVG's settling pass) draws no plottable, while every
/// pass that is seen draws each one; the pixels and SVG stay ScottPlot's (<see cref="ChartFileTests"/>).
/// </summary>
public sealed class UnseenPassesTests
{
    /// <summary>Counts its drawings and the data area each one had.</summary>
    private sealed class CountingPlottable : IPlottable
    {
        public int Drawn { get; private set; }
        public bool IsVisible { get; set; } = true;
        public IAxes Axes { get; set; } = new Axes();
        public IEnumerable<LegendItem> LegendItems => [];
        public AxisLimits GetAxisLimits() => new(0, 10, 0, 10);

        public void Render(RenderPack rp)
        {
            Drawn++;
            Assert.Equal(rp.DataRect, Axes.DataRect);
        }
    }

    private static (Plot Plot, CountingPlottable Counted) NewPlot()
    {
        var plot = new Plot();
        var counted = new CountingPlottable();
        plot.Add.Plottable(counted);
        return (plot, counted);
    }

    [Fact]
    public void A_new_plots_png_draws_its_plottables_only_in_the_pass_that_reaches_the_image()
    {
        var (plot, counted) = NewPlot();
        ChartFile.PngBytes(plot, 400, 300, 2);
        // ScottPlot renders a new plot twice (its first pass sets the axis limits); only the second reaches the image.
        Assert.Equal(2, plot.RenderManager.RenderCount);
        Assert.Equal(1, counted.Drawn);
    }

    [Fact]
    public void An_svg_draws_its_plottables_once_not_in_the_pass_that_settles_its_layout()
    {
        var (plot, counted) = NewPlot();
        ChartFile.PngBytes(plot, 400, 300, 2);
        var before = (plot.RenderManager.RenderCount, counted.Drawn);
        ChartFile.SvgText(plot, 400, 300);
        Assert.True(plot.RenderManager.RenderCount - before.RenderCount >= 2, "the SVG settles its layout in a pass of its own");
        Assert.Equal(before.Drawn + 1, counted.Drawn);
    }

    [Fact]
    public void A_plot_rendered_by_scottplot_itself_afterwards_draws_every_pass()
    {
        var (plot, counted) = NewPlot();
        ChartFile.PngBytes(plot, 400, 300, 2);
        var drawn = counted.Drawn;
        var renders = plot.RenderManager.RenderCount;
        plot.GetImageBytes(400, 300, ImageFormat.Png);
        Assert.Equal(drawn + (plot.RenderManager.RenderCount - renders), counted.Drawn);
    }
}
