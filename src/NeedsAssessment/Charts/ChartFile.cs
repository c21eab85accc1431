using ScottPlot;

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
    /// <paramref name="width"/> x <paramref name="height"/> chart at a higher resolution.
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
            return plot.GetImageBytes((int)Math.Round(width * scale), (int)Math.Round(height * scale), ImageFormat.Png);
        }
        finally
        {
            plot.ScaleFactor = saved;
        }
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
        // ScottPlot numbers clip paths from a counter shared by every plot the process draws; numbered within the
        // file instead, the same chart gives the same SVG however many charts were drawn before it.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(SvgPatterns.Render(plot, width, height), @"(?<=id=""|url\(#)cl_[0-9a-fA-F]+",
            m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "cl_" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
