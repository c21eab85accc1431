using System.Globalization;
using NetTopologySuite.Geometries;
using ScottPlot;
using Coordinates = ScottPlot.Coordinates;

namespace NeedsAssessment.Charts;

/// <summary>Shared set-up so every chart has the same fonts, sizes, caption placement and suppressed styling.</summary>
internal static class ChartBuilder
{
    public const string NoDataMessage = "No data to show";

    public static Plot NewPlot(string title, string xLabel, string yLabel, ChartCaption caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(ChartFonts.FamilyName);
        // The text stays on ScottPlot's title (notebooks read it) but the title panel below draws it, kept inside the figure.
        plot.Title(title);
        plot.Axes.Title.IsVisible = false;
        plot.Axes.AddPanel(new TitlePanel(title));
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.ForeColor = ChartPalette.Ink;
            axis.TickLabelStyle.FontSize = 12;
            axis.TickLabelStyle.ForeColor = ChartPalette.Ink;
        }

        plot.Grid.MajorLineColor = Color.FromHex("#E6E6E6");
        plot.Legend.FontSize = 12;
        plot.Legend.FontName = ChartFonts.FamilyName;

        // Wide enough for a dash pattern to read as dashed.
        plot.Legend.SymbolWidth = 32;
        plot.Axes.AddPanel(new CaptionPanel(caption.Lines()));
        return plot;
    }

    /// <summary>
    /// The figure in the units panels draw in: ScottPlot gives <see cref="RenderPack.FigureRect"/> in output pixels
    /// (twice as wide at a scale factor of 2) while the data area and the canvas are in unscaled pixels.
    /// </summary>
    public static PixelRect Figure(RenderPack rp)
    {
        var s = rp.Plot.ScaleFactor > 0 ? (float)rp.Plot.ScaleFactor : 1f;
        var f = rp.FigureRect;
        return new PixelRect(f.Left / s, f.Right / s, f.Bottom / s, f.Top / s);
    }

    /// <summary>Writes a centred message in the data area of a chart with nothing to draw.</summary>
    public static void ShowNoData(Plot plot, string message = NoDataMessage)
    {
        var annotation = plot.Add.Annotation(message, Alignment.MiddleCenter);
        annotation.LabelFontSize = 16;
        annotation.LabelFontColor = ChartPalette.MutedInk;
        annotation.LabelBackgroundColor = Colors.Transparent;
        annotation.LabelBorderColor = Colors.Transparent;
        annotation.LabelShadowColor = Colors.Transparent;
        plot.Axes.SetLimits(0, 1, 0, 1);

        // Placeholder 0-1 ticks would read as data; charts that have real categories set their own ticks after this.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.HideGrid();
    }

    /// <summary>Legend entry with a plain fill swatch, outlined darker (or in the key outline grey when that is not 3:1 on white, so a pale swatch still shows).</summary>
    public static LegendItem FillItem(string label, Color fill, Color? outline = null) => new()
    {
        LabelText = label,
        FillColor = fill,
        OutlineColor = outline ?? (ChartPalette.ContrastRatio(fill.Darken(0.3), ChartPalette.Background) >= 3 ? fill.Darken(0.3) : ChartPalette.KeyOutline),
        OutlineWidth = 1,
    };

    /// <summary>Legend entry for suppressed or missing values: grey with diagonal hatching.</summary>
    public static LegendItem SuppressedItem(string label = "Suppressed or missing") => new()
    {
        LabelText = label,
        FillColor = ChartPalette.Suppressed,
        FillHatchColor = ChartPalette.SuppressedHatch,
        FillHatch = new ScottPlot.Hatches.Striped(),
        OutlineColor = ChartPalette.SuppressedHatch,
        OutlineWidth = 1,
    };

    /// <summary>Legend entry for a marker series.</summary>
    public static LegendItem MarkerItem(string label, Color color, MarkerShape shape = MarkerShape.FilledCircle, float size = 10) => new()
    {
        LabelText = label,
        MarkerShape = shape,
        MarkerSize = size,
        MarkerFillColor = color,
        MarkerLineColor = color,
        LineWidth = 0,
    };

    /// <summary>Legend entry for a line.</summary>
    public static LegendItem LineItem(string label, Color color, float width = 2, LinePattern? pattern = null) => new()
    {
        LabelText = label,
        LineColor = color,
        LineWidth = width,
        LinePattern = pattern ?? LinePattern.Solid,
    };

    /// <summary>
    /// Shows <paramref name="items"/> as the legend: outside the data area on the right by default, so it can never
    /// hide a point whatever the data; inside at <paramref name="inside"/> only where that corner is empty by construction.
    /// </summary>
    public static void ShowManualLegend(Plot plot, IEnumerable<LegendItem> items, Alignment? inside = null)
    {
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        if (plot.Legend.ManualItems.Count == 0)
        {
            plot.HideLegend();
            return;
        }

        if (inside is { } alignment)
        {
            plot.Legend.Alignment = alignment;
            plot.Legend.IsVisible = true;
        }
        else
        {
            plot.ShowLegend(Edge.Right);
        }
    }

    /// <summary>
    /// Shows the legend below the data area, between the x axis and the caption (the caption panel is moved after it,
    /// since panels on one edge stack outwards in the order they were added).
    /// </summary>
    public static void ShowLegendBelow(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        if (plot.Legend.ManualItems.Count == 0)
        {
            plot.HideLegend();
            return;
        }

        plot.ShowLegend(Edge.Bottom);
        foreach (var caption in plot.Axes.GetPanels().OfType<CaptionPanel>().ToList())
        {
            plot.Axes.Remove(caption);
            plot.Axes.AddPanel(caption);
        }
    }

    /// <summary>
    /// A label for use mid-sentence: first letter lower-cased unless the label starts with an acronym ("ED", "LSOA").
    /// </summary>
    public static string MidSentence(string label)
    {
        if (label.Length < 2 || !char.IsUpper(label[0]) || char.IsUpper(label[1]))
        {
            return label;
        }

        return char.ToLowerInvariant(label[0]) + label[1..];
    }

    /// <summary>Number for tables and labels: thousands separators, fixed decimals, invariant culture.</summary>
    public static string Number(double value, int decimals = 1) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// The caption's note on items left off a chart: their names when there are a few, otherwise how many, since the
    /// data table lists each with the reason (a caption naming hundreds of neighbourhoods reads as noise).
    /// </summary>
    /// <param name="names">Names of the items not drawn.</param>
    /// <param name="noun">Plural noun for the count, e.g. "neighbourhoods".</param>
    /// <returns>One sentence.</returns>
    public static string HiddenNote(IReadOnlyList<string> names, string noun)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Count <= 5
            ? $"Not shown (suppressed or no data): {string.Join(", ", names)}."
            : $"{names.Count.ToString("N0", CultureInfo.InvariantCulture)} {noun} not shown (suppressed or no data); the data table lists them.";
    }

    public static string NumberOr(double? value, bool suppressed, int decimals = 1)
    {
        if (suppressed)
        {
            return ChartDataTable.SuppressedText;
        }

        return value is { } v && double.IsFinite(v) ? Number(v, decimals) : ChartDataTable.MissingText;
    }

    /// <summary>Decimals that show differences at the scale of <paramref name="magnitude"/> without false precision.</summary>
    public static int DecimalsFor(double magnitude)
    {
        var m = Math.Abs(magnitude);
        return m >= 100 ? 0 : m >= 10 ? 1 : m >= 1 ? 2 : 3;
    }

    /// <summary>The polygons of a boundary (a Polygon, or each part of a MultiPolygon or collection).</summary>
    public static IEnumerable<NetTopologySuite.Geometries.Polygon> PolygonsOf(Geometry? geometry)
    {
        switch (geometry)
        {
            case NetTopologySuite.Geometries.Polygon polygon when !polygon.IsEmpty:
                yield return polygon;
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++)
                {
                    foreach (var part in PolygonsOf(collection.GetGeometryN(i)))
                    {
                        yield return part;
                    }
                }

                break;
        }
    }

    public static Coordinates[] RingCoordinates(LineString ring) =>
        ring.Coordinates.Select(c => new Coordinates(c.X, c.Y)).ToArray();

    /// <summary>
    /// Draws every ring (outer and holes) of the boundaries as unfilled outlines over a white halo, so a dark
    /// line stays visible over the darkest fill classes.
    /// </summary>
    public static void AddOutlines(Plot plot, IEnumerable<AreaShape> shapes, Color color, float width)
    {
        var rings = shapes
            .SelectMany(s => PolygonsOf(s.Boundary))
            .SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings))
            .Select(RingCoordinates)
            .ToList();
        foreach (var (lineColor, lineWidth) in new[] { (Colors.White, width + 3), (color, width) })
        {
            foreach (var ring in rings)
            {
                var line = plot.Add.ScatterLine(ring, lineColor);
                line.LineWidth = lineWidth;
                line.MarkerSize = 0;
                // Markers of size 0 draw nothing, but ScottPlot still visits every vertex with one on every render.
                line.MarkerStyle.IsVisible = false;
            }
        }
    }

    /// <summary>Pixel-free "nice" length (1, 2 or 5 × 10ⁿ) close to a fifth of <paramref name="span"/>, for scale bars.</summary>
    public static double NiceLength(double span)
    {
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1000;
        }

        var target = span / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        var step = target / power >= 5 ? 5 : target / power >= 2 ? 2 : 1;
        return step * power;
    }

    /// <summary>Ticks for an axis holding log10 values: labels 1, 10, 100 … at the powers, minor ticks at 2-9 ×.</summary>
    public static ScottPlot.TickGenerators.NumericManual LogTicks(double lowPower, double highPower)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var p = lowPower; p <= highPower; p++)
        {
            // Decades below 1 (expected counts of a fraction of an event) need their decimals: 0.1, not "0".
            ticks.AddMajor(p, Number(Math.Pow(10, p), (int)Math.Max(0, -p)));
            for (var k = 2; k <= 9 && p < highPower; k++)
            {
                ticks.AddMinor(p + Math.Log10(k));
            }
        }

        return ticks;
    }

    public static string Distance(double metres) =>
        metres >= 1000 ? $"{Number(metres / 1000, metres % 1000 == 0 ? 0 : 1)} km" : $"{Number(metres, 0)} m";
}
