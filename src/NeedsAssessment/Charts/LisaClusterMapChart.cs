using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>One neighbourhood's local Moran class, as the hot spot stage wrote it (<c>hotspots</c>, method lisa).</summary>
/// <param name="Code">LSOA code.</param>
/// <param name="X">Population-weighted centroid easting (BNG metres).</param>
/// <param name="Y">Northing.</param>
/// <param name="Class">HH, LL, HL, LH or ns.</param>
public sealed record LisaArea(string Code, double X, double Y, string Class);

/// <summary>Map of local Moran's I clusters and outliers by neighbourhood (LSOA).</summary>
public static class LisaClusterMapChart
{
    /// <summary>Classes in legend order.</summary>
    internal static readonly string[] LegendOrder = ["HH", "LL", "HL", "LH", "ns"];

    /// <summary>Plain-English label of a local Moran class.</summary>
    public static string ClassLabel(string cls) => cls switch
    {
        "HH" => "High-high cluster (high, among high)",
        "LL" => "Low-low cluster (low, among low)",
        "HL" => "High-low outlier (high, among low)",
        "LH" => "Low-high outlier (low, among high)",
        _ => "Not significant",
    };

    /// <summary>Fill colour of a class: reds for high, blues for low, darker for clusters, pale grey not significant.</summary>
    public static Color ClassColour(string cls) => cls switch
    {
        "HH" => Color.FromHex("#B2182B"),
        "LL" => Color.FromHex("#2166AC"),
        "HL" => Color.FromHex("#F4A582"),
        "LH" => Color.FromHex("#92C5DE"),
        _ => Color.FromHex("#F0F0F0"),
    };

    private static MarkerShape Shape(string cls) => cls switch
    {
        "HH" => MarkerShape.FilledTriangleUp,
        "LL" => MarkerShape.FilledTriangleDown,
        "HL" => MarkerShape.FilledSquare,
        "LH" => MarkerShape.FilledDiamond,
        _ => MarkerShape.FilledCircle,
    };

