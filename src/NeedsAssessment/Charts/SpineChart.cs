using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>One indicator of a spine chart: the area's value against its benchmark and the range of comparator areas.</summary>
/// <param name="Indicator">Indicator name.</param>
/// <param name="Benchmark">The benchmark value (the centre line).</param>
/// <param name="Value">The area's value; null when hidden or missing.</param>
/// <param name="Comparators">Values of the comparator areas (districts or hubs).</param>
/// <param name="Judgement">worse, better, similar, higher, lower or not compared (the area against the benchmark, read through the polarity).</param>
/// <param name="Polarity">higher_is_worse, higher_is_better or no_judgement: which way is drawn to the right.</param>
/// <param name="Decimals">Decimals to print the values with.</param>
public sealed record SpineRow(string Indicator, double Benchmark, double? Value, IReadOnlyList<double> Comparators, string Judgement, string Polarity, int Decimals = 1);

/// <summary>
/// A Fingertips-style spine chart: one line per indicator, the benchmark on the centre line, a grey bar from the lowest
/// to the highest comparator area with a tick for each, and the area's value as a marker whose colour and shape say how
/// it compares. Each line is scaled so its furthest value from the benchmark reaches the edge; worse is to the left.
/// </summary>
public static class SpineChart
{
    /// <summary>Marker colour of a judgement (Fingertips: red worse, green better, amber similar, blues where neither is better).</summary>
    public static Color JudgementColour(string judgement) => judgement switch
    {
        "worse" => Color.FromHex("#C0392B"),
        "better" => Color.FromHex("#2E8540"),
        "similar" => Color.FromHex("#F0B323"),
        "higher" => Color.FromHex("#1D4E89"),
        "lower" => Color.FromHex("#7FB2E5"),
        _ => Color.FromHex("#FFFFFF"),
    };

    /// <summary>Marker shape of a judgement, so it reads without colour.</summary>
    public static MarkerShape JudgementShape(string judgement) => judgement switch
    {
        "worse" => MarkerShape.FilledTriangleDown,
        "better" => MarkerShape.FilledTriangleUp,
        "similar" => MarkerShape.FilledCircle,
        "higher" or "lower" => MarkerShape.FilledDiamond,
        _ => MarkerShape.OpenCircle,
    };

    private static readonly string[] Judgements = ["worse", "similar", "better", "higher", "lower", "not compared"];

    /// <summary>Draws the spine chart.</summary>
    /// <param name="rows">Indicators, top first.</param>
    /// <param name="areaName">The area the markers are (e.g. the partnership).</param>
    /// <param name="comparatorName">The comparator areas, plural (e.g. "districts").</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <returns>The chart; its data table gives each indicator's benchmark, value, lowest and highest comparator and judgement.</returns>
    public static Chart Create(IReadOnlyList<SpineRow> rows, string areaName, string comparatorName, ChartCaption caption, string title)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var n = rows.Count;

