using NeedsAssessment.Charts;
using NeedsAssessment.Statistics;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// WCAG 2.1 contrast on the charts' white background: text 4.5:1 (1.4.3), and 3:1 (1.4.11) for what a reader must see to
/// read a chart: every line, marker (its fill, or its outline where it has one) and key swatch (its fill or outline).
/// Area fills of ordered classes (map cells, heat map cells, bars) are keyed by those outlined swatches and listed in
/// each figure's data table; white lines are separators and halos, not keys.
/// </summary>
public sealed class ChartContrastTests
{
    private static readonly Color White = ChartPalette.Background;

    [Fact]
    public void The_contrast_ratio_is_the_WCAG_formula()
    {
        Assert.Equal(21, ChartPalette.ContrastRatio(Colors.Black, Colors.White), 6);
        Assert.Equal(1, ChartPalette.ContrastRatio(Colors.White, Colors.White), 6);
        Assert.Equal(ChartPalette.ContrastRatio(Colors.Red, Colors.White), ChartPalette.ContrastRatio(Colors.White, Colors.Red), 9);

        // Published values: #767676 is the lightest grey with 4.5:1 on white; pure red is 4.0:1.
        Assert.Equal(4.54, ChartPalette.ContrastRatio(Color.FromHex("#767676"), Colors.White), 2);
        Assert.Equal(4.00, ChartPalette.ContrastRatio(Color.FromHex("#FF0000"), Colors.White), 2);
        Assert.Equal(0.2126, ChartPalette.RelativeLuminance(Color.FromHex("#FF0000")), 4);
    }

    [Fact]
    public void Text_colours_meet_4_5_to_1_on_the_background()
    {
        foreach (var (name, colour) in new[] { ("Ink", ChartPalette.Ink), ("MutedInk", ChartPalette.MutedInk) })
            Assert.True(ChartPalette.ContrastRatio(colour, White) >= 4.5, $"{name} {colour.ToHex()}: {ChartPalette.ContrastRatio(colour, White):0.00}:1");

        // The typology's numbers are printed on their cell's fill.
        foreach (var c in TypologyProfileChart.Classes)
            Assert.True(ChartPalette.ContrastRatio(c.Text, c.Fill) >= 4.5, $"Typology class {c.Label}: text {c.Text.ToHex()} on {c.Fill.ToHex()} is {ChartPalette.ContrastRatio(c.Text, c.Fill):0.00}:1");
    }

    [Fact]
    public void Palette_line_and_marker_colours_meet_3_to_1_on_the_background()
    {
        var named = ChartPalette.Categorical.Select((c, i) => ($"Categorical[{i}]", c))
            .Concat(Enum.GetValues<Comparison>().Select(c => ($"ForComparison({c})", ChartPalette.ForComparison(c))))
            .Append(("Ink", ChartPalette.Ink)).Append(("KeyOutline", ChartPalette.KeyOutline)).Append(("SuppressedHatch", ChartPalette.SuppressedHatch));
        var failing = named.Where(n => ChartPalette.ContrastRatio(n.Item2, White) < 3).Select(n => $"{n.Item1} {n.Item2.ToHex()} {ChartPalette.ContrastRatio(n.Item2, White):0.00}:1").ToList();
        Assert.True(failing.Count == 0, "Below 3:1 on white: " + string.Join("; ", failing));
    }

    public static TheoryData<string> Kinds() => [.. ChartFrameTests.AllKinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_line_marker_key_and_text_of_each_chart_meets_WCAG_contrast(string kind)
    {
        var chart = ChartFrameTests.Build(kind);
        chart.Plot.RenderInMemory(1000, 620);
        var failing = new List<string>();
        void Graphic(string what, Color c)
        {
            if (c.Alpha > 0 && ChartPalette.ContrastRatio(c, White) < 3) failing.Add($"{what} {c.ToHex()} {ChartPalette.ContrastRatio(c, White):0.00}:1");
        }

        void Marker(string what, Color fill, Color line, float lineWidth)
        {
            var best = Math.Max(fill.Alpha > 0 ? ChartPalette.ContrastRatio(fill, White) : 1, lineWidth > 0 && line.Alpha > 0 ? ChartPalette.ContrastRatio(line, White) : 1);
            if (best < 3) failing.Add($"{what} fill {fill.ToHex()} outline {line.ToHex()} {best:0.00}:1");
        }

        foreach (var p in chart.Plot.GetPlottables())
        {
            var name = p.GetType().Name;
            foreach (var prop in p.GetType().GetProperties().Where(x => x.PropertyType == typeof(LineStyle)))
                if (prop.GetValue(p) is LineStyle { IsVisible: true, Width: > 0 } ls && !IsWhite(ls.Color) && p is not (ScottPlot.Plottables.Polygon or ScottPlot.Plottables.Rectangle or ScottPlot.Plottables.Heatmap))
                    Graphic($"{name}.{prop.Name}", ls.Color);
            foreach (var prop in p.GetType().GetProperties().Where(x => x.PropertyType == typeof(MarkerStyle)))
                if (prop.GetValue(p) is MarkerStyle { IsVisible: true, Size: > 0 } ms && ms.Shape != MarkerShape.None)
                    Marker($"{name}.{prop.Name}", ms.FillColor, ms.LineColor, ms.LineWidth);
            if (p is ScottPlot.Plottables.Text t && !IsWhite(t.LabelFontColor) && ChartPalette.ContrastRatio(t.LabelFontColor, White) < 4.5)
                failing.Add($"text '{t.LabelText}' {t.LabelFontColor.ToHex()}");
        }

        foreach (var item in chart.Plot.Legend.ManualItems)
        {
            var what = $"key '{item.LabelText}'";
            if (item.MarkerShape != MarkerShape.None && item.MarkerSize > 0) Marker(what, item.MarkerFillColor, item.MarkerLineColor, item.MarkerLineWidth);
            else if (item.FillColor.Alpha > 0) Marker(what, item.FillColor, item.OutlineColor, item.OutlineWidth);
            else if (item.LineWidth > 0) Graphic(what, item.LineColor);
        }

        Assert.True(failing.Count == 0, $"{kind}: below WCAG contrast on white: " + string.Join("; ", failing.Distinct()));
    }

    private static bool IsWhite(Color c) => c.Red == 255 && c.Green == 255 && c.Blue == 255;
}
