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
    /// <returns>The PNG path and the SVG path written.</returns>
    public static (string PngPath, string SvgPath) Save(Plot plot, string pathWithoutExtension, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathWithoutExtension);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        ChartFonts.EnsureRegistered();
        var directory = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var png = pathWithoutExtension + ".png";
        var svg = pathWithoutExtension + ".svg";
        plot.SavePng(png, width, height);
        plot.SaveSvg(svg, width, height);
        return (png, svg);
    }

    /// <summary>Saves a <see cref="Chart"/>'s plot; see <see cref="Save(Plot, string, int, int)"/>.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="pathWithoutExtension">Target path without extension.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The PNG path and the SVG path written.</returns>
    public static (string PngPath, string SvgPath) Save(Chart chart, string pathWithoutExtension, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Save(chart.Plot, pathWithoutExtension, width, height);
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
