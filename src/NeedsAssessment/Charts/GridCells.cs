using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// A map's grid cells as one plottable: each cell a square filled flat, not antialiased (antialiased edges leave
/// hairline seams between touching cells), no outline. It draws what one ScottPlot <c>Rectangle</c> per cell drew, in
/// the same order and clipped to the same data area, so the PNG's pixels are the same. A map has tens of thousands of
/// cells, and as plottables each was asked for its axis limits and a new legend item (each with native paint objects
/// to finalise) on every one of a figure's four renders: most of drawing the hot spot and density maps.
/// </summary>
/// <remarks>
/// The cells share the one clip ScottPlot sets for the plottable. Clipped again for each cell, as ScottPlot clips each
/// of its own plottables, the SVG gave every cell a clip path and a group of its own: the real example's hot spot map
/// was 5.9 MB of SVG for 23,000 cells (2.6 MB now; the density surface 3.2 MB, now 1.6 MB), heavy to place in a slide
/// or a Word document, and the report stage spent about 0.2 CPU seconds more of its 3. Chromium renders the SVG of
/// either the same, pixel for pixel, and the PNGs are byte-identical.
/// </remarks>
internal sealed class GridCells : IPlottable
{
    private readonly List<(CoordinateRect Rect, Color Fill)> _cells = [];
    private readonly FillStyle _fill = new() { AntiAlias = false };

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new Axes();

    /// <summary>None: the maps key their classes in a manual legend.</summary>
    public IEnumerable<LegendItem> LegendItems => [];

    /// <summary>The cells in drawing order: each square in data units and its fill.</summary>
    public IReadOnlyList<(CoordinateRect Rect, Color Fill)> Cells => _cells;

    /// <summary>Adds the square of side <paramref name="size"/> centred on (<paramref name="x"/>, <paramref name="y"/>), drawn after those added before.</summary>
    public void Add(double x, double y, double size, Color fill) =>
        _cells.Add((new CoordinateRect(x - (size / 2), x + (size / 2), y - (size / 2), y + (size / 2)), fill));

    /// <inheritdoc />
    public AxisLimits GetAxisLimits()
    {
        if (_cells.Count == 0) return AxisLimits.NoLimits;
        double left = double.PositiveInfinity, right = double.NegativeInfinity, bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        foreach (var (r, _) in _cells)
        {
            left = Math.Min(left, r.Left);
            right = Math.Max(right, r.Right);
            bottom = Math.Min(bottom, r.Bottom);
            top = Math.Max(top, r.Top);
        }
        return new AxisLimits(left, right, bottom, top);
    }

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        ArgumentNullException.ThrowIfNull(rp);
        for (var i = 0; i < _cells.Count; i++)
        {
            _fill.Color = _cells[i].Fill;
            Drawing.FillRectangle(rp.Canvas, Axes.GetPixelRect(_cells[i].Rect), rp.Paint, _fill);
        }
    }
}
