using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// Renders a plot as SVG with its dashed lines and hatched fills kept. SkiaSharp's SVG canvas ignores path effects and
/// shaders (ScottPlot draws dashes with one and hatching with the other), so a dashed line came out solid, a hatched
/// (suppressed) area plain, and Skia printed "Unsupported path effect in addPaint." on stderr for each dash. Here each
/// patterned line style and hatched fill is drawn plain in a colour no chart uses, one per style, and the SVG's strokes
/// and fills of that colour are given back their colour with an SVG <c>stroke-dasharray</c> or a hatch <c>pattern</c>.
/// </summary>
internal static partial class SvgPatterns
{
    /// <summary>The plot as SVG text, <paramref name="width"/> x <paramref name="height"/>, dashes and hatching kept.</summary>
    public static string Render(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        // One walk over the plottables: a plottable's legend items are made afresh on each call (a map has hundreds).
        var styled = StyledObjects(plot).ToList();
        var lines = styled.SelectMany(StylesOf<LineStyle>).Where(s => s.Pattern.Intervals is { Length: > 0 }).Distinct(ReferenceEqualityComparer.Instance).Cast<LineStyle>()
            .Select(s => (Style: s, s.Color, s.Pattern)).ToList();
        var fills = styled.SelectMany(StylesOf<FillStyle>).Where(s => s.Hatch is not null).Distinct(ReferenceEqualityComparer.Instance).Cast<FillStyle>()
            .Select(s => (Style: s, s.Color, s.HatchColor, s.Hatch)).ToList();
        var dashes = new Dictionary<string, (Color Colour, LinePattern Pattern)>(StringComparer.OrdinalIgnoreCase);
        var hatches = new Dictionary<string, (Color Colour, Color HatchColour, int Id)>(StringComparer.OrdinalIgnoreCase);
        try
        {
            // #0102xx and #0103xx: never abbreviated (#RGB) or named by Skia's writer, and no chart's colour.
            for (var i = 0; i < lines.Count; i++)
            {
                var sentinel = new Color(1, 2, (byte)(3 + (i % 250)), lines[i].Color.Alpha);
                dashes[Hex(sentinel)] = (lines[i].Color, lines[i].Pattern);
                lines[i].Style.Color = sentinel;
                lines[i].Style.Pattern = LinePattern.Solid;
            }

            for (var i = 0; i < fills.Count; i++)
            {
                var sentinel = new Color(1, 3, (byte)(3 + (i % 250)), fills[i].Color.Alpha);
                hatches[Hex(sentinel)] = (fills[i].Color, fills[i].HatchColor, i + 1);
                fills[i].Style.Color = sentinel;
                fills[i].Style.Hatch = null;
            }

            var svg = ChartFile.SvgXml(plot, width, height);
            if (dashes.Count > 0)
                svg = StrokeRegex().Replace(svg, m => dashes.TryGetValue(m.Groups[1].Value, out var d)
                    ? $"stroke=\"{Hex(d.Colour)}\" stroke-dasharray=\"{string.Join(' ', d.Pattern.Intervals.Select(Num))}\""
                      + (d.Pattern.Phase != 0 ? $" stroke-dashoffset=\"{Num(d.Pattern.Phase)}\"" : "")
                    : m.Value);
            if (hatches.Count > 0)
            {
                svg = FillRegex().Replace(svg, m => hatches.TryGetValue(m.Groups[1].Value, out var h) ? $"fill=\"url(#hatch{h.Id})\"" : m.Value);

                // Diagonal stripes like ScottPlot's Striped hatch: the fill colour with lines of the hatch colour.
                var defs = string.Concat(hatches.Values.Select(h =>
                    $"<pattern id=\"hatch{h.Id}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\">" +
                    $"<rect width=\"8\" height=\"8\" fill=\"{Hex(h.Colour)}\"/><rect width=\"3\" height=\"8\" fill=\"{Hex(h.HatchColour)}\"/></pattern>"));
                var start = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal)) + 1;
                svg = svg[..start] + "\n\t<defs>" + defs + "</defs>" + svg[start..];
            }

            return svg;
        }
        finally
        {
            foreach (var (style, colour, pattern) in lines)
            {
                style.Color = colour;
                style.Pattern = pattern;
            }

            foreach (var (style, colour, hatchColour, hatch) in fills)
            {
                style.Color = colour;
                style.HatchColor = hatchColour;
                style.Hatch = hatch;
            }
        }
    }

    /// <summary>
    /// The plot's plottables, each followed by its legend items (and a map's areas, which one plottable draws), then the
    /// legend's own items: everything that holds a style.
    /// </summary>
    private static IEnumerable<object> StyledObjects(Plot plot)
    {
        foreach (var p in plot.GetPlottables())
        {
            yield return p;
            foreach (var item in p.LegendItems) yield return item;
            if (p is AreaPolygons areas)
                foreach (var polygon in areas.Polygons) yield return polygon;
        }

        foreach (var item in plot.Legend.ManualItems) yield return item;
    }

    /// <summary>The object's styles of type <typeparamref name="T"/> (its public properties of that type).</summary>
    private static IEnumerable<T> StylesOf<T>(object o) where T : class =>
        StyleProperties.GetOrAdd((o.GetType(), typeof(T)), key => key.Owner.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .Where(p => p.PropertyType == key.Style && p.GetIndexParameters().Length == 0 && p.CanRead).ToArray())
            .Select(p => p.GetValue(o) as T)
            .OfType<T>();

    // The style-typed properties of each plottable and legend item type, found once: reflecting per object was a
    // third of an SVG's time.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Owner, Type Style), System.Reflection.PropertyInfo[]> StyleProperties = new();

    private static string Num(float v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Hex(Color c) => string.Create(CultureInfo.InvariantCulture, $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}");

    [GeneratedRegex("stroke=\"(#0102[0-9A-Fa-f]{2})\"")]
    private static partial Regex StrokeRegex();

    [GeneratedRegex("fill=\"(#0103[0-9A-Fa-f]{2})\"")]
    private static partial Regex FillRegex();
}
