using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace NeedsAssessment.Charts;

/// <summary>
/// A map's small-area polygons as one plottable: each ScottPlot <see cref="Polygon"/> drawn with the calls its own
/// <c>Render</c> makes (ScottPlot 5.1: the fill, then the outline, then any markers), in the order added, so the PNG's
/// pixels are the same. The polygons only hold each area's ring and styles; they are not added to the plot.
/// </summary>
/// <remarks>
/// Drawn as plottables, every polygon of every one of a figure's renders built its pixels through LINQ, computing each
/// vertex's pixel twice, was asked for its axis limits and a legend item, and was clipped to the data area on its own,
/// which gave the SVG a clip path and a group per polygon. Here each vertex's pixel is computed once and the polygons
/// share the clip ScottPlot sets for the plottable; Chromium renders the SVG of either the same.
/// </remarks>
internal sealed class AreaPolygons : IPlottable
{
    private readonly List<Polygon> _polygons = [];

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new Axes();

    /// <summary>None: the maps key their classes in a manual legend.</summary>
    public IEnumerable<LegendItem> LegendItems => [];

    /// <summary>The polygons in drawing order.</summary>
    public IReadOnlyList<Polygon> Polygons => _polygons;

    /// <summary>A polygon over <paramref name="ring"/> (data units), drawn after those added before; set its styles on the result.</summary>
    public Polygon Add(Coordinates[] ring)
    {
        var polygon = new Polygon(ring);
        _polygons.Add(polygon);
        return polygon;
    }

    /// <inheritdoc />
    public AxisLimits GetAxisLimits()
    {
        double left = double.PositiveInfinity, right = double.NegativeInfinity, bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        foreach (var p in _polygons)
        {
            if (!p.IsVisible || p.IsEmpty) continue;
            var l = p.GetAxisLimits();
            left = Math.Min(left, l.Left);
            right = Math.Max(right, l.Right);
            bottom = Math.Min(bottom, l.Bottom);
            top = Math.Max(top, l.Top);
        }
        return double.IsFinite(left) ? new AxisLimits(left, right, bottom, top) : AxisLimits.NoLimits;
    }

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        ArgumentNullException.ThrowIfNull(rp);
        var pixels = new List<Pixel>();
        foreach (var polygon in _polygons)
        {
            if (!polygon.IsVisible || polygon.IsEmpty) continue;
            // The ring closed on its first vertex, as Polygon.Render closes it.
            pixels.Clear();
            foreach (var c in polygon.Coordinates) pixels.Add(Axes.GetPixel(c));
            pixels.Add(pixels[0]);

            using var path = new SKPath();
            var first = pixels[0].ToSKPoint();
            path.MoveTo(first);
            float xMax = first.X, xMin = first.X, yMax = first.Y, yMin = first.Y;
            for (var i = 1; i < pixels.Count; i++)
            {
                var p = pixels[i].ToSKPoint();
                xMax = Math.Max(xMax, p.X);
                xMin = Math.Min(xMin, p.X);
                yMax = Math.Max(yMax, p.Y);
                yMin = Math.Min(yMin, p.Y);
                path.LineTo(p);
            }

            if (polygon.FillStyle.HasValue) Drawing.FillPath(rp.Canvas, rp.Paint, path, polygon.FillStyle, new PixelRect(xMin, xMax, yMin, yMax));
            if (polygon.LineStyle is { IsVisible: true, Width: > 0 }) Drawing.DrawLines(rp.Canvas, rp.Paint, pixels, polygon.LineStyle);
            if (polygon.MarkerStyle.IsVisible) Drawing.DrawMarkers(rp.Canvas, rp.Paint, pixels, polygon.MarkerStyle);
        }
    }
}
