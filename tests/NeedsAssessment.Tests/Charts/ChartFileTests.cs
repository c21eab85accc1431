using System.Text.RegularExpressions;
using NeedsAssessment.Charts;
using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// The chart files are ScottPlot's own drawings, drawn with less work: a new plot's first pass (whose pixels every
/// later pass clears) draws on a canvas that forwards to nothing, the SVG's settling render draws nothing, and the PNG
/// is compressed unfiltered. Every chart type, at the report's size and at the chart files' double resolution, gives
/// ScottPlot's pixels and SVG.
/// </summary>
public sealed partial class ChartFileTests
{
    public static TheoryData<string, float> KindsAndScales() => ChartFrameTests.KindsAndScales();

    public static TheoryData<string> Kinds() => [.. ChartFrameTests.AllKinds];

    /// <summary>A new chart of one type drawn by <see cref="ChartFile.PngBytes"/> and its twin drawn by ScottPlot, at one scale.</summary>
    private sealed record NewDrawings(byte[] Png, byte[] ScottPlotsPng, int RenderCount, int ScottPlotsRenderCount, float ScaleFactor);

    // The double-resolution drawings of every type, made once for the class: the pixel test at scale 2 and the
    // compression test read the same two drawings of a new chart, so each is drawn once, not once for each test.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<NewDrawings>> AtDoubleResolution = new(StringComparer.Ordinal);

    private static NewDrawings Draw(string kind, float scale)
    {
        // Twins: a plot remembers its last render, so each drawing gets its own.
        var mine = ChartFrameTests.Build(kind);
        var scottPlots = ChartFrameTests.Build(kind);
        var (width, height) = mine.Size ?? (1000, 620);
        var png = ChartFile.PngBytes(mine.Plot, width, height, scale);
        var theirs = ChartFrameTests.Render(scottPlots, scale);
        return new NewDrawings(png, theirs, mine.Plot.RenderManager.RenderCount, scottPlots.Plot.RenderManager.RenderCount, (float)mine.Plot.ScaleFactor);
    }

    private static NewDrawings DrawNew(string kind, float scale) => scale == 2
        ? AtDoubleResolution.GetOrAdd(kind, k => new Lazy<NewDrawings>(() => Draw(k, 2), LazyThreadSafetyMode.ExecutionAndPublication)).Value
        : Draw(kind, scale);

    [Theory]
    [MemberData(nameof(KindsAndScales))]
    public void A_new_charts_png_has_the_pixels_of_scottplots_own_drawing(string kind, float scale)
    {
        var drawn = DrawNew(kind, scale);

        // The spine chart's key panel sizes itself from its previous pass: a drawing with one pass more or less differs.
        AssertSamePixels(drawn.ScottPlotsPng, drawn.Png);
        Assert.Equal(drawn.ScottPlotsRenderCount, drawn.RenderCount);
        Assert.Equal(1f, drawn.ScaleFactor);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_chart_drawn_before_gives_the_pixels_of_scottplots_drawing(string kind)
    {
        var mine = ChartFrameTests.Build(kind);
        var scottPlots = ChartFrameTests.Build(kind);
        var (width, height) = mine.Size ?? (1000, 620);
        mine.Plot.RenderInMemory(width, height);
        scottPlots.Plot.RenderInMemory(width, height);

        AssertSamePixels(ChartFrameTests.Render(scottPlots, 2), ChartFile.PngBytes(mine.Plot, width, height, 2));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_svg_after_the_png_is_scottplots_svg(string kind)
    {
        var mine = ChartFrameTests.Build(kind);
        var scottPlots = ChartFrameTests.Build(kind);
        var (width, height) = mine.Size ?? (1000, 620);
        // As the report draws them: the PNG at the chart files' resolution, then the SVG at the layout size.
        ChartFile.PngBytes(mine.Plot, width, height, 2);
        ChartFrameTests.Render(scottPlots, 2);

        Assert.Equal(ClipIds(scottPlots.Plot.GetSvgXml(width, height)), ClipIds(ChartFile.SvgXml(mine.Plot, width, height)));
    }

    [Fact]
    public void The_charts_pngs_are_smaller_than_with_skias_default_compression()
    {
        long mine = 0, skias = 0;
        foreach (var kind in ChartFrameTests.AllKinds)
        {
            // A new chart's PNG at the chart files' resolution and ScottPlot's own (Skia's default compression).
            var drawn = DrawNew(kind, 2);
            mine += drawn.Png.Length;
            skias += drawn.ScottPlotsPng.Length;
        }

        // A fifth smaller on the demo's figures; at least a tenth on the samples, or the setting has lost its reason.
        Assert.True(mine < skias * 0.9, $"{mine:N0} bytes against {skias:N0} with every row filter tried");
    }

    [Fact]
    public void A_plot_drawn_from_several_threads_at_once_gives_the_same_png_each_time()
    {
        var expected = ChartFile.PngBytes(ChartFrameTests.Build("spine").Plot, 1000, 620, 2);
        var pngs = new byte[12][];

        // Each thread registers the fonts and draws its own plot, as the report's drawing threads do.
        Parallel.For(0, pngs.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            ChartFonts.EnsureRegistered();
            pngs[i] = ChartFile.PngBytes(ChartFrameTests.Build("spine").Plot, 1000, 620, 2);
        });

        Assert.All(pngs, png => Assert.Equal(expected, png));
        Assert.Single(Fonts.FontResolvers, r => ReferenceEquals(r, ChartFonts.Resolver));
    }

    private static void AssertSamePixels(byte[] expected, byte[] actual)
    {
        using var a = SKBitmap.Decode(expected);
        using var b = SKBitmap.Decode(actual);
        Assert.Equal((a.Width, a.Height, a.ColorType, a.AlphaType), (b.Width, b.Height, b.ColorType, b.AlphaType));
        Assert.True(a.GetPixelSpan().SequenceEqual(b.GetPixelSpan()), "the pixels differ");
    }

    // Skia numbers clip paths from a process-wide counter; two drawings compare with them numbered in order of use.
    private static string ClipIds(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "cl_" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-fA-F]+")]
    private static partial Regex ClipId();
}