    /// <summary>
    /// Fills each neighbourhood by its class (or, without boundaries, marks its centroid), outlines the districts and
    /// keys every class with the stage's count of neighbourhoods in it. Clusters are hatched or dotted as well as
    /// coloured, so they read without colour.
    /// </summary>
    /// <param name="areas">The stage's lisa rows.</param>
    /// <param name="shapes">LSOA boundaries (may be empty: centroids are drawn).</param>
    /// <param name="districts">District outlines.</param>
    /// <param name="classes">Neighbourhoods per class from the stage (<c>hotspot_classes</c>).</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="places">Places to name, most important first (see <see cref="MapDecorations.Add"/>).</param>
    /// <returns>The chart; its data table gives the neighbourhoods and share per class, as the stage counted them.</returns>
    public static Chart Create(IReadOnlyList<LisaArea> areas, IReadOnlyList<AreaShape> shapes, IReadOnlyList<AreaShape> districts,
        IReadOnlyList<(string Class, long Units, double Share)> classes, ChartCaption caption, string title = "Local Moran's I: clusters and outliers of serious violence rates",
        IReadOnlyList<MapPlace>? places = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(classes);
        var byCode = areas.GroupBy(a => a.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Class, StringComparer.Ordinal);
        var plot = ChartBuilder.NewPlot(title, string.Empty, string.Empty, caption);
        MapDecorations.HideGridAxes(plot);
        var drawnShapes = shapes.Where(s => byCode.ContainsKey(s.Code)).ToList();
        if (drawnShapes.Count > 0)
        {
            var polygons = new AreaPolygons();
            foreach (var (shape, polygon) in drawnShapes.SelectMany(s => ChartBuilder.PolygonsOf(s.Boundary).Select(p => (s, p))).OrderByDescending(x => x.p.Area))
            {
                var cls = byCode[shape.Code];
                var poly = polygons.Add(ChartBuilder.RingCoordinates(polygon.ExteriorRing));
                poly.FillColor = ClassColour(cls);
                poly.LineColor = Colors.White;
                poly.LineWidth = 0.4f;
                // No vertex markers (size 0, nothing drawn, but each vertex visited on every render).
                poly.MarkerStyle.IsVisible = false;
                if (cls is "HL" or "LH")
                {
                    poly.FillHatch = new ScottPlot.Hatches.Striped();
                    poly.FillHatchColor = Colors.White.WithAlpha(0.6);
                }
            }
            plot.Add.Plottable(polygons);
        }
        else
        {
            foreach (var g in areas.GroupBy(a => a.Class))
            {
                var sc = plot.Add.ScatterPoints(g.Select(a => a.X).ToArray(), g.Select(a => a.Y).ToArray());
                sc.MarkerSize = g.Key == "ns" ? 4 : 8;
                sc.MarkerShape = Shape(g.Key);
                sc.Color = ClassColour(g.Key);
                sc.MarkerLineColor = ChartPalette.Ink;
                sc.MarkerLineWidth = 0.8f;
            }
        }

        ChartBuilder.AddOutlines(plot, districts, ChartPalette.Ink, 1.5f);
        // Significant neighbourhoods also as a marker at their centroid: a small urban neighbourhood stays visible, and
        // the marker's shape says its class without colour.
        if (drawnShapes.Count > 0)
            foreach (var g in areas.Where(a => a.Class != "ns").GroupBy(a => a.Class).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var sc = plot.Add.ScatterPoints(g.Select(a => a.X).ToArray(), g.Select(a => a.Y).ToArray());
                sc.MarkerSize = 7;
                sc.MarkerShape = Shape(g.Key);
                sc.Color = ClassColour(g.Key);
                sc.MarkerLineColor = ChartPalette.Ink;
                sc.MarkerLineWidth = 0.8f;
            }
        plot.HideGrid();
        var counts = classes.ToDictionary(c => c.Class, StringComparer.Ordinal);
        var legend = LegendOrder.Select(c => c == "ns"
            ? ChartBuilder.FillItem($"{ClassLabel(c)} ({(counts.TryGetValue(c, out var k) ? k.Units : 0):N0})", ClassColour(c), ChartPalette.KeyOutline)
            : OutlinedMarker(ChartBuilder.MarkerItem($"{ClassLabel(c)} ({(counts.TryGetValue(c, out var m) ? m.Units : 0):N0})", ClassColour(c), Shape(c), 10))).ToList();
        if (districts.Count > 0) legend.Add(ChartBuilder.LineItem("District boundary", ChartPalette.Ink, 1.5f));
        if (areas.Count == 0) ChartBuilder.ShowNoData(plot, "No neighbourhoods to show");
        else
        {
            plot.Axes.SquareUnits();
            // Names never cover a significant neighbourhood's marker.
            MapDecorations.Add(plot, areas.Max(a => a.X) - areas.Min(a => a.X), places,
                areas.Where(a => a.Class != "ns").Select(a => new CoordinateRect(a.X - 500, a.X + 500, a.Y - 500, a.Y + 500)).ToList());
        }
        ChartBuilder.ShowManualLegend(plot, legend);
        var hh = counts.TryGetValue("HH", out var h) ? h.Units : 0;
        var ll = counts.TryGetValue("LL", out var l) ? l.Units : 0;
        var alt = $"Map of {areas.Count:N0} neighbourhoods coloured by local Moran's I class: {hh:N0} in high-high clusters and {ll:N0} in low-low clusters.";
        var rows = LegendOrder.Where(counts.ContainsKey).Select(c => (IReadOnlyList<string>)[ClassLabel(c),
            counts[c].Units.ToString("N0", CultureInfo.InvariantCulture), ChartBuilder.Number(counts[c].Share, 1)]).ToList();
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Local Moran class", "Neighbourhoods", "Share of neighbourhoods (%)"], rows));
    }

    // Outlined in ink as on the map, so the pale outlier colours show at 3:1 in the key.
    private static LegendItem OutlinedMarker(LegendItem item)
    {
        item.MarkerLineColor = ChartPalette.Ink;
        item.MarkerLineWidth = 0.8f;
        return item;
    }
}
