using NeedsAssessment.Spatial;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Map of grid cells coloured by Getis-Ord Gi* hot/cold-spot class, with district outlines.</summary>
public static class HotspotMapChart
{
    /// <summary>Classes in legend order, hottest first.</summary>
    internal static readonly HotspotClass[] LegendOrder =
    [
        HotspotClass.Hot99, HotspotClass.Hot95, HotspotClass.Hot90, HotspotClass.None,
        HotspotClass.Cold90, HotspotClass.Cold95, HotspotClass.Cold99,
    ];

    /// <summary>
    /// Draws each grid cell filled by its Gi* class (oranges hot, blues cold, pale grey not significant) on
    /// equal axes, with district outlines, place names, a scale bar and a north arrow.
    /// </summary>
    /// <param name="result">Grid counts and Gi* per cell.</param>
    /// <param name="districts">District boundaries to outline (may be empty).</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="classes">Units per class of the drawn method and period from the hot spot stage (<c>hotspot_classes</c>); counted from the cells when null.</param>
    /// <param name="places">Places to name, most important first (see <see cref="MapDecorations.Add"/>).</param>
    /// <returns>
    /// The chart; its data table counts the cells drawn per class. Events are not summed per class: a class of a few
    /// cells would publish a small count, and the hot spot stage's ranked list gives the events of each hot spot.
    /// </returns>
    public static Chart Create(
        HotspotGiStarResult result,
        IReadOnlyList<AreaShape> districts,
        ChartCaption caption,
        string title = "Hot and cold spots of serious violence (Getis-Ord Gi*)",
        IReadOnlyList<HotspotClassCount>? classes = null,
        IReadOnlyList<MapPlace>? places = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(districts);
        var cellSize = result.Grid.Parameters.CellSize;
        var cells = result.Grid.Cells;
        var values = result.GiStar.Values;
        var n = Math.Min(cells.Length, values.Length);
        caption = caption.WithNote(
            $"Cells {ChartBuilder.Distance(cellSize)} square; confidence from Gi* p-values" +
            (result.GiStar.Parameters.ClassifyOnAdjusted && result.GiStar.Parameters.PAdjust != PAdjustMethod.None ? $" adjusted for multiple testing ({AdjustName(result.GiStar.Parameters.PAdjust)})." : " (not adjusted for multiple testing)."));

        var plot = ChartBuilder.NewPlot(title, string.Empty, string.Empty, caption);
        MapDecorations.HideGridAxes(plot);
        var byClass = LegendOrder.ToDictionary(c => c, _ => 0);
        var squares = new GridCells();
        for (var i = 0; i < n; i++)
        {
            // Cells outside the partnership's area were not analysed: the map leaves them blank.
            if (!result.IsAnalysed(i)) continue;
            var cls = values[i].Class;
            squares.Add(cells[i].X, cells[i].Y, cellSize, ChartPalette.ForHotspot(cls));
            byClass[cls]++;
        }
        if (squares.Cells.Count > 0) plot.Add.Plottable(squares);

        // The stage's own counts (hotspot_classes) when given, so the legend and data table print its rows.
        var given = classes?.ToDictionary(c => c.Class, StringComparer.Ordinal);
        if (given is not null)
            foreach (var c in LegendOrder) byClass[c] = given.TryGetValue(c.ToString().ToLowerInvariant(), out var k) ? (int)k.Units : 0;

        ChartBuilder.AddOutlines(plot, districts, ChartPalette.Ink, 1.5f);
        plot.HideGrid();
        var legend = LegendOrder
            .Select(c => ChartBuilder.FillItem($"{ClassLabel(c)} ({byClass[c]:N0})", ChartPalette.ForHotspot(c), ChartPalette.KeyOutline))
            .ToList();
        if (districts.Count > 0)
        {
            legend.Add(ChartBuilder.LineItem("District boundary", ChartPalette.Ink, 1.5f));
        }

        if (n == 0)
        {
            ChartBuilder.ShowNoData(plot, "No grid cells to show");
        }
        else
        {
            plot.Axes.SquareUnits();
            // Names never cover a significant cell.
            var significant = Enumerable.Range(0, n).Where(i => result.IsAnalysed(i) && values[i].Class != HotspotClass.None)
                .Select(i => new CoordinateRect(cells[i].X - (cellSize / 2), cells[i].X + (cellSize / 2), cells[i].Y - (cellSize / 2), cells[i].Y + (cellSize / 2))).ToList();
            MapDecorations.Add(plot, cells.Take(n).Max(c => c.X) - cells.Take(n).Min(c => c.X) + cellSize, places, significant);
        }

        ChartBuilder.ShowManualLegend(plot, legend);

        var hot = byClass[HotspotClass.Hot99] + byClass[HotspotClass.Hot95] + byClass[HotspotClass.Hot90];
        var cold = byClass[HotspotClass.Cold99] + byClass[HotspotClass.Cold95] + byClass[HotspotClass.Cold90];
        var alt = n == 0
            ? "Map of serious violence hot and cold spots with no grid cells to show."
            : $"Map of {n:N0} grid cells of {ChartBuilder.Distance(cellSize)} showing {hot:N0} hot-spot cells (of which {byClass[HotspotClass.Hot99]:N0} at 99% confidence) and {cold:N0} cold-spot cells of serious violence.";
        var rows = LegendOrder
            .Select(c => (IReadOnlyList<string>)[ClassLabel(c), byClass[c].ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                ChartBuilder.Number(given is not null ? (given.TryGetValue(c.ToString().ToLowerInvariant(), out var k) ? k.Share : 0) : n == 0 ? 0 : 100.0 * byClass[c] / n, 1)])
            .ToList();
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Gi* class", "Grid cells", "Share of the grid's cells (%)"], rows));
    }

    private static string AdjustName(PAdjustMethod method) => method switch
    {
        PAdjustMethod.BenjaminiHochberg => "Benjamini-Hochberg false discovery rate",
        _ => method.ToString(),
    };

    /// <summary>Plain-English label of a Gi* class.</summary>
    /// <param name="hotspotClass">The class.</param>
    /// <returns>E.g. "Hot spot, 99% confidence".</returns>
    public static string ClassLabel(HotspotClass hotspotClass) => hotspotClass switch
    {
        HotspotClass.Hot99 => "Hot spot, 99% confidence",
        HotspotClass.Hot95 => "Hot spot, 95% confidence",
        HotspotClass.Hot90 => "Hot spot, 90% confidence",
        HotspotClass.Cold90 => "Cold spot, 90% confidence",
        HotspotClass.Cold95 => "Cold spot, 95% confidence",
        HotspotClass.Cold99 => "Cold spot, 99% confidence",
        _ => "Not significant",
    };
}
