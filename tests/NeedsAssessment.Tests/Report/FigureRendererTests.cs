using NeedsAssessment.Charts;
using NeedsAssessment.Report;
using NeedsAssessment.Tests.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The report's figures are drawn on worker threads while the sections are built; each figure's PNG and SVG must be
/// the bytes one thread drawing them one at a time gives, and a drawing that fails must fail the report where it is read.
/// </summary>
public sealed class FigureRendererTests
{
    [Fact]
    public void Figures_drawn_on_several_threads_have_the_bytes_of_figures_drawn_one_at_a_time()
    {
        // Every chart type, three times over, so the threads draw different plots of one type at the same moment.
        var kinds = Enumerable.Repeat(ChartFrameTests.AllKinds, 3).SelectMany(k => k).ToList();
        // One drawing per type, one at a time, is what each of its three queued twins must match: a new chart of a type
        // draws the same bytes every time (the comparison below rests on that anyway), so drawing it three times over
        // here only spent CPU.
        var expected = kinds.Select(FiguresDrawnAlone.Of).ToList();

        List<RenderedFigure> drawn;
        using (var renderer = new FigureRenderer(threads: 4))
        {
            drawn = kinds.Select((kind, i) =>
            {
                var chart = ChartFrameTests.Build(kind);
                var (w, h) = chart.Size ?? (1000, 620);
                // Every other figure without its SVG, as a charts: selection leaves some out.
                return renderer.Queue(chart, w, h, svg: i % 2 == 0);
            }).ToList();
            renderer.WaitAll();
        }

        for (var i = 0; i < kinds.Count; i++)
        {
            Assert.True(expected[i].Png.AsSpan().SequenceEqual(drawn[i].Png), $"{kinds[i]} (#{i}): the PNG differs");
            Assert.Equal(Convert.ToBase64String(expected[i].Png), drawn[i].Base64);
            if (i % 2 == 0) Assert.Equal(expected[i].Svg, drawn[i].Svg);
            else Assert.Null(drawn[i].Svg);
        }
    }

    [Fact]
    public void A_chart_queued_twice_is_drawn_twice_with_the_same_bytes()
    {
        var chart = ChartFrameTests.Build("lisa");
        var twin = ChartFrameTests.Build("lisa");
        var (w, h) = chart.Size ?? (1000, 620);
        var png = ReportChartFiles.Png(twin, w, h);
        var svg = ChartFile.SvgText(twin.Plot, w, h);

        using var renderer = new FigureRenderer(threads: 2);
        var first = renderer.Queue(chart, w, h, svg: true);
        var second = renderer.Queue(chart, w, h, svg: true);

        // The second drawing starts from the state the first left, as it would on one thread.
        Assert.Equal(png, first.Png);
        Assert.Equal(svg, first.Svg);
        Assert.Equal(ReportChartFiles.Png(twin, w, h), second.Png);
        Assert.Equal(ChartFile.SvgText(twin.Plot, w, h), second.Svg);
    }

    [Fact]
    public void A_drawing_that_fails_throws_its_exception_where_the_figure_is_read()
    {
        var broken = ChartFrameTests.Build("trend");
        broken.Plot.Add.Plottable(new Throwing());
        var (w, h) = broken.Size ?? (1000, 620);

        using var renderer = new FigureRenderer(threads: 2);
        var figure = renderer.Queue(broken, w, h, svg: true);
        var fine = renderer.Queue(ChartFrameTests.Build("funnel"), 1000, 620, svg: false);
        renderer.WaitAll();

        Assert.Equal("drawing failed", Assert.Throws<InvalidOperationException>(() => figure.Png).Message);
        Assert.Equal("drawing failed", Assert.Throws<InvalidOperationException>(() => figure.Svg).Message);
        Assert.NotEmpty(fine.Png);
    }

    [Fact]
    public void A_renderer_disposed_takes_no_more_figures()
    {
        var renderer = new FigureRenderer(threads: 1);
        renderer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => renderer.Queue(ChartFrameTests.Build("trend"), 1000, 620, svg: false));
    }

    private sealed class Throwing : IPlottable
    {
        public bool IsVisible { get; set; } = true;

        public IAxes Axes { get; set; } = new Axes();

        public IEnumerable<LegendItem> LegendItems => [];

        public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

        public void Render(RenderPack rp) => throw new InvalidOperationException("drawing failed");
    }
}
