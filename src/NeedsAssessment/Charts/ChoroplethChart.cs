using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Map of small-area (LSOA) values shaded by quintile, with district boundaries.</summary>
public static class ChoroplethChart
{
    /// <summary>
    /// Quintile class boundaries of <paramref name="values"/>: six numbers, the minimum, the 20th, 40th, 60th and
    /// 80th percentiles and the maximum, by linear interpolation between order statistics (Hyndman &amp; Fan type 7,
    /// R's and Excel's PERCENTILE.INC default). Non-finite values are ignored; empty input gives an empty array.
    /// </summary>
    /// <param name="values">Values to classify.</param>
    /// <returns>Breaks b₀ ≤ … ≤ b₅.</returns>
    public static double[] QuintileBreaks(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return [];
        }

        var breaks = new double[6];
        for (var k = 0; k <= 5; k++)
        {
            var h = (sorted.Length - 1) * k / 5.0;
            var lo = (int)Math.Floor(h);
            var hi = Math.Min(lo + 1, sorted.Length - 1);
            breaks[k] = sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
        }

        return breaks;
    }

    /// <summary>
    /// Quintile (1-5) of <paramref name="value"/> given <see cref="QuintileBreaks"/>: the first class whose upper
    /// break is at least the value, so a value equal to a break falls in the lower class.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="breaks">Six breaks.</param>
    /// <returns>1 to 5.</returns>
    public static int QuintileOf(double value, IReadOnlyList<double> breaks)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        if (breaks.Count != 6)
        {
            throw new ArgumentException($"Expected 6 quintile breaks but got {breaks.Count}.", nameof(breaks));
        }

        for (var q = 1; q <= 4; q++)
        {
            if (value <= breaks[q])
            {
                return q;
            }
        }

        return 5;
    }

    /// <summary>
    /// Fills each small area by the quintile of its value (viridis, dark = low), suppressed or missing areas grey and
    /// hatched, outlines the districts and names places, with a scale bar and a north arrow; the legend gives each quintile's range.
    /// </summary>
    /// <param name="values">Values per small area (joined to shapes by code).</param>
    /// <param name="shapes">Small-area boundaries in British National Grid metres.</param>
    /// <param name="districts">District boundaries to outline (may be empty).</param>
    /// <param name="valueLabel">What the value is, with units, e.g. "Violence with injury per 1,000 residents".</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="places">Places to name, most important first (see <see cref="MapDecorations.Add"/>).</param>
    /// <returns>The chart; its data table lists every area with its value and quintile.</returns>
    public static Chart Create(
        IReadOnlyList<AreaValue> values,
        IReadOnlyList<AreaShape> shapes,
        IReadOnlyList<AreaShape> districts,
        string valueLabel,
        ChartCaption caption,
        string title,
        IReadOnlyList<MapPlace>? places = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(districts);
        var byCode = values.GroupBy(v => v.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var breaks = QuintileBreaks(values.Where(v => v.IsDrawable).Select(v => v.Value!.Value));
        var colours = ChartPalette.SequentialClasses(5);
        var decimals = breaks.Length == 0 ? 1 : ChartBuilder.DecimalsFor(breaks[3]);

        var plot = ChartBuilder.NewPlot(title, string.Empty, string.Empty, caption);
        MapDecorations.HideGridAxes(plot);
        var classCounts = new int[6];
        var grey = 0;

        // Largest first so an area inside another's hole is painted over it (ScottPlot polygons have no holes).
        var ordered = shapes
            .SelectMany(s => ChartBuilder.PolygonsOf(s.Boundary).Select(p => (Shape: s, Polygon: p)))
            .OrderByDescending(x => x.Polygon.Area);
        var counted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var areas = new AreaPolygons();
        foreach (var (shape, polygon) in ordered)
        {
            byCode.TryGetValue(shape.Code, out var value);
            var poly = areas.Add(ChartBuilder.RingCoordinates(polygon.ExteriorRing));
            poly.LineColor = Colors.White;
            poly.LineWidth = 0.5f;
            // No vertex markers (size 0, nothing drawn, but each vertex visited on every render).
            poly.MarkerStyle.IsVisible = false;
            var first = counted.Add(shape.Code);
            if (value is not null && value.IsDrawable && breaks.Length == 6)
            {
                var q = QuintileOf(value.Value!.Value, breaks);
                poly.FillColor = colours[q - 1];
                classCounts[q] += first ? 1 : 0;
            }
            else
            {
                poly.FillColor = ChartPalette.Suppressed;
                poly.FillHatchColor = ChartPalette.SuppressedHatch;
                poly.FillHatch = new ScottPlot.Hatches.Striped();
                grey += first ? 1 : 0;
            }
        }

        plot.Add.Plottable(areas);
        ChartBuilder.AddOutlines(plot, districts, ChartPalette.Ink, 1.5f);
        plot.HideGrid();

        var legend = new List<LegendItem>();
        for (var q = 1; q <= 5 && breaks.Length == 6; q++)
        {
            if (classCounts[q] == 0)
            {
                continue;
            }

            var name = q == 1 ? "Q1 (lowest)" : q == 5 ? "Q5 (highest)" : $"Q{q}";
            legend.Add(ChartBuilder.FillItem(
                $"{name}: {ChartBuilder.Number(breaks[q - 1], decimals)} to {ChartBuilder.Number(breaks[q], decimals)} ({classCounts[q]})",
                colours[q - 1]));
        }

        if (grey > 0)
        {
            legend.Add(ChartBuilder.SuppressedItem($"Suppressed or no data ({grey})"));
        }

        if (districts.Count > 0)
        {
            legend.Add(ChartBuilder.LineItem("District boundary", ChartPalette.Ink, 1.5f));
        }

        ChartBuilder.ShowManualLegend(plot, legend);
        if (shapes.Count == 0 && districts.Count == 0)
        {
            ChartBuilder.ShowNoData(plot);
        }
        else
        {
            plot.Axes.SquareUnits();
            var xs = shapes.Concat(districts).Select(s => s.Boundary.EnvelopeInternal).ToList();
            MapDecorations.Add(plot, xs.Max(e => e.MaxX) - xs.Min(e => e.MinX), places);
        }

        var shapeCodes = new HashSet<string>(shapes.Select(s => s.Code), StringComparer.OrdinalIgnoreCase);
        var rows = values
            .OrderBy(v => v.Code, StringComparer.Ordinal)
            .Select(v => (IReadOnlyList<string>)
            [
                v.Code,
                v.Name,
                ChartBuilder.NumberOr(v.Value, v.Suppressed, decimals),
                v.IsDrawable && breaks.Length == 6 ? QuintileOf(v.Value!.Value, breaks).ToString(CultureInfo.InvariantCulture) : string.Empty,
                shapeCodes.Contains(v.Code) ? "yes" : "no boundary",
            ])
            .ToList();
        var drawn = classCounts.Sum();
        var alt = drawn == 0
            ? $"Map of {shapes.Count:N0} small areas with no values to show for {ChartBuilder.MidSentence(valueLabel)}."
            : $"Map of {shapes.Count:N0} small areas shaded by quintile of {ChartBuilder.MidSentence(valueLabel)}, from {ChartBuilder.Number(breaks[0], decimals)} to {ChartBuilder.Number(breaks[5], decimals)}, with {grey:N0} areas suppressed or without data.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Area code", "Area name", valueLabel, "Quintile (1 = lowest)", "Mapped"], rows));
    }
}