        // Rows from the top. With few rows a long name takes two lines and its row is taller, so it is whole; with many,
        // each name keeps one line (shortened, the data table has it whole), so the chart still fits a page at a legible size.
        var twoLines = n <= TwoLineRows;
        var labels = rows.Select(r => Label(r.Indicator, twoLines)).ToList();
        var plot = ChartBuilder.NewPlot(title, "← worse (or lower)      benchmark      better (or higher) →", string.Empty,
            caption.WithNote($"Centre line: the benchmark; grey bar: lowest to highest of the {comparatorName}, a tick for each; marker: {areaName}."
                + (labels.Any(l => l.EndsWith('…')) ? " Long indicator names are shortened (…); the data table gives them whole." : "")));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var pitch = labels.Select(l => l.Contains('\n', StringComparison.Ordinal) ? 1.5 : 1.0).ToList();
        var top = pitch.Sum();
        var ys = new double[n];
        var used = 0.0;
        for (var i = 0; i < n; i++)
        {
            ys[i] = top - used - (pitch[i] / 2);
            used += pitch[i];
        }

        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            var y = ys[i];
            var sign = r.Polarity == "higher_is_worse" ? -1.0 : 1.0;
            var reach = r.Comparators.Append(r.Value ?? r.Benchmark).Select(v => Math.Abs(v - r.Benchmark)).DefaultIfEmpty(0).Max();
            if (!(reach > 0)) reach = 1;
            double Pos(double v) => sign * (v - r.Benchmark) / reach;
            if (r.Comparators.Count > 0)
            {
                var lo = r.Comparators.Min(Pos);
                var hi = r.Comparators.Max(Pos);
                var bar = plot.Add.Rectangle(lo, Math.Max(hi, lo + 0.01), y - 0.22, y + 0.22);
                bar.FillColor = Color.FromHex("#D0D0D0");

                // The pale bar is outlined so it shows at 3:1 on white (WCAG 2.1 non-text contrast).
                bar.LineColor = ChartPalette.KeyOutline;
                bar.LineWidth = 1;
                foreach (var c in r.Comparators)
                {
                    var t = plot.Add.Line(Pos(c), y - 0.22, Pos(c), y + 0.22);
                    t.LineColor = Color.FromHex("#707070");
                    t.LineWidth = 1;
                }
            }
            if (r.Value is { } v)
            {
                var m = plot.Add.Marker(Pos(v), y, JudgementShape(r.Judgement), 15, JudgementColour(r.Judgement));
                m.MarkerLineColor = ChartPalette.Ink;
                m.MarkerLineWidth = 1;
            }
            ticks.AddMajor(y, labels[i]);
        }
        var centre = plot.Add.VerticalLine(0, 2, ChartPalette.Ink);
        centre.LinePattern = LinePattern.Solid;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = LabelSize;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.SetLimits(-1.1, 1.1, -0.2, Math.Max(1, top) + 0.2);
        plot.HideGrid();
        var legend = Judgements.Where(j => rows.Any(r => r.Judgement == j)).Select(j =>
        {
            // Outlined like the chart's markers, so the white "not compared" marker shows in the key.
            var item = ChartBuilder.MarkerItem($"{areaName}: {j}", JudgementColour(j), JudgementShape(j), 14);
            item.MarkerLineColor = ChartPalette.Ink;
            item.MarkerLineWidth = 1;
            return item;
        }).ToList();
        legend.Add(ChartBuilder.FillItem($"Range of the {comparatorName}", Color.FromHex("#D0D0D0")));
        legend.Add(ChartBuilder.LineItem("Benchmark", ChartPalette.Ink, 2));
        // Below the spines, so the key never covers a bar and the spines keep the plot's width.
        plot.Legend.FontSize = 15;
        ChartBuilder.ShowLegendBelow(plot, legend);
        if (n == 0) ChartBuilder.ShowNoData(plot);
        string F(double v, int d) => ChartBuilder.Number(v, d);
        var data = rows.Select(r => (IReadOnlyList<string>)[r.Indicator, F(r.Benchmark, r.Decimals), r.Value is { } v ? F(v, r.Decimals) : ChartDataTable.MissingText,
            r.Comparators.Count > 0 ? F(r.Comparators.Min(), r.Decimals) : ChartDataTable.MissingText, r.Comparators.Count > 0 ? F(r.Comparators.Max(), r.Decimals) : ChartDataTable.MissingText,
            r.Judgement]).ToList();
        var worse = rows.Count(r => r.Judgement == "worse");
        var better = rows.Count(r => r.Judgement == "better");
        var alt = $"Spine chart of {n.ToString(CultureInfo.InvariantCulture)} indicators for {areaName} against the benchmark and the range of the {comparatorName}: {worse} worse and {better} better than the benchmark.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Indicator", "Benchmark", areaName, $"Lowest of the {comparatorName}", $"Highest of the {comparatorName}", "Compared with the benchmark"], data))
        {
            Size = (Width, Math.Max(MinHeight, (int)Math.Ceiling(Frame + (RowPixels * top)))),
        };
    }

    /// <summary>Width the chart is laid out for: at 17 cm on a page its 15-pixel names are about 7 pt (they were 11 pixels, 5 pt).</summary>
    public const int Width = 1000;

    private const int MinHeight = 620;

    /// <summary>Pixels of a one-line row; a two-line row takes one and a half.</summary>
    private const double RowPixels = 24;

    /// <summary>Up to this many indicators, a long name takes two lines.</summary>
    internal const int TwoLineRows = 20;

    /// <summary>Title, axis note, key and caption.</summary>
    private const double Frame = 270;

    private const float LabelSize = 15;

    /// <summary>Characters per line of an indicator's name (about 540 pixels at 15 pixels).</summary>
    internal const int WrapAt = 64;

    /// <summary>The indicator's name on at most two lines (one when <paramref name="twoLines"/> is false); a longer name is shortened at a word, with an ellipsis.</summary>
    internal static string Label(string name, bool twoLines = true)
    {
        var lines = CaptionPanel.Wrap([name], WrapAt);
        if (!twoLines) return lines.Count == 1 ? lines[0] : Shorten(name);
        if (lines.Count <= 2) return string.Join('\n', lines);
        var second = string.Join(' ', lines.Skip(1));
        return lines[0] + "\n" + (second.Length > WrapAt ? second[..(WrapAt - 1)].TrimEnd() + "…" : second);
    }

    private static string Shorten(string name)
    {
        var cut = name[..WrapAt];
        var space = cut.LastIndexOf(' ');
        return (space > WrapAt / 2 ? cut[..space] : cut).TrimEnd(' ', ',', '(', '-') + "…";
    }
}
