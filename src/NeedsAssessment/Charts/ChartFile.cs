using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Charts;

/// <summary>Writes charts to disk: the only I/O in the chart set.</summary>
public static class ChartFile
{
    /// <summary>Default width in pixels: fits an A4 report page at 150 dpi with margins.</summary>
    public const int DefaultWidth = 1000;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 650;

    /// <summary>
    /// Saves <paramref name="plot"/> as <c>{path}.png</c> and <c>{path}.svg</c>, creating the folder if needed.
    /// </summary>
    /// <param name="plot">The plot to render.</param>
    /// <param name="pathWithoutExtension">Target path without extension.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pngScale">
    /// Resolution multiplier for the PNG only: the PNG is <paramref name="width"/> x <paramref name="height"/> times this,
    /// with text, lines and markers scaled alike, so it has the same layout as the SVG at a print resolution (2 gives a
    /// 2,000-pixel-wide image: 17 cm at 300 dpi). The SVG is vector and drawn at 1.
    /// </param>
    /// <returns>The PNG path and the SVG path written.</returns>
    public static (string PngPath, string SvgPath) Save(Plot plot, string pathWithoutExtension, int width = DefaultWidth, int height = DefaultHeight, float pngScale = 1)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathWithoutExtension);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pngScale, 1f);

        ChartFonts.EnsureRegistered();
        var directory = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var png = pathWithoutExtension + ".png";
        var svg = pathWithoutExtension + ".svg";
        File.WriteAllBytes(png, PngBytes(plot, width, height, pngScale));
        File.WriteAllText(svg, SvgText(plot, width, height), new System.Text.UTF8Encoding(false));
        return (png, svg);
    }

    /// <summary>
    /// Renders <paramref name="plot"/> to PNG bytes at <paramref name="scale"/> times <paramref name="width"/> x
    /// <paramref name="height"/>, with text, lines and markers scaled alike: the layout of the
    /// <paramref name="width"/> x <paramref name="height"/> chart at a higher resolution, compressed as <see cref="PngEncoding"/>.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Layout width in pixels.</param>
    /// <param name="height">Layout height in pixels.</param>
    /// <param name="scale">Resolution multiplier (1 or more).</param>
    /// <returns>PNG-encoded image.</returns>
    public static byte[] PngBytes(Plot plot, int width, int height, float scale)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1f);
        ChartFonts.EnsureRegistered();
        var saved = plot.ScaleFactor;
        try
        {
            plot.ScaleFactor = scale;
            return Png(plot, (int)Math.Round(width * scale), (int)Math.Round(height * scale));
        }
        finally
        {
            plot.ScaleFactor = saved;
        }
    }

    /// <summary>
    /// How the chart files' PNGs are compressed: no row filter, zlib level 6 (<see cref="ChartPng"/>, or Skia with these
    /// options for an image that is not opaque). A chart is flat colour and text, which deflate compresses better
    /// unfiltered than with Skia's default (every filter tried on every row). PNG is lossless whatever the settings, so
    /// the image is the same, pixel for pixel.
    /// </summary>
    internal static readonly SKPngEncoderOptions PngEncoding = new(SKPngEncoderFilterFlags.None, 6);

    /// <summary>
    /// The plot as PNG, <paramref name="width"/> x <paramref name="height"/> pixels: the pixels of ScottPlot's
    /// <c>GetImageBytes(width, height, ImageFormat.Png)</c>, with one rasterisation fewer for a plot not drawn before,
    /// compressed as <see cref="PngEncoding"/> by <see cref="ChartPng"/>.
    /// </summary>
    private static byte[] Png(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"No {width} x {height} surface.");
        if (plot.RenderManager.RenderCount == 0 && plot.RenderManager.EnableEvents) RenderAfterFirstPass(plot, surface.Canvas, width, height);
        else plot.Render(surface.Canvas, width, height);
        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("The surface has no pixels to encode.");
        return ChartPng.Encode(pixels, PngEncoding);
    }

    /// <summary>
    /// Renders a plot not drawn before onto <paramref name="target"/>, its first pass drawing nothing. ScottPlot renders
    /// again while a pass moves the axis limits, and a plot's first pass always does (from none), so a new chart was
    /// rasterised twice; every pass starts by clearing the canvas, so the first one's pixels were never seen. Here that
    /// pass draws on a canvas that forwards to nothing and the image joins from the second on: the same passes, the same
    /// state (the legend panel sizes itself from its previous pass), the same pixels.
    /// </summary>
    private static void RenderAfterFirstPass(Plot plot, SKCanvas target, int width, int height)
    {
        using var canvas = new SKNWayCanvas(width, height);
        var passes = 0;
        void Join(object? sender, RenderDetails details)
        {
            if (passes++ > 0) return;
            // The canvas was scaled at the start of the render, before the image joined.
            target.Scale((float)plot.ScaleFactor);
            canvas.AddCanvas(target);
            UnseenPasses.Seen();
        }

        var finished = plot.RenderManager.RenderFinished;
        plot.RenderManager.RenderFinished = finished + Join;
        try
        {
            // The first pass goes nowhere, so its plottables need not draw.
            UnseenPasses.Run(plot, () => plot.Render(canvas, width, height));
        }
        finally
        {
            plot.RenderManager.RenderFinished = finished;
            canvas.RemoveAll();
        }

        // A ScottPlot that settled a new plot in one pass would leave the image empty: draw it plainly instead.
        if (passes < 2)
        {
            target.ResetMatrix();
            plot.Render(target, width, height);
        }
    }

    /// <summary>
    /// The plot as SVG, <paramref name="width"/> x <paramref name="height"/>: ScottPlot's <c>GetSvgXml</c>, whose
    /// first step (a render at that size so the SVG, which is never cleared, gets one pass) draws nothing here.
    /// </summary>
    internal static string SvgXml(Plot plot, int width, int height)
    {
        Settle(plot, width, height);
        // A native stream: Skia writes the SVG in pieces of a few bytes, and each write to a .NET stream was a call
        // back into managed code (a third of a map's SVG time went on those calls for its tens of thousands of cells).
        using var stream = new SKDynamicMemoryWStream();
        var clear = plot.RenderManager.ClearCanvasBeforeEachRender;
        try
        {
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            // Disposed before the stream is read: the canvas writes the closing tag as it goes.
            using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream);
            plot.Render(canvas, width, height);
        }
        finally
        {
            plot.RenderManager.ClearCanvasBeforeEachRender = clear;
        }

        using var data = stream.DetachAsData();
        return System.Text.Encoding.UTF8.GetString(data.AsSpan());
    }

    /// <summary>Renders <paramref name="plot"/> onto a canvas that draws nothing: its axis limits and layout as at that size, no pixels.</summary>
    private static void Settle(Plot plot, int width, int height)
    {
        using var canvas = new SKNoDrawCanvas(width, height);
        UnseenPasses.Run(plot, () => plot.Render(canvas, width, height));
    }

    /// <summary>The plot as SVG text, <paramref name="width"/> x <paramref name="height"/>.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The SVG document.</returns>
    public static string SvgText(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ChartFonts.EnsureRegistered();
        return NumberClipIds(SvgPatterns.Render(plot, width, height));
    }

    /// <summary>
    /// Renames every clip path <c>cl_</c> + hex digits, where it is defined (<c>id="</c>) or used (<c>url(#</c>), to
    /// <c>cl_1</c>, <c>cl_2</c>... in order of first appearance. ScottPlot numbers clip paths from a counter shared by
    /// every plot the process draws; numbered within the file instead, the same chart gives the same SVG however many
    /// charts were drawn before it. A scan, not a regular expression: a map's SVG is megabytes.
    /// </summary>
    /// <remarks>
    /// A map has tens of thousands of clip paths: each old id is looked up as a slice of the text (a string is made only
    /// for a new one) and its number written as digits, not as a string of its own.
    /// </remarks>
    internal static string NumberClipIds(string svg)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var byText = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var text = svg.AsSpan();
        System.Text.StringBuilder? sb = null;
        var copied = 0;
        for (var at = svg.IndexOf("cl_", StringComparison.Ordinal); at >= 0; )
        {
            var end = at + 3;
            while (end < svg.Length && char.IsAsciiHexDigit(svg[end])) end++;
            if (end > at + 3 && (text[..at].EndsWith("id=\"", StringComparison.Ordinal) || text[..at].EndsWith("url(#", StringComparison.Ordinal)))
            {
                var old = text[at..end];
                if (!byText.TryGetValue(old, out var id)) byText[old] = id = ids.Count + 1;
                sb ??= new System.Text.StringBuilder(svg.Length + 64);
                sb.Append(text[copied..at]).Append("cl_").Append(id);
                copied = end;
            }
            else end = at + 1;
            at = svg.IndexOf("cl_", end, StringComparison.Ordinal);
        }
        return sb is null ? svg : sb.Append(text[copied..]).ToString();
    }

    /// <summary>Saves a <see cref="Chart"/>'s plot; see <see cref="Save(Plot, string, int, int, float)"/>.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="pathWithoutExtension">Target path without extension.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pngScale">Resolution multiplier for the PNG (see <see cref="Save(Plot, string, int, int, float)"/>).</param>
    /// <returns>The PNG path and the SVG path written.</returns>
    public static (string PngPath, string SvgPath) Save(Chart chart, string pathWithoutExtension, int width = DefaultWidth, int height = DefaultHeight, float pngScale = 1)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Save(chart.Plot, pathWithoutExtension, width, height, pngScale);
    }

    /// <summary>Renders <paramref name="plot"/> to PNG bytes in memory (for the report writer and tests).</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>PNG-encoded image.</returns>
    public static byte[] PngBytes(Plot plot, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ChartFonts.EnsureRegistered();
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
