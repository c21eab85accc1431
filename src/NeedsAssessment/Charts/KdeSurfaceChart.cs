using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>One grid cell of the hot spot stage's kernel density surface (<c>hotspots</c>, method kde).</summary>
/// <param name="X">Cell centre easting (BNG metres).</param>
/// <param name="Y">Cell centre northing.</param>
/// <param name="Class">top1, top5, top10 or none: the stage's band of the cell's density among cells with any.</param>
public sealed record KdeCell(double X, double Y, string Class);

/// <summary>Map of a kernel density surface by the stage's density bands.</summary>
public static class KdeSurfaceChart
{
    /// <summary>Bands in legend order, densest first.</summary>
    internal static readonly string[] LegendOrder = ["top1", "top5", "top10", "none"];

    /// <summary>Plain-English label of a density band.</summary>
    public static string ClassLabel(string cls) => cls switch
    {
        "top1" => "Densest 1% of cells",
        "top5" => "Next densest, to 5%",
        "top10" => "Next densest, to 10%",
        _ => "Lower density",
    };

    private static Color Colour(string cls) => cls switch
    {
        "top1" => Color.FromHex("#7F0000"),
        "top5" => Color.FromHex("#D7301F"),
        "top10" => Color.FromHex("#FC8D59"),
        _ => Color.FromHex("#FDE7CC"),
    };

    /// <summary>Draws each cell filled by its band, with district outlines; the key counts cells per band as the stage did.</summary>
    /// <param name="cells">The stage's kde rows.</param>
    /// <param name="cellSize">Cell side (m).</param>
    /// <param name="districts">District outlines.</param>
    /// <param name="classes">Cells per band from the stage (<c>hotspot_classes</c>).</param>
    /// <param name="caption">Source, period, definition and bandwidth.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="places">Places to name, most important first (see <see cref="MapDecorations.Add"/>).</param>
    /// <returns>The chart; its data table gives the cells and share per band.</returns>
    public static Chart Create(IReadOnlyList<KdeCell> cells, double cellSize, IReadOnlyList<AreaShape> districts,
        IReadOnlyList<(string Class, long Units, double Share)> classes, ChartCaption caption, string title = "Kernel density of serious violence",
        IReadOnlyList<MapPlace>? places = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(classes);
        var plot = ChartBuilder.NewPlot(title, string.Empty, string.Empty, caption);
        MapDecorations.HideGridAxes(plot);
        // Lowest band first, so the densest cells are painted last.
        var squares = new GridCells();
        foreach (var c in cells.OrderByDescending(c => Array.IndexOf(LegendOrder, c.Class) is var i && i >= 0 ? i : LegendOrder.Length))
            squares.Add(c.X, c.Y, cellSize, Colour(c.Class));
        if (squares.Cells.Count > 0) plot.Add.Plottable(squares);
        ChartBuilder.AddOutlines(plot, districts, ChartPalette.Ink, 1.5f);
        plot.HideGrid();
        var counts = classes.ToDictionary(c => c.Class, StringComparer.Ordinal);
        var legend = LegendOrder.Select(c => ChartBuilder.FillItem($"{ClassLabel(c)} ({(counts.TryGetValue(c, out var k) ? k.Units : 0):N0})", Colour(c), ChartPalette.KeyOutline)).ToList();
        if (districts.Count > 0) legend.Add(ChartBuilder.LineItem("District boundary", ChartPalette.Ink, 1.5f));
        if (cells.Count == 0) ChartBuilder.ShowNoData(plot, "No grid cells to show");
        else
        {
            plot.Axes.SquareUnits();
            // Names never cover the densest cells.
            MapDecorations.Add(plot, cells.Max(c => c.X) - cells.Min(c => c.X) + cellSize, places,
                cells.Where(c => c.Class is "top1" or "top5").Select(c => new CoordinateRect(c.X - (cellSize / 2), c.X + (cellSize / 2), c.Y - (cellSize / 2), c.Y + (cellSize / 2))).ToList());
        }
        ChartBuilder.ShowManualLegend(plot, legend);
        var top = counts.TryGetValue("top1", out var t) ? t.Units : 0;
        var alt = $"Map of {cells.Count:N0} grid cells of {ChartBuilder.Distance(cellSize)} shaded by kernel density of serious violence, {top:N0} in the densest 1%.";
        var rows = LegendOrder.Where(counts.ContainsKey).Select(c => (IReadOnlyList<string>)[ClassLabel(c),
            counts[c].Units.ToString("N0", CultureInfo.InvariantCulture), ChartBuilder.Number(counts[c].Share, 1)]).ToList();
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Density band", "Grid cells", "Share of the cells (%)"], rows));
    }
}
